/**
 * The add-in's single door to Excel: every `Excel.run` of the product is here or in the modules
 * it calls. The task pane talks to an `EnrollmentHost` and never to Office.js, so its tests can
 * run against the in-memory Excel host and the harness can show it working without Excel.
 */
import '../core/zod-jitless';
import type { Enrollment } from '../core/enrollment';
import { hasErrors, type Finding } from '../core/findings';
import type { WorkbookSource } from '../core/package/manifest';
import { validateWorkbook } from '../core/validate';
import { isLeaving, parseOrgExport, type OrgAccount, type OrgImportProblem } from '../core/org-import';
import { buildSheets, type BuildReport } from './build';
import { applyFixes, type FixOutcome, type FixRequest } from './fixes';
import { importAccounts, type ImportOutcome, type ImportProgress } from './import';
import { validateInPlace, clearMarks, type InPlaceOptions, type InPlaceResult } from './in-place';
import { isContractSheet, readWorkbook } from './read';
import type { Workflow } from '../core/workflows';
import {
  addSubsets,
  deleteWorkflow,
  listWorkflows,
  renameWorkflow,
  saveWorkflow,
  type AddSubsetsReport,
  type DeleteOutcome,
  type ReferenceReport,
  type SaveReport,
  type WorkflowsRead,
} from './workflows';
import { appendSubmissionLog, type SubmissionLogEntry, type SubmissionLogResult } from './submission-log';
import { tryReadCompressedFile, type FileDocument } from './file';
import type { PreviewResult } from '../core/preview/runner';
import type { PreviewRead, PreviewSheetOutcome } from './preview-sheet';

export type ImportResult =
  ImportOutcome | { readonly kind: 'unreadable'; readonly problems: readonly OrgImportProblem[] };

export interface ImportReport {
  readonly result: ImportResult;
  /** Problems found in the export itself (IDs restored or unreadable). */
  readonly problems: readonly OrgImportProblem[];
  /** Suspended and closing accounts of the export that were not imported (the user did not ask). */
  readonly leftOut?: readonly OrgAccount[];
  /** The export's NextToken: it was a first page only (see OrgImport.nextToken). */
  readonly nextToken?: string | null;
}

export interface ImportOptions {
  /** Import SUSPENDED and PENDING_CLOSURE accounts too (left out by default). */
  readonly includeLeaving?: boolean;
  /** Told, band by band, how many of the accounts to add are written (for a progress bar). */
  readonly onProgress?: ImportProgress;
}

/** The workbook file for the package, and how it was had (manifest.json's `workbookSource`). */
export interface WorkbookFile {
  readonly bytes: Uint8Array;
  readonly source: WorkbookSource;
  /** Why the file was rebuilt from the values (the file API's refusal), for the pane to say. */
  readonly note?: string;
}

/** What "Submit to Spot" needs: the full validation and, when it has no errors, the workbook. */
export interface SubmitRead {
  readonly findings: readonly Finding[];
  /** The enrollment as validated; null while errors remain. */
  readonly enrollment: Enrollment | null;
  /** null while errors remain: the file is only read for a workbook that can be submitted. */
  readonly workbook: WorkbookFile | null;
  /** What workbook.xlsx ships and what it leaves out (issue 16); null while errors remain. */
  readonly shipment?: ShipmentSummary | null;
}

/** The listing the pane shows before packaging, in English (the core's words). */
export interface ShipmentSummary {
  /** The sheets whose values ship. */
  readonly sheets: readonly string[];
  /** What the workbook carries that is left out, one line each. */
  readonly leftOut: readonly string[];
  /** Text that looks like a credential in what would ship: each blocks packaging. */
  readonly credentials: readonly string[];
}

export interface ValidateOptions {
  readonly automatic?: boolean;
  readonly onFindings?: (result: InPlaceResult) => void;
}

