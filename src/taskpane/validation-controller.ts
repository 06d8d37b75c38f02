/**
 * The validation loop, without React: runs the host's validation on demand, then again by itself
 * ~700 ms after the last edit, and keeps only results that no edit has overtaken.
 *
 * - Every run gets an id; only the latest run may change the state, so a slow older run that
 *   finishes after a newer one never replaces the newer results.
 * - Each run passes the host an `isStale` callback that is true once an edit (or a newer run)
 *   came after it started; the host then stops before marking cells and returns `stale: true`,
 *   and the debounced run that the edit scheduled takes over.
 * - Edits re-validate only once the user has validated (before that, nothing marks the workbook
 *   uninvited).
 * - Automatic runs are marked as such (the host runs them with delayForCellEdit and keeps inert
 *   marks); a run that fails because the user is typing in a cell is stale, not an error: the
 *   previous findings stay and the run is tried again after the delay (issue 9, item 1).
 * - The findings are shown as soon as the host has them, before the marks are written
 *   (`onFindings`), so a failure while marking never hides them (issue 9, item 2).
 */
import type { InPlaceResult } from '../excel/in-place';
import { isCellEditError } from './errors';

export const REVALIDATE_DELAY_MS = 700;

export interface ValidationSnapshot {
  /** The latest result that an edit did not overtake; null before the first one. */
  readonly result: InPlaceResult | null;
  /** The latest run's failure; cleared by the next successful run. */
  readonly failure: { readonly error: unknown } | null;
  /** A run is in progress. */
  readonly running: boolean;
  /** An edit is waiting for the debounce before a new run starts. */
  readonly pending: boolean;
  /** Edits re-validate by themselves (true after the first run). */
  readonly auto: boolean;
}

export interface ValidationController {
  getSnapshot(): ValidationSnapshot;
  subscribe(listener: () => void): () => void;
  /** Starts a run now (cancelling a pending debounce); resolves when it is over. */
  validateNow(): Promise<void>;
  /** Tells that the user edited an enrollment sheet. */
  edited(): void;
  /** Cancels a pending debounced run (the pane is going away). */
  stop(): void;
}

export interface ValidateRunOptions {
  /** A re-validation after an edit, not one the user asked for. */
  readonly automatic: boolean;
  /** The findings, before the host writes the marks. */
  readonly onFindings: (result: InPlaceResult) => void;
}

export type Validate = (isStale: () => boolean, options: ValidateRunOptions) => Promise<InPlaceResult>;

export function createValidationController(validate: Validate, delayMs = REVALIDATE_DELAY_MS): ValidationController {
  let snapshot: ValidationSnapshot = { result: null, failure: null, running: false, pending: false, auto: false };
  const listeners = new Set<() => void>();
  let latestRun = 0;
  let edits = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const update = (patch: Partial<ValidationSnapshot>): void => {
    snapshot = { ...snapshot, ...patch };
    for (const listener of listeners) listener();
  };

  const cancelTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const schedule = (): void => {
    cancelTimer();
    timer = setTimeout(() => {
      timer = undefined;
      void runValidation(true);
    }, delayMs);
    if (!snapshot.pending) update({ pending: true });
  };

  async function runValidation(automatic: boolean): Promise<void> {
    cancelTimer();
    const run = ++latestRun;
    const editsAtStart = edits;
    const isStale = (): boolean => run !== latestRun || edits !== editsAtStart;
    update({ running: true, pending: false, auto: true });
    const onFindings = (result: InPlaceResult): void => {
      if (!isStale()) update({ result, failure: null });
    };
    try {
      const result = await validate(isStale, { automatic, onFindings });
      if (run !== latestRun) return; // a newer run owns the state
      // Overtaken by an edit: the run that the edit scheduled will report instead.
      update(result.stale ? { running: false } : { result, failure: null, running: false });
    } catch (error) {
      if (run !== latestRun) return;
      if (isCellEditError(error)) {
        // The user is typing in a cell: stale, not a failure. Keep what is shown and try again.
        update({ running: false });
        schedule();
      } else update({ failure: { error }, running: false });
    }
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    validateNow: () => runValidation(false),
    edited() {
      edits++;
      if (!snapshot.auto) return;
      schedule();
    },
    stop() {
      cancelTimer();
      if (snapshot.pending) update({ pending: false });
    },
  };
}
