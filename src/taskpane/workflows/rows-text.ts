import { list } from '../text';

/** `row 9`, `rows 9 to 11`, `rows 9, 10 and 14`: rows written to a sheet, for confirmations. */
export function rowsText(rows: readonly number[]): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  const run = rows.every((r, i) => i === 0 || r === rows[i - 1]! + 1);
  return run && rows.length > 2 ? `rows ${rows[0]} to ${rows[rows.length - 1]}` : `rows ${list(rows.map(String))}`;
}
