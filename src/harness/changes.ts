/**
 * How the harness grid learns that the workbook changed: a counter bumped after every
 * `Excel.run` of the pane (its batches are the only way it writes), after every selection change
 * and after the grid's own edits. No polling.
 */
import type { MemoryExcel } from '../in-memory-excel';

export interface Changes {
  /** Bumped on every change; React reads it with useSyncExternalStore. */
  readonly version: () => number;
  readonly subscribe: (listener: () => void) => () => void;
  readonly bump: () => void;
}

export function changeFeed(): Changes {
  let version = 0;
  const listeners = new Set<() => void>();
  return {
    version: () => version,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    bump: () => {
      version++;
      for (const l of listeners) l();
    },
  };
}

/**
 * The host as the pane should see it: the same model and globals, with `Excel.run` reporting to
 * `changes` when each batch settles (done or failed).
 */
export function observed(host: MemoryExcel, changes: Changes): MemoryExcel {
  // Excel.run's overloads, forwarded as they are.
  const run = host.Excel.run as (...args: unknown[]) => Promise<unknown>;
  host.model.onSelectionChanged.add(() => changes.bump());
  const observedRun = (...args: unknown[]): Promise<unknown> => run(...args).finally(() => changes.bump());
  return Object.create(host, {
    Excel: { value: { ...host.Excel, run: observedRun as typeof Excel.run }, enumerable: true },
  }) as MemoryExcel;
}
