/**
 * The installed command, as a person runs it: `bin/msp-enroll.js` over the compiled CLI, in a
 * child process. Builds the CLI first (`tsc -p tsconfig.cli.json`, as `npm run build:cli`).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE, FIXTURES, ROOT, parseFindings, tempDir } from './helpers';

jest.setTimeout(120_000);

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const BIN = join(ROOT, 'bin', 'msp-enroll.js');
const MAIN = join(ROOT, 'dist', 'cli', 'cli', 'main.js');

beforeAll(() => {
  const started = Date.now();
  const tsc = require.resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.cli.json'], { cwd: ROOT, encoding: 'utf8' });
  // tsc emits even when some file does not type-check (the typecheck step judges that); what
  // matters here is a fresh build of the command.
  if (statSync(MAIN).mtimeMs < started - 1000)
    throw new Error(`the CLI was not rebuilt:\n${build.stdout}${build.stderr}`);
});

function msp(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.path(''), encoding: 'utf8' });
}

/** Never a stack trace, whatever happened. */
function expectNoStack(r: SpawnSyncReturns<string>): void {
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

it('--help: usage on stdout, exit 0', () => {
  const r = msp('--help');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Usage:\n {2}msp-enroll init FILE/);
  expect(r.stderr).toBe('');
});

it('a usage error: exit 2, usage on stderr', () => {
  const r = msp('validte', 'x.xlsx');
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^msp-enroll: unknown command "validte"\nUsage:/);
  expectNoStack(r);
});

it('init then validate: exit 1 with the empty required Enrollment values as errors', () => {
  expect(msp('init', 'enrollment.xlsx').status).toBe(0);
  const human = msp('validate', 'enrollment.xlsx');
  expect(human.status).toBe(1);
  expect(human.stdout).toMatch(/^Enrollment!B2 {2}error {2}"MSP Name" is empty/);
  // Four empty Enrollment values, and the two sheets an enrollment cannot be sent without (issue 10).
  expect(human.stdout.trimEnd().split('\n').pop()).toMatch(/^6 errors(, \d+ warnings?)? in \d sheets?$/);
  expect(
    human.stdout.match(/error {2}The "(Subset Workflows|Billing Workflows)" sheet has headers but no rows/g),
  ).toHaveLength(2);

  const json = msp('validate', 'enrollment.xlsx', '--json');
  expect(json.status).toBe(1);
  const errors = parseFindings(json.stdout).filter((f) => f.severity === 'error');
  expect(errors.map((f) => `${f.code} ${f.sheet}!${f.cell}`)).toEqual([
    ...['B2', 'B3', 'B4', 'B5'].map((c) => `value-required Enrollment!${c}`),
    'sheet-rows-required Subset Workflows!null',
    'sheet-rows-required Billing Workflows!null',
  ]);

  const again = msp('init', 'enrollment.xlsx');
  expect(again.status).toBe(1);
  expect(again.stderr).toBe('msp-enroll: enrollment.xlsx already exists; use --force to replace it\n');
});

it('the example: exit 0, no problems', () => {
  const r = msp('validate', EXAMPLE);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('No problems found\n');
  const json = msp('validate', '--json', EXAMPLE);
  expect(json.status).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({ findings: [] });
});

it.each([
  ['a text file renamed .xlsx', () => writeFileSync(tmp.path('text.xlsx'), 'a,b\n1,2\n'), 'text.xlsx'],
  [
    'a truncated copy of the example',
    () => writeFileSync(tmp.path('cut.xlsx'), readFileSync(EXAMPLE).subarray(0, 4000)),
    'cut.xlsx',
  ],
  ['an encrypted workbook', () => undefined, join(FIXTURES, 'encrypted.xlsx')],
  ['a missing file', () => undefined, 'missing.xlsx'],
  ['a directory', () => undefined, '.'],
])('%s: exit 2, one line on stderr, no stack trace', (_label, make, file) => {
  make();
  const r = msp('validate', file, '--json');
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^msp-enroll: cannot read .+: .+\n$/);
  expectNoStack(r);
});

it('`npx msp-enroll` runs the package’s own command in the repository', () => {
  const r = spawnSync('npx', ['--no', '--', 'msp-enroll', 'validate', EXAMPLE], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stdout).toBe('No problems found\n');
  expect(r.status).toBe(0);
});
