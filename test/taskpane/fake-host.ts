/**
 * A hand-written EnrollmentHost for the pane's tests: records every call and answers with what
 * the test scripted. Edit and selection events are fired by the test (edit(), selectCell()).
 * The adapter itself is tested against the in-memory Excel; here only the pane is under test.
 */
import type { Finding } from '../../src/core/findings';
import type { Cell } from '../../src/core/port';
import type { BuildReport } from '../../src/excel/build';
import type { FixOutcome, FixRequest } from '../../src/excel/fixes';
import type { EnrollmentHost, ImportOptions, ImportReport, ValidateOptions } from '../../src/excel/host';
import type { InPlaceResult } from '../../src/excel/in-place';
import type { SubmitRead } from '../../src/excel/host';
import type { SubmissionLogEntry, SubmissionLogResult } from '../../src/excel/submission-log';
import type { Workflow } from '../../src/core/workflows';
import type {
  AddSubsetsReport,
  DeleteOutcome,
  ReferenceReport,
  SaveReport,
  WorkflowsRead,
} from '../../src/excel/workflows';
import type { SheetMeta } from '../../src/excel/read';

export const EMPTY_BUILD: BuildReport = {
  created: [],
  headersAdded: [],
  fieldsAdded: [],
  dropdowns: [],
  frozen: [],
  protectedSheets: [],
  syncs: 0,
};

export const SHEETS: readonly SheetMeta[] = ['Enrollment', 'Accounts', 'Subset Workflows', 'Billing Workflows'].map(
  (name) => ({ name, protected: false, rows: 10, columns: 4 }),
);

