/**
 * "Import accounts": appends an AWS Organizations account list to the Accounts sheet. Existing
 * rows are kept as they are; accounts already listed are reported, not written again. IDs are
 * written as text so their leading zeros stay.
 */
import { ACCOUNTS, headerKey } from '../core/sheets';
import { planImport, type MergePlan, type OrgAccount } from '../core/org-import';
import { judgeAccountId } from '../core/values';
import { writeText } from './build';
import { toCell } from './read';

export type ImportOutcome =
  | { readonly kind: 'imported'; readonly plan: MergePlan; readonly firstRow: number; readonly syncs: number }
  | { readonly kind: 'no-sheet' }
  | { readonly kind: 'no-id-column' }
  | { readonly kind: 'protected' };

/** Rows written per sync: far under the 5 MB request limit (four short strings a row). */
export const IMPORT_ROWS_PER_SYNC = 20_000;

export async function importAccounts(
  context: Excel.RequestContext,
  accounts: readonly OrgAccount[],
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
  used.load('values,valueTypes,numberFormat,rowIndex,columnIndex,rowCount');
  await context.sync();
  syncs++;
  if (ws.protection.protected) return { kind: 'protected' };
  const values = used.isNullObject ? [] : used.values;
  const offset = used.isNullObject ? 0 : used.columnIndex;
  if (!used.isNullObject && used.rowIndex > 0) return { kind: 'no-id-column' };
  const header = (values[0] ?? []).map((v) => headerKey(String(v ?? '')));
  const col = (key: string): number => {
    const h = ACCOUNTS.columns.find((c) => c.key === key)!.header;
    const i = header.indexOf(headerKey(h));
    return i < 0 ? -1 : i + offset;
  };
  const idCol = col('accountId');
  if (idCol < 0) return { kind: 'no-id-column' };
  const existing = values.slice(1).flatMap((row, r) => {
    const cell = toCell(
      row[idCol - offset],
      used.valueTypes[r + 1]?.[idCol - offset],
      used.numberFormat[r + 1]?.[idCol - offset],
    );
    if (cell === undefined) return [];
    const judged = judgeAccountId(cell);
    // A number that lost its zeros still names the account: count it as listed.
    const fix = judged.issue?.fix;
    return [judged.value ?? (fix !== undefined && 'value' in fix ? fix.value : '')];
  });
  const plan = planImport(accounts, existing);
  const firstRow = used.isNullObject ? 1 : used.rowIndex + used.rowCount;
  const columns: [number, (a: OrgAccount) => string][] = [
    [col('accountName'), (a) => a.name],
    [col('accountEmail'), (a) => a.email],
    [idCol, (a) => a.id],
  ];
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
  }
  return { kind: 'imported', plan, firstRow, syncs };
}
