/**
 * Validate in place: read the enrollment sheets, judge them with the core, hand the findings to
 * the caller, then mark the cells (issue 9, items 2 and 3):
 * - the findings go out (`onFindings`) before any mark is written, so a failure while marking (a
 *   protected sheet, a view-only session, office-js #5222, a refused formula) never hides them;
 * - marks are written per sheet, each sheet in its own batch with its own recovery: a sheet whose
 *   batch fails is read again and its marks made inert instead of deleted (the #5222 route), and
 *   if that fails too, the sheet is reported in one line (`markProblems`) and the others are marked;
 * - only the marks that changed are written (diffMarks): a run that changes nothing syncs
 *   nothing, and after a user's fix no mark changes at all, so the user's Ctrl+Z undoes the fix.
 */
import type { Finding } from '../core/findings';
import { parseA1 } from '../core/a1';
import { cellAt, type Cell, type WorkbookInput } from '../core/port';
import { validateWorkbook, type ValidationResult } from '../core/validate';
import {
  MAX_INERT_MARKS,
  diffMarks,
  diffSize,
  findMarks,
  pinFormula,
  planMarks,
  queueDiff,
  type MarkPlan,
  type OldMark,
} from './marks';
import { readWorkbook, type ReadOptions, type SheetMeta } from './read';

export interface InPlaceOptions extends ReadOptions {
  /** Asked after reading: true when the user edited the workbook meanwhile, so marks would be stale. */
  readonly isStale?: () => boolean;
  /** Called once the findings are known, before any mark is written (the pane shows them at once). */
  readonly onFindings?: (result: InPlaceResult) => void;
  /**
   * Also remove our inert marks (those a user's fix left showing nothing). A run the user asked for
   * tidies; an automatic one does not, so that it makes no undo record for a fix.
   */
  readonly tidy?: boolean;
}

/** A sheet whose marks could not be written: its findings are listed all the same. */
export interface MarkProblem {
  readonly sheet: string;
  readonly message: string;
}

export interface InPlaceResult {
  readonly result: ValidationResult;
  /** The cells as read, to pin quick fixes to what was judged. */
  readonly cellOf: (f: Finding) => Cell | undefined;
  readonly sheets: readonly SheetMeta[];
  readonly marked: number;
  readonly unmarked: number;
  readonly syncs: number;
  /** True when the run stopped before marking because the workbook changed under it. */
  readonly stale: boolean;
  /** Marks added, changed or removed by this run. */
  readonly markChanges?: number;
  /** Sheets whose marks failed; absent or empty when every sheet was marked. */
  readonly markProblems?: readonly MarkProblem[];
  /** True in the result given to onFindings: the marks are still being written. */
  readonly marking?: boolean;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : 'Excel gave no reason.';

/** Whether `formula` is what a mark of the current value of `cell` would be: the mark shows. */
function showingIn(input: WorkbookInput, sheet: string): (cell: string, formula: string) => boolean {
  const s = input.sheets.find((x) => x.name === sheet);
  return (cell, formula) => {
    const at = parseA1(cell);
    return s !== undefined && at !== null && formula === pinFormula(cellAt(s, at.row, at.col), cell);
  };
}

export async function validateInPlace(
  context: Excel.RequestContext,
  options: InPlaceOptions = {},
): Promise<InPlaceResult> {
  const read = await readWorkbook(context, options);
  const result = validateWorkbook(read.input);
  let syncs = read.syncs;
  const cellOf = (f: Finding): Cell | undefined => {
    const at = f.cell === null ? null : parseA1(f.cell);
    const sheet = read.input.sheets.find((s) => s.name === f.sheet);
    return at && sheet ? cellAt(sheet, at.row, at.col) : undefined;
  };
  const base = { result, cellOf, sheets: read.sheets };
  const stale = (): InPlaceResult => ({ ...base, marked: 0, unmarked: 0, syncs, stale: true });
  if (options.isStale?.()) return stale();

  // Protected sheets cannot take conditional formats: their findings are listed, not marked.
  const writable = read.sheets.filter((s) => !s.protected && s.rows > 0).map((s) => s.name);
  const plan = planMarks(
    result.findings.filter((f) => writable.includes(f.sheet)),
    read.input,
  );
  options.onFindings?.({
    ...base,
    marked: 0,
    unmarked: plan.unmarked,
    syncs,
    stale: false,
    marking: writable.length > 0,
  });

  const problems: MarkProblem[] = [];
  let old: OldMark[] = [];
  try {
    const found = await findMarks(context, writable);
    old = found.marks;
    syncs += found.syncs;
  } catch (error) {
    // Not even readable: no sheet can be marked this time; the findings are out already.
    const message = messageOf(error);
    return {
      ...base,
      marked: 0,
      unmarked: plan.unmarked + plan.marks.length,
      syncs,
      stale: false,
      markChanges: 0,
      markProblems: writable.map((sheet) => ({ sheet, message })),
    };
  }
  if (options.isStale?.()) return stale();

  let changes = 0;
  let marked = 0;
  for (const sheet of writable) {
    const mine = plan.marks.filter((m) => m.sheet === sheet);
    const outcome = await markSheet(
      context,
      sheet,
      mine,
      old.filter((m) => m.sheet === sheet),
      read.input,
      options,
    );
    syncs += outcome.syncs;
    changes += outcome.changes;
    if (outcome.problem === undefined) marked += mine.length;
    else problems.push({ sheet, message: outcome.problem });
  }
  return {
    ...base,
    marked,
    unmarked: plan.unmarked + (plan.marks.length - marked),
    syncs,
    stale: false,
    markChanges: changes,
    markProblems: problems,
  };
}

/**
 * One sheet's marks in one batch. On failure the sheet is read again (the failed batch may have
 * applied its first actions, as Excel does) and marked with deletions turned into inert marks;
 * a second failure is the sheet's problem.
 */
async function markSheet(
  context: Excel.RequestContext,
  sheet: string,
  plan: readonly MarkPlan[],
  old: readonly OldMark[],
  input: WorkbookInput,
  options: InPlaceOptions,
): Promise<{ syncs: number; changes: number; problem?: string }> {
  const showing = showingIn(input, sheet);
  const tidyNow = (marks: readonly OldMark[]): boolean =>
    options.tidy === true || marks.filter((m) => !plan.some((p) => p.cell === m.cell)).length > MAX_INERT_MARKS;
  let syncs = 0;
  const diff = diffMarks(old, plan, showing, tidyNow(old));
  if (diffSize(diff) === 0) return { syncs, changes: 0 };
  try {
    queueDiff(context, diff);
    await context.sync();
    return { syncs: syncs + 1, changes: diffSize(diff) };
  } catch {
    syncs++;
  }
  try {
    const again = await findMarks(context, [sheet]);
    syncs += again.syncs;
    const retry = diffMarks(again.marks, plan, showing, tidyNow(again.marks));
    if (diffSize(retry) === 0) return { syncs, changes: 0 };
    queueDiff(context, retry, true);
    await context.sync();
    return { syncs: syncs + 1, changes: diffSize(retry) };
  } catch (error) {
    return { syncs: syncs + 1, changes: 0, problem: messageOf(error) };
  }
}

/** Removes every mark of ours from the enrollment sheets (the pane's "Clear marks"). */
export async function clearMarks(context: Excel.RequestContext): Promise<number> {
  const read = await readWorkbook(context);
  const writable = read.sheets.filter((s) => !s.protected && s.rows > 0).map((s) => s.name);
  const old = await findMarks(context, writable);
  for (const m of old.marks) m.format.delete();
  await context.sync();
  return old.marks.length;
}
