// Benchmark of `msp-enroll preview` on generated CURs: `npm run bench:preview` (builds first).
//
//   node scripts/bench-preview.js [--sizes 1000000,10000000] [--formats parquet,csv.gz] [--regen]
//                                 [--replicate]
//
// --replicate: build each larger size from the 10^6 file repeated (DuckDB, seconds) instead of
// generating it afresh (minutes on a busy machine); the rows repeat, the column statistics stay.
//
// For each size, writes bench-out/preview-<rows>.csv.gz once with the seeded generator (Athena
// column names; every row in subsets on the example's four-step "Workflow 1": replace RI and SP
// discounts, remove EDP, uplift 3%), converts it to bench-out/preview-<rows>.parquet with DuckDB
// (COPY TO, row groups of 122,880), and then, each in a fresh process, prints for each file:
// Rates are given per wall-clock second and per CPU second of the process: on a machine shared
// with other work the second is the steadier figure.
//   read     rows per second through the reader (Parquet row groups, CSV chunks) into batches
//   apply    rows per second through the runner (the workflow on batches held in memory)
//   whole    `node bin/msp-enroll.js preview examples/enrollment.xlsx FILE --json --engine js`
//   default  the same without --engine, as a user runs it (DuckDB where it pays), and its engine
//            (the JavaScript engine, whatever the command's default): wall clock, CPU and peak
//            RSS (/usr/bin/time)
//   duckdb   `SELECT line_item_usage_account_id, sum(line_item_unblended_cost) ... GROUP BY 1`
//            on the same file through @duckdb/node-api (the yardstick), timed two ways: the
//            query alone inside a process that has DuckDB loaded, and as a whole fresh process
//            (bench-preview-duckdb.js's BARE: node start, DuckDB load, query), which is how the
//            whole command is timed
//   before   the preview's total before any step, against the generator's exact ledger
//            (bench-out/preview-<rows>.ledger.json, computed once by the seeded generator)
// and the targets: apply >= 3.5 M rows/s, whole Parquet preview <= 3 x the DuckDB scan (both
// ratios printed), peak RSS < 500 MB. Run on a quiet machine: wall-clock figures on a shared one
// are noisy, so CPU seconds are printed beside them.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { BARE } = require('./bench-preview-duckdb');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'cli');
const BIN = path.join(ROOT, 'bin', 'msp-enroll.js');
const OUT = path.join(ROOT, 'bench-out');
const WORKBOOK = path.join(ROOT, 'examples', 'enrollment.xlsx');
/** The example's Subset 1 and Subset 2 accounts: both on Workflow 1 (four steps). */
const ACCOUNTS = ['018273645091', '274615093862', '000731948265', '385920174638', '051836294017'];
const PAYER = '004217869350';

function listOption(args, name, fallback) {
  const i = args.indexOf(name);
  return i < 0
    ? fallback
    : String(args[i + 1] ?? '')
        .split(',')
        .filter(Boolean);
}

