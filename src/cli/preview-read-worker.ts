/**
 * A worker thread of the parallel Parquet reader (preview-parallel.ts): decodes its share of a
 * file's row groups into batches with its own dictionaries and posts each batch (its typed arrays
 * transferred, not copied) with the dictionary values it added, at most `AHEAD` batches ahead of
 * what the main thread has taken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compressors } from 'hyparquet-compressors';
import { Dictionaries } from '../core/preview/batch';
import type { ColumnId, TextColumn } from '../core/preview/columns';
import { PreviewInputError } from '../core/preview/dialects';
import { openParquet } from '../core/preview/parquet-source';
import type { FromWorker, ToWorker, WorkerInput } from './preview-parallel';
import { fileBuffer } from './file-buffer';

/** Batches decoded ahead of the main thread: one (two cost ~50 MB more at 10^7 rows, for no gain the shared machine showed). */
const AHEAD = 1;

async function work(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  let credits = AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'next') credits++;
    wake?.();
    wake = null;
  });
  const dictionaries = new Dictionaries();
  const sent = new Map<TextColumn, number>();
  const source = await openParquet(
    { file: input.path, columns: input.columns as ColumnId[], dictionaries },
    await fileBuffer(input.path),
    compressors,
    new Set(input.rowGroups),
  );
  for await (const batch of source.batches()) {
    const values: Partial<Record<TextColumn, string[]>> = {};
    for (const column of Object.keys(batch.text) as TextColumn[]) {
      const all = dictionaries.values(column);
      const from = sent.get(column) ?? 0;
      values[column] = all.slice(from);
      sent.set(column, all.length);
    }
    const buffers = new Set<ArrayBuffer>();
    for (const group of [batch.text, batch.money, batch.number, batch.time])
      for (const array of Object.values(group) as (Int32Array | Float64Array)[])
        if (array.byteOffset === 0 && array.byteLength === array.buffer.byteLength)
          buffers.add(array.buffer as ArrayBuffer);
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    const message: FromWorker = { kind: 'batch', batch, values };
    port.postMessage(message, [...buffers]);
  }
  port.postMessage({ kind: 'done' } satisfies FromWorker);
}

const port = parentPort;
if (port !== null)
  work(port, workerData as WorkerInput).catch((e: unknown) => {
    const message: FromWorker =
      e instanceof PreviewInputError
        ? { kind: 'input-error', note: e.note }
        : { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    port.postMessage(message);
  });
