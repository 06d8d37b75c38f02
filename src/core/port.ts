/**
 * The narrow port through which every host feeds the core: a workbook is a list of sheets, a
 * sheet is a grid of typed cell values. The Excel adapter (Office.js) and the file reader
 * (exceljs) both produce exactly this, so the core judges them the same way.
 */

/** The value of one cell as the spreadsheet holds it (a formula cell holds its result). */
export type CellValue =
  | { readonly type: 'empty' }
  | { readonly type: 'text'; readonly value: string }
  /** `format` is the cell's number format (`General`, `0`, `000000000000`, `0.00E+00`, ...). */
  | { readonly type: 'number'; readonly value: number; readonly format?: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'date'; readonly value: Date }
  /** An Excel error value such as `#N/A` or `#REF!`. */
  | { readonly type: 'error'; readonly value: string };

/** A cell: its value, and the formula that computed it, if any. */
export type Cell = CellValue & { readonly formula?: string };

export type CellType = CellValue['type'];

export interface SheetInput {
  /** The sheet's tab name, as the host spells it. */
  readonly name: string;
  /**
   * `rows[r][c]` is the cell at row r + 1, column c + 1 (so `rows[0]` is the header row).
   * Rows may be ragged or sparse: a missing entry is an empty cell.
   */
  readonly rows: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>;
  /** Merged ranges in A1 form (`B3:B7`), where the host knows them. */
  readonly merges?: readonly string[];
  /** The sheet's Excel tables, where the host knows them: only a table's data body is data. */
  readonly tables?: readonly TableArea[];
  /** Whether the tab is hidden, where the host knows it (listed before packaging: issue 16). */
  readonly visibility?: 'visible' | 'hidden' | 'veryHidden';
}

/** An Excel table: its whole range (header and totals rows included) and how many of each it has. */
export interface TableArea {
  /** A1 range of the whole table (`A1:D12`). */
  readonly ref: string;
  /** 1 when the table shows its header row, 0 when not. */
  readonly headerRows: number;
  /** 1 when the table shows a totals row, 0 when not. */
  readonly totalsRows: number;
}

export interface WorkbookInput {
  readonly sheets: readonly SheetInput[];
}

export const EMPTY: Cell = Object.freeze({ type: 'empty' });

export const text = (value: string): Cell => ({ type: 'text', value });
export const num = (value: number, format?: string): Cell =>
  format === undefined ? { type: 'number', value } : { type: 'number', value, format };

/** The cell at zero-based row and column, or an empty cell. */
export function cellAt(sheet: SheetInput, row: number, col: number): Cell {
  return sheet.rows[row]?.[col] ?? EMPTY;
}
