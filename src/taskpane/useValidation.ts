/**
 * Validation for the pane: the controller (validation-controller.ts: debounce, staleness, latest
 * run wins) as React state, and the host's edit events feeding it once the user has validated.
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { EnrollmentHost } from '../excel/host';
import { createValidationController, type ValidationSnapshot } from './validation-controller';
import { useHostSubscription, type Subscribe } from './useHostSubscription';

export interface Validation extends ValidationSnapshot {
  readonly validateNow: () => Promise<void>;
  /** Listening to edits failed: automatic re-validation is off. */
  readonly editsFailure: { readonly error: unknown } | null;
}

export function useValidation(host: EnrollmentHost): Validation {
  const controller = useMemo(
    () => createValidationController((isStale, options) => host.validate(isStale, options)),
    [host],
  );
  useEffect(() => () => controller.stop(), [controller]);
  const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot);

  // The host listens to the enrollment sheets that exist when it subscribes, so subscribe again
  // when a run finds another set of sheets (one built or added since).
  const sheets = snapshot.result?.sheets.map((s) => s.name).join('\n') ?? '';
  const edited = useCallback(() => controller.edited(), [controller]);
  const subscribeEdits = useMemo<Subscribe | null>(
    () => (snapshot.auto ? () => host.onEdit(edited) : null),
    // `sheets` renews the subscription though the callback does not read it.
    [host, edited, snapshot.auto, sheets],
  );
  const editsFailure = useHostSubscription(subscribeEdits);

  return { ...snapshot, validateNow: controller.validateNow, editsFailure };
}
