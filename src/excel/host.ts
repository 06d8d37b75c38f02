/**
 * The add-in's single door to Excel: every `Excel.run` of the product is here or in the modules
 * it calls. The task pane talks to an `EnrollmentHost` and never to Office.js, so its tests can
 * run against the in-memory Excel host and the harness can show it working without Excel.
 */
import type { Finding } from '../core/findings';
import { parseOrgExport, type OrgImportProblem } from '../core/org-import';
import { buildSheets, type BuildReport } from './build';
import { applyFixes, type FixOutcome, type FixRequest } from './fixes';
import { importAccounts, type ImportOutcome } from './import';
import { validateInPlace, clearMarks, type InPlaceResult } from './in-place';
import { isContractSheet } from './read';

export type ImportResult =
  ImportOutcome | { readonly kind: 'unreadable'; readonly problems: readonly OrgImportProblem[] };

export interface ImportReport {
  readonly result: ImportResult;
  /** Problems found in the export itself (IDs restored or unreadable). */
  readonly problems: readonly OrgImportProblem[];
}

export interface EnrollmentHost {
  buildSheets(): Promise<BuildReport>;
  importAccounts(exportText: string): Promise<ImportReport>;
  validate(isStale?: () => boolean): Promise<InPlaceResult>;
  clearMarks(): Promise<number>;
  applyFixes(requests: readonly FixRequest[]): Promise<FixOutcome[]>;
  /** Selects a finding's cell in Excel (activating its sheet). */
  select(finding: Pick<Finding, 'sheet' | 'cell'>): Promise<void>;
  /** Calls `listener` after each user edit on an enrollment sheet; returns the unsubscribe. */
  onEdit(listener: () => void): Promise<() => Promise<void>>;
  /** Calls `listener` with the selected cell (sheet and A1) whenever the selection moves. */
  onSelect(listener: (sheet: string, cell: string) => void): Promise<() => Promise<void>>;
}

/** Whether the host supports ExcelApi `version` (Office is absent in unit tests: assume not). */
function supports(version: string): boolean {
  return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;
}

export function officeHost(): EnrollmentHost {
  return {
    buildSheets: () => Excel.run((context) => buildSheets(context)),

    async importAccounts(exportText) {
      const parsed = parseOrgExport(exportText);
      if (parsed.accounts.length === 0) {
        return { result: { kind: 'unreadable', problems: parsed.problems }, problems: parsed.problems };
      }
      const result = await Excel.run((context) => importAccounts(context, parsed.accounts));
      return { result, problems: parsed.problems };
    },

    validate: (isStale) =>
      Excel.run((context) =>
        validateInPlace(
          context,
          isStale ? { isStale, mergedAreas: supports('1.13') } : { mergedAreas: supports('1.13') },
        ),
      ),

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
        const handlers = sheets.items
          .filter((ws) => isContractSheet(ws.name))
          .map((ws) => ws.onChanged.add(async () => listener()));
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

function selectedAddress(): Promise<string> {
  return Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange();
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
