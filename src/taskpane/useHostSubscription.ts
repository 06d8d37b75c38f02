/**
 * Keeps one host event subscription (onEdit, onSelect) while `subscribe` is not null, and renews
 * it whenever `subscribe` changes. Returns the failure of the latest attempt, if any.
 */
import { useEffect, useState } from 'react';

export type Subscribe = () => Promise<() => Promise<void>>;

/** Removing a handler fails only when the pane or the workbook is going away: nothing to tell then. */
const ignore = (): undefined => undefined;

export function useHostSubscription(subscribe: Subscribe | null): { readonly error: unknown } | null {
  const [failure, setFailure] = useState<{ readonly error: unknown } | null>(null);
  useEffect(() => {
    if (subscribe === null) return undefined;
    let active = true;
    let unsubscribe: (() => Promise<void>) | undefined;
    subscribe().then(
      (remove) => {
        if (active) {
          unsubscribe = remove;
          setFailure(null);
        } else void remove().catch(ignore);
      },
      (error: unknown) => {
        if (active) setFailure({ error });
      },
    );
    return () => {
      active = false;
      void unsubscribe?.().catch(ignore);
    };
  }, [subscribe]);
  return failure;
}
