/**
 * The Preview worker's run (runStart) on picked files: the same result as the command line's
 * readers to the unit, for Parquet, CSV and CSV.gz; progress by rows and bytes; refusals as
 * input notes, never a crash.
 */
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Enrollment } from '../../../src/core/enrollment';
import type { StartMessage, WorkerReply } from '../../../src/taskpane/preview/protocol';
import { PROGRESS_MS, runStart } from '../../../src/taskpane/preview/worker-run';
import { tempDir } from '../../cli/helpers';
import {
  cliPreview,
  exampleEnrollment,
  fileBlob,
  NODE_READERS,
  OPTIONS,
  writeGenerated,
  writeText,
  type Kind,
} from './fixtures';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let enrollment: Enrollment;
const ledgers = new Map<Kind, { path: string; total: bigint }>();

beforeAll(async () => {
  enrollment = await exampleEnrollment();
  for (const kind of ['parquet', 'csv', 'csv.gz'] as const) {
    const path = tmp.path(`cur.${kind}`);
    ledgers.set(kind, { path, total: await writeGenerated(path, kind) });
  }
});

async function run(paths: readonly string[], clock?: () => number): Promise<WorkerReply[]> {
  const files = await Promise.all(paths.map(async (p) => ({ name: basename(p), blob: await fileBlob(p) })));
  const message: StartMessage = { type: 'start', enrollment, files };
  const replies: WorkerReply[] = [];
  await runStart(message, NODE_READERS, (r) => replies.push(r), clock);
  return replies;
}

const last = (replies: WorkerReply[]): WorkerReply => replies[replies.length - 1]!;

describe('the worker run', () => {
  it.each(['parquet', 'csv', 'csv.gz'] as const)(
    '%s: the result equals the command line, to the unit',
    async (kind) => {
      const { path, total } = ledgers.get(kind)!;
      const reply = last(await run([path]));
      if (reply.type !== 'done') throw new Error(`not done: ${JSON.stringify(reply)}`);
      const expected = await cliPreview(enrollment, [path]);
      expect(reply.result.total.before).toBe(total);
      // Everything but the file names (the pane knows a file by its name, the CLI by its path).
      const strip = (r: unknown): string =>
        JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
          .split(tmp.path(''))
          .join('');
      expect(strip(reply.result)).toBe(strip(expected));
      expect(reply.result.subsets.length).toBeGreaterThan(1);
      expect(reply.result.total.final).not.toBe(reply.result.total.before);
    },
  );

  it('reports rows and bytes as it goes, never more bytes than the files have', async () => {
    const { path } = ledgers.get('csv')!;
    let t = 0;
    // Each look at the clock is PROGRESS_MS later: every batch reports.
    const replies = await run([path], () => (t += PROGRESS_MS));
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const size = readFileSync(path).length;
    for (const p of progress) {
      expect(p.totalBytes).toBe(size);
      expect(p.bytes).toBeLessThanOrEqual(size);
    }
    const rows = progress.map((p) => p.rows);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(rows[rows.length - 1]).toBe(OPTIONS.rows);
    const bytes = progress.map((p) => p.bytes);
    expect([...bytes].sort((a, b) => a - b)).toEqual(bytes);
    // (3,000 rows are one CSV batch: the intermediate positions are the Parquet test's.)
    expect(bytes[bytes.length - 1]).toBe(size);
    expect(last(replies).type).toBe('done');
  });

  it('Parquet: the bytes are where the reader is, up to the file size', async () => {
    const { path } = ledgers.get('parquet')!;
    let t = 0;
    const progress = (await run([path], () => (t += PROGRESS_MS))).filter((r) => r.type === 'progress');
    const size = readFileSync(path).length;
    const bytes = progress.map((p) => p.bytes);
    expect(bytes.length).toBeGreaterThan(2);
    expect([...bytes].sort((a, b) => a - b)).toEqual(bytes);
    expect(bytes[0]).toBeLessThan(size / 2);
    expect(bytes[bytes.length - 1]).toBeLessThanOrEqual(size);
    expect(bytes[bytes.length - 1]).toBeGreaterThan(size * 0.8);
  });

  it('sends no progress more often than every PROGRESS_MS', async () => {
    const { path } = ledgers.get('csv')!;
    // A clock that stands still: only the first batch reports.
    const replies = await run([path], () => 0);
    expect(replies.filter((r) => r.type === 'progress')).toHaveLength(1);
  });

  it('two files of one month are one run: the sum of both', async () => {
    const a = ledgers.get('csv')!;
    const b = tmp.path('second.csv.gz');
    const total = await writeGenerated(b, 'csv.gz', { ...OPTIONS, seed: 99, rows: 500 });
    const reply = last(await run([a.path, b]));
    if (reply.type !== 'done') throw new Error(JSON.stringify(reply));
    expect(reply.result.total.before).toBe(a.total + total);
    expect(reply.result.rows.read).toBe(OPTIONS.rows + 500);
  });

  it('refuses a file that is not a CUR, naming it', async () => {
    const path = tmp.path('people.csv');
    writeText(path, 'name,email\nAda,ada@example.com\n');
    const reply = last(await run([path]));
    expect(reply.type).toBe('refused');
    if (reply.type === 'refused') expect(reply.note.message).toContain('people.csv');
  });

  it('refuses a file whose name is not a CUR format', async () => {
    const path = tmp.path('cur.xlsx');
    writeText(path, 'x');
    const reply = last(await run([path]));
    if (reply.type !== 'refused') throw new Error(JSON.stringify(reply));
    expect(reply.note.code).toBe('cur-unreadable');
    expect(reply.note.message).toMatch(/cur\.xlsx.*\.parquet, \.csv, \.csv\.gz/);
  });

  it('refuses a .csv.gz that is not gzip, and a Parquet file that is not Parquet', async () => {
    const gz = tmp.path('bad.csv.gz');
    writeText(gz, 'lineItem/UsageAccountId,lineItem/UnblendedCost\n1,2\n');
    const parquet = tmp.path('bad.parquet');
    writeText(parquet, 'not parquet at all');
    for (const [path, words] of [
      [gz, /bad\.csv\.gz.*not a valid gzip/],
      [parquet, /bad\.parquet.*not a Parquet file/],
    ] as const) {
      const reply = last(await run([path]));
      if (reply.type !== 'refused') throw new Error(JSON.stringify(reply));
      expect(reply.note.message).toMatch(words);
    }
  });

  it('refuses a ragged CSV line, naming the line', async () => {
    const path = tmp.path('ragged.csv.gz');
    const csv = readFileSync(ledgers.get('csv')!.path, 'utf8').split('\n');
    csv.splice(5, 0, 'a,b');
    writeFileSync(path, gzipSync(csv.join('\n')));
    const reply = last(await run([path]));
    if (reply.type !== 'refused') throw new Error(JSON.stringify(reply));
    expect(reply.note.message).toMatch(/ragged\.csv\.gz.*not valid CSV.*line 6/);
  });

  it('refuses files of two months', async () => {
    const a = ledgers.get('csv')!.path;
    const b = tmp.path('july.csv');
    await writeGenerated(b, 'csv', { ...OPTIONS, month: '2025-07', rows: 200 });
    const reply = last(await run([a, b]));
    if (reply.type !== 'refused') throw new Error(JSON.stringify(reply));
    expect(reply.note.code).toBe('cur-months-mixed');
  });
});
