/**
 * The command line's parallel Parquet reader: the row groups of a file are decoded in worker
 * threads (preview-read-worker.ts), group g by worker g mod n, and the main thread takes the
 * batches back in file order, so the runner sees exactly the batches the one-thread reader gives.
 * Each worker has its own dictionaries; its text codes are mapped onto the run's dictionaries
 * here, through the values it sends with each batch. Money stays in the batches' exact units; the
 * runner sums them (bigint) on the main thread, so nothing is summed twice or in floating point.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileMetaData } from 'hyparquet';
import type { LineItemBatch } from '../core/preview/batch';
import type { TextColumn } from '../core/preview/columns';
import { PreviewInputError } from '../core/preview/dialects';
import type { LineItemSource, OpenOptions } from '../core/preview/source-types';
import type { PreviewNote } from '../core/findings';

export interface WorkerInput {
  readonly path: string;
  readonly columns: readonly string[];
  readonly rowGroups: readonly number[];
}
export type ToWorker = { readonly kind: 'next' };
export type FromWorker =
  | {
      readonly kind: 'batch';
      readonly batch: LineItemBatch;
      /** The dictionary values the worker added since its last batch, per text column. */
      readonly values: Partial<Record<TextColumn, string[]>>;
    }
  | { readonly kind: 'done' }
  | { readonly kind: 'input-error'; readonly note: PreviewNote }
  | { readonly kind: 'error'; readonly message: string };

/** The compiled worker beside this file (absent when run from the TypeScript sources, in jest). */
export const WORKER = join(__dirname, 'preview-read-worker.js');
// Each thread costs its own heap and a batch in flight (~80 MB at 122,880-row groups): two keep
// a 10^7-row preview near 360 MB, under the 500 MB target; the override may ask for more.
const MAX_THREADS = 2;

/**
 * Files below this many rows are read in one thread: starting the threads and waiting for their
 * first row group cost more than they save (10^6 rows: 2.1 s with one thread, 3.1 s with two;
 * 10^7 rows: 9.1 s against 6.1 s; the shared 2-core machine, the same minute).
 */
export const PARALLEL_ROWS = 2_000_000;

/**
 * How many threads decode a file of `rowGroups` row groups and `rows` rows: one per core, at most
 * two, none when there is one core, one row group or fewer than PARALLEL_ROWS rows.
 * `MSP_ENROLL_READ_THREADS` overrides it (1: one thread), whatever the size.
 */
export function readerThreads(
  file: { readonly rowGroups: number; readonly rows: number },
  env: NodeJS.ProcessEnv = process.env,
  worker: string = WORKER,
): number {
  if (!existsSync(worker)) return 1;
  const asked = Number(env['MSP_ENROLL_READ_THREADS']);
  const threads =
    Number.isInteger(asked) && asked >= 1
      ? asked
      : file.rows < PARALLEL_ROWS
        ? 1
        : Math.min(availableParallelism(), MAX_THREADS);
  return Math.max(1, Math.min(threads, file.rowGroups));
}

/** Messages of one worker, in order. */
class Inbox {
  private readonly queue: FromWorker[] = [];
  private waiting: ((m: FromWorker) => void) | null = null;
  push(message: FromWorker): void {
    if (this.waiting !== null) {
      this.waiting(message);
      this.waiting = null;
    } else this.queue.push(message);
  }
  next(): Promise<FromWorker> {
    const first = this.queue.shift();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

/**
 * `source` (the one-thread reader of the same file, already checked: its dialect and columns)
 * read by `threads` workers instead (`worker`: the compiled worker script).
 */
export function parallelParquet(
  path: string,
  options: OpenOptions,
  source: LineItemSource,
  metadata: FileMetaData,
  threads: number,
  worker: string = WORKER,
): LineItemSource {
  const groups = metadata.row_groups.flatMap((g, i) => (Number(g.num_rows) > 0 ? [i] : []));
  return {
    file: source.file,
    dialect: source.dialect,
    present: source.present,
    async *batches() {
      const shares = Array.from({ length: threads }, (_, w) => groups.filter((_, i) => i % threads === w));
      const inboxes = shares.map(() => new Inbox());
      const workers = shares.map((rowGroups, w) => {
        const input: WorkerInput = { path, columns: options.columns, rowGroups };
        const thread = new Worker(worker, { workerData: input });
        const inbox = inboxes[w]!;
        thread.on('message', (m: FromWorker) => inbox.push(m));
        thread.on('error', (e) => inbox.push({ kind: 'error', message: e.message }));
        thread.on('exit', (code) => inbox.push({ kind: 'error', message: `a reader thread stopped (exit ${code})` }));
        return thread;
      });
      // Per worker and text column: the worker's code → the run's code.
      const codes = shares.map(() => new Map<TextColumn, number[]>());
      try {
        for (let i = 0; i < groups.length; i++) {
          const w = i % threads;
          const message = await inboxes[w]!.next();
          if (message.kind === 'input-error') throw new PreviewInputError(message.note);
          if (message.kind === 'error') throw new Error(message.message);
          if (message.kind === 'done') throw new Error('a reader thread ended before its row groups');
          const { batch, values } = message;
          for (const column of Object.keys(batch.text) as TextColumn[]) {
            let map = codes[w]!.get(column);
            if (map === undefined) codes[w]!.set(column, (map = []));
            const coder = options.dictionaries.coder(column);
            for (const value of values[column] ?? []) map.push(coder(value));
            const local = batch.text[column]!;
            for (let r = 0; r < local.length; r++) local[r] = map[local[r]!]!;
          }
          workers[w]!.postMessage({ kind: 'next' } satisfies ToWorker);
          yield batch;
        }
      } finally {
        await Promise.all(workers.map((thread) => thread.terminate()));
      }
    },
  };
}
