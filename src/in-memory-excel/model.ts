/**
 * The workbook itself: sheets of sparse cells with values, formulas and formats, tables, data
 * validation, conditional formats, merges, frozen panes, protection, the selection, and the
 * events Excel raises. The API objects (api.ts) and the harness grid both work on this model.
 */
import { columnLetter } from '../core/a1';
import { evaluate, type FormulaEnv } from './formula';
import { display, enter, type Scalar } from './values';

export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export const intersects = (a: Rect, b: Rect): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
export const contains = (outer: Rect, r: number, c: number): boolean =>
  r >= outer.row && r < outer.row + outer.rows && c >= outer.col && c < outer.col + outer.cols;

export interface CellData {
  value: Scalar;
  formula?: string;
  numberFormat: string;
  bold?: boolean;
  fill?: string;
  fontColor?: string;
}

export interface TableModel {
  readonly id: string;
  name: string;
  sheet: SheetModel;
  /** The whole table: header row (always kept, shown or not), data body, totals row when shown. */
  rect: Rect;
  style: string;
  showHeaders: boolean;
  showTotals: boolean;
}

export interface ListRule {
  readonly list?: { readonly inCellDropDown: boolean; readonly source: string };
  readonly custom?: { readonly formula: string };
}

export interface DataValidationModel {
  rect: Rect;
  rule: ListRule;
  ignoreBlanks: boolean;
  errorAlert?: unknown;
  prompt?: unknown;
}

export interface ConditionalFormatModel {
  readonly id: string;
  rect: Rect;
  readonly type: 'Custom';
  formula: string;
  fill: string | null;
  fontColor: string | null;
}

/** A defined name (`workbook.names`): it shares one namespace with the tables. */
export interface NameModel {
  readonly name: string;
  readonly formula: string;
}

/** A change of cells, as the model reports it to the host (which raises onChanged). */
export interface ChangeInfo {
  readonly sheet: SheetModel;
  readonly rect: Rect;
  /** The user typed it (harness, tests), or the add-in wrote it through the API. */
  readonly by: 'user' | 'addin';
  readonly kind: 'value' | 'format';
  /** A single cell's value before the change (WorksheetChangedEventArgs.details). */
  readonly before?: Scalar;
}

export type Listener<E> = (event: E) => void;

let ids = 0;
const nextId = (prefix: string): string => `{${prefix}-${++ids}}`;

export const key = (r: number, c: number): number => r * MAX_COLS + c;

export class SheetModel {
  readonly id = nextId('sheet');
  readonly cells = new Map<number, CellData>();
  /** Column widths in points. */
  readonly widths = new Map<number, number>();
  frozenRows = 0;
  protected = false;
  visibility: 'Visible' | 'Hidden' = 'Visible';
  readonly merges: Rect[] = [];
  readonly validations: DataValidationModel[] = [];
  readonly conditionalFormats: ConditionalFormatModel[] = [];

  constructor(
    readonly workbook: WorkbookModel,
    public name: string,
  ) {}

  cell(r: number, c: number): CellData | undefined {
    return this.cells.get(key(r, c));
  }

  /** The cell, created (empty, General) when absent. */
  ensure(r: number, c: number): CellData {
    let cell = this.cells.get(key(r, c));
    if (!cell) this.cells.set(key(r, c), (cell = { value: null, numberFormat: 'General' }));
    return cell;
  }

  value(r: number, c: number): Scalar {
    return this.cell(r, c)?.value ?? null;
  }

  numberFormat(r: number, c: number): string {
    return this.cell(r, c)?.numberFormat ?? 'General';
  }

  text(r: number, c: number): string {
    const cell = this.cell(r, c);
    return cell ? display(cell.value, cell.numberFormat) : '';
  }

  /** Enters a value as Excel does (see `enter`), recalculating formulas. */
  enter(r: number, c: number, input: unknown): void {
    const cell = this.ensure(r, c);
    const e = enter(input, cell.numberFormat);
    if (e.kind === 'formula') {
      cell.formula = e.formula;
      cell.value = null;
    } else {
      delete cell.formula;
      cell.value = e.value;
    }
    this.workbook.recalculate();
  }

  /** Sets a formula directly (`range.formulas`). */
  setFormula(r: number, c: number, formula: string): void {
    if (!formula.startsWith('=')) return this.enter(r, c, formula);
    const cell = this.ensure(r, c);
    cell.formula = formula;
    this.workbook.recalculate();
  }

