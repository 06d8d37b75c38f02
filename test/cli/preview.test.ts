/**
 * `msp-enroll preview` end to end, in-process: the real CUR and FOCUS samples with the example
 * workbook, the output formats, and every bad input that must give one line and exit 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import { moneyOf } from '../../src/core/preview/money';
import { cli, EXAMPLE, ROOT, tempDir } from './helpers';

const BILLING = join(ROOT, 'test', 'fixtures', 'billing');
const CUR_SAMPLE = join(BILLING, 'sample-anonymous-aws-export-dataset.csv');
const FOCUS_SAMPLE = join(BILLING, 'focus_sample.csv');
/** The example workbook's management account and an account of its Subset 1. */
const MANAGEMENT = '004217869350';
const CONTOSO_PROD = '018273645091';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The real CUR sample with its one account mapped onto the example workbook (payer = management). */
function mappedCur(): string {
  const text = readFileSync(CUR_SAMPLE, 'utf8');
  const lines = text.split('\n');
  const header = lines[0]!.split(',');
  const payer = header.indexOf('bill/PayerAccountId');
  const usage = header.indexOf('lineItem/UsageAccountId');
  expect(payer).toBeGreaterThan(0);
  // Replace by column, not by text search: the ID must change only where it is an account.
  const records = parse(text, { relax_column_count: true }) as string[][];
  const out = records.map((r, i) => {
    if (i > 0) {
      r[payer] = MANAGEMENT;
      r[usage] = CONTOSO_PROD;
    }
    return r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
  });
  const path = tmp.path('mapped-cur.csv');
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

/** Σ lineItem/UnblendedCost of the sample, exactly (bigint decimal arithmetic, not the engine's parser). */
function sampleTotal(): bigint {
  const records = parse(readFileSync(CUR_SAMPLE, 'utf8'), { columns: true }) as Record<string, string>[];
  return records.reduce((sum, r) => sum + moneyOf(r['lineItem/UnblendedCost'] || '0'), 0n);
}

describe('msp-enroll preview on the real CUR sample', () => {
  let cur: string;
  beforeAll(() => {
    cur = mappedCur();
  });

  it('reconciles: the before total equals the sum of lineItem/UnblendedCost to the unit', async () => {
    const run = await cli('preview', EXAMPLE, cur, '--json');
    // Issue 14: one line naming the engine the input size chose (both give the same report).
    expect(run.stderr).toMatch(/^msp-enroll: engine (js|duckdb) \([^\n]+\)\n$/);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.rows.previewed).toBe(1281);
    expect(result.month).toBe('2023-11');
    expect(result.payer).toBe(MANAGEMENT);
    const subset1 = result.subsets.find((s: { subset: string }) => s.subset === 'Subset 1');
    expect(moneyOf(subset1.before)).toBe(sampleTotal());
    expect(moneyOf(result.total.before)).toBe(sampleTotal());
    // Workflow 1 ends with a 3% uplift of charges (not of taxes).
    expect(moneyOf(subset1.final)).toBeGreaterThan(moneyOf(subset1.before));
    expect(result.notEnrolled.accounts).toEqual([]);
  });

  it('takes several files of one month as one run (one gzipped), and lists the workbook accounts it lacks', async () => {
    const [header, ...lines] = readFileSync(cur, 'utf8').trimEnd().split('\n');
    const half = Math.floor(lines.length / 2);
    const first = tmp.path('part-1.csv');
    const second = tmp.path('part-2.csv.gz');
    writeFileSync(first, [header, ...lines.slice(0, half)].join('\n') + '\n');
    writeFileSync(second, gzipSync(Buffer.from([header, ...lines.slice(half)].join('\n') + '\n')));
    const run = await cli('preview', EXAMPLE, first, second, '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.rows.previewed).toBe(1281);
    expect(moneyOf(result.total.before)).toBe(sampleTotal());
    expect(result.accountsNotInCur).toHaveLength(11);
    expect(result.accountsNotInCur).not.toContain(CONTOSO_PROD);
  });

  it('prints a table per subset, then the warnings', async () => {
    const run = await cli('preview', EXAMPLE, cur);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Subset "Subset 1"');
    expect(run.stdout).toMatch(/4\s+uplift/);
    // The sample has no reservation columns filled... but has the column: RI replacement is computed.
    expect(run.stdout).toContain('Total: before 1.68');
  });
});

describe('msp-enroll preview output formats', () => {
  it('--csv: one line per subset, account and service, exact money, step columns', async () => {
    const run = await cli('preview', EXAMPLE, mappedCur(), '--csv');
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'subset',
      'workflow',
      'end_customer_email',
      'account_id',
      'service',
      'before',
      'after_step_1',
      'after_step_2',
      'after_step_3',
      'after_step_4',
      'final',
      'difference',
    ]);
    expect(rows.every((r) => r['account_id'] === CONTOSO_PROD && r['subset'] === 'Subset 1')).toBe(true);
    const before = rows.reduce((s, r) => s + moneyOf(r['before']!), 0n);
    expect(before).toBe(sampleTotal());
    for (const r of rows) expect(moneyOf(r['difference']!)).toBe(moneyOf(r['final']!) - moneyOf(r['before']!));
  });

  it('--html: a self-contained report with a waterfall per subset, no scripts, names escaped', async () => {
    const html = tmp.path('report.html');
    const run = await cli('preview', EXAMPLE, mappedCur(), '--html', html);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Subset "Subset 1"');
    const text = readFileSync(html, 'utf8');
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).not.toMatch(/<script|src=|href=/i);
    expect(text).toContain("default-src 'none'");
    expect((text.match(/<svg /g) ?? []).length).toBe(5); // one waterfall per subset
    expect(text).toContain('4. uplift');
  });

  it('--html to a folder that does not exist: one line, exit 2', async () => {
    const run = await cli('preview', EXAMPLE, mappedCur(), '--html', tmp.path('no/such/dir/r.html'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*r\.html/);
  });
});

