/**
 * The host side of the Excel JavaScript API: one class per Office.js class the add-in uses, over
 * the workbook model. Microsoft's client (proxies, load, sync, PropertyNotLoaded) sends their
 * property reads, writes and method calls as actions; the executor (executor.ts) resolves the
 * object paths to these objects and runs the actions on them. Names are the wire's (PascalCase).
 * Where Excel's behaviour is uncertain, these take the stricter reading (docs/excel.md).
 */
import {
  address,
  contains,
  intersects,
  key,
  MAX_COLS,
  MAX_ROWS,
  ModelError,
  parseAddress,
  type ConditionalFormatModel,
  type DataValidationModel,
  type Rect,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
} from './model';
import { apiValue, valueType, type Scalar } from './values';

/** What a change was, for onChanged and the undo stack. */
export interface Change {
  readonly sheet: SheetModel;
  readonly rect: Rect;
  /** A cell's value or formula, or only its format. */
  readonly kind: 'value' | 'format';
  /** Single-cell value changes: before and after (WorksheetChangedEventArgs.details). */
  readonly before?: Scalar;
}

/** What the objects need from the host: the model, change recording, references, options. */
export interface HostState {
  readonly model: WorkbookModel;
  /** Records a change of cells (values or formats) made by the current request. */
  changed(change: Change): void;
  /** Records a change of the workbook's structure (sheets, tables, names, formats' rules). */
  structural(label: string): void;
  /** Raises a registration or removal of an event handler on the host side. */
  register(event: string, targetId: string, on: boolean): void;
  /** Whether office-js issue #5222 is reproduced (deleting one of two formats of a cell fails). */
  readonly issue5222: boolean;
  /** ExcelApi minor version the host claims (13 for 1.13). */
  readonly apiMinor: number;
}

/** Excel's limit on a data-validation list typed inline and on a conditional-format formula. */
export const FORMULA_LIMIT = 255;
/** A read of more cells than this is refused on every platform. */
export const MAX_READ_CELLS = 5_000_000;

export abstract class HostObject {
  /** Set by `_KeepReference`: the instantiation answers with a reference id. */
  referenceId: string | null = null;

  constructor(readonly host: HostState) {}

  abstract readonly className: string;

  scalars(): Record<string, () => unknown> {
    return {};
  }
  setters(): Record<string, (value: unknown) => void> {
    return {};
  }
  navs(): Record<string, () => HostObject | null> {
    return {};
  }
  methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {};
  }
  /** The collection's items, or null for an object that is not a collection. */
  items(): HostObject[] | null {
    return null;
  }
  /** `collection.getItem(key)`, sent as an indexer. */
  index(key: unknown): HostObject | null {
    throw new ModelError('InvalidArgument', `${this.className} has no items (key ${String(key)}).`);
  }
  /** The object's Id, sent with it so the client can find it again by id. */
  id(): string | null {
    return null;
  }
}

const protectedError = (): ModelError =>
  new ModelError('AccessDenied', 'The cell or chart that you are trying to change is on a protected sheet.');

function writable(sheet: SheetModel): SheetModel {
  if (sheet.protected) throw protectedError();
  return sheet;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
const num = (v: unknown, name: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new ModelError('InvalidArgument', `${name} must be an integer.`);
  return v;
};

// ---- workbook ----------------------------------------------------------------------------------

export class WorkbookObject extends HostObject {
  readonly className = 'Workbook';
  /** Kept objects by reference id: what `_KeepReference` keeps across requests. */
  readonly references = new Map<string, HostObject>();

  override navs(): Record<string, () => HostObject | null> {
    return {
      Worksheets: () => new WorksheetCollectionObject(this.host),
      Tables: () => new TableCollectionObject(this.host, null),
      Names: () => new NamedItemCollectionObject(this.host),
    };
  }

  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    const m = this.host.model;
    return {
      GetSelectedRange: () => {
        const areas = m.selectionAreas;
        if (areas.length > 1)
          throw new ModelError('InvalidSelection', 'The current selection is invalid for this operation.');
        const sel = m.selection ?? (m.active ? { sheet: m.active, rect: { row: 0, col: 0, rows: 1, cols: 1 } } : null);
        if (!sel) throw new ModelError('ItemNotFound', 'Nothing is selected.');
        return new RangeObject(this.host, sel.sheet, sel.rect);
      },
      // The active cell: in the area selected last (Ctrl+click moves it there); never throws.
      GetActiveCell: () => {
        const sel = m.selection;
        if (!sel) {
          const s = m.active ?? m.sheets[0];
          if (!s) throw new ModelError('ItemNotFound', 'The workbook has no sheet.');
          return new RangeObject(this.host, s, { row: 0, col: 0, rows: 1, cols: 1 });
        }
        const last = m.selectionAreas.at(-1) ?? sel.rect;
        return new RangeObject(this.host, sel.sheet, { row: last.row, col: last.col, rows: 1, cols: 1 });
      },
      GetActiveWorksheet: () => {
        const s = m.active ?? m.sheets[0];
        if (!s) throw new ModelError('ItemNotFound', 'The workbook has no sheet.');
        return new WorksheetObject(this.host, s);
      },
      _RemoveReference: ([id]) => {
        this.references.delete(str(id));
        return null;
      },
    };
  }
}

export class WorksheetCollectionObject extends HostObject {
  readonly className = 'WorksheetCollection';

