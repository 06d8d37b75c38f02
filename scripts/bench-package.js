// Time and memory of `msp-enroll package` and `msp-enroll verify` on a large, valid workbook.
//
//   npm run build:cli && node scripts/bench-package.js [--accounts N] [--subsets N] [--runs N] [--regen]
//
// Writes bench-out/bench-package-<accounts>x<subsets>.xlsx once (kept; --regen rewrites it), then,
// each measurement in a fresh process:
//   package   `node bin/msp-enroll.js package FILE -o OUT --force`: wall clock, peak RSS (/usr/bin/time -v)
//   verify    `node bin/msp-enroll.js verify OUT`: the same
//   phases    in one process: read (the CLI's reader), validate, buildPackage, verifyPackage without
//             and with the workbook reader, each timed, with the peak RSS after each
// and prints the medians, the largest peak RSS, and the sizes of the package and its files.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { generate } = require('./big-workbook');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'cli');
const BIN = path.join(ROOT, 'bin', 'msp-enroll.js');
const TIME = '/usr/bin/time';

function option(args, name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive whole number`);
  return n;
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;
const mb = (x) => (x === null ? 'n/a' : `${Math.round(x)} MB`);
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

// ---- measurements ------------------------------------------------------------------------------------

/** The CLI as a person runs it, under /usr/bin/time -v when there is one. */
function runCli(args) {
  const withTime = fs.existsSync(TIME);
  const cmd = withTime ? TIME : process.execPath;
  const argv = withTime ? ['-v', process.execPath, BIN, ...args] : [BIN, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`msp-enroll ${args[0]} exited ${r.status}: ${r.stdout}${r.stderr}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { ms: wall, peakRssMb: m ? Number(m[1]) / 1024 : null, stdout: r.stdout };
}

/** In a child process: each phase timed, with the peak RSS after it. */
async function phases(file) {
  const { readWorkbookFile } = require(path.join(DIST, 'cli', 'xlsx-read.js'));
  const { readWorkbookBytes } = require(path.join(DIST, 'cli', 'xlsx-read.js'));
  const { validateWorkbook } = require(path.join(DIST, 'core', 'validate.js'));
  const { buildPackage, verifyPackage } = require(path.join(DIST, 'core', 'package', 'index.js'));
  const out = {};
  const step = async (name, fn) => {
    const t0 = performance.now();
    const value = await fn();
    out[name] = { ms: performance.now() - t0, peakRssMb: peakRssMb() };
    return value;
  };
  const bytes = fs.readFileSync(file);
  const { workbook } = await step('read', () => readWorkbookFile(file));
  const { enrollment } = await step('validate', () => validateWorkbook(workbook));
  if (enrollment === null) throw new Error('the generated workbook has errors');
  const built = await step('build', () =>
    buildPackage(enrollment, bytes, { source: 'original-file', toolVersion: 'bench', now: new Date() }),
  );
  const core = await step('verifyCore', () => verifyPackage(built.bytes));
  const full = await step('verifyWithReader', () =>
    verifyPackage(built.bytes, { readWorkbook: async (b) => (await readWorkbookBytes(Buffer.from(b))).workbook }),
  );
  if (!core.ok || !full.ok)
    throw new Error(`verify found problems: ${JSON.stringify([...core.problems, ...full.problems])}`);
  out.sizes = {
    package: built.bytes.length,
    files: Object.fromEntries(built.manifest.files.map((f) => [f.name, f.size])),
  };
  return out;
}

function runPhases(file) {
  const r = spawnSync(process.execPath, [__filename, '--phases', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`phases failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function bench(args) {
  if (!fs.existsSync(path.join(DIST, 'core', 'package', 'index.js'))) {
    throw new Error('the CLI is not built; run `npm run build:cli` first');
  }
  const accounts = option(args, '--accounts', 50000);
  const subsets = option(args, '--subsets', 500);
  const runs = option(args, '--runs', 3);
  const file = path.join(ROOT, 'bench-out', `bench-package-${accounts}x${subsets}.xlsx`);
  const out = path.join(ROOT, 'bench-out', `bench-package-${accounts}x${subsets}.zip`);
  if (args.includes('--regen') || !fs.existsSync(file)) {
    const t0 = performance.now();
    await generate(file, accounts, subsets);
    console.log(`Wrote ${path.relative(ROOT, file)} in ${ms(performance.now() - t0)}`);
  }
  console.log(
    `File: ${path.relative(ROOT, file)} (${mib(fs.statSync(file).size)}), ${accounts} accounts, ${subsets} subsets`,
  );
  console.log(`Node ${process.version}; ${runs} runs of each, each in a fresh process; medians shown\n`);

  const pack = [];
  const verify = [];
  const inner = [];
  for (let i = 0; i < runs; i++) {
    pack.push(runCli(['package', file, '-o', out, '--force']));
    verify.push(runCli(['verify', out]));
    inner.push(runPhases(file));
  }
  const maxRss = (xs) => (xs.every((x) => x.peakRssMb !== null) ? Math.max(...xs.map((x) => x.peakRssMb)) : null);
  console.log(`msp-enroll package   ${ms(median(pack.map((r) => r.ms)))}   peak RSS ${mb(maxRss(pack))}`);
  console.log(`msp-enroll verify    ${ms(median(verify.map((r) => r.ms)))}   peak RSS ${mb(maxRss(verify))}`);
  console.log('\nin one process (peak RSS so far after each phase):');
  for (const name of ['read', 'validate', 'build', 'verifyCore', 'verifyWithReader']) {
    const label = {
      read: 'read .xlsx',
      validate: 'validate',
      build: 'buildPackage',
      verifyCore: 'verifyPackage (core)',
      verifyWithReader: 'verifyPackage + reader',
    }[name];
    console.log(
      `  ${label.padEnd(24)}${ms(median(inner.map((r) => r[name].ms))).padStart(9)}   ${mb(Math.max(...inner.map((r) => r[name].peakRssMb)))}`,
    );
  }
  const { sizes } = inner[0];
  console.log(
    `\npackage ${mib(sizes.package)}: ${Object.entries(sizes.files)
      .map(([n, s]) => `${n} ${mib(s)}`)
      .join(', ')}`,
  );
  console.log(
    `\nall runs (ms): package ${pack.map((r) => Math.round(r.ms)).join(', ')}; verify ${verify.map((r) => Math.round(r.ms)).join(', ')}`,
  );
}

const args = process.argv.slice(2);
if (args[0] === '--phases') {
  phases(args[1]).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (e) => {
      process.stderr.write(String(e && e.stack ? e.stack : e));
      process.exitCode = 1;
    },
  );
} else {
  bench(args).catch((e) => {
    process.stderr.write(`bench-package: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 1;
  });
}
