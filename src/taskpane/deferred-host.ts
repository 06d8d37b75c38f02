/**
 * An EnrollmentHost whose real implementation is loaded on first use. The Office.js adapter
 * brings the whole core with it (the validator, the billing rule catalog and zod), which the pane
 * does not need to show itself: `index.tsx` passes `import('../excel/host')` here so that code is
 * a chunk of its own, fetched when the first action runs (and prefetched while the pane idles).
 */
import type { EnrollmentHost } from '../excel/host';

export function deferredHost(load: () => Promise<EnrollmentHost>): EnrollmentHost {
  let loading: Promise<EnrollmentHost> | undefined;
  const host = (): Promise<EnrollmentHost> =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined; // a failed chunk download is tried again on the next action
      throw error;
    }));
  return {
    buildSheets: async () => (await host()).buildSheets(),
    importAccounts: async (exportText, options) => (await host()).importAccounts(exportText, options),
    validate: async (isStale) => (await host()).validate(isStale),
    clearMarks: async () => (await host()).clearMarks(),
    applyFixes: async (requests) => (await host()).applyFixes(requests),
    select: async (finding) => (await host()).select(finding),
    onEdit: async (listener) => (await host()).onEdit(listener),
    onSelect: async (listener) => (await host()).onSelect(listener),
    listWorkflows: async () => (await host()).listWorkflows(),
    saveWorkflow: async (original, workflow) => (await host()).saveWorkflow(original, workflow),
    renameWorkflow: async (from, to, references) => (await host()).renameWorkflow(from, to, references),
    deleteWorkflow: async (name, reassignTo) => (await host()).deleteWorkflow(name, reassignTo),
    addSubsets: async (names) => (await host()).addSubsets(names),
    readForSubmit: async () => (await host()).readForSubmit(),
    appendSubmissionLog: async (entry) => (await host()).appendSubmissionLog(entry),
  };
}