describe('msp-enroll preview on the FOCUS sample', () => {
  it('previews the AWS rows of September 2024 and leaves other providers out', async () => {
    const run = await cli('preview', EXAMPLE, FOCUS_SAMPLE, '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.dialect).toBe('focus');
    expect(result.rows.otherProvider).toBe(58);
    expect(result.rows.previewed).toBe(942);
    const records = parse(readFileSync(FOCUS_SAMPLE, 'utf8'), { columns: true }) as Record<string, string>[];
    const aws = records.filter((r) => r['ProviderName'] === 'AWS');
    const total = aws.reduce((s, r) => s + moneyOf(r['BilledCost'] === 'NULL' ? '0' : r['BilledCost']!), 0n);
    expect(moneyOf(result.total.before)).toBe(total);
    expect(result.notes.map((n: { code: string }) => n.code)).toContain('rows-other-provider');
  });
});

describe('msp-enroll preview: bad input is one line and exit 2', () => {
  it('refuses a file that is no CUR', async () => {
    const path = tmp.path('people.csv');
    writeFileSync(path, 'name,email\nAda,ada@example.com\n');
    const run = await cli('preview', EXAMPLE, path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/people\.csv is not a Cost and Usage Report/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('refuses a missing file, naming it', async () => {
    const run = await cli('preview', EXAMPLE, tmp.path('nope.csv'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope\.csv cannot be read: there is no such file/);
  });

  it('refuses a gzip file that is not gzip', async () => {
    const path = tmp.path('broken.csv.gz');
    writeFileSync(path, 'lineItem/UnblendedCost\n1\n');
    const run = await cli('preview', EXAMPLE, path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.csv\.gz cannot be read: it is not a valid gzip file/);
  });

  it('refuses a Parquet file that is not Parquet', async () => {
    const path = tmp.path('fake.parquet');
    writeFileSync(path, 'not parquet at all');
    const run = await cli('preview', EXAMPLE, path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/fake\.parquet cannot be read: it is not a Parquet file/);
  });

  const HEADER =
    'bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UnblendedCost';

  it('refuses two payer accounts in one run', async () => {
    const path = tmp.path('two-payers.csv');
    writeFileSync(
      path,
      `${HEADER}\n${MANAGEMENT},2024-09-01T00:00:00Z,${CONTOSO_PROD},Usage,1\n123456789012,2024-09-01T00:00:00Z,${CONTOSO_PROD},Usage,1\n`,
    );
    const run = await cli('preview', EXAMPLE, path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/two payer \(management\) accounts, 004217869350 and 123456789012/);
  });

  it('refuses a month boundary and says that --month picks one; --month then runs', async () => {
    const path = tmp.path('two-months.csv.gz');
    const body = `${HEADER}\n${MANAGEMENT},2024-09-01T00:00:00Z,${CONTOSO_PROD},Usage,1.25\n${MANAGEMENT},2024-10-01T00:00:00Z,${CONTOSO_PROD},Usage,2\n`;
    writeFileSync(path, gzipSync(Buffer.from(body)));
    const run = await cli('preview', EXAMPLE, path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/crosses a month boundary: it has rows of 2024-09 and of 2024-10.*--month 2024-09/);
    const picked = await cli('preview', EXAMPLE, path, '--month', '2024-10', '--json');
    expect(picked.code).toBe(0);
    const result = JSON.parse(picked.stdout);
    expect(result.total.before).toBe('2.00');
    expect(result.rows.otherMonth).toBe(1);
    const empty = await cli('preview', EXAMPLE, path, '--month', '2024-11');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no rows of 2024-11 \(--month\); its months are 2024-09 and 2024-10/);
  });

  it('refuses a cost that is not a number, naming file, column and row', async () => {
    const path = tmp.path('bad-cost.csv');
    writeFileSync(
      path,
      `${HEADER}\n${MANAGEMENT},2024-09-01T00:00:00Z,${CONTOSO_PROD},Usage,1\n${MANAGEMENT},2024-09-01T00:00:00Z,${CONTOSO_PROD},Usage,12,5\n`,
    );
    const run = await cli('preview', EXAMPLE, path);
    // "12,5" is a fourth field on a three-field line: the CSV itself is refused, naming the line.
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /bad-cost\.csv cannot be read: it is not valid CSV \(row 3 has 6 fields where the header has 5\)/,
    );
    const bad = tmp.path('bad-cost-2.csv');
    writeFileSync(
      bad,
      `${HEADER}\n${MANAGEMENT},2024-09-01T00:00:00Z,${CONTOSO_PROD},Usage,1\n${MANAGEMENT},2024-09-01T00:00:00Z,${CONTOSO_PROD},Usage,1.2.3\n`,
    );
    const refused = await cli('preview', EXAMPLE, bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /bad-cost-2\.csv, row 3: lineItem\/UnblendedCost holds "1\.2\.3", which is not a number/,
    );
  });

  it('refuses a CUR without the usage account column', async () => {
    const path = tmp.path('no-account.csv');
    writeFileSync(path, 'lineItem/UnblendedCost,lineItem/LineItemType\n1,Usage\n');
    const run = await cli('preview', EXAMPLE, path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/has no lineItem\/UsageAccountId column/);
  });

  it('needs a workbook and a CUR on the command line', async () => {
    expect((await cli('preview', EXAMPLE)).code).toBe(2);
    expect((await cli('preview', EXAMPLE, 'x.csv', '--month', '2024-13')).stderr).toMatch(/--month must be a month/);
    expect((await cli('preview', EXAMPLE, 'x.csv', '--json', '--csv')).stderr).toMatch(/not both/);
  });
});
