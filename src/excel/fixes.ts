/**
 * One-click fixes: writes a finding's certain correction (a restored leading zero, an ID without
 * its spaces) as text, or unmerges a merged range and fills its value down, but only while the
 * cells still hold what was judged.
 */
import type { Fix } from '../core/findings';
import type { Cell } from '../core/port';
import { parseRange } from '../core/a1';
import { toCell } from './read';
import { writeText } from './build';

export type FixOutcome = 'applied' | 'changed' | 'protected';

export interface FixRequest {
  readonly sheet: string;
  readonly cell: string;
  /** The value the finding was about (for a merge, its top-left cell's). */
  readonly judged: Cell | undefined;
  readonly fix: Fix;
}

const same = (a: Cell | undefined, b: Cell | undefined): boolean =>
  JSON.stringify(a ?? { type: 'empty' }) === JSON.stringify(b ?? { type: 'empty' });

const bare = (address: string): string => address.replace(/^.*!/, '').replace(/\$/g, '').toUpperCase();

/** Applies the fixes whose cells are unchanged, in two syncs whatever their number. */
export async function applyFixes(
  context: Excel.RequestContext,
  requests: readonly FixRequest[],
): Promise<FixOutcome[]> {
  const loaded = requests.map((r) => {
    const ws = context.workbook.worksheets.getItem(r.sheet);
    ws.protection.load('protected');
    const target = 'value' in r.fix ? r.cell : r.fix.unmergeFillDown;
    const range = ws.getRange(target);
    range.load('values,valueTypes,numberFormat');
    const merged = 'value' in r.fix ? null : range.getMergedAreasOrNullObject().load('address');
    return { r, ws, range, merged };
  });
  await context.sync();
  const outcomes = loaded.map(({ r, ws, range, merged }): FixOutcome => {
    if (ws.protection.protected) return 'protected';
    const now = toCell(range.values[0]?.[0], range.valueTypes[0]?.[0], range.numberFormat[0]?.[0]);
    if (!same(withoutFormula(now), withoutFormula(r.judged))) return 'changed';
    if ('value' in r.fix) {
      writeText(range, [[r.fix.value]]);
      return 'applied';
    }
    // Still exactly this merge, its other cells empty (Excel keeps only the top-left value):
    // nothing the user typed is overwritten.
    if (merged === null || merged.isNullObject || bare(merged.address) !== bare(r.fix.unmergeFillDown))
      return 'changed';
    if (range.valueTypes.some((row, i) => row.some((t, j) => (i > 0 || j > 0) && t !== 'Empty'))) return 'changed';
    fillDown(ws, range, r.fix.unmergeFillDown);
    return 'applied';
  });
  if (outcomes.includes('applied')) await context.sync();
  return outcomes;
}

/** Unmerges, then gives every row below the top-left cell, in its column, the same value and format. */
function fillDown(ws: Excel.Worksheet, range: Excel.Range, address: string): void {
  const r = parseRange(address);
  if (!r || r.end.row === r.start.row) {
    range.unmerge();
    return;
  }
  range.unmerge();
  const below = ws.getRangeByIndexes(r.start.row + 1, r.start.col, r.end.row - r.start.row, 1);
  const value = range.values[0]![0];
  const format = range.numberFormat[0]![0];
  const rows = r.end.row - r.start.row;
  if (typeof value === 'string') {
    // Text stays text: an ID keeps its leading zeros, "=..." stays a string.
    writeText(
      below,
      Array.from({ length: rows }, () => [value]),
    );
    return;
  }
  below.numberFormat = Array.from({ length: rows }, () => [format]);
  below.values = Array.from({ length: rows }, () => [value]);
}

/** Office does not report formulas unless loaded; compare values only. */
function withoutFormula(c: Cell | undefined): Cell | undefined {
  if (c === undefined || c.formula === undefined) return c;
  const copy: Record<string, unknown> = { ...c };
  delete copy['formula'];
  return copy as Cell;
}