  override items(): HostObject[] {
    return this.host.model.sheets.map((s) => new WorksheetObject(this.host, s));
  }

  private find(key: unknown): SheetModel | undefined {
    const k = str(key);
    return this.host.model.sheets.find((s) => s.id === k) ?? this.host.model.sheet(k);
  }

  override index(key: unknown): HostObject {
    const s = this.find(key);
    if (!s) throw new ModelError('ItemNotFound', `The requested resource doesn't exist (worksheet "${str(key)}").`);
    return new WorksheetObject(this.host, s);
  }

  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      GetItem: ([key]) => this.index(key),
      GetItemOrNullObject: ([key]) => {
        const s = this.find(key);
        return s ? new WorksheetObject(this.host, s) : null;
      },
      Add: ([name]) => {
        const s = this.host.model.addSheet(name === undefined || name === null ? undefined : str(name));
        this.host.structural(`add sheet ${s.name}`);
        return new WorksheetObject(this.host, s);
      },
      GetCount: () => this.host.model.sheets.length,
      _RegisterAddedEvent: () => this.host.register('WorksheetAdded', 'Workbook', true),
      _UnregisterAddedEvent: () => this.host.register('WorksheetAdded', 'Workbook', false),
    };
  }
}

export class WorksheetObject extends HostObject {
  readonly className = 'Worksheet';
  constructor(
    host: HostState,
    readonly sheet: SheetModel,
  ) {
    super(host);
  }
  override id(): string {
    return this.sheet.id;
  }
  override scalars(): Record<string, () => unknown> {
    const s = this.sheet;
    return {
      Id: () => s.id,
      Name: () => s.name,
      Position: () => this.host.model.sheets.indexOf(s),
      Visibility: () => s.visibility,
    };
  }
  override setters(): Record<string, (value: unknown) => void> {
    return {
      Name: (v) => {
        const name = str(v);
        const other = this.host.model.sheet(name);
        if (other && other !== this.sheet)
          throw new ModelError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
        if (!/^[^:\\/?*[\]]{1,31}$/.test(name) || name.startsWith("'"))
          throw new ModelError('InvalidArgument', `"${name}" is not a valid sheet name.`);
        this.sheet.name = name;
        this.host.structural(`rename sheet ${name}`);
      },
      Visibility: (v) => {
        this.sheet.visibility = v === 'Hidden' ? 'Hidden' : 'Visible';
        this.host.structural(`sheet visibility ${this.sheet.name}`);
      },
    };
  }
  override navs(): Record<string, () => HostObject | null> {
    return {
      Protection: () => new ProtectionObject(this.host, this.sheet),
      FreezePanes: () => new FreezePanesObject(this.host, this.sheet),
      Tables: () => new TableCollectionObject(this.host, this.sheet),
    };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    const s = this.sheet;
    return {
      GetRange: ([addr]) => {
        if (addr === undefined || addr === null || addr === '')
          return new RangeObject(this.host, s, { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS });
        const text = str(addr);
        const rect = parseAddress(text.replace(/^.*!/, ''));
        if (!rect) throw new ModelError('InvalidArgument', `The address "${text}" is not valid.`);
        return new RangeObject(this.host, s, rect);
      },
      GetRangeByIndexes: ([row, col, rows, cols]) => {
        const r = num(row, 'startRow');
        const c = num(col, 'startColumn');
        const n = num(rows, 'rowCount');
        const m = num(cols, 'columnCount');
        if (r < 0 || c < 0 || n < 1 || m < 1 || r + n > MAX_ROWS || c + m > MAX_COLS)
          throw new ModelError('InvalidArgument', 'The range is out of bounds.');
        return new RangeObject(this.host, s, { row: r, col: c, rows: n, cols: m });
      },
      GetCell: ([row, col]) =>
        new RangeObject(this.host, s, { row: num(row, 'row'), col: num(col, 'column'), rows: 1, cols: 1 }),
      GetUsedRange: ([valuesOnly]) =>
        new RangeObject(this.host, s, s.usedRect(valuesOnly === true) ?? { row: 0, col: 0, rows: 1, cols: 1 }),
      GetUsedRangeOrNullObject: ([valuesOnly]) => {
        const rect = s.usedRect(valuesOnly === true);
        return rect ? new RangeObject(this.host, s, rect) : null;
      },
      Activate: () => {
        this.host.model.active = s;
        return null;
      },
      Delete: () => {
        const list = this.host.model.sheets;
        if (list.length === 1)
          throw new ModelError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
        list.splice(list.indexOf(s), 1);
        for (let i = this.host.model.tables.length - 1; i >= 0; i--)
          if (this.host.model.tables[i]!.sheet === s) this.host.model.tables.splice(i, 1);
        if (this.host.model.active === s) this.host.model.active = list[0] ?? null;
        this.host.structural(`delete sheet ${s.name}`);
        return null;
      },
      _RegisterDataChangedEvent: () => this.host.register('WorksheetChanged', s.id, true),
      _UnregisterDataChangedEvent: () => this.host.register('WorksheetChanged', s.id, false),
    };
  }
}

export class ProtectionObject extends HostObject {
  readonly className = 'WorksheetProtection';
  constructor(
    host: HostState,
    private readonly sheet: SheetModel,
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    return { Protected: () => this.sheet.protected };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      Protect: () => {
        this.sheet.protected = true;
        this.host.structural(`protect ${this.sheet.name}`);
        return null;
      },
      Unprotect: () => {
        this.sheet.protected = false;
        this.host.structural(`unprotect ${this.sheet.name}`);
        return null;
      },
    };
  }
}

