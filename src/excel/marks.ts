/**
 * Marks cells with findings in place, as conditional formats. Each mark's formula is pinned to
 * the value that was judged, so the mark disappears the moment the cell changes (before any
 * re-validation), and a conditional format only overlays the cell: the user's own fill, font
 * and borders are never touched. Our formats carry a tag, N("msp-enroll"), that evaluates to 0
 * and lets us find and remove exactly our own marks on the next run.
 */
import { parseA1 } from '../core/a1';
import type { Finding, Severity } from '../core/findings';
import { cellAt, type Cell, type WorkbookInput } from '../core/port';

export const MARK_TAG = 'N("msp-enroll")=0';
/** Beyond this many marked cells a run marks the first ones only (the pane lists them all). */
export const MAX_MARKS = 1000;
/** Light tints that keep text readable in both themes: red for errors, amber for warnings. */
export const MARK_FILL: Record<Severity, string> = { error: '#FDE7E9', warning: '#FFF4CE' };

export interface MarkPlan {
  readonly sheet: string;
  readonly cell: string;
  readonly severity: Severity;
  readonly formula: string;
}

/** A string literal inside a formula: quotes doubled. */
const literal = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Excel refuses a conditional-format formula longer than this. */
export const MAX_FORMULA_LENGTH = 255;
const wrap = (pin: string): string => `=AND(${MARK_TAG},${pin})`;

/**
 * Text pinned by its length and the longest prefix that keeps the formula within Excel's 255
 * characters (quotes count twice). A long or quote-heavy value is pinned a little less tightly.
 */
function textPin(value: string, ref: string): string {
  const whole = `EXACT(${ref},${literal(value)})`;
  if (wrap(whole).length <= MAX_FORMULA_LENGTH) return whole;
  for (let k = Math.min(value.length, MAX_FORMULA_LENGTH); k >= 0; k--) {
    const pin = `AND(LEN(${ref})=${value.length},EXACT(LEFT(${ref},${k}),${literal(value.slice(0, k))}))`;
    if (wrap(pin).length <= MAX_FORMULA_LENGTH) return pin;
  }
  return `LEN(${ref})=${value.length}`;
}

/** A formula true exactly while `ref` still holds `cell`'s value (relative to `ref`). */
export function pinFormula(cell: Cell, ref: string): string {
  let pin: string;
  switch (cell.type) {
    case 'empty':
      pin = `LEN(${ref})=0`;
      break;
    case 'text':
      pin = textPin(cell.value, ref);
      break;
    case 'number':
      pin = `AND(ISNUMBER(${ref}),${ref}=${String(cell.value).toUpperCase()})`;
      break;
    case 'boolean':
      pin = `AND(ISLOGICAL(${ref}),${ref}=${cell.value ? 'TRUE' : 'FALSE'})`;
      break;
    case 'date':
      pin = `ISNUMBER(${ref})`;
      break;
    case 'error':
      pin = `ISERROR(${ref})`;
      break;
  }
  return wrap(pin);
}

export function isMarkFormula(formula: string): boolean {
  return formula.includes(MARK_TAG);
}

/** One mark per cell (an error outranks a warning), in findings order, at most `max`. */
export function planMarks(
  findings: readonly Finding[],
  input: WorkbookInput,
  max = MAX_MARKS,
): { marks: MarkPlan[]; unmarked: number } {
  const byCell = new Map<string, MarkPlan>();
  for (const f of findings) {
    if (f.cell === null) continue;
    const sheet = input.sheets.find((s) => s.name === f.sheet);
    const at = parseA1(f.cell);
    if (!sheet || !at) continue;
    const key = `${f.sheet}!${f.cell}`;
    const prev = byCell.get(key);
    if (prev && (prev.severity === 'error' || f.severity === 'warning')) continue;
    byCell.set(key, {
      sheet: f.sheet,
      cell: f.cell,
      severity: f.severity,
      formula: pinFormula(cellAt(sheet, at.row, at.col), f.cell),
    });
  }
  const all = [...byCell.values()];
  return { marks: all.slice(0, max), unmarked: Math.max(0, all.length - max) };
}

/**
 * Finds our marks on the given sheets: two syncs (the formats, then the custom ones' formulas).
 * Returns them so the caller can delete them in the same batch as it adds the new ones.
 */
export async function findMarks(
  context: Excel.RequestContext,
  sheets: readonly string[],
): Promise<{ marks: Excel.ConditionalFormat[]; syncs: number }> {
  if (sheets.length === 0) return { marks: [], syncs: 0 };
  const collections = sheets.map((name) => {
    const formats = context.workbook.worksheets.getItem(name).getRange().conditionalFormats;
    formats.load('items/type');
    return formats;
  });
  await context.sync();
  const custom = collections.flatMap((c) => c.items.filter((cf) => cf.type === 'Custom'));
  const rules = custom.map((cf) => {
    const rule = cf.custom.rule;
    rule.load('formula');
    return rule;
  });
  if (custom.length === 0) return { marks: [], syncs: 1 };
  await context.sync();
  return { marks: custom.filter((_, i) => isMarkFormula(rules[i]!.formula)), syncs: 2 };
}

/** Queues the deletion of `old` marks and the addition of `marks` (the caller syncs). */
export function queueMarks(
  context: Excel.RequestContext,
  old: readonly Excel.ConditionalFormat[],
  marks: readonly MarkPlan[],
): void {
  for (const cf of old) cf.delete();
  for (const m of marks) {
    const cf = context.workbook.worksheets
      .getItem(m.sheet)
      .getRange(m.cell)
      .conditionalFormats.add(Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = m.formula;
    cf.custom.format.fill.color = MARK_FILL[m.severity];
  }
}
