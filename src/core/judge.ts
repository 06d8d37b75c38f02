import { issue, place, type Finding, type Issue } from './findings';
import type { Cell } from './port';
import type { ColumnSpec } from './sheets';
import type { DataRow, Table } from './table';
import { isBlank, judgeName, type Judged } from './values';

/** Judges one table's cells and collects what it finds. */
export class SheetJudge {
  private readonly columns: ReadonlyMap<string, ColumnSpec>;

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