export class FreezePanesObject extends HostObject {
  readonly className = 'WorksheetFreezePanes';
  constructor(
    host: HostState,
    private readonly sheet: SheetModel,
  ) {
    super(host);
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    const s = this.sheet;
    return {
      FreezeRows: ([count]) => {
        writable(s).frozenRows = typeof count === 'number' ? count : 1;
        this.host.structural(`freeze rows ${s.name}`);
        return null;
      },
      Unfreeze: () => {
        writable(s).frozenRows = 0;
        this.host.structural(`unfreeze ${s.name}`);
        return null;
      },
      GetLocationOrNullObject: () =>
        s.frozenRows > 0 ? new RangeObject(this.host, s, { row: 0, col: 0, rows: s.frozenRows, cols: MAX_COLS }) : null,
    };
  }
}

// ---- ranges ------------------------------------------------------------------------------------

export class RangeObject extends HostObject {
  readonly className = 'Range';
  constructor(
    host: HostState,
    readonly sheet: SheetModel,
    readonly rect: Rect,
  ) {
    super(host);
  }

  private grid<T>(f: (s: SheetModel, r: number, c: number) => T): T[][] {
    const { sheet, rect } = this;
    if (rect.rows * rect.cols > MAX_READ_CELLS)
      throw new ModelError(
        'RangeExceedsLimit',
        `The cell count in the range (${rect.rows * rect.cols}) has exceeded the maximum supported number (${MAX_READ_CELLS}).`,
      );
    const out: T[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row: T[] = [];
      for (let c = 0; c < rect.cols; c++) row.push(f(sheet, rect.row + r, rect.col + c));
      out.push(row);
    }
    return out;
  }

  override scalars(): Record<string, () => unknown> {
    const { sheet, rect } = this;
    return {
      Address: () => address(sheet, rect),
      AddressLocal: () => address(sheet, rect),
      RowIndex: () => rect.row,
      ColumnIndex: () => rect.col,
      RowCount: () => rect.rows,
      ColumnCount: () => rect.cols,
      CellCount: () => rect.rows * rect.cols,
      Values: () => this.grid((s, r, c) => apiValue(s.value(r, c))),
      ValueTypes: () => this.grid((s, r, c) => valueType(s.value(r, c))),
      NumberFormat: () => this.grid((s, r, c) => s.numberFormat(r, c)),
      Formulas: () => this.grid((s, r, c) => s.cell(r, c)?.formula ?? apiValue(s.value(r, c))),
      Text: () => this.grid((s, r, c) => s.text(r, c)),
    };
  }

  override setters(): Record<string, (value: unknown) => void> {
    return {
      Values: (v) => this.write(v, (s, r, c, x) => s.enter(r, c, x), 'value'),
      Formulas: (v) =>
        this.write(v, (s, r, c, x) => (typeof x === 'string' ? s.setFormula(r, c, x) : s.enter(r, c, x)), 'value'),
      NumberFormat: (v) =>
        this.write(
          v,
          (s, r, c, x) => {
            s.ensure(r, c).numberFormat = str(x);
          },
          'format',
        ),
    };
  }

