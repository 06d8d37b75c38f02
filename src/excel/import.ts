/**
 * "Import accounts": appends an AWS Organizations account list to the Accounts sheet. Existing
 * rows are kept as they are; accounts already listed are reported, not written again. IDs are
 * written as text so their leading zeros stay.
 */
import { ACCOUNTS, headerKey } from '../core/sheets';
import { planImport, type MergePlan, type OrgAccount } from '../core/org-import';
import { judgeAccountId } from '../core/values';
import { writeText } from './build';
import { BYTES_PER_CELL, MAX_COLUMNS, isPayloadError, toCell } from './read';

/** Response budget per sync of ID cells: under Excel on the web's 5 MB with room to spare. */
const ID_BUDGET = 4_000_000;

export type ImportOutcome =
  | { readonly kind: 'imported'; readonly plan: MergePlan; readonly firstRow: number; readonly syncs: number }
  | { readonly kind: 'no-sheet' }
  | { readonly kind: 'no-id-column' }
  | { readonly kind: 'protected' };

/**
 * Rows written per sync: far under the 5 MB request limit (three short strings a row), and small
 * enough that each sync is a short task and the pane's progress bar moves (issue 10, item 7):
 * 5,000 accounts are five syncs.
 */
export const IMPORT_ROWS_PER_SYNC = 1_000;

/** Told how many of the accounts to add are written: 0 before the first band, then after each. */
export type ImportProgress = (written: number, total: number) => void;

export async function importAccounts(
  context: Excel.RequestContext,
  accounts: readonly OrgAccount[],
  onProgress?: ImportProgress,
): Promise<ImportOutcome> {
  let syncs = 0;
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  syncs++;
  const ws = worksheets.items.find((w) => headerKey(w.name) === headerKey(ACCOUNTS.name));
  if (!ws) return { kind: 'no-sheet' };
  ws.protection.load('protected');
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  await context.sync();
  syncs++;
  if (ws.protection.protected) return { kind: 'protected' };
  if (!used.isNullObject && used.rowIndex > 0) return { kind: 'no-id-column' };
  const offset = used.isNullObject ? 0 : used.columnIndex;
  // The header row only, then the ID column only, in bands (issue 9, item 4): never the whole
  // used range, which is over Excel on the web's 5 MB at 40,000 rows with a notes column.
  let header: string[] = [];
  if (!used.isNullObject) {
    const headRange = ws.getRangeByIndexes(0, offset, 1, Math.min(MAX_COLUMNS, used.columnCount));
    headRange.load('values');
    await context.sync();
    syncs++;
    header = (headRange.values[0] ?? []).map((v) => headerKey(String(v ?? '')));
  }
  const col = (key: string): number => {
    const h = ACCOUNTS.columns.find((c) => c.key === key)!.header;
    const i = header.indexOf(headerKey(h));
    return i < 0 ? -1 : i + offset;
  };
  const idCol = col('accountId');
  if (idCol < 0) return { kind: 'no-id-column' };
  const existing: string[] = [];
  const dataRows = used.isNullObject ? 0 : used.rowCount - 1;
  let perCell = BYTES_PER_CELL;
  for (let start = 0; start < dataRows;) {
    const count = Math.min(dataRows - start, Math.max(1, Math.floor(ID_BUDGET / perCell)));
    const band = ws.getRangeByIndexes(1 + start, idCol, count, 1);
    band.load('values,valueTypes,numberFormat');
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per payload-sized band, by design: a single larger response is refused by Excel on the web.
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      if (!isPayloadError(error) || count === 1) throw error;
      perCell *= 2; // halve the band and read it again
      continue;
    }
    const types = band.valueTypes;
    const formats = band.numberFormat;
    band.values.forEach((row, r) => {
      const cell = toCell(row[0], types[r]?.[0], formats[r]?.[0]);
      if (cell === undefined) return;
      const judged = judgeAccountId(cell);
      // A number that lost its zeros still names the account: count it as listed.
      const fix = judged.issue?.fix;
      existing.push(judged.value ?? (fix !== undefined && 'value' in fix ? fix.value : ''));
    });
    start += count;
  }
  const plan = planImport(accounts, existing);
  const firstRow = used.isNullObject ? 1 : used.rowIndex + used.rowCount;
  const columns: [number, (a: OrgAccount) => string][] = [
    [col('accountName'), (a) => a.name],
    [col('accountEmail'), (a) => a.email],
    [idCol, (a) => a.id],
  ];
  onProgress?.(0, plan.add.length);
  for (let start = 0; start < plan.add.length; start += IMPORT_ROWS_PER_SYNC) {
    const chunk = plan.add.slice(start, start + IMPORT_ROWS_PER_SYNC);
    for (const [c, get] of columns) {
      if (c < 0) continue;
      writeText(
        ws.getRangeByIndexes(firstRow + start, c, chunk.length, 1),
        chunk.map((a) => [get(a)]),
      );
    }
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk, by design: a single larger request is refused by Excel on the web.
    await context.sync();
    syncs++;
    onProgress?.(start + chunk.length, plan.add.length);
  }
  return { kind: 'imported', plan, firstRow, syncs };
}
