/**
 * `msp-enroll preview` on generated CURs in every dialect and file kind: each reconciles to the
 * generator's exact ledger, and the dialects that carry the same columns give the same figures.
 */
import { moneyOf } from '../../src/core/preview/money';
import { generateCur, type GeneratorOptions } from '../../src/core/preview/generator';
import type { Dialect } from '../../src/core/preview/columns';
import { writeCurCsv, writeCurParquet } from '../../src/cli/cur-write';
import { cli, EXAMPLE, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const OPTIONS: GeneratorOptions = {
  seed: 12,
  rows: 4000,
  month: '2025-06',
  payer: '004217869350',
  // The example workbook's accounts, and one it does not enroll.
  accounts: [
    '018273645091',
    '274615093862',
    '385920174638',
    '628104957362',
    '840197362514',
    '531862940173',
    '123456789012',
  ],
};

type Kind = 'csv' | 'csv.gz' | 'parquet';
const files: { dialect: Dialect; kind: Kind; path: string; total: bigint }[] = [];

beforeAll(async () => {
  const cases: [Dialect, Kind][] = [
    ['cur-csv', 'csv'],
    ['cur-csv', 'csv.gz'],
    ['cur-athena', 'parquet'],
    ['cur2', 'csv.gz'],
    ['cur2', 'parquet'],
    ['focus', 'csv'],
  ];
  for (const [dialect, kind] of cases) {
    const generated = generateCur(OPTIONS);
    const path = tmp.path(`cur-${dialect}.${kind}`);
    if (kind === 'parquet') writeCurParquet(path, dialect as 'cur-athena' | 'cur2', generated.rows, 1000);
    else await writeCurCsv(path, dialect, generated.rows, kind === 'csv.gz');
    files.push({ dialect, kind, path, total: generated.total() });
  }
});

const results = new Map<string, Record<string, unknown> & { total: { before: string; final: string } }>();
async function preview(path: string) {
  const cached = results.get(path);
  if (cached !== undefined) return cached;
  const run = await cli('preview', EXAMPLE, path, '--json');
  // Issue 14: one line naming the engine the input size chose (both give the same report).
  expect(run.stderr).toMatch(/^msp-enroll: engine (js|duckdb) \([^\n]+\)\n$/);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout);
  results.set(path, result);
  return result;
}

describe('generated CURs in every dialect', () => {
  it('each reconciles: the before total is the generator ledger, to the unit', async () => {
    for (const f of files) {
      const result = await preview(f.path);
      expect([f.dialect, result.dialect]).toEqual([f.dialect, f.dialect]);
      expect([f.path, moneyOf(result.total.before)]).toEqual([f.path, f.total]);
      expect(result.rows.previewed).toBeGreaterThan(3000);
      // The management account buys commitments but is no account of the Accounts sheet.
      expect(result.notEnrolled.accounts.map((a: { accountId: string }) => a.accountId)).toEqual([
        '004217869350',
        '123456789012',
      ]);
    }
  });

  it('legacy CSV, CSV.gz, Athena Parquet and CUR 2.0 give the same figures for every step', async () => {
    const [first, ...others] = files.filter((f) => f.dialect !== 'focus');
    const reference = await preview(first!.path);
    for (const f of others) {
      const result = await preview(f.path);
      expect([f.path, result.subsets]).toEqual([f.path, reference.subsets]);
      expect(result.total).toEqual(reference.total);
    }
  });

  it('every workflow step of the example changes something on the generated data', async () => {
    const result = await preview(files[0]!.path);
    const s1 = result.subsets.find((s: { subset: string }) => s.subset === 'Subset 1');
    // Workflow 1: RI and SP replacement for the management account's purchases, EDP removal, 3% uplift.
    const stages = [s1.before, ...s1.after].map(moneyOf);
    for (let k = 1; k < stages.length; k++) expect([k, stages[k] !== stages[k - 1]]).toEqual([k, true]);
  });

  it('FOCUS gives the same before per subset and account, and the same RI replacement', async () => {
    const legacy = await preview(files[0]!.path);
    const focus = await preview(files.find((f) => f.dialect === 'focus')!.path);
    type S = { subset: string; before: string; after: string[]; accounts: { accountId: string; before: string }[] };
    const pick = (r: { subsets: S[] }) =>
      r.subsets.map((s) => ({
        subset: s.subset,
        before: s.before,
        ri: s.after[0],
        accounts: s.accounts.map((a) => [a.accountId, a.before]),
      }));
    expect(pick(focus as unknown as { subsets: S[] })).toEqual(pick(legacy as unknown as { subsets: S[] }));
  });
});