  /** Writes a 2-D array of the range's shape (or one value for every cell), as Office does. */
  private write(
    v: unknown,
    put: (s: SheetModel, r: number, c: number, x: unknown) => void,
    kind: Change['kind'],
  ): void {
    const { sheet, rect } = this;
    writable(sheet);
    const single = !Array.isArray(v);
    if (
      !single &&
      ((v as unknown[]).length !== rect.rows ||
        (v as unknown[]).some((row) => !Array.isArray(row) || row.length !== rect.cols))
    ) {
      throw new ModelError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rows}x${rect.cols}).`,
      );
    }
    if (rect.rows * rect.cols > MAX_READ_CELLS)
      throw new ModelError(
        'RangeExceedsLimit',
        'The cell count in the range has exceeded the maximum supported number.',
      );
    const before = rect.rows === 1 && rect.cols === 1 ? sheet.value(rect.row, rect.col) : undefined;
    sheet.workbook.batch(() => {
      for (let r = 0; r < rect.rows; r++)
        for (let c = 0; c < rect.cols; c++)
          put(sheet, rect.row + r, rect.col + c, single ? v : (v as unknown[][])[r]![c]);
    });
    this.host.changed(before === undefined ? { sheet, rect, kind } : { sheet, rect, kind, before });
  }

  override navs(): Record<string, () => HostObject | null> {
    return {
      Format: () => new RangeFormatObject(this.host, this),
      DataValidation: () => new DataValidationObject(this.host, this),
      ConditionalFormats: () => new ConditionalFormatCollectionObject(this.host, this),
      Worksheet: () => new WorksheetObject(this.host, this.sheet),
    };
  }

  private derived(rect: Rect): RangeObject {
    if (
      rect.row < 0 ||
      rect.col < 0 ||
      rect.rows < 1 ||
      rect.cols < 1 ||
      rect.row + rect.rows > MAX_ROWS ||
      rect.col + rect.cols > MAX_COLS
    )
      throw new ModelError('InvalidArgument', 'The range is out of bounds.');
    return new RangeObject(this.host, this.sheet, rect);
  }

  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    const { sheet, rect } = this;
    return {
      GetCell: ([row, col]) =>
        this.derived({ row: rect.row + num(row, 'row'), col: rect.col + num(col, 'column'), rows: 1, cols: 1 }),
      GetRow: ([row]) => this.derived({ ...rect, row: rect.row + num(row, 'row'), rows: 1 }),
      GetColumn: ([col]) => this.derived({ ...rect, col: rect.col + num(col, 'column'), cols: 1 }),
      GetOffsetRange: ([rows, cols]) =>
        this.derived({ ...rect, row: rect.row + num(rows, 'rowOffset'), col: rect.col + num(cols, 'columnOffset') }),
      GetResizedRange: ([rows, cols]) =>
        this.derived({
          ...rect,
          rows: rect.rows + num(rows, 'deltaRows'),
          cols: rect.cols + num(cols, 'deltaColumns'),
        }),
      GetBoundingRect: ([other]) => {
        if (!(other instanceof RangeObject) || other.sheet !== sheet)
          throw new ModelError('InvalidArgument', 'getBoundingRect needs a range on the same sheet.');
        const o = other.rect;
        const row = Math.min(rect.row, o.row);
        const col = Math.min(rect.col, o.col);
        return this.derived({
          row,
          col,
          rows: Math.max(rect.row + rect.rows, o.row + o.rows) - row,
          cols: Math.max(rect.col + rect.cols, o.col + o.cols) - col,
        });
      },
      _ValidateArraySize: ([rows, cols]) => {
        if (rows !== rect.rows || cols !== rect.cols)
          throw new ModelError(
            'InvalidArgument',
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rows}x${rect.cols}).`,
          );
        return null;
      },
      GetEntireColumn: () => this.derived({ row: 0, col: rect.col, rows: MAX_ROWS, cols: rect.cols }),
      GetEntireRow: () => this.derived({ row: rect.row, col: 0, rows: rect.rows, cols: MAX_COLS }),
      GetMergedAreasOrNullObject: () => {
        const hits = sheet.merges.filter((m) => intersects(m, rect));
        return hits.length ? new RangeAreasObject(this.host, hits.map((m) => address(sheet, m)).join(',')) : null;
      },
      Delete: ([shift]) => {
        writable(sheet);
        if (shift !== 'Up' || rect.col !== 0 || rect.cols !== MAX_COLS)
          throw new ModelError('InvalidArgument', 'This host deletes whole rows only (getEntireRow().delete("Up")).');
        sheet.deleteRows(rect.row, rect.rows);
        this.host.changed({ sheet, rect, kind: 'value' });
        return null;
      },
      Select: () => {
        this.host.model.select(sheet, rect);
        return null;
      },
      Merge: ([across]) => {
        writable(sheet);
        const areas = across
          ? Array.from({ length: rect.rows }, (_, i) => ({ ...rect, row: rect.row + i, rows: 1 }))
          : [rect];
        for (const a of areas) {
          if (sheet.merges.some((m) => intersects(m, a)))
            throw new ModelError('InvalidOperation', 'Cannot merge over a merged area.');
          sheet.merges.push(a);
          // Excel keeps the top-left value only.
          for (const [k] of sheet.cells) {
            const r = Math.floor(k / MAX_COLS);
            const c = k % MAX_COLS;
            if (contains(a, r, c) && (r !== a.row || c !== a.col)) sheet.cells.delete(k);
          }
        }
        this.host.changed({ sheet, rect, kind: 'format' });
        return null;
      },
      Unmerge: () => {
        writable(sheet);
        for (let i = sheet.merges.length - 1; i >= 0; i--)
          if (intersects(sheet.merges[i]!, rect)) sheet.merges.splice(i, 1);
        this.host.changed({ sheet, rect, kind: 'format' });
        return null;
      },
      Clear: () => {
        writable(sheet);
        for (const [k] of [...sheet.cells])
          if (contains(rect, Math.floor(k / MAX_COLS), k % MAX_COLS)) sheet.cells.delete(k);
        this.host.changed({ sheet, rect, kind: 'value' });
        return null;
      },
    };
  }
}

export class RangeAreasObject extends HostObject {
  readonly className = 'RangeAreas';
  constructor(
    host: HostState,
    private readonly addresses: string,
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    return { Address: () => this.addresses, AreaCount: () => this.addresses.split(',').length };
  }
}

/** Applies `f` to each cell of a range (format writes), refused on a protected sheet. */
function eachCell(range: RangeObject, f: (s: SheetModel, r: number, c: number) => void): void {
  const { sheet, rect } = range;
  writable(sheet);
  if (rect.rows * rect.cols > MAX_READ_CELLS)
    throw new ModelError('RangeExceedsLimit', 'The cell count in the range has exceeded the maximum supported number.');
  for (let r = rect.row; r < rect.row + rect.rows; r++)
    for (let c = rect.col; c < rect.col + rect.cols; c++) f(sheet, r, c);
  range.host.changed({ sheet, rect, kind: 'format' });
}

