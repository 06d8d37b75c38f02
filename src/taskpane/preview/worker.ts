/**
 * The Preview tab's Web Worker (its own webpack entry, `preview-worker.js`, served from the
 * add-in's origin: CSP `worker-src 'self'`, no blob: URL, no eval). The engine runs here, off the
 * pane's thread; the pane cancels a run by terminating the worker.
 */
import { Parser } from 'csv-parse/browser/esm';
import '../../core/zod-jitless';
import type { CsvChunkParser, Readers } from './file-source';
import { PANE_CODECS } from './parquet-codecs';
import type { StartMessage, WorkerReply } from './protocol';
import { runStart } from './worker-run';

// csv-parse's parsing core; its types do not declare the `api` field its Parser sets.
const csvParser = (): CsvChunkParser => (new Parser({ bom: true }) as unknown as { api: CsvChunkParser }).api;
const readers: Readers = { csvParser, compressors: PANE_CODECS };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<StartMessage>) => void) | null;
  postMessage(reply: WorkerReply): void;
};
scope.onmessage = (e) => {
  if (e.data.type === 'start') void runStart(e.data, readers, (reply) => scope.postMessage(reply));
};
