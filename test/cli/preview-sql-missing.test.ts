/**
 * Where the optional @duckdb/node-api is not installed, `--engine duckdb` says how to add it and
 * the JavaScript engine still previews the same files.
 */
import { statSync } from 'node:fs';
import { generateCur } from '../../src/core/preview/generator';
import { moneyOf } from '../../src/core/preview/money';
import { writeCurCsv, writeCurParquet } from '../../src/cli/cur-write';
import { DUCKDB_FROM_BYTES } from '../../src/cli/preview-sql-command';
import { cli, EXAMPLE, tempDir } from './helpers';

jest.mock('@duckdb/node-api', () => {
  throw new Error("Cannot find module '@duckdb/node-api'");
});

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it('names the package and the command that adds it; the JavaScript engine runs', async () => {
  const path = tmp.path('cur.csv');
  await writeCurCsv(
    path,
    'cur-csv',
    generateCur({ seed: 3, rows: 100, month: '2025-06', payer: '004217869350', accounts: ['018273645091'] }).rows,
    false,
  );
  const duck = await cli('preview', EXAMPLE, path, '--engine', 'duckdb');
  expect(duck.code).toBe(2);
  expect(duck.stderr).toMatch(/needs the optional package @duckdb\/node-api.*npm install @duckdb\/node-api/);
  const js = await cli('preview', EXAMPLE, path);
  expect(js.code).toBe(0);
  expect(js.stdout).toMatch(/^Preview of 2025-06/);
});

it('without --engine, previews a file large enough for DuckDB with the JavaScript engine, no error', async () => {
  const path = tmp.path('large.parquet');
  const rows = generateCur({
    seed: 4,
    rows: 45_000,
    month: '2025-06',
    payer: '004217869350',
    accounts: ['018273645091'],
  });
  writeCurParquet(path, 'cur-athena', rows.rows, 10_000);
  expect(statSync(path).size).toBeGreaterThanOrEqual(DUCKDB_FROM_BYTES.parquet);
  const run = await cli('preview', EXAMPLE, path, '--json');
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(
    /^msp-enroll: engine js \([\d.]+ MB of parquet, DuckDB from 1\.0 MB, but @duckdb\/node-api is not installed\)\n$/,
  );
  // The generator's exact ledger: the JavaScript engine read every row.
  expect(moneyOf(JSON.parse(run.stdout).total.before)).toBe(rows.total());
}, 60_000);