export class RangeFormatObject extends HostObject {
  readonly className = 'RangeFormat';
  constructor(
    host: HostState,
    private readonly range: RangeObject,
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    const { sheet, rect } = this.range;
    return { ColumnWidth: () => sheet.widths.get(rect.col) ?? 48 };
  }
  override setters(): Record<string, (value: unknown) => void> {
    return {
      ColumnWidth: (v) => {
        const { sheet, rect } = this.range;
        writable(sheet);
        if (typeof v !== 'number' || !(v >= 0))
          throw new ModelError('InvalidArgument', 'columnWidth must be a number.');
        for (let c = rect.col; c < rect.col + Math.min(rect.cols, MAX_COLS); c++) sheet.widths.set(c, v);
        this.host.changed({ sheet, rect, kind: 'format' });
      },
    };
  }
  override navs(): Record<string, () => HostObject | null> {
    return {
      Font: () => new RangeFontObject(this.host, this.range),
      Fill: () => new RangeFillObject(this.host, this.range),
    };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      AutofitColumns: () => {
        writable(this.range.sheet);
        this.host.changed({ sheet: this.range.sheet, rect: this.range.rect, kind: 'format' });
        return null;
      },
    };
  }
}

export class RangeFontObject extends HostObject {
  readonly className = 'RangeFont';
  constructor(
    host: HostState,
    private readonly range: RangeObject,
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    const { sheet, rect } = this.range;
    return {
      Bold: () => sheet.cell(rect.row, rect.col)?.bold === true,
      Color: () => sheet.cell(rect.row, rect.col)?.fontColor ?? '#000000',
    };
  }
  override setters(): Record<string, (value: unknown) => void> {
    return {
      Bold: (v) => eachCell(this.range, (s, r, c) => void (s.ensure(r, c).bold = v === true)),
      Color: (v) => eachCell(this.range, (s, r, c) => void (s.ensure(r, c).fontColor = str(v))),
    };
  }
}

export class RangeFillObject extends HostObject {
  readonly className = 'RangeFill';
  constructor(
    host: HostState,
    private readonly range: RangeObject,
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    const { sheet, rect } = this.range;
    return { Color: () => sheet.cell(rect.row, rect.col)?.fill ?? '#FFFFFF' };
  }
  override setters(): Record<string, (value: unknown) => void> {
    return { Color: (v) => eachCell(this.range, (s, r, c) => void (s.ensure(r, c).fill = str(v))) };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      Clear: () => {
        eachCell(this.range, (s, r, c) => {
          const cell = s.cell(r, c);
          if (cell) delete cell.fill;
        });
        return null;
      },
    };
  }
}

// ---- data validation -----------------------------------------------------------------------------

export class DataValidationObject extends HostObject {
  readonly className = 'DataValidation';
  constructor(
    host: HostState,
    private readonly range: RangeObject,
  ) {
    super(host);
  }
  private hits(): DataValidationModel[] {
    const { sheet, rect } = this.range;
    return sheet.validations.filter((v) => intersects(v.rect, rect));
  }
  /** Office's rule: None where no cell has one, Inconsistent where they differ, else its type. */
  private kind(): string {
    const hits = this.hits();
    if (hits.length === 0) return 'None';
    const { rect } = this.range;
    const only = hits[0]!;
    const covers =
      hits.length === 1 &&
      only.rect.row <= rect.row &&
      only.rect.col <= rect.col &&
      only.rect.row + only.rect.rows >= rect.row + rect.rows &&
      only.rect.col + only.rect.cols >= rect.col + rect.cols;
    if (!covers) return 'Inconsistent';
    return only.rule.list ? 'List' : 'Custom';
  }
  /** The one rule of the range; over cells with different rules (or some without), Excel refuses. */
  private single(): DataValidationModel | undefined {
    const kind = this.kind();
    if (kind === 'Inconsistent')
      throw new ModelError('MixedCriteria', 'The range has more than one data validation rule (mixed criteria).');
    return this.hits()[0];
  }
  override scalars(): Record<string, () => unknown> {
    return {
      Type: () => this.kind(),
      Rule: () => this.single()?.rule ?? {},
      IgnoreBlanks: () => this.single()?.ignoreBlanks ?? true,
      ErrorAlert: () => this.single()?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' },
      Prompt: () => this.single()?.prompt ?? { showPrompt: false, title: '', message: '' },
      Valid: () => true,
    };
  }
  private clearIn(): void {
    const { sheet, rect } = this.range;
    for (let i = sheet.validations.length - 1; i >= 0; i--)
      if (intersects(sheet.validations[i]!.rect, rect)) sheet.validations.splice(i, 1);
  }
  override setters(): Record<string, (value: unknown) => void> {
    const update = (f: (dv: DataValidationModel) => void): void => {
      writable(this.range.sheet);
      const dv = this.single();
      if (dv) f(dv);
      this.host.changed({ sheet: this.range.sheet, rect: this.range.rect, kind: 'format' });
    };
    return {
      Rule: (v) => {
        const { sheet, rect } = this.range;
        writable(sheet);
        const given = (v ?? {}) as {
          list?: { inCellDropDown?: boolean; source?: unknown };
          custom?: { formula?: unknown };
        };
        const rule: { list?: { inCellDropDown: boolean; source: string }; custom?: { formula: string } } = {};
        if (given.list) {
          const source = str(given.list.source);
          // Excel stores an inline list as a formula of at most 255 characters (a range reference is not limited).
          if (!source.startsWith('=') && source.length > FORMULA_LIMIT)
            throw new ModelError(
              'InvalidArgument',
              `A data-validation list typed inline is limited to ${FORMULA_LIMIT} characters (this one has ${source.length}).`,
            );
          rule.list = { inCellDropDown: given.list.inCellDropDown !== false, source };
        }
        if (given.custom) rule.custom = { formula: str(given.custom.formula) };
        if (!rule.list && !rule.custom)
          throw new ModelError('InvalidArgument', 'This host models list and custom rules only.');
        // A new rule replaces whatever the cells had (Excel does the same).
        this.clearIn();
        sheet.validations.push({ rect, rule, ignoreBlanks: true });
        this.host.changed({ sheet, rect, kind: 'format' });
      },
      IgnoreBlanks: (v) => update((dv) => void (dv.ignoreBlanks = v === true)),
      ErrorAlert: (v) => update((dv) => void (dv.errorAlert = v)),
      Prompt: (v) => update((dv) => void (dv.prompt = v)),
    };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      Clear: () => {
        writable(this.range.sheet);
        this.clearIn();
        this.host.changed({ sheet: this.range.sheet, rect: this.range.rect, kind: 'format' });
        return null;
      },
    };
  }
}

