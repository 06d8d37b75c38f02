/**
 * The "Submission Log" sheet (issue 5): one row appended per submission, earlier rows never
 * changed. The sheet is made (with its header row) when missing; a row goes below the last used
 * row; text (the time, the SHA-256, the destination) is written as text so Excel does not turn it
 * into a date or a number. A protected log sheet is left alone and reported.
 */
import { writeText } from './build';

export const SUBMISSION_LOG_SHEET = 'Submission Log';

export const SUBMISSION_LOG_HEADERS = [
  'Time (UTC)',
  'Package SHA-256',
  'Package file',
  'Accounts',
  'Subsets',
  'Workflows',
  'End customers',
  'Destination',
] as const;

export interface SubmissionLogEntry {
  /** The package time (manifest.json's `packagedAt`). */
  readonly time: Date;
  /** SHA-256 of the package's ZIP bytes, 64 hex digits. */
  readonly packageSha256: string;
  readonly fileName: string;
  /** null: the workbook lists no accounts (no Accounts sheet). */
  readonly accounts: number | null;
  readonly subsets: number;
  readonly workflows: number;
  /** null: no End Customers sheet yet. */
  readonly endCustomers: number | null;
  /** "saved", or the intake address without credentials, query or fragment. */
  readonly destination: string;
}

export type SubmissionLogResult =
  | { readonly kind: 'appended'; readonly sheet: string; readonly row: number; readonly created: boolean }
  | { readonly kind: 'protected'; readonly sheet: string };

/** `2025-03-14 09:30:00Z`: readable, sortable, unambiguous. */
export function logTime(time: Date): string {
  return `${time.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** The row's cells: counts as numbers, everything else as text. */
export function logRow(entry: SubmissionLogEntry): (string | number)[] {
  return [
    logTime(entry.time),
    entry.packageSha256,
    entry.fileName,
    entry.accounts ?? 'not listed',
    entry.subsets,
    entry.workflows,
    entry.endCustomers ?? 'not yet',
    entry.destination,
  ];
}

export async function appendSubmissionLog(
  context: Excel.RequestContext,
  entry: SubmissionLogEntry,
): Promise<SubmissionLogResult> {
  const existing = context.workbook.worksheets.getItemOrNullObject(SUBMISSION_LOG_SHEET);
  existing.load('name');
  await context.sync();

  let ws: Excel.Worksheet;
  let name = SUBMISSION_LOG_SHEET;
  let firstFree: number;
  let created = false;
  if (existing.isNullObject) {
    ws = context.workbook.worksheets.add(SUBMISSION_LOG_SHEET);
    created = true;
    firstFree = 0;
  } else {
    ws = existing;
    name = existing.name;
    ws.protection.load('protected');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,rowCount');
    await context.sync();
    if (ws.protection.protected) return { kind: 'protected', sheet: name };
    firstFree = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  }

  if (firstFree === 0) {
    const header = ws.getRangeByIndexes(0, 0, 1, SUBMISSION_LOG_HEADERS.length);
    writeText(header, [[...SUBMISSION_LOG_HEADERS]]);
    header.format.font.bold = true;
    firstFree = 1;
  }
  const cells = logRow(entry);
  const row = ws.getRangeByIndexes(firstFree, 0, 1, cells.length);
  // Text cells formatted `@` before their value is written; counts keep the General format.
  row.numberFormat = [cells.map((v) => (typeof v === 'string' ? '@' : 'General'))];
  row.values = [cells];
  await context.sync();
  return { kind: 'appended', sheet: name, row: firstFree + 1, created };
}