export interface EnrollmentHost {
  buildSheets(): Promise<BuildReport>;
  importAccounts(exportText: string, options?: ImportOptions): Promise<ImportReport>;
  /**
   * Validates in place. `options.automatic`: a re-validation after an edit (delayForCellEdit,
   * inert marks kept); `options.onFindings`: the findings, before any mark is written.
   */
  validate(isStale?: () => boolean, options?: ValidateOptions): Promise<InPlaceResult>;
  clearMarks(): Promise<number>;
  applyFixes(requests: readonly FixRequest[]): Promise<FixOutcome[]>;
  /** Selects a finding's cell in Excel (activating its sheet). */
  select(finding: Pick<Finding, 'sheet' | 'cell'>): Promise<void>;
  /** Calls `listener` after each user edit on an enrollment sheet; returns the unsubscribe. */
  onEdit(listener: () => void): Promise<() => Promise<void>>;
  /** Calls `listener` with the selected cell (sheet and A1) whenever the selection moves. */
  onSelect(listener: (sheet: string, cell: string) => void): Promise<() => Promise<void>>;
  /** The workflows of Billing Workflows, the findings on that sheet, and the accounts and subsets to offer. */
  listWorkflows(): Promise<WorkflowsRead>;
  /** Writes one workflow's rows in place (`original`: its name in the sheet, null for a new one). */
  saveWorkflow(original: string | null, workflow: Workflow): Promise<SaveReport>;
  /** Renames a workflow; with `updateReferences`, in Subset Workflows and End Customers too. */
  renameWorkflow(
    from: string,
    to: string,
    updateReferences: boolean,
  ): Promise<ReferenceReport & { readonly rows: readonly number[] }>;
  /** Deletes a workflow's rows; refused while subsets use it, unless they are re-assigned to `reassignTo`. */
  deleteWorkflow(name: string, reassignTo?: string): Promise<DeleteOutcome>;
  /** Appends Subset Workflows rows for these subsets (workflow left empty); names already there are skipped. */
  addSubsets(names: readonly string[]): Promise<AddSubsetsReport>;
  /**
   * Validates the whole workbook and, when it has no errors, takes the workbook file: Office's
   * file API where the host gives it (desktop Excel), else an .xlsx rebuilt from the enrollment
   * sheets' values (Excel on the web, the harness). Optional only so that hosts written before
   * issue 5 still type-check; officeHost has it (the Submit view falls back to it).
   */
  readForSubmit(): Promise<SubmitRead>;
  /** Appends one row to the Submission Log sheet (made when missing); never changes earlier rows. */
  appendSubmissionLog(entry: SubmissionLogEntry): Promise<SubmissionLogResult>;
  /** The Preview tab (issue 13): the enrollment as validated, null while errors remain. Optional as readForSubmit is. */
  readForPreview?(): Promise<PreviewRead>;
  /** Writes the "Preview" sheet; an existing one only when `replace`. */
  writePreviewSheet?(result: PreviewResult, replace: boolean): Promise<PreviewSheetOutcome>;
}

/** Whether the host supports ExcelApi `version` (Office is absent in unit tests: assume not). */
function supports(version: string): boolean {
  return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;
}

