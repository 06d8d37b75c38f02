/** One host call behind a button: busy while it runs, then its value or its error. */
import { useCallback, useRef, useState } from 'react';

export type ActionState<R> =
  | { readonly status: 'idle' }
  | { readonly status: 'busy' }
  | { readonly status: 'done'; readonly value: R }
  | { readonly status: 'failed'; readonly error: unknown };

export interface Action<A extends unknown[], R> {
  readonly state: ActionState<R>;
  readonly busy: boolean;
  /** Runs the call unless one is already running; never rejects (the error is in `state`). */
  readonly run: (...args: A) => Promise<R | undefined>;
}

export function useAction<A extends unknown[], R>(call: (...args: A) => Promise<R>): Action<A, R> {
  const [state, setState] = useState<ActionState<R>>({ status: 'idle' });
  const running = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setState({ status: 'busy' });
      try {
        const value = await call(...args);
        setState({ status: 'done', value });
        return value;
      } catch (error) {
        setState({ status: 'failed', error });
        return undefined;
      } finally {
        running.current = false;
      }
    },
    [call],
  );
  return { state, busy: state.status === 'busy', run };
}