/** Runs `node -e CODE ...args` in a fresh process; returns its last stdout line parsed as JSON. */
function child(code, args) {
  const run = spawnSync(process.execPath, ['-e', code, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

const GENERATE = `
const { generateCur } = require(${JSON.stringify(path.join(DIST, 'core/preview/generator.js'))});
const { writeCurCsv } = require(${JSON.stringify(path.join(DIST, 'cli/cur-write.js'))});
const [file, rows] = process.argv.slice(1);
const t = Date.now();
const g = generateCur({ seed: 2026, rows: Number(rows), month: '2025-06', payer: '${PAYER}', accounts: ${JSON.stringify(ACCOUNTS)} });
const done = () => console.log(JSON.stringify({ seconds: (Date.now() - t) / 1000, total: g.total().toString() }));
if (file === '-') { for (const _ of g.rows); done(); } // the ledger only
else writeCurCsv(file, 'cur-athena', g.rows, true).then(done);
`;

/** The generator's exact total for a size: from its ledger file, or computed (and saved) once. */
function ledgerOf(size, generated) {
  const file = path.join(OUT, `preview-${size}.ledger.json`);
  if (generated !== null) fs.writeFileSync(file, JSON.stringify({ rows: size, seed: 2026, total: generated }));
  else if (!fs.existsSync(file)) {
    const g = child(GENERATE, ['-', String(size)]);
    fs.writeFileSync(file, JSON.stringify({ rows: size, seed: 2026, total: g.total }));
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')).total;
}

/** The ledger (bigint units of 10^-10) as the preview's JSON prints money. */
const ledgerText = (units) => require(path.join(DIST, 'cli/preview-format.js')).exactMoney(BigInt(units));

const DUCKDB = `
const { DuckDBInstance } = require('@duckdb/node-api');
const [mode, file, target] = process.argv.slice(1);
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const t = process.hrtime.bigint();
  if (mode === 'replicate') {
    const times = Number(process.argv[4]);
    await c.run(\`COPY (SELECT p.* FROM read_parquet('\${file}') p, range(\${times})) TO '\${target}' (FORMAT parquet, ROW_GROUP_SIZE 122880)\`);
  } else if (mode === 'convert') {
    await c.run(\`COPY (SELECT * FROM read_csv('\${file}', header = true)) TO '\${target}' (FORMAT parquet, ROW_GROUP_SIZE 122880)\`);
  } else {
    const from = file.endsWith('.parquet') ? \`read_parquet('\${file}')\` : \`read_csv('\${file}', header = true)\`;
    await c.runAndReadAll(\`SELECT line_item_usage_account_id, sum(line_item_unblended_cost) FROM \${from} GROUP BY 1\`);
  }
  console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t) / 1e9 }));
})();
`;

// Reads the whole file through the reader (read rate), keeping the first APPLY_ROWS rows'
// batches; then pushes those through the runner REPEAT times (apply rate).
const STAGES = `
const { readWorkbookFile } = require(${JSON.stringify(path.join(DIST, 'cli/xlsx-read.js'))});
const { validateWorkbook } = require(${JSON.stringify(path.join(DIST, 'core/validate.js'))});
const { openCurFile } = require(${JSON.stringify(path.join(DIST, 'cli/preview-read.js'))});
const { Dictionaries } = require(${JSON.stringify(path.join(DIST, 'core/preview/batch.js'))});
const { previewColumns, startPreview } = require(${JSON.stringify(path.join(DIST, 'core/preview/runner.js'))});
const [file] = process.argv.slice(1);
const APPLY_ROWS = 1000000, REPEAT = 5;
(async () => {
  const enrollment = validateWorkbook((await readWorkbookFile(${JSON.stringify(WORKBOOK)})).workbook).enrollment;
  const dictionaries = new Dictionaries();
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const c0 = cpu();
  const t0 = process.hrtime.bigint();
  const source = await openCurFile(file, { file, columns: previewColumns(enrollment), dictionaries });
  const kept = [];
  let rows = 0, keptRows = 0;
  for await (const batch of source.batches()) {
    rows += batch.length;
    if (keptRows < APPLY_ROWS) { kept.push(batch); keptRows += batch.length; }
  }
  const read = Number(process.hrtime.bigint() - t0) / 1e9;
  const readCpu = cpu() - c0;
  const run = startPreview({ enrollment, dialect: source.dialect, columns: source.present, dictionaries });
  for (const batch of kept) run.push(batch); // warm-up: the JIT compiles the loops first
  const c1 = cpu();
  const t1 = process.hrtime.bigint();
  for (let k = 0; k < REPEAT; k++) for (const batch of kept) run.push(batch);
  const apply = Number(process.hrtime.bigint() - t1) / 1e9;
  const applyCpu = cpu() - c1;
  console.log(JSON.stringify({ rows, readRate: rows / read, readCpuRate: rows / readCpu, applyRate: (keptRows * REPEAT) / apply, applyCpuRate: (keptRows * REPEAT) / applyCpu }));
})();
`;

/**
 * The whole command in a fresh process; `threads`: MSP_ENROLL_READ_THREADS (Parquet), or the
 * default; `engine`: 'js' (the JavaScript engine this script measures), or null for the default
 * choice, as a user runs it (its engine line from standard error in `engine`).
 */
function whole(file, threads, engine = 'js') {
  const env = threads === undefined ? process.env : { ...process.env, MSP_ENROLL_READ_THREADS: String(threads) };
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %M %U %S',
      process.execPath,
      BIN,
      'preview',
      WORKBOOK,
      file,
      '--json',
      ...(engine === null ? [] : ['--engine', engine]),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env,
    },
  );
  if (run.status !== 0) throw new Error(`preview failed: ${run.stderr}`);
  const lines = run.stderr.trim().split('\n');
  const [seconds, kb, user, system] = lines.pop().split(' ').map(Number);
  const result = JSON.parse(run.stdout);
  const chosen = lines.find((l) => l.startsWith('msp-enroll: engine ')) ?? '';
  return { seconds, cpu: user + system, rssMb: kb / 1024, before: result.total.before, engine: chosen };
}

/** The yardstick as a whole fresh process: node, @duckdb/node-api loaded, the query. */
function bareDuckdb(file) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, '-e', BARE, file], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`duckdb failed: ${run.stderr}`);
  const [seconds, kb, user, system] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, cpu: user + system, rssMb: kb / 1024 };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

