/**
 * Where the optional @duckdb/node-api is not installed, `--engine duckdb` says how to add it and
 * the JavaScript engine still previews the same files.
 */
import { generateCur } from '../../src/core/preview/generator';
import { writeCurCsv } from '../../src/cli/cur-write';
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