/** An InPlaceResult of `findings`; `cells` gives the judged cell of each `Sheet!A1`. */
export function inPlace(
  findings: readonly Finding[],
  options: { cells?: Record<string, Cell>; sheets?: readonly SheetMeta[]; stale?: boolean; unmarked?: number } = {},
): InPlaceResult {
  return {
    result: { findings: [...findings], enrollment: null },
    cellOf: (f) => (f.cell === null ? undefined : options.cells?.[`${f.sheet}!${f.cell}`]),
    sheets: options.sheets ?? SHEETS,
    marked: findings.filter((f) => f.cell !== null).length,
    unmarked: options.unmarked ?? 0,
    syncs: 6,
    stale: options.stale ?? false,
  };
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An error as Office.js rejects with (OfficeExtension.Error). */
export function excelError(message: string, code: string, errorLocation?: string): Error {
  return Object.assign(new Error(message), {
    name: 'RichApi.Error',
    code,
    debugInfo: errorLocation === undefined ? { code, message } : { code, message, errorLocation },
  });
}

type Answer<A extends unknown[], R> = (...args: A) => Promise<R>;

export class FakeHost implements EnrollmentHost {
  /** Every call, in order: the method and its arguments. */
  readonly calls: { method: keyof EnrollmentHost; args: unknown[] }[] = [];
  /** The isStale callback of each validate call, in order. */
  readonly staleChecks: (() => boolean)[] = [];

  answerBuild: Answer<[], BuildReport> = async () => EMPTY_BUILD;
  answerImport: Answer<[string, ImportOptions | undefined], ImportReport> = async () => {
    throw new Error('importAccounts was not scripted');
  };
  answerValidate: Answer<[(() => boolean) | undefined, ValidateOptions | undefined], InPlaceResult> = async () =>
    inPlace([]);
  answerFixes: Answer<[readonly FixRequest[]], FixOutcome[]> = async (requests) => requests.map(() => 'applied');
  answerSelect: Answer<[Pick<Finding, 'sheet' | 'cell'>], void> = async () => undefined;
  answerSubscribe: Answer<[], void> = async () => undefined;
  answerListWorkflows: Answer<[], WorkflowsRead> = async () => ({
    sheet: 'Billing Workflows',
    workflows: [],
    findings: [],
    accounts: [],
    subsets: [],
  });
  answerAddSubsets: Answer<[readonly string[]], AddSubsetsReport> = async (names) => ({
    sheet: 'Subset Workflows',
    rows: names.map((_, i) => i + 2),
    skipped: [],
  });
  answerSaveWorkflow: Answer<[string | null, Workflow], SaveReport> = async () => ({
    written: [],
    appended: [],
    cleared: [],
  });
  answerRenameWorkflow: Answer<[string, string, boolean], ReferenceReport & { readonly rows: readonly number[] }> =
    async () => ({ updated: [], rows: [] });
  answerDeleteWorkflow: Answer<[string, string | undefined], DeleteOutcome> = async () => ({
    kind: 'deleted',
    cleared: [],
    reassigned: null,
  });

  answerReadForSubmit: Answer<[], SubmitRead> = async () => {
    throw new Error('readForSubmit was not scripted');
  };
  /** The rows appendSubmissionLog was given, in order. */
  readonly submissionLog: SubmissionLogEntry[] = [];
  answerSubmissionLog: Answer<[SubmissionLogEntry], SubmissionLogResult> = async () => ({
    kind: 'appended',
    sheet: 'Submission Log',
    row: this.submissionLog.length + 1,
    created: this.submissionLog.length === 1,
  });

  private readonly editListeners = new Set<() => void>();
  private readonly selectListeners = new Set<(sheet: string, cell: string) => void>();

  private record(method: keyof EnrollmentHost, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  /** The calls of one method, in order. */
  callsOf(method: keyof EnrollmentHost): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  buildSheets(): Promise<BuildReport> {
    this.record('buildSheets');
    return this.answerBuild();
  }

  importAccounts(exportText: string, options?: ImportOptions): Promise<ImportReport> {
    this.record('importAccounts', exportText, options);
    return this.answerImport(exportText, options);
  }

  validate(isStale?: () => boolean, options?: ValidateOptions): Promise<InPlaceResult> {
    this.record('validate', isStale);
    if (isStale) this.staleChecks.push(isStale);
    return this.answerValidate(isStale, options);
  }

  async clearMarks(): Promise<number> {
    this.record('clearMarks');
    return 0;
  }

  applyFixes(requests: readonly FixRequest[]): Promise<FixOutcome[]> {
    this.record('applyFixes', requests);
    return this.answerFixes(requests);
  }

  select(finding: Pick<Finding, 'sheet' | 'cell'>): Promise<void> {
    this.record('select', { sheet: finding.sheet, cell: finding.cell });
    return this.answerSelect(finding);
  }

  async onEdit(listener: () => void): Promise<() => Promise<void>> {
    this.record('onEdit');
    await this.answerSubscribe();
    this.editListeners.add(listener);
    return async () => {
      this.editListeners.delete(listener);
    };
  }

  async onSelect(listener: (sheet: string, cell: string) => void): Promise<() => Promise<void>> {
    this.record('onSelect');
    await this.answerSubscribe();
    this.selectListeners.add(listener);
    return async () => {
      this.selectListeners.delete(listener);
    };
  }

  listWorkflows(): Promise<WorkflowsRead> {
    this.record('listWorkflows');
    return this.answerListWorkflows();
  }

  saveWorkflow(original: string | null, workflow: Workflow): Promise<SaveReport> {
    this.record('saveWorkflow', original, workflow);
    return this.answerSaveWorkflow(original, workflow);
  }

  renameWorkflow(
    from: string,
    to: string,
    updateReferences: boolean,
  ): Promise<ReferenceReport & { readonly rows: readonly number[] }> {
    this.record('renameWorkflow', from, to, updateReferences);
    return this.answerRenameWorkflow(from, to, updateReferences);
  }

  addSubsets(names: readonly string[]): Promise<AddSubsetsReport> {
    this.record('addSubsets', names);
    return this.answerAddSubsets(names);
  }

  deleteWorkflow(name: string, reassignTo?: string): Promise<DeleteOutcome> {
    this.record('deleteWorkflow', name, reassignTo);
    return this.answerDeleteWorkflow(name, reassignTo);
  }

  readForSubmit(): Promise<SubmitRead> {
    this.record('readForSubmit');
    return this.answerReadForSubmit();
  }

  appendSubmissionLog(entry: SubmissionLogEntry): Promise<SubmissionLogResult> {
    this.record('appendSubmissionLog', entry);
    this.submissionLog.push(entry);
    return this.answerSubmissionLog(entry);
  }

  /** The user edits an enrollment sheet. */
  edit(): void {
    for (const listener of this.editListeners) listener();
  }

  /** The user selects a cell in Excel. */
  selectCell(sheet: string, cell: string): void {
    for (const listener of this.selectListeners) listener(sheet, cell);
  }

  get editSubscribers(): number {
    return this.editListeners.size;
  }

  get selectSubscribers(): number {
    return this.selectListeners.size;
  }
}
