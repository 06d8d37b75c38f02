/**
 * `msp-enroll preview` through SQL (issue 14): `--engine duckdb` on files, `--sql athena` (the
 * query checked by a Trino grammar and run, as printed, in DuckDB over a table of the Athena
 * integration's shape), `--from-athena` reading that result back into the same report; and the
 * refusals, each one line and exit 2.
 */
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { Parser } from 'node-sql-parser';
import { generateCur, type GeneratorOptions } from '../../src/core/preview/generator';
import { writeCurCsv, writeCurParquet } from '../../src/cli/cur-write';
import { cli, EXAMPLE, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const OPTIONS: GeneratorOptions = {
  seed: 41,
  rows: 3000,
  month: '2025-06',
  payer: '004217869350',
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
const parquet = tmp.path('cur.parquet');
const csv = tmp.path('cur.csv.gz');
beforeAll(async () => {
  writeCurParquet(parquet, 'cur-athena', generateCur(OPTIONS).rows, 500);
  await writeCurCsv(csv, 'cur-csv', generateCur(OPTIONS).rows, true);
});

/** The figures of a --json report that every engine must give alike. */
function figures(json: string) {
  const r = JSON.parse(json) as {
    month: string;
    payer: string;
    total: unknown;
    workflows: unknown;
    subsets: unknown;
    notEnrolled: unknown;
    accountsNotInCur: unknown;
  };
  return {
    month: r.month,
    payer: r.payer,
    total: r.total,
    workflows: r.workflows,
    subsets: r.subsets,
    notEnrolled: r.notEnrolled,
    accountsNotInCur: r.accountsNotInCur,
  };
}

async function ok(...argv: string[]): Promise<string> {
  const run = await cli(...argv);
  // Nothing but the line naming the engine (a preview of files), or nothing at all (--sql athena).
  expect(run.stderr).toMatch(/^(msp-enroll: engine (js|duckdb) \([^\n]+\)\n)?$/);
  expect(run.code).toBe(0);
  return run.stdout;
}

/** Trino's functions the Athena text uses, as DuckDB macros: the text runs unchanged. */
const TRINO_IN_DUCKDB = [
  "SET TimeZone = 'UTC'",
  'CREATE MACRO day_of_week(ts) AS isodow(ts)',
  'CREATE MACRO regexp_like(s, p) AS regexp_matches(s, p)',
  'CREATE MACRO date_add(unit, n, ts) AS ts + to_milliseconds(n)',
  'CREATE MACRO date_format(ts, f) AS strftime(ts, f)',
];

describe('preview --engine duckdb', () => {
  it('gives the JavaScript engine’s report on Parquet and on CSV.gz', async () => {
    const js = figures(await ok('preview', EXAMPLE, parquet, '--json'));
    expect(figures(await ok('preview', EXAMPLE, parquet, '--json', '--engine', 'duckdb'))).toEqual(js);
    expect(figures(await ok('preview', EXAMPLE, csv, '--json', '--engine', 'duckdb'))).toEqual(
      figures(await ok('preview', EXAMPLE, csv, '--json')),
    );
    // The workflows did something: the agreement is not on an empty report.
    const subsets = js.subsets as { before: string; final: string }[];
    expect(subsets.some((s) => s.before !== s.final)).toBe(true);
  }, 60_000);

  it('refuses a month boundary as the JavaScript engine does, and --month picks one', async () => {
    const two = tmp.path('two-months.csv');
    const rows = [
      ...generateCur({ ...OPTIONS, rows: 200 }).rows,
      ...generateCur({ ...OPTIONS, rows: 200, month: '2025-07' }).rows,
    ];
    await writeCurCsv(two, 'cur-csv', rows, false);
    const run = await cli('preview', EXAMPLE, two, '--engine', 'duckdb');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/crosses a month boundary: it has rows of 2025-0[67] and of 2025-0[67]/);
    const picked = await cli('preview', EXAMPLE, two, '--engine', 'duckdb', '--month', '2025-07', '--json');
    expect(picked.code).toBe(0);
    expect(JSON.parse(picked.stdout).month).toBe('2025-07');
    expect(figures(picked.stdout)).toEqual(figures(await ok('preview', EXAMPLE, two, '--month', '2025-07', '--json')));
  }, 60_000);

  it('reads FOCUS as the JavaScript engine does', async () => {
    const focus = tmp.path('focus.csv');
    await writeCurCsv(focus, 'focus', generateCur({ ...OPTIONS, rows: 200 }).rows, false);
    const duck = await ok('preview', EXAMPLE, focus, '--engine', 'duckdb', '--json');
    expect(JSON.parse(duck).dialect).toBe('focus');
    expect(figures(duck)).toEqual(figures(await ok('preview', EXAMPLE, focus, '--engine', 'js', '--json')));
  });

  it('says what it cannot read: mixed file kinds, not a CUR', async () => {
    const mixed = await cli('preview', EXAMPLE, parquet, csv, '--engine', 'duckdb');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/one kind at a time/);
    const other = tmp.path('other.csv');
    writeFileSync(other, 'a,b\n1,2\n');
    const notCur = await cli('preview', EXAMPLE, other, '--engine', 'duckdb');
    expect(notCur.code).toBe(2);
    expect(notCur.stderr).toMatch(/is not a Cost and Usage Report/);
    // A cost that is not a number: one line without the query's text, pointing at --engine js.
    const bad = tmp.path('bad-cost.csv');
    writeFileSync(
      bad,
      'bill_payer_account_id,bill_billing_period_start_date,line_item_usage_account_id,line_item_line_item_type,line_item_product_code,line_item_unblended_cost\n' +
        '004217869350,2025-06-01T00:00:00Z,018273645091,Usage,AmazonEC2,10\n' +
        '004217869350,2025-06-01T00:00:00Z,018273645091,Usage,AmazonEC2,n/a\n',
    );
    const badCost = await cli('preview', EXAMPLE, bad, '--engine', 'duckdb');
    expect(badCost.code).toBe(2);
    expect(badCost.stderr.trim().split('\n')).toHaveLength(1);
    expect(badCost.stderr).toMatch(/"n\/a"/);
    expect(badCost.stderr).toMatch(/--engine js/);
    expect(badCost.stderr).not.toMatch(/LINE \d|SELECT|CAST\(/);
    // The JavaScript engine names the row.
    const js = await cli('preview', EXAMPLE, bad, '--engine', 'js');
    expect(js.stderr).toMatch(/bad-cost\.csv, row 3: line_item_unblended_cost holds "n\/a"/);
  }, 60_000);
});

describe('preview --sql athena and --from-athena', () => {
  it('prints a query that the Trino grammar accepts, restricted to the month’s partitions', async () => {
    const sql = await ok('preview', EXAMPLE, '--sql', 'athena', '--table', 'cur_db.cur_table', '--month', '2025-06');
    const parser = new Parser();
    expect(() => parser.astify(sql.replace(/;\s*$/, ''), { database: 'trino' })).not.toThrow();
    // The grammar is a real check: the same text cut short is refused.
    expect(() => parser.astify(sql.slice(0, sql.length / 2), { database: 'trino' })).toThrow();
    expect(sql).toContain('FROM "cur_db"."cur_table" WHERE "year" = \'2025\' AND "month" = \'6\'');
    expect(sql).toContain('day_of_week("usageStartDate") IN (2)'); // the example's Tuesday discount
    expect(sql).not.toMatch(/isodow|regexp_matches|INTERVAL 1/); // DuckDB's words stay out
    const cur2 = await ok(
      'preview',
      EXAMPLE,
      '--sql',
      'athena',
      '--table',
      'db.t',
      '--month',
      '2025-06',
      '--cur-dialect',
      'cur2',
    );
    expect(cur2).toContain("WHERE billing_period = '2025-06'");
    expect(() => parser.astify(cur2.replace(/;\s*$/, ''), { database: 'trino' })).not.toThrow();
  });

  it('runs as printed on a table of the Athena shape, and --from-athena reads the result into the same report', async () => {
    const sql = await ok('preview', EXAMPLE, '--sql', 'athena', '--table', 'cur_db.cur_table', '--month', '2025-06');
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    for (const q of TRINO_IN_DUCKDB) await db.run(q);
    await db.run('CREATE SCHEMA cur_db');
    // The integration's types: billing period a TIMESTAMP, partitions year and month as strings.
    await db.run(
      `CREATE VIEW cur_db.cur_table AS SELECT * REPLACE (CAST(bill_billing_period_start_date AS TIMESTAMP) AS bill_billing_period_start_date), '2025' AS "year", '6' AS "month" FROM read_parquet('${parquet}')`,
    );
    const reader = await db.runAndReadAll(sql.replace(/;\s*$/, ''));
    const names = reader.columnNames();
    const quote = (v: unknown): string => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);
    const result = tmp.path('athena-result.csv');
    writeFileSync(
      result,
      [names.map(quote).join(','), ...reader.getRowsJson().map((r) => r.map(quote).join(','))].join('\n') + '\n',
    );
    db.closeSync();
    instance.closeSync();
    const back = figures(await ok('preview', EXAMPLE, '--from-athena', result, '--month', '2025-06', '--json'));
    expect(back).toEqual(figures(await ok('preview', EXAMPLE, parquet, '--json')));
    // The same report in text, as a local run prints it.
    const text = await ok('preview', EXAMPLE, '--from-athena', result, '--month', '2025-06');
    // (up to the notes: the data-dependent ones, such as unclassified credits, are the JavaScript engine's).
    const tables = (t: string): string => t.slice(0, t.indexOf('\nTotal:'));
    expect(tables(text)).toBe(tables(await ok('preview', EXAMPLE, parquet)));
    expect(tables(text)).toMatch(/Subset "Subset 1" .*workflow "Workflow 1"\n\s+before/);
  }, 60_000);

  it('refuses what it cannot use, naming the fix', async () => {
    const cases: [string[], RegExp][] = [
      [['--sql', 'athena'], /--sql athena needs --table DATABASE.TABLE/],
      [['--sql', 'athena', '--table', 'db.t; DROP TABLE x'], /--table must be DATABASE.TABLE/],
      [['--sql', 'duckdb', '--table', 'db.t'], /--sql must be athena/],
      [['--table', 'db.t'], /--table goes with --sql athena/],
      [['--engine', 'spark', 'x.csv'], /--engine must be js or duckdb/],
      [['--sql', 'athena', '--table', 'db.t', 'x.csv'], /reads no CUR files/],
      [['--from-athena', 'r.csv', '--engine', 'duckdb'], /does not go with/],
      [['--cur-dialect', 'cur2', 'x.csv'], /--cur-dialect goes with/],
    ];
    for (const [args, message] of cases) {
      const run = await cli('preview', EXAMPLE, ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const wrong = tmp.path('wrong.csv');
    writeFileSync(wrong, 'kind,account\nline,1\n');
    const run = await cli('preview', EXAMPLE, '--from-athena', wrong);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not the result of this workbook's Athena query \(no subset_no, service, n, s0/);
  });
});
