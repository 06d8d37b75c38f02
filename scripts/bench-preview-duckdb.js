// The DuckDB part of `npm run bench:preview` (issue 14): the same generated Parquet CUR through
// the JavaScript engine and through `--engine duckdb`, against bare DuckDB aggregations.
//
//   node scripts/bench-preview-duckdb.js [--sizes 10000000] [--large FILE_OR_ROWS]
//
// The files are bench-out/preview-<rows>.parquet of scripts/bench-preview.js (made by it when
// missing: the example's four-step "Workflow 1"). For each size, each in a fresh process, wall
// clock, CPU seconds (user + system) and peak RSS by /usr/bin/time:
//   js       `msp-enroll preview examples/enrollment.xlsx FILE --json --engine js`
//   duckdb   the same with --engine duckdb
//   bare     node running `SELECT line_item_usage_account_id, sum(line_item_unblended_cost)
//            FROM read_parquet(FILE) GROUP BY 1` through @duckdb/node-api (the issue's yardstick:
//            two columns)
//   bare13   the fairer yardstick: a bare aggregation reading the 13 columns the example's
//            workflows read, grouped by the same four keys (no step logic)
// and the targets: duckdb <= 1.5 x bare, duckdb >= 3 x faster than js at 10^7 rows (met or
// MISSED); the ratio to bare13 is printed beside, for information. The engines' totals (before,
// final) must be equal to the unit. `--large` runs only DuckDB (engine, bare, bare13) on a file
// (a path, or N for bench-out/preview-N.parquet), e.g. 10^8 rows replicated by DuckDB COPY.
// On a machine shared with other work the CPU seconds are the steadier figure.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'msp-enroll.js');
const OUT = path.join(ROOT, 'bench-out');
const WORKBOOK = path.join(ROOT, 'examples', 'enrollment.xlsx');

const option = (args, name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : String(args[i + 1] ?? '');
};

/** Wall clock, CPU seconds and peak RSS of a command (/usr/bin/time), and its standard output. */
function timed(argv) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${argv.join(' ')} failed: ${run.stderr}`);
  const [seconds, kb, user, sys] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, cpu: user + sys, rssMb: kb / 1024, stdout: run.stdout, stderr: run.stderr };
}

const bareScript = (sql) => `
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const file = process.argv[1].replace(/'/g, "''");
  // Parquet here; bench-preview.js also times the two-column scan on its CSV.gz files.
  const from = file.endsWith('.parquet') ? \`read_parquet('\${file}')\` : \`read_csv('\${file}', header = true)\`;
  await c.runAndReadAll(\`${sql}\`);
})();
`;

const BARE = bareScript('SELECT line_item_usage_account_id, sum(line_item_unblended_cost) FROM ${from} GROUP BY 1');

// The columns the example's workflows read (the compiled query's), aggregated without the steps.
const BARE_SAME = bareScript(
  'SELECT bill_payer_account_id, bill_billing_period_start_date, line_item_usage_account_id, line_item_product_code, ' +
    'count(*), sum(line_item_unblended_cost), sum(pricing_public_on_demand_cost), max(line_item_line_item_type), ' +
    'max(line_item_line_item_description), max(reservation_reservation_a_r_n), max(savings_plan_savings_plan_a_r_n), ' +
    'max(line_item_unblended_rate), max(pricing_public_on_demand_rate), max(product_region_code), ' +
    'max(line_item_usage_start_date), max(line_item_usage_end_date) FROM ${from} GROUP BY 1, 2, 3, 4',
);

function ensureFile(rows) {
  const file = path.join(OUT, `preview-${rows}.parquet`);
  if (!fs.existsSync(file)) {
    const run = spawnSync(
      process.execPath,
      [path.join(__dirname, 'bench-preview.js'), '--sizes', String(rows), '--formats', 'parquet'],
      { stdio: 'inherit' },
    );
    if (run.status !== 0) throw new Error('bench-preview.js could not make the file');
  }
  return file;
}

const preview = (file, engine) =>
  timed([process.execPath, BIN, 'preview', WORKBOOK, file, '--json', '--engine', engine]);

const figure = (name, r) =>
  `  ${name.padEnd(24)} ${r.seconds.toFixed(2).padStart(6)} s wall, ${r.cpu.toFixed(2).padStart(6)} s CPU, peak RSS ${r.rssMb.toFixed(0).padStart(4)} MB`;
const verdict = (ok) => (ok ? 'met' : 'MISSED');

function report(file, rows, withJs) {
  const bare = timed([process.execPath, '-e', BARE, file]);
  const bare13 = timed([process.execPath, '-e', BARE_SAME, file]);
  const duck = preview(file, 'duckdb');
  const ratio = duck.seconds / bare.seconds;
  const lines = [
    `\n${rows}, Parquet (${(fs.statSync(file).size / 1e6).toFixed(0)} MB), four-step workflow: ${file}`,
    figure('bare DuckDB aggregation', bare),
    figure('bare, same 13 columns', bare13),
    figure('--engine duckdb', duck),
    `  duckdb / bare            ${ratio.toFixed(2)}x wall (${(duck.cpu / bare.cpu).toFixed(2)}x CPU)   target <= 1.5x  ${verdict(ratio <= 1.5)}`,
    `  duckdb / bare13          ${(duck.seconds / bare13.seconds).toFixed(2)}x wall (${(duck.cpu / bare13.cpu).toFixed(2)}x CPU)   (the fairer yardstick, no target)`,
  ];
  const d = JSON.parse(duck.stdout).total;
  if (withJs) {
    const js = preview(file, 'js');
    const j = JSON.parse(js.stdout).total;
    const speedup = js.seconds / duck.seconds;
    lines.push(
      figure('JavaScript engine', js),
      `  js / duckdb              ${speedup.toFixed(2)}x wall (${(js.cpu / duck.cpu).toFixed(2)}x CPU)   target >= 3x  ${verdict(speedup >= 3)}`,
      `  totals                   js before ${j.before} final ${j.final}; duckdb before ${d.before} final ${d.final}: ${j.before === d.before && j.final === d.final ? 'equal to the unit' : 'DIFFERENT'}`,
    );
  } else lines.push(`  totals                   duckdb before ${d.before} final ${d.final}`);
  console.log(lines.join('\n'));
}

function main() {
  const args = process.argv.slice(2);
  fs.mkdirSync(OUT, { recursive: true });
  console.log(`msp-enroll preview, DuckDB engine (node ${process.version}, ${require('os').cpus().length} CPUs)`);
  for (const size of option(args, '--sizes', '10000000').split(',').filter(Boolean))
    report(ensureFile(Number(size)), `${Number(size).toLocaleString('en-US')} rows`, true);
  const large = option(args, '--large', '');
  if (large !== '') {
    const file = /^\d+$/.test(large) ? ensureFile(Number(large)) : large;
    report(file, /^\d+$/.test(large) ? `${Number(large).toLocaleString('en-US')} rows` : 'large file', false);
  }
}

// bench-preview.js times BARE as its fresh-process yardstick.
module.exports = { BARE };

if (require.main === module) main();
