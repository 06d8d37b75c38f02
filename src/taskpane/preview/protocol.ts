/**
 * Messages between the Preview tab and its Web Worker (structured clone: the enrollment and the
 * result are plain data; money stays bigint).
 */
import type { Enrollment } from '../../core/enrollment';
import type { PreviewNote } from '../../core/findings';
import type { PreviewResult } from '../../core/preview/runner';

/** The worker's file, built by webpack as its own entry beside the pages (same origin). */
export const WORKER_FILE = 'preview-worker.js';

/** The file names the readers take (the engine's formats). */
export const CUR_EXTENSIONS = ['.parquet', '.csv', '.csv.gz'];

export interface StartMessage {
  readonly type: 'start';
  readonly enrollment: Enrollment;
  /** The picked files (File is a Blob with a name). */
  readonly files: readonly { readonly name: string; readonly blob: Blob }[];
  readonly month?: string;
}

export interface ProgressMessage {
  readonly type: 'progress';
  readonly rows: number;
  readonly bytes: number;
  readonly totalBytes: number;
  /** 1 of 2 while a step needs a first pass over the input (a Savings Plan split). */
  readonly pass: 1 | 2;
  readonly passes: 1 | 2;
}

export type WorkerReply =
  | ProgressMessage
  | { readonly type: 'done'; readonly result: PreviewResult; readonly ms: number }
  /** The input stopped the run (not a CUR, two payers, two months). */
  | { readonly type: 'refused'; readonly note: PreviewNote }
  /** A bug: the message of the exception. */
  | { readonly type: 'crashed'; readonly message: string };
