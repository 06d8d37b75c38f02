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
/**
 * Marks left inert by the user's fixes (their pinned value is gone, so they show nothing) are
 * kept by automatic runs, so that a fix costs no undo record; past this many on a sheet, or on a
 * run the user asked for, they are removed.
 */
export const MAX_INERT_MARKS = 200;
/** Excel's limit on a conditional-format formula (the in-memory host enforces it too). */
export const MAX_FORMULA_LENGTH = 255;
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
const wrap = (pin: string): string => `=AND(${MARK_TAG},${pin})`;

/**
 * A text pin of at most MAX_FORMULA_LENGTH characters: the whole text where it fits, else its
 * length and as long a prefix as fits (quotes count twice; a surrogate pair is never split).
 */
function textPin(value: string, ref: string): string {
  const whole = `EXACT(${ref},${literal(value)})`;
  if (wrap(whole).length <= MAX_FORMULA_LENGTH) return whole;
  const shell = (k: number, lit: string) => `AND(LEN(${ref})=${value.length},EXACT(LEFT(${ref},${k}),${lit}))`;
  // Room for the literal's characters, with the digits of k counted at their longest.
  let room = MAX_FORMULA_LENGTH - wrap(shell(value.length, '""')).length;
  let k = 0;
  while (k < value.length) {
    const cost = value[k] === '"' ? 2 : 1;
    if (cost > room) break;
    room -= cost;
    k++;
  }
  const code = value.charCodeAt(k - 1);
  if (k > 0 && code >= 0xd800 && code <= 0xdbff) k--;
  return shell(k, literal(value.slice(0, k)));
}

/** A formula true exactly while `ref` still holds `cell`'s value (relative to `ref`), at most 255 characters. */
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

/** The formula a mark gets when it cannot be deleted (office-js #5222): ours, and never true. */
export const INERT_FORMULA = wrap('FALSE');

export function isMarkFormula(formula: string): boolean {
  return formula.includes(MARK_TAG);
}

/** The cell a mark of ours is pinned to: the first reference after the tag (every pin starts with it). */
export function markCell(formula: string): string | null {
  const at = formula.indexOf(MARK_TAG);
  if (at < 0) return null;
  const m = /[(,]\$?([A-Z]{1,3})\$?(\d+)[,)=]/.exec(formula.slice(at + MARK_TAG.length));
  return m ? `${m[1]}${m[2]}` : null;
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

/** A mark of ours found on a sheet. */
export interface OldMark {
  readonly format: Excel.ConditionalFormat;
  readonly sheet: string;
  /** null: a formula of ours whose cell cannot be told (left alone until a tidy run). */
  readonly cell: string | null;
  readonly formula: string;
  readonly fill: string;
}

/**
 * Finds our marks on the given sheets: two syncs (the formats, then the custom ones' formulas
 * and fills), read-only.
 */
export async function findMarks(
  context: Excel.RequestContext,
  sheets: readonly string[],
): Promise<{ marks: OldMark[]; syncs: number }> {
  if (sheets.length === 0) return { marks: [], syncs: 0 };
  const collections = sheets.map((name) => {
    const formats = context.workbook.worksheets.getItem(name).getRange().conditionalFormats;
    formats.load('items/type');
    return { name, formats };
  });
  await context.sync();
  const custom = collections.flatMap(({ name, formats }) =>
    formats.items
      .filter((cf) => cf.type === 'Custom')
      .map((cf) => {
        const rule = cf.custom.rule;
        rule.load('formula');
        const fill = cf.custom.format.fill;
        fill.load('color');
        return { name, cf, rule, fill };
      }),
  );
  if (custom.length === 0) return { marks: [], syncs: 1 };
  await context.sync();
  const marks = custom
    .filter(({ rule }) => isMarkFormula(rule.formula))
    .map(({ name, cf, rule, fill }) => ({
      format: cf,
      sheet: name,
      cell: markCell(rule.formula),
      formula: rule.formula,
      fill: fill.color.toUpperCase(),
    }));
  return { marks, syncs: 2 };
}

/** What one sheet's marks need: the fewest changes from the old marks to the plan. */
export interface MarkDiff {
  readonly add: readonly MarkPlan[];
  /** Old marks given a new formula or fill in place (a cell whose finding changed). */
  readonly update: readonly { readonly old: OldMark; readonly plan: MarkPlan }[];
  readonly remove: readonly OldMark[];
}

export const diffSize = (d: MarkDiff): number => d.add.length + d.update.length + d.remove.length;

/**
 * The changes from `old` to `plan` on one sheet. A planned mark that exists is kept; a cell whose
 * mark differs gets it changed in place (never a second mark on the cell); extra marks stacked on
 * a cell go. An old mark without a planned one goes when it still shows (`showing(cell, formula)`:
 * its pinned value is still in the cell), and otherwise, being inert, only when `tidy`: so the
 * run after a user's fix changes nothing, and the user's Ctrl+Z undoes the fix, not a mark.
 */
export function diffMarks(
  old: readonly OldMark[],
  plan: readonly MarkPlan[],
  showing: (cell: string, formula: string) => boolean,
  tidy: boolean,
): MarkDiff {
  const byCell = new Map<string, OldMark[]>();
  const remove: OldMark[] = [];
  for (const m of old) {
    if (m.cell === null) {
      if (tidy) remove.push(m);
      continue;
    }
    const list = byCell.get(m.cell);
    if (list) list.push(m);
    else byCell.set(m.cell, [m]);
  }
  const add: MarkPlan[] = [];
  const update: { old: OldMark; plan: MarkPlan }[] = [];
  for (const p of plan) {
    const here = byCell.get(p.cell) ?? [];
    byCell.delete(p.cell);
    const fill = MARK_FILL[p.severity].toUpperCase();
    const same = here.find((m) => m.formula === p.formula && m.fill === fill);
    const keep = same ?? here[0];
    if (keep === undefined) add.push(p);
    else if (keep !== same) update.push({ old: keep, plan: p });
    remove.push(...here.filter((m) => m !== keep));
  }
  for (const [cell, marks] of byCell) {
    for (const m of marks) if (tidy || showing(cell, m.formula)) remove.push(m);
  }
  return { add, update, remove };
}

/**
 * Queues one sheet's changes (the caller syncs): changes in place and additions first, deletions
 * last. `neutralise`: marks are made inert instead of deleted (the recovery from office-js
 * #5222, where deleting one of two formats of a cell fails).
 */
export function queueDiff(context: Excel.RequestContext, diff: MarkDiff, neutralise = false): void {
  for (const { old, plan } of diff.update) {
    if (old.formula !== plan.formula) old.format.custom.rule.formula = plan.formula;
    old.format.custom.format.fill.color = MARK_FILL[plan.severity];
  }
  for (const m of diff.add) {
    const cf = context.workbook.worksheets
      .getItem(m.sheet)
      .getRange(m.cell)
      .conditionalFormats.add(Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = m.formula;
    cf.custom.format.fill.color = MARK_FILL[m.severity];
  }
  for (const m of diff.remove) {
    if (!neutralise) m.format.delete();
    else if (m.formula !== INERT_FORMULA) m.format.custom.rule.formula = INERT_FORMULA;
  }
}
