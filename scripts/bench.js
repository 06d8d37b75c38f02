// Benchmark of `msp-enroll validate` on a large, valid workbook: `npm run bench` (builds first).
//
//   node scripts/bench.js [--accounts N] [--subsets N] [--runs N] [--regen] [--strict]
//
// Writes bench-out/bench-<accounts>x<subsets>.xlsx once (kept; --regen rewrites it), then, each
// measurement in a fresh process and the runs interleaved so that a busy machine hurts all alike:
//   whole    `node bin/msp-enroll.js validate FILE`, wall clock, peak RSS (/usr/bin/time -v)
//   read     the CLI's reader (readWorkbookFile), in process
//   validate validateWorkbook on what it read, in process (whatever the core's validator is)
//   bare     a bare exceljs `workbook.xlsx.readFile` of the same file, in process
// and prints medians, peak memory, and the two ratios against their targets:
// validate / read <= 10%, whole / bare readFile <= 1.5. --strict exits 1 when one is missed.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generate } = require('./big-workbook');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'cli');
const BIN = path.join(ROOT, 'bin', 'msp-enroll.js');

function option(args, name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive whole number`);
  return n;
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
/** CPU time (user + system) of this process so far: steadier than wall clock on a busy machine. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// ---- phases, each run in a child process ----------------------------------------------------

async function phase(name, file) {
  if (name === 'read') {
    const { readWorkbookFile } = require(path.join(DIST, 'cli', 'xlsx-read.js'));
    const { validateWorkbook } = require(path.join(DIST, 'core', 'validate.js'));
    const c0 = cpuMs();
    const t0 = performance.now();
    const { workbook } = await readWorkbookFile(file);
    const t1 = performance.now();
    const c1 = cpuMs();
    const { findings } = validateWorkbook(workbook);
    const t2 = performance.now();
    const c2 = cpuMs();
    return {
      readMs: t1 - t0,
      validateMs: t2 - t1,
      readCpuMs: c1 - c0,
      validateCpuMs: c2 - c1,
      findings: findings.length,
      peakRssMb: peakRssMb(),
    };
  }
  if (name === 'bare') {
    const ExcelJS = require('exceljs');
    const c0 = cpuMs();
    const t0 = performance.now();
    await new ExcelJS.Workbook().xlsx.readFile(file);
    return { ms: performance.now() - t0, cpuMs: cpuMs() - c0, peakRssMb: peakRssMb() };
  }
  throw new Error(`unknown phase ${name}`);
}

function runPhase(name, file) {
  const r = spawnSync(process.execPath, [__filename, '--phase', name, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`phase ${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const TIME = '/usr/bin/time';

function runWhole(file) {
  const withTime = fs.existsSync(TIME);
  const cmd = withTime ? TIME : process.execPath;
  const args = withTime ? ['-v', process.execPath, BIN, 'validate', file] : [BIN, 'validate', file];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`msp-enroll validate exited ${r.status}: ${r.stderr}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const cpu = user && system ? (Number(user[1]) + Number(system[1])) * 1000 : null;
  const summary = r.stdout.trim().split('\n').pop();
  return { ms, cpuMs: cpu, peakRssMb: m ? Number(m[1]) / 1024 : null, exit: r.status, summary };
}

// ---- report -----------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;
const mb = (x) => (x === null ? 'n/a' : `${Math.round(x)} MB`);

async function bench(args) {
  const accounts = option(args, '--accounts', 50000);
  const subsets = option(args, '--subsets', 500);
  const runs = option(args, '--runs', 3);
  const file = path.join(ROOT, 'bench-out', `bench-${accounts}x${subsets}.xlsx`);
  if (args.includes('--regen') || !fs.existsSync(file)) {
    const t0 = performance.now();
    await generate(file, accounts, subsets);
    console.log(`Wrote ${path.relative(ROOT, file)} in ${ms(performance.now() - t0)}`);
  }
  const size = fs.statSync(file).size;
  console.log(
    `File: ${path.relative(ROOT, file)} (${(size / 1048576).toFixed(1)} MiB), ${accounts} accounts, ${subsets} subsets`,
  );
  console.log(
    `Machine: ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  );
  console.log(`Runs: ${runs} of each, interleaved, each in a fresh process; medians shown\n`);

  const whole = [];
  const read = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    whole.push(runWhole(file));
    read.push(runPhase('read', file));
    bare.push(runPhase('bare', file));
  }

  const wholeMs = median(whole.map((r) => r.ms));
  const readMs = median(read.map((r) => r.readMs));
  const validateMs = median(read.map((r) => r.validateMs));
  const bareMs = median(bare.map((r) => r.ms));
  const wholeRss = whole.every((r) => r.peakRssMb !== null) ? Math.max(...whole.map((r) => r.peakRssMb)) : null;
  const validateRatio = validateMs / readMs;
  const wholeRatio = wholeMs / bareMs;
  const verdict = (ok) => (ok ? 'ok' : 'MISSED');
  // CPU time includes the garbage collector's helper threads, so it can exceed the wall clock.
  const cpu = (xs) => (xs.every((x) => x !== null) ? `cpu ${ms(median(xs))}` : 'cpu n/a');

  console.log(
    `whole \`msp-enroll validate\`   ${ms(wholeMs)}   ${cpu(whole.map((r) => r.cpuMs))}   peak RSS ${mb(wholeRss)}   (exit ${whole[0].exit}: ${whole[0].summary})`,
  );
  console.log(`  read                    ${ms(readMs)}   ${cpu(read.map((r) => r.readCpuMs))}`);
  console.log(
    `  validate                ${ms(validateMs)}   ${cpu(read.map((r) => r.validateCpuMs))}   (${read[0].findings} findings)`,
  );
  console.log(`  peak RSS read+validate  ${mb(Math.max(...read.map((r) => r.peakRssMb)))}`);
  console.log(
    `bare exceljs readFile      ${ms(bareMs)}   ${cpu(bare.map((r) => r.cpuMs))}   peak RSS ${mb(Math.max(...bare.map((r) => r.peakRssMb)))}`,
  );
  console.log('');
  console.log(
    `validate / read            ${(validateRatio * 100).toFixed(1)}%   target <= 10%   ${verdict(validateRatio <= 0.1)}`,
  );
  console.log(`whole / bare readFile      ${wholeRatio.toFixed(2)}x   target <= 1.5x   ${verdict(wholeRatio <= 1.5)}`);
  console.log(
    `\nall runs (ms): whole ${whole.map((r) => Math.round(r.ms)).join(', ')}; read ${read.map((r) => Math.round(r.readMs)).join(', ')}; validate ${read.map((r) => Math.round(r.validateMs)).join(', ')}; bare ${bare.map((r) => Math.round(r.ms)).join(', ')}`,
  );
  if (args.includes('--strict') && !(validateRatio <= 0.1 && wholeRatio <= 1.5)) process.exitCode = 1;
}

const args = process.argv.slice(2);
if (args[0] === '--phase') {
  phase(args[1], args[2]).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (e) => {
      process.stderr.write(String(e && e.stack ? e.stack : e));
      process.exitCode = 1;
    },
  );
} else {
  bench(args).catch((e) => {
    process.stderr.write(`bench: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 1;
  });
}
