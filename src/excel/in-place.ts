/**
 * Validate in place: read the enrollment sheets, judge them with the core, and mark the cells.
 * A constant number of syncs for any workbook that fits one request: three to read, two to find
 * the previous marks, one to write the new ones.
 */
import type { Finding } from '../core/findings';
import { parseA1 } from '../core/a1';
import { cellAt, type Cell } from '../core/port';
import { validateWorkbook, type ValidationResult } from '../core/validate';
import { findMarks, planMarks, queueMarks } from './marks';
import { readWorkbook, type ReadOptions, type SheetMeta } from './read';

export interface InPlaceOptions extends ReadOptions {
  /** Asked after reading: true when the user edited the workbook meanwhile, so marks would be stale. */
  readonly isStale?: () => boolean;
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
  if (options.isStale?.()) return { ...base, marked: 0, unmarked: 0, syncs, stale: true };

  // Protected sheets cannot take conditional formats: their findings are listed, not marked.
  const writable = read.sheets.filter((s) => !s.protected && s.rows > 0).map((s) => s.name);
  const old = await findMarks(context, writable);
  syncs += old.syncs;
  const plan = planMarks(
    result.findings.filter((f) => writable.includes(f.sheet)),
    read.input,
  );
  if (options.isStale?.()) return { ...base, marked: 0, unmarked: 0, syncs, stale: true };
  queueMarks(context, old.marks, plan.marks);
  await context.sync();
  syncs++;
  return { ...base, marked: plan.marks.length, unmarked: plan.unmarked, syncs, stale: false };
}

/** Removes every mark of ours from the enrollment sheets (the pane's "Clear marks"). */
export async function clearMarks(context: Excel.RequestContext): Promise<number> {
  const read = await readWorkbook(context);
  const old = await findMarks(
    context,
    read.sheets.filter((s) => !s.protected && s.rows > 0).map((s) => s.name),
  );
  queueMarks(context, old.marks, []);
  await context.sync();
  return old.marks.length;
}
