/**
 * The "Preview" sheet (issue 13): the preview's lines (subset × account × service, and the
 * accounts not enrolled) as one Excel table the user can filter and pivot, money as numbers in a
 * currency format. Only this sheet is made or (when the user said so) replaced; the enrollment
 * sheets are never touched. Rows go in bands so that no request exceeds the payload budget.
 */
import type { Enrollment } from '../core/enrollment';
import { hasErrors, type Finding } from '../core/findings';
import { formatMoney, MONEY_DECIMALS, type Money } from '../core/preview/money';
import type { PreviewResult } from '../core/preview/runner';
import { validateWorkbook } from '../core/validate';
import { columnLetter } from '../core/a1';
import { writeText } from './build';
import { BYTES_PER_CELL, isContractSheet, readWorkbook } from './read';

export const PREVIEW_SHEET = 'Preview';
/** CUR charges are in US dollars (AWS bills resellers in USD); two decimals shown, every unit kept. */
export const MONEY_FORMAT = '$#,##0.00;-$#,##0.00';
/** Request budget per sync, in bytes: under Excel on the web's 5 MB payload limit with room to spare. */
const DEFAULT_BUDGET = 4_000_000;

export interface PreviewRead {
  readonly findings: readonly Finding[];
  /** null while errors remain (the mapping of accounts to workflows is unknowable). */
  readonly enrollment: Enrollment | null;
}

/** Reads and validates the enrollment sheets as Validate does; the enrollment only without errors. */
export async function readForPreview(context: Excel.RequestContext, mergedAreas = false): Promise<PreviewRead> {
  const read = await readWorkbook(context, { mergedAreas });
  const { findings, enrollment } = validateWorkbook(read.input);
  return { findings, enrollment: enrollment === null || hasErrors(findings) ? null : enrollment };
}

type Cell = string | number;

/** Money as a number of the currency, from its exact decimal (not from float arithmetic). */
const amount = (m: Money): number => Number(formatMoney(m, MONEY_DECIMALS));

/** The table: header and one row per line; "After step k" columns up to the longest workflow. */
export function previewRows(result: PreviewResult): { header: string[]; rows: Cell[][]; money: boolean[] } {
  const steps = Math.max(0, ...result.workflows.map((w) => w.steps.length));
  const header = [
    'Subset',
    'End customer',
    'Workflow',
    'Account',
    'Account name',
    'Service',
    'Before',
    ...Array.from({ length: steps }, (_, k) => `After step ${k + 1}`),
    'Final',
    'Difference',
  ];
  const money = header.map((_, i) => i >= 6);
  const rows: Cell[][] = [];
  for (const s of result.subsets) {
    const names = new Map(s.accounts.map((a) => [a.accountId, a.name]));
    for (const line of s.lines) {
      const final = line.after.length === 0 ? line.before : line.after[line.after.length - 1]!;
      const after = Array.from({ length: steps }, (_, k): Cell => {
        const v = line.after[k];
        return v === undefined ? '' : amount(v);
      });
      rows.push([
        s.subset,
        s.endCustomer?.consoleEmail ?? '',
        s.workflow,
        line.accountId,
        names.get(line.accountId) ?? '',
        line.service,
        amount(line.before),
        ...after,
        amount(final),
        amount(final - line.before),
      ]);
    }
  }
  for (const a of result.notEnrolled.accounts)
    rows.push([
      'Not enrolled',
      '',
      '',
      a.accountId,
      '',
      '',
      amount(a.before),
      ...Array.from({ length: steps }, () => ''),
      amount(a.before),
      0,
    ]);
  return { header, rows, money };
}

export type PreviewSheetOutcome =
  | { readonly kind: 'exists'; readonly sheet: string }
  | { readonly kind: 'written'; readonly sheet: string; readonly rows: number; readonly syncs: number };

/**
 * Writes the Preview sheet. An existing sheet of that name is left alone (`exists`) unless
 * `replace` (the user confirmed), then it is deleted and made again.
 */
export async function writePreviewSheet(
  context: Excel.RequestContext,
  result: PreviewResult,
  options: { readonly replace: boolean; readonly maxPayloadBytes?: number },
): Promise<PreviewSheetOutcome> {
  // The name is not one of the contract's: replacing it can never delete an enrollment sheet.
  if (isContractSheet(PREVIEW_SHEET)) throw new Error('The Preview sheet would be an enrollment sheet');
  const existing = context.workbook.worksheets.getItemOrNullObject(PREVIEW_SHEET);
  existing.load('name');
  await context.sync();
  let syncs = 1;
  if (!existing.isNullObject) {
    if (!options.replace) return { kind: 'exists', sheet: existing.name };
    existing.delete();
  }
  const ws = context.workbook.worksheets.add(PREVIEW_SHEET);
  const { header, rows, money } = previewRows(result);
  const width = header.length;
  writeText(ws.getRangeByIndexes(0, 0, 1, width), [header]);
  const budget = options.maxPayloadBytes ?? DEFAULT_BUDGET;
  // Values and number formats travel together: two cells' worth per cell.
  const band = Math.max(1, Math.floor(budget / (2 * BYTES_PER_CELL * width)));
  const formats = money.map((m) => (m ? MONEY_FORMAT : '@'));
  for (let first = 0; first < rows.length; first += band) {
    const slice = rows.slice(first, first + band);
    const range = ws.getRangeByIndexes(1 + first, 0, slice.length, width);
    // Text cells formatted `@` before their value: an account name "=1+1" stays text.
    range.numberFormat = slice.map(() => formats);
    range.values = slice;
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per band, by design: a single larger request is refused by Excel on the web.
    await context.sync();
    syncs++;
  }
  // Named before it exists: a new table's default name would be among the names read.
  const name = uniqueTableName(await tableNames(context));
  const table = ws.tables.add(`A1:${columnLetter(width - 1)}${rows.length + 1}`, true);
  table.name = name;
  ws.getRangeByIndexes(0, 0, rows.length + 1, width).format.autofitColumns();
  await context.sync();
  syncs += 2; // the table names, then the table
  return { kind: 'written', sheet: PREVIEW_SHEET, rows: rows.length, syncs };
}

async function tableNames(context: Excel.RequestContext): Promise<Set<string>> {
  const tables = context.workbook.tables;
  tables.load('items/name');
  await context.sync();
  return new Set(tables.items.map((t) => t.name.toLowerCase()));
}

/** "PreviewLines", or "PreviewLines2", ... when the user already has a table of that name. */
function uniqueTableName(taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? 'PreviewLines' : `PreviewLines${i}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
