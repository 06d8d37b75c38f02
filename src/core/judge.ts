import { issue, place, type Finding, type Issue } from './findings';
import { formulaRisk, REACH_WORDS } from './formulas';
import type { Cell } from './port';
import type { ColumnSpec } from './sheets';
import type { DataRow, Table } from './table';
import { cellText, isBlank, judgeName, type Judged } from './values';

/** Judges one table's cells and collects what it finds. */
export class SheetJudge {
  private readonly columns: ReadonlyMap<string, ColumnSpec>;
  /** Cells whose formula was reported (a cell may be taken twice). */
  private readonly formulas = new Set<string>();

  constructor(
    readonly table: Table,
    private readonly out: Finding[],
  ) {
    this.columns = new Map(table.spec.columns.map((c) => [c.key, c]));
  }

  report(found: Issue, ref: string | null): void {
    this.out.push(place(found, this.table.name, ref));
  }

  /**
   * The cell under `key` (under a merge, what filling it down gives), or null when it is blank,
   * an error value, a formula without a saved result, or its column is missing; all but a missing
   * column are reported (blank only when required).
   */
  take(row: DataRow, key: string, required: boolean): Cell | null {
    if (!row.has(key)) return null;
    const cell = row.cell(key);
    if (cell.formula !== undefined) this.formula(cell, key, row.ref(key));
    if (cell.type === 'error') {
      const column = this.columns.get(key)!;
      this.report(issue('cell-error-value', { error: cell.value, column: column.header }), row.ref(key));
      return null;
    }
    if (cell.type === 'empty' && cell.formula !== undefined) {
      const column = this.columns.get(key)!;
      this.report(issue('formula-no-result', { column: column.header, formula: cell.formula }), row.ref(key));
      return null;
    }
    if (isBlank(cell)) {
      const column = this.columns.get(key)!;
      if (required) this.report(issue('value-required', { column: column.header, hint: column.hint }), row.ref(key));
      return null;
    }
    return cell;
  }

  /**
   * A formula in a checked cell: an error when it reaches outside the workbook, else a warning;
   * either way the cell is still judged by its value (no cascade of findings naming it).
   */
  private formula(cell: Cell, key: string, ref: string | null): void {
    if (ref === null || this.formulas.has(ref)) return;
    this.formulas.add(ref);
    const column = this.columns.get(key)!.header;
    const formula = cell.formula!;
    const risk = formulaRisk(formula);
    if (risk !== null) {
      this.report(issue('formula-reaches-out', { column, what: REACH_WORDS[risk.reach], via: risk.via }), ref);
      return;
    }
    // Without a saved result, formula-no-result is the one finding at the cell.
    if (cell.type === 'empty') return;
    const shown = cell.type === 'error' ? cell.value : JSON.stringify(cellText(cell) ?? '');
    this.report(issue('formula-in-cell', { column, formula: clip(formula), shown: clip(shown) }), ref);
  }

  /** A judged value: the issue, if any, is reported at the cell. */
  judged<T>(row: DataRow, key: string, required: boolean, judge: (cell: Cell) => Judged<T>): T | null {
    const cell = this.take(row, key, required);
    if (cell === null) return null;
    const r = judge(cell);
    if (r.issue) this.report(r.issue, row.ref(key));
    return r.value;
  }

  name(row: DataRow, key: string, required: boolean): string | null {
    const cell = this.take(row, key, required);
    return cell === null ? null : judgeName(cell);
  }
}

/** Messages quote at most 80 characters of a formula or value. */
const clip = (s: string): string => (s.length <= 80 ? s : `${s.slice(0, 79)}…`);
