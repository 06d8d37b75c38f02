/**
 * One-click fixes: writes a finding's certain correction (a restored leading zero, an ID without
 * its spaces) as text, but only while the cell still holds the value that was judged.
 */
import type { Fix } from '../core/findings';
import type { Cell } from '../core/port';
import { toCell } from './read';
import { writeText } from './build';

export type FixOutcome = 'applied' | 'changed' | 'protected';

export interface FixRequest {
  readonly sheet: string;
  readonly cell: string;
  /** The value the finding was about. */
  readonly judged: Cell | undefined;
  readonly fix: Fix;
}

const same = (a: Cell | undefined, b: Cell | undefined): boolean =>
  JSON.stringify(a ?? { type: 'empty' }) === JSON.stringify(b ?? { type: 'empty' });

/** Applies the fixes whose cells are unchanged, in two syncs whatever their number. */
export async function applyFixes(
  context: Excel.RequestContext,
  requests: readonly FixRequest[],
): Promise<FixOutcome[]> {
  const loaded = requests.map((r) => {
    const ws = context.workbook.worksheets.getItem(r.sheet);
    ws.protection.load('protected');
    const range = ws.getRange(r.cell);
    range.load('values,valueTypes,numberFormat');
    return { r, ws, range };
  });
  await context.sync();
  const outcomes = loaded.map(({ r, ws, range }): FixOutcome => {
    if (ws.protection.protected) return 'protected';
    const now = toCell(range.values[0]?.[0], range.valueTypes[0]?.[0], range.numberFormat[0]?.[0]);
    if (!same(withoutFormula(now), withoutFormula(r.judged))) return 'changed';
    writeText(range, [[r.fix.value]]);
    return 'applied';
  });
  if (outcomes.includes('applied')) await context.sync();
  return outcomes;
}

/** Office does not report formulas unless loaded; compare values only. */
function withoutFormula(c: Cell | undefined): Cell | undefined {
  if (c === undefined || c.formula === undefined) return c;
  const copy: Record<string, unknown> = { ...c };
  delete copy['formula'];
  return copy as Cell;
}