  /** The smallest rectangle holding every cell with a value (and, unless valuesOnly, any format). */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, cell] of this.cells) {
      const has = cell.value !== null || cell.formula !== undefined;
      const formatted =
        cell.numberFormat !== 'General' ||
        cell.bold === true ||
        cell.fill !== undefined ||
        cell.fontColor !== undefined;
      if (!has && (valuesOnly || !formatted)) continue;
      const r = Math.floor(k / MAX_COLS);
      const c = k % MAX_COLS;
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    if (bottom < 0) return null;
    return { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  tables(): TableModel[] {
    return this.workbook.tables.filter((t) => t.sheet === this);
  }

  /** The fill and font colour a conditional format currently gives a cell, if any (first wins, as in Excel's priority). */
  conditionalFormatAt(r: number, c: number): ConditionalFormatModel | null {
    for (const cf of this.conditionalFormats) {
      if (!contains(cf.rect, r, c)) continue;
      const v = evaluate(cf.formula, this.workbook.env(this), { rows: r - cf.rect.row, cols: c - cf.rect.col });
      if (v === true || (typeof v === 'number' && v !== 0)) return cf;
    }
    return null;
  }

  /** Deletes `count` whole rows from `first`: what is below moves up, and so do the ranges of formats, validations, merges and tables. */
  deleteRows(first: number, count: number): void {
    const moved = new Map<number, CellData>();
    for (const [k, cell] of this.cells) {
      const r = Math.floor(k / MAX_COLS);
      const c = k % MAX_COLS;
      if (r < first) moved.set(k, cell);
      else if (r >= first + count) moved.set(key(r - count, c), cell);
    }
    this.cells.clear();
    for (const [k, cell] of moved) this.cells.set(k, cell);
    const fit = (rect: Rect): Rect | null => {
      const top = rect.row;
      const bottom = rect.row + rect.rows; // exclusive
      const newTop = top < first ? top : Math.max(first, top - count);
      const newBottom = bottom <= first ? bottom : Math.max(first, bottom - count);
      return newBottom > newTop ? { ...rect, row: newTop, rows: newBottom - newTop } : null;
    };
    const refit = <T extends { rect: Rect }>(list: T[]): void => {
      for (let i = list.length - 1; i >= 0; i--) {
        const r = fit(list[i]!.rect);
        if (r) list[i]!.rect = r;
        else list.splice(i, 1);
      }
    };
    refit(this.conditionalFormats);
    refit(this.validations);
    const tables = this.workbook.tables;
    for (let i = tables.length - 1; i >= 0; i--) {
      if (tables[i]!.sheet !== this) continue;
      const r = fit(tables[i]!.rect);
      if (r) tables[i]!.rect = r;
      else tables.splice(i, 1);
    }
    for (let i = this.merges.length - 1; i >= 0; i--) {
      const r = fit(this.merges[i]!);
      if (r) this.merges[i] = r;
      else this.merges.splice(i, 1);
    }
    this.workbook.recalculate();
  }

  addConditionalFormat(rect: Rect): ConditionalFormatModel {
    const cf: ConditionalFormatModel = {
      id: nextId('cf'),
      rect,
      type: 'Custom',
      formula: '',
      fill: null,
      fontColor: null,
    };
    // Excel gives a new format the highest priority.
    this.conditionalFormats.unshift(cf);
    return cf;
  }
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NameModel[] = [];
  selection: { sheet: SheetModel; rect: Rect } | null = null;
  /** Every area of the selection (Ctrl+click selects several); `selection` is the first. */
  selectionAreas: readonly Rect[] = [];
  active: SheetModel | null = null;
  readonly onSelectionChanged = new Set<Listener<{ readonly address: string }>>();
  readonly onAdded = new Set<Listener<{ readonly worksheetId: string }>>();
  /** Every change of cells, the user's and the add-in's: the host raises onChanged from it. */
  readonly onChange = new Set<Listener<ChangeInfo>>();
  private tableCount = 0;

  /** A defined name, found as Excel does (case-insensitively). */
  name(n: string): NameModel | undefined {
    const k = n.toLowerCase();
    return this.names.find((x) => x.name.toLowerCase() === k);
  }

  /**
   * Refuses a table or defined name that is not valid, or that a table or defined name already
   * has: in Excel they share one namespace (`except` is the table being renamed).
   */
  checkName(n: string, except?: TableModel): void {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(n) || /^[A-Za-z]{1,3}\d+$/.test(n) || /^[rRcC]$/.test(n) || n.length > 255)
      throw new ModelError('InvalidArgument', `"${n}" is not a valid name for a table or a defined name.`);
    const k = n.toLowerCase();
    if (this.tables.some((t) => t !== except && t.name.toLowerCase() === k))
      throw new ModelError('ItemAlreadyExists', `A table named "${n}" already exists.`);
    if (this.name(n)) throw new ModelError('ItemAlreadyExists', `A defined name "${n}" already exists.`);
  }

  addName(n: string, formula: string): NameModel {
    this.checkName(n);
    const item = { name: n, formula: formula.startsWith('=') ? formula : `=${formula}` };
    this.names.push(item);
    return item;
  }

  deleteName(n: string): void {
    const item = this.name(n);
    if (item) this.names.splice(this.names.indexOf(item), 1);
  }

  sheet(name: string): SheetModel | undefined {
    const k = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }

  addSheet(name?: string): SheetModel {
    const n = name ?? `Sheet${this.sheets.length + 1}`;
    if (this.sheet(n)) throw new ModelError('ItemAlreadyExists', `A sheet named "${n}" already exists.`);
    if (!/^[^:\\/?*[\]]{1,31}$/.test(n) || n.startsWith("'"))
      throw new ModelError('InvalidArgument', `"${n}" is not a valid sheet name.`);
    const s = new SheetModel(this, n);
    this.sheets.push(s);
    this.active ??= s;
    for (const l of this.onAdded) l({ worksheetId: s.id });
    return s;
  }

  /**
   * Adds a table. Without headers a header row is inserted above (Column1, Column2, ...); a
   * header-only range gets one empty data row, as Excel stores it. Its default name skips the
   * names tables and defined names already have.
   */
  addTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean): TableModel {
    const full = hasHeaders ? rect : { ...rect, rows: rect.rows + 1 };
    const stored = full.rows < 2 ? { ...full, rows: 2 } : full;
    for (const t of this.tables) {
      if (t.sheet === sheet && intersects(t.rect, stored))
        throw new ModelError('InvalidOperation', 'A table cannot overlap another table.');
    }
    const taken = (n: string): boolean =>
      this.tables.some((t) => t.name.toLowerCase() === n.toLowerCase()) || this.name(n) !== undefined;
    let name = `Table${++this.tableCount}`;
    while (taken(name)) name = `Table${++this.tableCount}`;
    const table: TableModel = {
      id: nextId('table'),
      name,
      sheet,
      rect: stored,
      style: 'TableStyleMedium2',
      showHeaders: true,
      showTotals: false,
    };
    if (!hasHeaders) {
      for (let c = 0; c < rect.cols; c++) sheet.ensure(rect.row, rect.col + c).value = `Column${c + 1}`;
    }
    this.tables.push(table);
    return table;
  }

  /** Depth of `batch` calls under way; a recalculation asked for meanwhile is done at the end. */
  private batching = 0;
  private recalcPending = false;

  /**
   * Runs `fn` (a write of a whole range) with one recalculation at its end, as Excel does, rather
   * than one per cell: a full recalculation per cell made writing 5,000 rows take seconds.
   */
  batch<T>(fn: () => T): T {
    this.batching++;
    try {
      return fn();
    } finally {
      if (--this.batching === 0 && this.recalcPending) {
        this.recalcPending = false;
        this.recalculate();
      }
    }
  }

  /** Formula cells are recalculated in full; cheap at the sizes where people type formulas. */
  recalculate(): void {
    if (this.batching > 0) {
      this.recalcPending = true;
      return;
    }
    for (let pass = 0; pass < 3; pass++) {
      for (const s of this.sheets) {
        for (const cell of s.cells.values()) {
          if (cell.formula !== undefined) cell.value = evaluate(cell.formula, this.env(s));
        }
      }
    }
  }

  env(sheet: SheetModel): FormulaEnv {
    return {
      value: (name, r, c) => {
        const target = name === null ? sheet : this.sheet(name);
        return target ? target.value(r, c) : { error: '#REF!' };
      },
    };
  }

  /** Selects a range (or several areas, as Ctrl+click does), raising onSelectionChanged. */
  select(sheet: SheetModel, rect: Rect, ...more: readonly Rect[]): void {
    this.active = sheet;
    this.selection = { sheet, rect };
    this.selectionAreas = [rect, ...more];
    for (const l of this.onSelectionChanged) l({ address: address(sheet, rect) });
  }

  /** Reports a change of cells (the user's by default), as Excel raises onChanged after any edit. */
  changed(sheet: SheetModel, rect: Rect, info: Partial<Omit<ChangeInfo, 'sheet' | 'rect'>> = {}): void {
    const change: ChangeInfo = { by: 'user', kind: 'value', ...info, sheet, rect };
    for (const l of this.onChange) l(change);
  }
}

