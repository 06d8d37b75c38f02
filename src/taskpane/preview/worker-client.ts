/**
 * Starting the Preview worker from the pane: what the webview must have, and the worker itself
 * (a file of the add-in's own origin: never a blob: URL, which the CSP's `worker-src 'self'`
 * refuses anyway).
 */
import { WORKER_FILE, type StartMessage, type WorkerReply } from './protocol';

/** What the pane needs of a Worker (tests give a fake one). */
export interface PreviewWorker {
  postMessage(message: StartMessage): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export const startWorker = (): PreviewWorker => new Worker(new URL(WORKER_FILE, document.baseURI));

/** The one sentence for a webview that cannot run the preview, or null when it can. */
export function previewUnsupported(scope: typeof globalThis = globalThis): string | null {
  const blob = scope.Blob?.prototype;
  const ok =
    typeof scope.Worker === 'function' &&
    typeof scope.BigInt === 'function' &&
    typeof scope.ReadableStream === 'function' &&
    typeof blob?.stream === 'function' &&
    typeof blob.arrayBuffer === 'function';
  return ok
    ? null
    : "This version of Office's web view cannot run the preview (it lacks Web Workers or file streams); update Office, or run msp-enroll preview on the command line.";
}
