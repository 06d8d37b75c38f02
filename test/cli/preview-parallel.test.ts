/**
 * The parallel Parquet reader: row groups decoded in worker threads give the same batches, in the
 * same order, as the one-thread reader; the workers' dictionary codes land on the run's
 * dictionaries; an input error in a worker is the same one-line error; and the command gives the
 * same result with one thread or several. The workers run the compiled reader (dist/cli, which
 * `npm ci` builds through `prepare`; after changing src/core or src/cli, `npm run build:cli`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parquetMetadataAsync } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { Dictionaries, type LineItemBatch } from '../../src/core/preview/batch';
import type { ColumnId, TextColumn } from '../../src/core/preview/columns';
import { PreviewInputError } from '../../src/core/preview/dialects';
import { generateCur } from '../../src/core/preview/generator';
import { openParquet } from '../../src/core/preview/source';
import { writeCurParquet } from '../../src/cli/cur-write';
import { fileBuffer } from '../../src/cli/file-buffer';
import { exactMoney } from '../../src/cli/preview-format';
import { PARALLEL_ROWS, parallelParquet, readerThreads } from '../../src/cli/preview-parallel';
import { EXAMPLE, ROOT, tempDir } from './helpers';

jest.setTimeout(60_000);

const WORKER = join(ROOT, 'dist', 'cli', 'cli', 'preview-read-worker.js');
const BIN = join(ROOT, 'bin', 'msp-enroll.js');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const PAYER = '004217869350';
const ACCOUNTS = ['018273645091', '274615093862', '385920174638', '628104957362', '123456789012'];
const COLUMNS: ColumnId[] = [
  'usageAccountId',
  'unblendedCost',
  'payerAccountId',
  'lineItemType',
  'productCode',
  'description',
  'usageStartDate',
  'publicOnDemandCost',
];
let cur = '';
let total = 0n;

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build:cli first`);
  const generated = generateCur({ seed: 7, rows: 6000, month: '2025-06', payer: PAYER, accounts: ACCOUNTS });
  cur = tmp.path('cur.parquet');
  // Row groups of 700 rows: nine groups, shared unevenly among the threads.
  writeCurParquet(cur, 'cur-athena', generated.rows, 700);
  total = generated.total();
});

/** A batch as plain values: text through its run's dictionary, so codes may differ, values may not. */
function valuesOf(batch: LineItemBatch, dictionaries: Dictionaries): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [column, codes] of Object.entries(batch.text))
    out[column] = Array.from(codes, (c) => dictionaries.values(column as TextColumn)[c]);
  for (const group of [batch.money, batch.number, batch.time])
    for (const [column, values] of Object.entries(group)) out[column] = Array.from(values as Float64Array);
  return out;
}

async function read(path: string, threads: number): Promise<{ batches: Record<string, unknown[]>[] }> {
  const dictionaries = new Dictionaries();
  const options = { file: path, columns: COLUMNS, dictionaries };
  const buffer = await fileBuffer(path);
  const one = await openParquet(options, buffer, compressors);
  const source =
    threads === 1 ? one : parallelParquet(path, options, one, await parquetMetadataAsync(buffer), threads, WORKER);
  const batches = [];
  for await (const batch of source.batches()) batches.push(valuesOf(batch, dictionaries));
  return { batches };
}

test('readerThreads: one per core up to two from 2,000,000 rows (any number when asked), never more than the row groups, 1 without the compiled worker', () => {
  const small = { rowGroups: 9, rows: 1_000_000 };
  const large = { rowGroups: 82, rows: 10_000_000 };
  expect(readerThreads(small, { MSP_ENROLL_READ_THREADS: '3' }, WORKER)).toBe(3);
  expect(readerThreads({ rowGroups: 2, rows: 3000 }, { MSP_ENROLL_READ_THREADS: '3' }, WORKER)).toBe(2);
  expect(readerThreads(large, { MSP_ENROLL_READ_THREADS: '1' }, WORKER)).toBe(1);
  expect(readerThreads(large, { MSP_ENROLL_READ_THREADS: '3' }, join(ROOT, 'no-such-worker.js'))).toBe(1);
  // Unasked: one thread below PARALLEL_ROWS; above, one per core, at most two.
  expect(readerThreads(small, {}, WORKER)).toBe(1);
  expect(readerThreads({ rowGroups: 82, rows: PARALLEL_ROWS - 1 }, {}, WORKER)).toBe(1);
  expect(readerThreads(large, {}, WORKER)).toBe(Math.min(availableParallelism(), 2));
});

test('three threads give the batches of one thread, in file order, with the same values', async () => {
  const one = await read(cur, 1);
  const three = await read(cur, 3);
  expect(one.batches.map((b) => b['unblendedCost']!.length)).toEqual([700, 700, 700, 700, 700, 700, 700, 700, 400]);
  expect(three.batches).toEqual(one.batches);
  // Re-reading (a second pass) starts new threads and gives the same again.
  expect((await read(cur, 2)).batches).toEqual(one.batches);
});

test('a bad value in a row group a worker reads: the same input error, naming the row', async () => {
  const rows = 3000;
  const path = tmp.path('bad.parquet');
  const cost = Array.from({ length: rows }, (_, i) => (i === 2500 ? 'twelve' : String(i / 100)));
  const written = parquetWriteBuffer({
    columnData: [
      { name: 'line_item_usage_account_id', data: Array.from({ length: rows }, () => ACCOUNTS[0]), type: 'STRING' },
      { name: 'line_item_unblended_cost', data: cost, type: 'STRING' },
    ],
    rowGroupSize: 1000,
  });
  writeFileSync(path, new Uint8Array(written));
  const attempt = async (threads: number): Promise<PreviewInputError> => {
    try {
      await read(path, threads);
    } catch (e) {
      if (e instanceof PreviewInputError) return e;
      throw e;
    }
    throw new Error('no error');
  };
  const one = await attempt(1);
  const two = await attempt(2);
  expect(one.note.message).toMatch(/line_item_unblended_cost.*2501|2501.*line_item_unblended_cost/);
  expect(two.note).toEqual(one.note);
});

test('msp-enroll preview: the same JSON with one thread and with three, before = the ledger', () => {
  const run = (threads: string) =>
    spawnSync(process.execPath, [BIN, 'preview', EXAMPLE, cur, '--json', '--engine', 'js'], {
      encoding: 'utf8',
      env: { ...process.env, MSP_ENROLL_READ_THREADS: threads },
    });
  const one = run('1');
  const three = run('3');
  expect(one.stderr).toBe('msp-enroll: engine js (--engine js)\n');
  expect(one.status).toBe(0);
  expect(three.status).toBe(0);
  expect(three.stdout).toBe(one.stdout);
  const result = JSON.parse(one.stdout) as { total: { before: string } };
  expect(result.total.before).toBe(exactMoney(total));
});