// ---- conditional formats -------------------------------------------------------------------------

export class ConditionalFormatCollectionObject extends HostObject {
  readonly className = 'ConditionalFormatCollection';
  constructor(
    host: HostState,
    readonly range: RangeObject,
  ) {
    super(host);
  }
  private inRange(): ConditionalFormatModel[] {
    const { sheet, rect } = this.range;
    return sheet.conditionalFormats.filter((cf) => intersects(cf.rect, rect));
  }
  override items(): HostObject[] {
    return this.inRange().map((m) => new ConditionalFormatObject(this.host, this.range.sheet, m));
  }
  override index(key: unknown): HostObject {
    const m = this.range.sheet.conditionalFormats.find((cf) => cf.id === str(key));
    if (!m) throw new ModelError('ItemNotFound', `The conditional format "${str(key)}" doesn't exist.`);
    return new ConditionalFormatObject(this.host, this.range.sheet, m);
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    const { sheet, rect } = this.range;
    return {
      GetItem: ([key]) => this.index(key),
      Add: ([type]) => {
        if (type !== 'Custom')
          throw new ModelError(
            'InvalidArgument',
            `This host models custom conditional formats only, not "${str(type)}".`,
          );
        writable(sheet);
        const cf = sheet.addConditionalFormat(rect);
        this.host.changed({ sheet, rect, kind: 'format' });
        return new ConditionalFormatObject(this.host, sheet, cf);
      },
      GetCount: () => this.inRange().length,
      ClearAll: () => {
        writable(sheet);
        for (let i = sheet.conditionalFormats.length - 1; i >= 0; i--)
          if (intersects(sheet.conditionalFormats[i]!.rect, rect)) sheet.conditionalFormats.splice(i, 1);
        this.host.changed({ sheet, rect, kind: 'format' });
        return null;
      },
    };
  }
}

export class ConditionalFormatObject extends HostObject {
  readonly className = 'ConditionalFormat';
  constructor(
    host: HostState,
    private readonly sheet: SheetModel,
    readonly model: ConditionalFormatModel,
  ) {
    super(host);
  }
  override id(): string {
    return this.model.id;
  }
  private live(): ConditionalFormatModel {
    if (!this.sheet.conditionalFormats.includes(this.model))
      throw new ModelError('ItemNotFound', 'The conditional format no longer exists.');
    return this.model;
  }
  override scalars(): Record<string, () => unknown> {
    return {
      Id: () => this.live().id,
      Type: () => this.live().type,
      Priority: () => this.sheet.conditionalFormats.indexOf(this.live()),
      StopIfTrue: () => false,
    };
  }
  override navs(): Record<string, () => HostObject | null> {
    return { Custom: () => new CustomConditionalFormatObject(this.host, this.sheet, this.live()) };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      Delete: () => {
        writable(this.sheet);
        const cf = this.live();
        // office-js #5222 (open): deleting a conditional format of a cell that has two fails.
        if (this.host.issue5222) {
          const others = this.sheet.conditionalFormats.filter((o) => o !== cf && intersects(o.rect, cf.rect));
          if (others.length > 0) throw new ModelError('ItemNotFound', 'The requested resource does not exist.');
        }
        this.sheet.conditionalFormats.splice(this.sheet.conditionalFormats.indexOf(cf), 1);
        this.host.changed({ sheet: this.sheet, rect: cf.rect, kind: 'format' });
        return null;
      },
    };
  }
}

export class CustomConditionalFormatObject extends HostObject {
  readonly className = 'CustomConditionalFormat';
  constructor(
    host: HostState,
    private readonly sheet: SheetModel,
    private readonly model: ConditionalFormatModel,
  ) {
    super(host);
  }
  override navs(): Record<string, () => HostObject | null> {
    return {
      Rule: () => new ConditionalFormatRuleObject(this.host, this.sheet, this.model),
      Format: () => new ConditionalRangeFormatObject(this.host, this.sheet, this.model),
    };
  }
}