export function officeHost(): EnrollmentHost {
  return {
    buildSheets: () => Excel.run((context) => buildSheets(context)),

    async importAccounts(exportText, options = {}) {
      const parsed = parseOrgExport(exportText);
      const leftOut = options.includeLeaving ? [] : parsed.accounts.filter(isLeaving);
      const about = { problems: parsed.problems, leftOut, nextToken: parsed.nextToken ?? null };
      if (parsed.accounts.length === 0) {
        return { result: { kind: 'unreadable', problems: parsed.problems }, ...about };
      }
      const chosen = leftOut.length === 0 ? parsed.accounts : parsed.accounts.filter((a) => !isLeaving(a));
      const result = await Excel.run((context) => importAccounts(context, chosen, options.onProgress));
      return { result, ...about };
    },

    validate: (isStale, options = {}) => {
      const inPlace: InPlaceOptions = {
        mergedAreas: supports('1.13'),
        // An automatic run keeps inert marks, so a fix makes no undo record; one the user asked for tidies.
        tidy: options.automatic !== true,
        ...(isStale ? { isStale } : {}),
        ...(options.onFindings ? { onFindings: options.onFindings } : {}),
      };
      // A run must not fail while the user types in a cell: Excel holds it until the user leaves
      // the cell (delayForCellEdit, issue 9 item 1). Also for a run the user asked for: clicking
      // the pane does not always end Excel's cell edit.
      return Excel.run({ delayForCellEdit: true }, (context) => validateInPlace(context, inPlace));
    },

    clearMarks: () => Excel.run((context) => clearMarks(context)),

    applyFixes: (requests) => Excel.run((context) => applyFixes(context, requests)),

    select: ({ sheet, cell }) =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        (cell === null ? ws.getRange('A1') : ws.getRange(cell)).select();
        await context.sync();
      }),

    async onEdit(listener) {
      // One handler per worksheet (ExcelApi 1.7) rather than the collection's (1.9): Excel 2019 has 1.8.
      return Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        // The add-in's own writes (marks, fixes) raise onChanged too; ExcelApi 1.14 says which they are.
        const handlers = sheets.items
          .filter((ws) => isContractSheet(ws.name))
          .map((ws) =>
            ws.onChanged.add(async (e) => {
              if (e.triggerSource !== 'ThisLocalAddin') listener();
            }),
          );
        const added = sheets.onAdded.add(async () => listener());
        await context.sync();
        return async () => {
          await Excel.run(handlers[0]?.context ?? added.context, async (ctx) => {
            for (const h of handlers) h.remove();
            added.remove();
            await ctx.sync();
          });
        };
      });
    },

    readForSubmit: () => readForSubmit(),

    appendSubmissionLog: (entry) => Excel.run((context) => appendSubmissionLog(context, entry)),

    // Loaded with the Preview tab's first use, not with the pane.
    readForPreview: async () => {
      const { readForPreview } = await import(/* webpackChunkName: "preview-sheet" */ './preview-sheet');
      return Excel.run((context) => readForPreview(context, supports('1.13')));
    },
    writePreviewSheet: async (result, replace) => {
      const { writePreviewSheet } = await import(/* webpackChunkName: "preview-sheet" */ './preview-sheet');
      return Excel.run((context) => writePreviewSheet(context, result, { replace }));
    },

    listWorkflows: () => Excel.run((context) => listWorkflows(context)),
    saveWorkflow: (original, workflow) => Excel.run((context) => saveWorkflow(context, original, workflow)),
    renameWorkflow: (from, to, references) => Excel.run((context) => renameWorkflow(context, from, to, references)),
    deleteWorkflow: (name, reassignTo) => Excel.run((context) => deleteWorkflow(context, name, reassignTo)),
    addSubsets: (names) => Excel.run((context) => addSubsets(context, names)),

    async onSelect(listener) {
      return Excel.run(async (context) => {
        const handler = context.workbook.onSelectionChanged.add(async () => {
          const [sheet, cell] = splitAddress(await selectedAddress());
          listener(sheet, cell);
        });
        await context.sync();
        return async () => {
          await Excel.run(handler.context, async (ctx) => {
            handler.remove();
            await ctx.sync();
          });
        };
      });
    },
  };
}

async function readForSubmit(): Promise<SubmitRead> {
  const read = await Excel.run((context) => readWorkbook(context, { mergedAreas: supports('1.13') }));
  const { findings, enrollment } = validateWorkbook(read.input);
  if (enrollment === null || hasErrors(findings)) return { findings, enrollment: null, workbook: null };
  const document: FileDocument | undefined =
    typeof Office === 'undefined' ? undefined : (Office.context?.document as FileDocument | undefined);
  // The file, where the host gives it, only to list what it carries: one rule for every host
  // (issue 16), workbook.xlsx is the contract sheets' values, rebuilt.
  const platform = typeof Office === 'undefined' ? undefined : String(Office.context?.platform ?? '');
  const file = await tryReadCompressedFile(document, { platform });
  const { shipmentOf } = await import(/* webpackChunkName: "package" */ './shipment');
  const { bytes, summary } = shipmentOf(read.input, file.bytes);
  return {
    findings,
    enrollment,
    workbook:
      file.bytes === null
        ? { bytes, source: 'rebuilt-from-values', note: file.reason }
        : { bytes, source: 'rebuilt-from-values' },
    shipment: summary,
  };
}

/** The active cell's address: getSelectedRange would throw while several areas are selected. */
function selectedAddress(): Promise<string> {
  return Excel.run(async (context) => {
    const range = context.workbook.getActiveCell();
    range.load('address');
    await context.sync();
    return range.address;
  });
}

/** `'Subset Workflows'!B3:C4` → [`Subset Workflows`, `B3`] (the top-left cell). */
export function splitAddress(address: string): [string, string] {
  const bang = address.lastIndexOf('!');
  const rawSheet = address.slice(0, bang);
  const sheet = rawSheet.startsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  const cell = address
    .slice(bang + 1)
    .split(':')[0]!
    .replace(/\$/g, '');
  return [sheet, cell];
}
