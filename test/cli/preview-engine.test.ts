/**
 * Which engine `msp-enroll preview` runs without --engine (issue 14): DuckDB where it is
 * installed and the files are large enough for it to pay, the JavaScript engine otherwise; one
 * line on standard error says which. (DuckDB missing: test/cli/preview-sql-missing.test.ts.)
 */
import { statSync, writeFileSync } from 'node:fs';
import { generateCur } from '../../src/core/preview/generator';
import { writeCurCsv, writeCurParquet } from '../../src/cli/cur-write';
import { chooseEngine, DUCKDB_FROM_BYTES } from '../../src/cli/preview-sql-command';
import { cli, EXAMPLE, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const PAYER = '004217869350';
const ACCOUNTS = ['018273645091', '274615093862', '385920174638'];
const rowsOf = (rows: number) =>
  generateCur({ seed: 5, rows, month: '2025-06', payer: PAYER, accounts: ACCOUNTS }).rows;

describe('chooseEngine', () => {
  const big = DUCKDB_FROM_BYTES.parquet;
  it('keeps --engine js and --engine duckdb whatever the input', () => {
    expect(chooseEngine('js', [{ path: 'a.parquet', bytes: 10 * big }])).toMatchObject({ engine: 'js', forced: true });
    expect(chooseEngine('duckdb', [{ path: 'a.csv', bytes: 10 }])).toMatchObject({ engine: 'duckdb', forced: true });
  });
  it('picks DuckDB from the threshold of the kind on, the files together', () => {
    expect(chooseEngine('auto', [{ path: 'a.parquet', bytes: big - 1 }]).engine).toBe('js');
    expect(chooseEngine('auto', [{ path: 'a.parquet', bytes: big }]).engine).toBe('duckdb');
    expect(
      chooseEngine('auto', [
        { path: 'a.PARQUET', bytes: big / 2 },
        { path: 'b.parquet', bytes: big / 2 },
      ]),
    ).toMatchObject({ engine: 'duckdb', forced: false });
    // A CSV of a Parquet file's size is read as text by DuckDB: not yet worth it.
    expect(chooseEngine('auto', [{ path: 'a.csv', bytes: big }]).engine).toBe('js');
    expect(chooseEngine('auto', [{ path: 'a.csv', bytes: DUCKDB_FROM_BYTES.csv }]).engine).toBe('duckdb');
    expect(chooseEngine('auto', [{ path: 'a.csv.gz', bytes: DUCKDB_FROM_BYTES['csv.gz'] }]).engine).toBe('duckdb');
  });
  it('leaves mixed kinds, other files and unreadable ones to the JavaScript engine, saying why', () => {
    const mixed = chooseEngine('auto', [
      { path: 'a.parquet', bytes: big },
      { path: 'b.csv', bytes: DUCKDB_FROM_BYTES.csv },
    ]);
    expect(mixed).toEqual({ engine: 'js', forced: false, why: expect.stringMatching(/of one kind/) });
    expect(chooseEngine('auto', [{ path: 'a.txt', bytes: 10 * big }]).engine).toBe('js');
    expect(chooseEngine('auto', [{ path: 'a.parquet', bytes: null }])).toMatchObject({
      engine: 'js',
      why: 'a file cannot be read',
    });
  });
});

describe('msp-enroll preview without --engine', () => {
  let small: string;
  let large: string;
  beforeAll(async () => {
    small = tmp.path('small.csv');
    await writeCurCsv(small, 'cur-csv', rowsOf(300), false);
    large = tmp.path('large.parquet');
    writeCurParquet(large, 'cur-athena', rowsOf(45_000), 10_000);
    expect(statSync(large).size).toBeGreaterThanOrEqual(DUCKDB_FROM_BYTES.parquet);
  }, 60_000);

  it('runs the JavaScript engine on a small file and says so in one line', async () => {
    const run = await cli('preview', EXAMPLE, small, '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^msp-enroll: engine js \(0\.\d MB of csv, DuckDB from 10 MB\)\n$/);
  });

  it('runs DuckDB on a large Parquet file, with the report of the JavaScript engine', async () => {
    const auto = await cli('preview', EXAMPLE, large, '--json');
    expect(auto.code).toBe(0);
    expect(auto.stderr).toMatch(/^msp-enroll: engine duckdb \(\d\.\d MB of parquet, DuckDB from 1\.0 MB\)\n$/);
    const js = await cli('preview', EXAMPLE, large, '--json', '--engine', 'js');
    expect(js.stderr).toMatch(/^msp-enroll: engine js \(--engine js\)\n/);
    const a = JSON.parse(auto.stdout);
    const j = JSON.parse(js.stdout);
    expect(a.total).toEqual(j.total);
    expect(a.subsets).toEqual(j.subsets);
  }, 60_000);

  it('runs --engine duckdb on a small file when asked', async () => {
    const run = await cli('preview', EXAMPLE, small, '--json', '--engine', 'duckdb');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('msp-enroll: engine duckdb (--engine duckdb)\n');
  });

  it('leaves to the JavaScript engine a large file DuckDB cannot read, unless DuckDB was asked for', async () => {
    const junk = tmp.path('junk.parquet');
    writeFileSync(junk, Buffer.alloc(DUCKDB_FROM_BYTES.parquet, 7));
    const auto = await cli('preview', EXAMPLE, junk);
    expect(auto.code).toBe(2);
    // The JavaScript engine's own message, in one line.
    expect(auto.stderr).toMatch(/^msp-enroll: \S*junk\.parquet cannot be read: it is not a Parquet file[^\n]*\n$/);
    const forced = await cli('preview', EXAMPLE, junk, '--engine', 'duckdb');
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/^msp-enroll: cannot read \S*junk\.parquet: [^\n]*\n$/);
  });

  it('says a problem both engines share in one line (no engine line)', async () => {
    const run = await cli('preview', EXAMPLE, large, '--month', '2030-01');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no rows of 2030-01/);
  });
});
