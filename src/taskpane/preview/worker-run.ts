/**
 * What the Preview worker does with a start message: the engine's `runPreview` over the picked
 * files, progress at most every PROGRESS_MS, then the result or the note that stopped it.
 * Separate from the worker entry so that jest runs it with Node's Blob and csv-parse build.
 */
import { runPreview } from '../../core/preview/source';
import { ByteCounter, openBlob, type Readers } from './file-source';
import type { StartMessage, WorkerReply } from './protocol';

/** Progress messages at most this often: enough for a smooth bar, few enough to cost nothing. */
export const PROGRESS_MS = 100;

export async function runStart(
  message: StartMessage,
  readers: Readers,
  post: (reply: WorkerReply) => void,
  now: () => number = () => performance.now(),
): Promise<void> {
  const started = now();
  const byName = new Map(message.files.map((f) => [f.name, f.blob]));
  const counter = new ByteCounter();
  const sizes = message.files.reduce((sum, f) => sum + f.blob.size, 0);
  let done = 0; // rows of finished files and passes
  let current = 0;
  let key = '';
  let last = -Infinity;
  try {
    const outcome = await runPreview({
      enrollment: message.enrollment,
      files: message.files.map((f) => f.name),
      open: (file, options) => openBlob(byName.get(file)!, file, options, readers, counter),
      ...(message.month === undefined ? {} : { options: { month: message.month } }),
      onProgress: (p) => {
        if (`${p.pass}/${p.file}` !== key) {
          done += current;
          key = `${p.pass}/${p.file}`;
        }
        current = p.rows;
        const t = now();
        if (t - last < PROGRESS_MS) return;
        last = t;
        // A two-pass run reads every byte twice.
        post({
          type: 'progress',
          rows: done + current,
          bytes: counter.read,
          totalBytes: sizes * p.passes,
          pass: p.pass,
          passes: p.passes,
        });
      },
    });
    if (outcome.ok) post({ type: 'done', result: outcome.result, ms: now() - started });
    else post({ type: 'refused', note: outcome.note });
  } catch (e) {
    post({ type: 'crashed', message: e instanceof Error ? e.message : String(e) });
  }
}