export class ConditionalFormatRuleObject extends HostObject {
  readonly className = 'ConditionalFormatRule';
  constructor(
    host: HostState,
    private readonly sheet: SheetModel,
    private readonly model: ConditionalFormatModel,
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    return { Formula: () => this.model.formula, FormulaLocal: () => this.model.formula };
  }
  override setters(): Record<string, (value: unknown) => void> {
    return {
      Formula: (v) => {
        writable(this.sheet);
        const formula = str(v);
        if (formula.length > FORMULA_LIMIT)
          throw new ModelError(
            'InvalidArgument',
            `A conditional-format formula is limited to ${FORMULA_LIMIT} characters (this one has ${formula.length}).`,
          );
        this.model.formula = formula;
        this.host.changed({ sheet: this.sheet, rect: this.model.rect, kind: 'format' });
      },
    };
  }
}

export class ConditionalRangeFormatObject extends HostObject {
  readonly className = 'ConditionalRangeFormat';
  constructor(
    host: HostState,
    private readonly sheet: SheetModel,
    private readonly model: ConditionalFormatModel,
  ) {
    super(host);
  }
  override navs(): Record<string, () => HostObject | null> {
    return {
      Fill: () => new ConditionalColorObject(this.host, this.sheet, this.model, 'ConditionalRangeFill', 'fill'),
      Font: () => new ConditionalColorObject(this.host, this.sheet, this.model, 'ConditionalRangeFont', 'fontColor'),
    };
  }
}

export class ConditionalColorObject extends HostObject {
  constructor(
    host: HostState,
    private readonly sheet: SheetModel,
    private readonly model: ConditionalFormatModel,
    readonly className: string,
    private readonly field: 'fill' | 'fontColor',
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    return { Color: () => this.model[this.field] };
  }
  override setters(): Record<string, (value: unknown) => void> {
    return {
      Color: (v) => {
        writable(this.sheet);
        this.model[this.field] = str(v);
        this.host.changed({ sheet: this.sheet, rect: this.model.rect, kind: 'format' });
      },
    };
  }
}

// ---- tables and names ----------------------------------------------------------------------------

export class TableCollectionObject extends HostObject {
  readonly className = 'TableCollection';
  constructor(
    host: HostState,
    private readonly sheet: SheetModel | null,
  ) {
    super(host);
  }
  private models(): TableModel[] {
    return this.sheet ? this.sheet.tables() : this.host.model.tables;
  }
  private find(key: unknown): TableModel | undefined {
    const k = str(key).toLowerCase();
    return this.models().find((t) => t.id === str(key) || t.name.toLowerCase() === k);
  }
  override items(): HostObject[] {
    return this.models().map((t) => new TableObject(this.host, t));
  }
  override index(key: unknown): HostObject {
    const t = this.find(key);
    if (!t) throw new ModelError('ItemNotFound', `The table "${str(key)}" doesn't exist.`);
    return new TableObject(this.host, t);
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      GetItem: ([key]) => this.index(key),
      GetItemOrNullObject: ([key]) => {
        const t = this.find(key);
        return t ? new TableObject(this.host, t) : null;
      },
      GetCount: () => this.models().length,
      Add: ([addr, hasHeaders]) => {
        const text = str(addr);
        const bang = text.lastIndexOf('!');
        const sheet =
          bang >= 0 ? this.host.model.sheet(text.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'")) : this.sheet;
        const rect = parseAddress(bang >= 0 ? text.slice(bang + 1) : text);
        if (!sheet || !rect) throw new ModelError('InvalidArgument', `The address "${text}" is not valid for a table.`);
        writable(sheet);
        const table = this.host.model.addTable(sheet, rect, hasHeaders === true);
        this.host.changed({ sheet, rect: table.rect, kind: 'format' });
        return new TableObject(this.host, table);
      },
    };
  }
}

export class TableObject extends HostObject {
  readonly className = 'Table';
  constructor(
    host: HostState,
    readonly table: TableModel,
  ) {
    super(host);
  }
  override id(): string {
    return this.table.id;
  }
  override scalars(): Record<string, () => unknown> {
    const t = this.table;
    return {
      Id: () => t.id,
      Name: () => t.name,
      Style: () => t.style,
      ShowBandedRows: () => true,
      ShowHeaders: () => t.showHeaders,
      ShowTotals: () => t.showTotals,
    };
  }
  override setters(): Record<string, (value: unknown) => void> {
    const t = this.table;
    return {
      Name: (v) => {
        const name = str(v);
        this.host.model.checkName(name, t);
        t.name = name;
        this.host.structural(`rename table ${name}`);
      },
      Style: (v) => {
        writable(t.sheet);
        t.style = str(v);
        this.host.changed({ sheet: t.sheet, rect: t.rect, kind: 'format' });
      },
      /**
       * Shows or hides the totals row below the data body. Excel fills a new totals row ("Total"
       * in the first column, a SUBTOTAL in the last); this host writes the label only. Where the
       * row below holds anything, Excel's behaviour is uncertain, so this host refuses (the
       * stricter reading).
       */
      ShowTotals: (v) => {
        const show = v === true;
        if (t.showTotals === show) return;
        writable(t.sheet);
        if (show) {
          const row = t.rect.row + t.rect.rows;
          for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
            if (t.sheet.value(row, c) !== null)
              throw new ModelError('InvalidOperation', 'The row below the table must be empty to show its totals row.');
          }
          t.rect = { ...t.rect, rows: t.rect.rows + 1 };
          t.sheet.enter(row, t.rect.col, 'Total');
        } else {
          // Excel clears the totals row's cells when it hides it.
          const row = t.rect.row + t.rect.rows - 1;
          for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) t.sheet.cells.delete(key(row, c));
          t.rect = { ...t.rect, rows: t.rect.rows - 1 };
        }
        t.showTotals = show;
        this.host.changed({ sheet: t.sheet, rect: t.rect, kind: 'value' });
      },
    };
  }
  override navs(): Record<string, () => HostObject | null> {
    return {
      Rows: () => new TableRowCollectionObject(this.host, this.table),
      Worksheet: () => new WorksheetObject(this.host, this.table.sheet),
    };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    const t = this.table;
    const range = (rect: Rect): RangeObject => new RangeObject(this.host, t.sheet, rect);
    return {
      GetRange: () => range(t.rect),
      GetHeaderRowRange: () => range({ ...t.rect, rows: 1 }),
      // Between the header row and the totals row (when shown); Excel keeps at least one body row.
      GetDataBodyRange: () =>
        range({ ...t.rect, row: t.rect.row + 1, rows: Math.max(1, t.rect.rows - 1 - (t.showTotals ? 1 : 0)) }),
      GetTotalRowRange: () => {
        if (!t.showTotals) throw new ModelError('InvalidOperation', 'The table does not show its totals row.');
        return range({ ...t.rect, row: t.rect.row + t.rect.rows - 1, rows: 1 });
      },
    };
  }
}