export class ModelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const colName = columnLetter;

export function a1Rect(r: Rect): string {
  const tl = `${colName(r.col)}${r.row + 1}`;
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${colName(r.col + r.cols - 1)}${r.row + r.rows}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function address(sheet: SheetModel, rect: Rect): string {
  return `${quoteSheet(sheet.name)}!${a1Rect(rect)}`;
}

/** Parses an A1 address (cell, range, whole columns `C:C` or rows `2:5`) on one sheet. */
export function parseAddress(text: string): Rect | null {
  const t = text.replace(/\$/g, '').trim().toUpperCase();
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  let m = /^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$/.exec(t);
  if (m) {
    const r1 = Number(m[2]) - 1;
    const c1 = col(m[1]!);
    const r2 = m[4] === undefined ? r1 : Number(m[4]) - 1;
    const c2 = m[3] === undefined ? c1 : col(m[3]);
    if (r1 < 0 || r2 < 0) return null;
    return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
  }
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(t);
  if (m) {
    const c1 = col(m[1]!);
    const c2 = col(m[2]!);
    return { row: 0, col: Math.min(c1, c2), rows: MAX_ROWS, cols: Math.abs(c2 - c1) + 1 };
  }
  m = /^(\d{1,7}):(\d{1,7})$/.exec(t);
  if (m) {
    const r1 = Number(m[1]) - 1;
    const r2 = Number(m[2]) - 1;
    return { row: Math.min(r1, r2), col: 0, rows: Math.abs(r2 - r1) + 1, cols: MAX_COLS };
  }
  return null;
}

export { display };
