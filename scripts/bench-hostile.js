// `npm run bench:hostile`: every hostile file of scripts/hostile-files.js (and the hostile
// packages below) through the built command in a fresh process under /usr/bin/time -v, printing
// exit code, wall time, peak RSS and the first line of standard error per case, and whether it
// kept to the target: at most 1 GB of memory and 60 s. Options:
//   --only a,b     just these cases
//   --cli PATH     another build's dist/cli/cli/main.js (to measure an older commit)
//   --timeout S    kill a case after S seconds (default 120)
//   --strict       exit 1 when a case misses the target
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { unzipSync } = require('fflate');
const { CASES, PACKAGE_CASES } = require('./hostile-files');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'bench-out', 'hostile');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const only = option('--only')?.split(',');
const cli = path.resolve(option('--cli') ?? path.join(ROOT, 'dist', 'cli', 'cli', 'main.js'));
const timeout = Number(option('--timeout') ?? 120);
const strict = args.includes('--strict');
const MAX_RSS_KB = 1024 * 1024;
const MAX_SECONDS = 60;

if (!fs.existsSync('/usr/bin/time')) {
  console.error('bench:hostile needs /usr/bin/time (apt-get install time)');
  process.exit(2);
}
fs.mkdirSync(OUT, { recursive: true });

// The command as bin/msp-enroll.js runs it, over the build asked for.
// One shim per build measured, so that two runs at once (before and after) never share one.
const SHIM = path.join(
  OUT,
  `msp-enroll-shim-${require('node:crypto').createHash('sha256').update(cli).digest('hex').slice(0, 8)}.js`,
);
fs.writeFileSync(SHIM, `require(${JSON.stringify(cli)}).main();\n`);
// `timeout --foreground` kills the command and reaps it, so /usr/bin/time, outside it,
// still reports the peak RSS that the killed process reached.
const runCli = (argv) =>
  spawnSync(
    '/usr/bin/time',
    ['-v', 'timeout', '--foreground', '-s', 'KILL', String(timeout), process.execPath, SHIM, ...argv],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );

/** A valid package of the example (made by the command under test's own `package`). */
function examplePackage() {
  const file = path.join(OUT, 'example-package.zip');
  const r = runCli(['package', path.join(ROOT, 'examples', 'enrollment.xlsx'), '-o', file, '--force']);
  if (r.status !== 0) throw new Error(`package failed: ${r.stderr}`);
  return unzipSync(fs.readFileSync(file));
}

const parse = (stderr) => {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const first =
    stderr.split('\n').find((l) => l.trim() !== '' && !/^\s*(Command being timed|Command exited)/.test(l)) ?? '';
  return { rssKb: rss ? Number(rss[1]) : NaN, seconds, first: first.startsWith('\t') ? '' : first };
};

const rows = [];
let missed = 0;
const measure = (name, argv, bytes) => {
  const r = runCli(argv);
  const { rssKb, seconds, first } = parse(r.stderr ?? '');
  const killed = r.status === 137 || r.signal !== null || r.error !== undefined;
  const lines = (r.stdout ?? '').trimEnd().split('\n');
  const reason = first || lines[lines.length - 1] || '';
  const ok = !killed && rssKb <= MAX_RSS_KB && seconds <= MAX_SECONDS && [0, 1, 2].includes(r.status);
  if (!ok) missed++;
  rows.push({
    case: name,
    disk: `${(bytes / 1e6).toFixed(2)} MB`,
    exit: killed ? `killed (${timeout} s)` : String(r.status),
    seconds: Number.isFinite(seconds) ? seconds.toFixed(2) : '?',
    peakRss: Number.isFinite(rssKb) ? `${Math.round(rssKb / 1024)} MB` : '?',
    target: ok ? 'ok' : 'MISSED',
    reason: reason.slice(0, 160),
  });
  console.log(`${name}: exit ${rows.at(-1).exit}, ${rows.at(-1).seconds} s, ${rows.at(-1).peakRss}`);
};

for (const [name, make] of Object.entries(CASES)) {
  if (only && !only.includes(name)) continue;
  const file = path.join(OUT, `${name}.xlsx`);
  const bytes = make();
  fs.writeFileSync(file, bytes);
  measure(name, ['validate', file], bytes.length);
}
const wantPackages = Object.keys(PACKAGE_CASES).filter((n) => !only || only.includes(n));
if (wantPackages.length > 0) {
  const files = examplePackage();
  for (const name of wantPackages) {
    const file = path.join(OUT, `${name}.zip`);
    const bytes = PACKAGE_CASES[name](files);
    fs.writeFileSync(file, bytes);
    measure(name, ['verify', file], bytes.length);
  }
}

console.log(`\ncommand: ${path.relative(ROOT, cli)}; target: at most 1 GB peak RSS and ${MAX_SECONDS} s per case\n`);
console.log('| case | on disk | exit | wall s | peak RSS | target | first line of the reason |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.case} | ${r.disk} | ${r.exit} | ${r.seconds} | ${r.peakRss} | ${r.target} | ${r.reason.replace(/\|/g, '\\|')} |`,
  );
}
if (strict && missed > 0) process.exit(1);