export class TableRowCollectionObject extends HostObject {
  readonly className = 'TableRowCollection';
  constructor(
    host: HostState,
    private readonly table: TableModel,
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    return { Count: () => this.table.rect.rows - 1 - (this.table.showTotals ? 1 : 0) };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    const t = this.table;
    return {
      GetCount: () => t.rect.rows - 1 - (t.showTotals ? 1 : 0),
      Add: ([index, values]) => {
        writable(t.sheet);
        if (index !== undefined && index !== null)
          throw new ModelError('InvalidArgument', 'This host adds table rows at the end only.');
        const rows = Array.isArray(values) ? (values as unknown[][]) : [[]];
        if (Array.isArray(values) && rows.some((r) => !Array.isArray(r) || r.length !== t.rect.cols))
          throw new ModelError('InvalidArgument', `Each row must have ${t.rect.cols} values.`);
        // A header-only table holds one empty data row (Excel's): the first added row fills it.
        const firstEmpty =
          t.rect.rows === 2 + (t.showTotals ? 1 : 0) &&
          Array.from({ length: t.rect.cols }, (_, c) => t.sheet.value(t.rect.row + 1, t.rect.col + c)).every(
            (v) => v === null,
          );
        // New rows go above the totals row, which moves down.
        const first = firstEmpty ? t.rect.row + 1 : t.rect.row + t.rect.rows - (t.showTotals ? 1 : 0);
        const grow = rows.length - (firstEmpty ? 1 : 0);
        if (t.showTotals && grow > 0) {
          for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
            const cell = t.sheet.cells.get(key(first, c));
            t.sheet.cells.delete(key(first, c));
            if (cell) t.sheet.cells.set(key(first + grow, c), cell);
          }
        }
        t.rect = { ...t.rect, rows: t.rect.rows + grow };
        rows.forEach((row, r) => row.forEach((x, c) => t.sheet.enter(first + r, t.rect.col + c, x)));
        this.host.changed({
          sheet: t.sheet,
          rect: { row: first, col: t.rect.col, rows: rows.length, cols: t.rect.cols },
          kind: 'value',
        });
        return new TableRowObject(this.host);
      },
    };
  }
}

export class TableRowObject extends HostObject {
  readonly className = 'TableRow';
}

export class NamedItemCollectionObject extends HostObject {
  readonly className = 'NamedItemCollection';
  override items(): HostObject[] {
    return this.host.model.names.map((n) => new NamedItemObject(this.host, n.name));
  }
  override index(key: unknown): HostObject {
    const n = this.host.model.name(str(key));
    if (!n) throw new ModelError('ItemNotFound', `The name "${str(key)}" doesn't exist.`);
    return new NamedItemObject(this.host, n.name);
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      GetItem: ([key]) => this.index(key),
      GetItemOrNullObject: ([key]) => {
        const n = this.host.model.name(str(key));
        return n ? new NamedItemObject(this.host, n.name) : null;
      },
      GetCount: () => this.host.model.names.length,
      Add: ([name, reference]) => {
        const n = this.host.model.addName(str(name), typeof reference === 'string' ? reference : str(reference));
        this.host.structural(`add name ${n.name}`);
        return new NamedItemObject(this.host, n.name);
      },
    };
  }
}

export class NamedItemObject extends HostObject {
  readonly className = 'NamedItem';
  constructor(
    host: HostState,
    private readonly key: string,
  ) {
    super(host);
  }
  override scalars(): Record<string, () => unknown> {
    const n = (): { name: string; formula: string } => {
      const found = this.host.model.name(this.key);
      if (!found) throw new ModelError('ItemNotFound', `The name "${this.key}" doesn't exist.`);
      return found;
    };
    return {
      Name: () => n().name,
      Formula: () => n().formula,
      Value: () => n().formula.replace(/^=/, ''),
      Type: () => 'Range',
    };
  }
  override methods(): Record<string, (args: readonly unknown[]) => unknown> {
    return {
      Delete: () => {
        this.host.model.deleteName(this.key);
        this.host.structural(`delete name ${this.key}`);
        return null;
      },
    };
  }
}