function main() {
  const args = process.argv.slice(2);
  const sizes = listOption(args, '--sizes', ['1000000', '10000000']).map(Number);
  const formats = listOption(args, '--formats', ['parquet', 'csv.gz']);
  fs.mkdirSync(OUT, { recursive: true });
  console.log(`msp-enroll preview benchmark (node ${process.version}, ${require('os').cpus().length} CPUs)`);
  for (const size of sizes) {
    const csv = path.join(OUT, `preview-${size}.csv.gz`);
    const parquet = path.join(OUT, `preview-${size}.parquet`);
    let ledger = null;
    const base = path.join(OUT, 'preview-1000000.parquet');
    if (args.includes('--replicate') && size > 1e6 && size % 1e6 === 0 && fs.existsSync(base)) {
      if (!fs.existsSync(parquet)) {
        const c = child(DUCKDB, ['replicate', base, parquet, String(size / 1e6)]);
        console.log(`replicated the 10^6 file ${size / 1e6} times by DuckDB in ${c.seconds.toFixed(1)} s: ${parquet}`);
      }
    } else if (args.includes('--regen') || !fs.existsSync(csv)) {
      const g = child(GENERATE, [csv, String(size)]);
      ledger = ledgerOf(size, g.total);
      console.log(`generated ${fmt(size)} rows in ${g.seconds.toFixed(1)} s: ${csv}`);
    }
    if (formats.includes('parquet') && (args.includes('--regen') || !fs.existsSync(parquet))) {
      const c = child(DUCKDB, ['convert', csv, parquet]);
      console.log(`converted to Parquet by DuckDB in ${c.seconds.toFixed(1)} s: ${parquet}`);
    }
    // A replicated file is no generator output: it has no ledger.
    if (ledger === null && !args.includes('--replicate')) ledger = ledgerOf(size, null);
    for (const format of formats) {
      const file = format === 'parquet' ? parquet : csv;
      const stages = child(STAGES, [file]);
      const w = whole(file);
      // The Parquet reader decodes row groups in one thread per core: the same with one thread.
      const single = format === 'parquet' ? whole(file, 1) : null;
      // As a user runs it: no --engine, so DuckDB where it pays (docs/preview.md, "Which engine").
      const chosen = whole(file, undefined, null);
      const duck = child(DUCKDB, ['scan', file]);
      const fresh = bareDuckdb(file);
      const ratio = w.seconds / duck.seconds;
      const freshRatio = w.seconds / fresh.seconds;
      const target = (r) => (format === 'parquet' ? `   target <= 3x  ${r <= 3 ? 'met' : 'MISSED'}` : '');
      const expected = ledger === null ? null : ledgerText(ledger);
      console.log(
        [
          `\n${fmt(stages.rows)} rows, ${format} (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`,
          `  read      ${fmt(stages.readRate)} rows/s (${fmt(stages.readCpuRate)} rows per CPU second)`,
          `  apply     ${fmt(stages.applyRate)} rows/s (${fmt(stages.applyCpuRate)} rows per CPU second)   target >= 3,500,000  ${stages.applyRate >= 3.5e6 ? 'met' : 'MISSED'} (per CPU second: ${stages.applyCpuRate >= 3.5e6 ? 'met' : 'MISSED'})`,
          `  whole     ${w.seconds.toFixed(1)} s wall, ${w.cpu.toFixed(1)} s CPU (${fmt(stages.rows / w.seconds)} rows/s)`,
          `  peak RSS  ${w.rssMb.toFixed(0)} MB                 target < 500 MB       ${w.rssMb < 500 ? 'met' : 'MISSED'}`,
          ...(single === null
            ? []
            : [
                `  1 thread  ${single.seconds.toFixed(1)} s wall, ${single.cpu.toFixed(1)} s CPU, peak RSS ${single.rssMb.toFixed(0)} MB (MSP_ENROLL_READ_THREADS=1; the line above: the default, one reader thread per core, at most two, from 2,000,000 rows)`,
              ]),
          `  default   ${chosen.seconds.toFixed(1)} s wall, ${chosen.cpu.toFixed(1)} s CPU, peak RSS ${chosen.rssMb.toFixed(0)} MB, before ${chosen.before === w.before ? 'equal' : 'DIFFERENT'} (no --engine: ${chosen.engine.replace('msp-enroll: ', '')}); / duckdb fresh process = ${(chosen.seconds / fresh.seconds).toFixed(1)}x${target(chosen.seconds / fresh.seconds)}`,
          `  duckdb    in-process: ${duck.seconds.toFixed(2)} s query; whole / duckdb = ${ratio.toFixed(1)}x${target(ratio)}`,
          `  duckdb    fresh process: ${fresh.seconds.toFixed(2)} s wall, ${fresh.cpu.toFixed(2)} s CPU, ${fresh.rssMb.toFixed(0)} MB; whole / duckdb = ${freshRatio.toFixed(1)}x${target(freshRatio)}`,
          `  before    ${w.before}${expected === null ? ' (no ledger)' : ` generator ledger ${expected}: ${expected === w.before ? 'equal to the unit' : 'DIFFERENT'}`}`,
        ].join('\n'),
      );
    }
  }
}

main();
