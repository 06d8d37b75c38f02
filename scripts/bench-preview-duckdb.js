// The DuckDB part of `npm run bench:preview` (issue 14): the same generated Parquet CUR through
// the JavaScript engine and through `--engine duckdb`, against a bare DuckDB aggregation.
//
//   node scripts/bench-preview-duckdb.js [--sizes 10000000] [--large 50000000]
//
// The files are bench-out/preview-<rows>.parquet of scripts/bench-preview.js (made by it when
// missing: the example's four-step "Workflow 1"). For each size, each in a fresh process:
//   js       `msp-enroll preview examples/enrollment.xlsx FILE --json`: wall clock, peak RSS
//   duckdb   the same with --engine duckdb
//   bare     a node process running `SELECT line_item_usage_account_id, sum(line_item_unblended_cost)
//            FROM read_parquet(FILE) GROUP BY 1` through @duckdb/node-api: wall clock, peak RSS
// and the targets: duckdb <= 1.5 x bare, duckdb >= 3 x faster than js at 10^7 rows. The two
// engines' totals (before, final) must be equal to the unit. `--large N` runs only the DuckDB
// engine and the bare scan on N rows (10^8 where the disk allows).
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

/** Wall clock and peak RSS of a command (/usr/bin/time), and its standard output. */
function timed(argv) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${argv.join(' ')} failed: ${run.stderr}`);
  const [seconds, kb] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, rssMb: kb / 1024, stdout: run.stdout };
}

const BARE = `
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const file = process.argv[1];
  // Parquet here; bench-preview.js also times it on the CSV.gz files.
  const from = file.endsWith('.parquet') ? \`read_parquet('\${file}')\` : \`read_csv('\${file}', header = true)\`;
  await c.runAndReadAll(\`SELECT line_item_usage_account_id, sum(line_item_unblended_cost) FROM \${from} GROUP BY 1\`);
})();
`;

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
  timed([
    process.execPath,
    BIN,
    'preview',
    WORKBOOK,
    file,
    '--json',
    ...(engine === 'duckdb' ? ['--engine', 'duckdb'] : []),
  ]);

function report(rows, withJs) {
  const file = ensureFile(rows);
  const bare = timed([process.execPath, '-e', BARE, file]);
  const duck = preview(file, 'duckdb');
  const lines = [
    `\n${rows.toLocaleString('en-US')} rows, Parquet (${(fs.statSync(file).size / 1e6).toFixed(0)} MB), four-step workflow`,
    `  bare DuckDB aggregation  ${bare.seconds.toFixed(1)} s, peak RSS ${bare.rssMb.toFixed(0)} MB`,
    `  --engine duckdb          ${duck.seconds.toFixed(1)} s, peak RSS ${duck.rssMb.toFixed(0)} MB; ${(duck.seconds / bare.seconds).toFixed(2)}x bare   target <= 1.5x  ${duck.seconds <= 1.5 * bare.seconds ? 'met' : 'MISSED'}`,
  ];
  const d = JSON.parse(duck.stdout).total;
  if (withJs) {
    const js = preview(file, 'js');
    const j = JSON.parse(js.stdout).total;
    const speedup = js.seconds / duck.seconds;
    lines.push(
      `  JavaScript engine        ${js.seconds.toFixed(1)} s, peak RSS ${js.rssMb.toFixed(0)} MB; duckdb is ${speedup.toFixed(1)}x faster   target >= 3x  ${speedup >= 3 ? 'met' : 'MISSED'}`,
      `  totals                   js before ${j.before} final ${j.final}; duckdb before ${d.before} final ${d.final}: ${j.before === d.before && j.final === d.final ? 'equal' : 'DIFFERENT'}`,
    );
  } else lines.push(`  totals                   duckdb before ${d.before} final ${d.final}`);
  console.log(lines.join('\n'));
}

function main() {
  const args = process.argv.slice(2);
  fs.mkdirSync(OUT, { recursive: true });
  console.log(`msp-enroll preview, DuckDB engine (node ${process.version}, ${require('os').cpus().length} CPUs)`);
  for (const size of option(args, '--sizes', '10000000').split(',').filter(Boolean)) report(Number(size), true);
  const large = option(args, '--large', '');
  if (large !== '') report(Number(large), false);
}

// bench-preview.js times BARE as its fresh-process yardstick.
module.exports = { BARE };

if (require.main === module) main();
