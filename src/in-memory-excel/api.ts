/**
 * The Office.js objects over the model: proxies whose property writes and method calls are
 * queued and applied at `context.sync()`, whose properties can be read only after `load` and a
 * sync (else PropertyNotLoaded, as in Office), with `...OrNullObject` methods, events, and a
 * per-sync payload count that refuses requests or responses over Excel on the web's 5 MB.
 * Member signatures are taken from @types/office-js (`Excel.Range['values']`, `Parameters<...>`),
 * so a change of the real API breaks the build here rather than the add-in in production.
 */
import {
  a1Rect,
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
import { apiValue, valueType } from './values';

export class OfficeError extends Error {
  readonly debugInfo: { readonly code: string; readonly message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message };
  }
}

export interface SyncRecord {
  readonly requestBytes: number;
  readonly responseBytes: number;
}

export interface HostStats {
  syncs: number;
  readonly records: SyncRecord[];
  /** Excel on the web refuses a request or response larger than this. */
  payloadLimit: number;
}

interface Op {
  readonly bytes: number;
  run(): void;
}

const OP_OVERHEAD = 40;
const size = (v: unknown): number => JSON.stringify(v ?? null).length;

/** Property paths of a load: 'a,b', ['a','b'], {select:'a,b'}; navigation 'format/font/bold'. */
function propList(props: unknown): string[] | null {
  if (props === undefined || props === null) return null;
  if (typeof props === 'string')
    return props
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
  if (Array.isArray(props)) return props.flatMap((p) => propList(p) ?? []);
  if (typeof props === 'object' && 'select' in props) return propList((props as { select: unknown }).select);
  return null;
}

export class MemContext {
  readonly workbook: MemWorkbook;
  private queue: Op[] = [];
  private loadedNow: { obj: ClientObject; prop: string; value: unknown }[] = [];
  private changes: { sheet: SheetModel; rect: Rect }[] = [];

  constructor(
    readonly model: WorkbookModel,
    readonly stats: HostStats,
  ) {
    this.workbook = new MemWorkbook(this);
  }

  enqueue(bytes: number, run: () => void): void {
    this.queue.push({ bytes: bytes + OP_OVERHEAD, run });
  }

  /** Records a loaded value (counted in the response payload). */
  deliver(obj: ClientObject, prop: string, value: unknown): void {
    this.loadedNow.push({ obj, prop, value });
  }

  noteChange(sheet: SheetModel, rect: Rect): void {
    this.changes.push({ sheet, rect });
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.loadedNow = [];
    this.changes = [];
    this.stats.syncs++;
    const requestBytes = ops.reduce((n, op) => n + op.bytes, 0);
    if (requestBytes > this.stats.payloadLimit) {
      this.stats.records.push({ requestBytes, responseBytes: 0 });
      throw new OfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    try {
      for (const op of ops) op.run();
    } catch (e) {
      this.stats.records.push({ requestBytes, responseBytes: 0 });
      this.fireChanges();
      if (e instanceof ModelError) throw new OfficeError(e.code, e.message);
      throw e;
    }
    const responseBytes = this.loadedNow.reduce((n, l) => n + size(l.value) + l.prop.length + 4, 0);
    this.stats.records.push({ requestBytes, responseBytes });
    if (responseBytes > this.stats.payloadLimit) {
      this.fireChanges();
      throw new OfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    for (const l of this.loadedNow) l.obj.loaded.set(l.prop, l.value);
    this.fireChanges();
    await Promise.resolve();
  }

  private fireChanges(): void {
    const changes = this.changes;
    this.changes = [];
    // Excel raises events after the batch, asynchronously.
    if (changes.length) setTimeout(() => changes.forEach((c) => c.sheet.workbook.changed(c.sheet, c.rect)), 0);
  }
}

/** What every Office.js proxy has: its context, load, and loaded state. */
export abstract class ClientObject {
  readonly loaded = new Map<string, unknown>();
  /** For objects from `...OrNullObject`: null until a sync says whether the object exists. */
  protected nullable = false;

  constructor(readonly context: MemContext) {}

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (!this.loaded.has('isNullObject')) throw notLoaded('isNullObject');
    return this.loaded.get('isNullObject') === true;
  }

  protected makeNullable(exists: () => boolean): void {
    this.nullable = true;
    this.context.enqueue(0, () => this.context.deliver(this, 'isNullObject', !exists()));
  }

  /** The scalar properties this object can load. */
  protected abstract scalars(): Record<string, () => unknown>;

  /** Navigation properties (child objects) by name. */
  protected children(): Record<string, () => ClientObject> {
    return {};
  }

  /** True when the object resolves to nothing (a null object); loads then deliver nothing. */
  protected absent(): boolean {
    return false;
  }

  load(props?: unknown): this {
    const list = propList(props);
    this.context.enqueue(size(props), () => this.runLoad(list));
    return this;
  }

  runLoad(list: string[] | null): void {
    if (this.absent()) return;
    const scalars = this.scalars();
    const children = this.children();
    for (const path of list ?? Object.keys(scalars)) {
      const [head, ...rest] = path.split('/');
      if (head === undefined) continue;
      const child = children[head];
      if (child) {
        child().runLoad(rest.length ? [rest.join('/')] : null);
        continue;
      }
      const read = scalars[head];
      if (!read) throw new OfficeError('InvalidArgument', `The property '${head}' is not available on this object.`);
      this.context.deliver(this, head, read());
    }
  }

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }

  protected set(prop: string, value: unknown, apply: () => void): void {
    this.context.enqueue(size(value) + prop.length, apply);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

function notLoaded(prop: string): OfficeError {
  return new OfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function protectedError(): ModelError {
  return new ModelError('AccessDenied', 'The cell or chart that you are trying to change is on a protected sheet.');
}

// ---- events ---------------------------------------------------------------------------------

export class MemEventHandlerResult {
  constructor(
    readonly context: MemContext,
    private readonly off: () => void,
  ) {}
  remove(): void {
    this.context.enqueue(0, this.off);
  }
}

export class MemEvent<E> {
  constructor(
    private readonly context: MemContext,
    private readonly listeners: () => Set<(e: E) => void>,
  ) {}
  add(handler: (args: E) => Promise<unknown>): MemEventHandlerResult {
    const listener = (e: E): void => {
      void handler(e);
    };
    this.context.enqueue(20, () => this.listeners().add(listener));
    return new MemEventHandlerResult(this.context, () => this.listeners().delete(listener));
  }
}

// ---- workbook and worksheets ----------------------------------------------------------------

export class MemWorkbook extends ClientObject {
  readonly worksheets: MemWorksheetCollection;
  readonly tables: MemTableCollection;
  readonly onSelectionChanged: MemEvent<{ address: string; type: 'WorkbookSelectionChanged' }>;

  constructor(context: MemContext) {
    super(context);
    this.worksheets = new MemWorksheetCollection(context);
    this.tables = new MemTableCollection(context, null);
    this.onSelectionChanged = new MemEvent(
      context,
      () => context.model.onSelectionChanged as Set<(e: { address: string; type: 'WorkbookSelectionChanged' }) => void>,
    );
  }

  protected scalars(): Record<string, () => unknown> {
    return {};
  }

  getSelectedRange(): MemRange {
    const m = this.context.model;
    return new MemRange(this.context, () => {
      const sel = m.selection ?? (m.active ? { sheet: m.active, rect: { row: 0, col: 0, rows: 1, cols: 1 } } : null);
      if (!sel) throw new ModelError('ItemNotFound', 'Nothing is selected.');
      return sel;
    });
  }

  getActiveWorksheet(): MemWorksheet {
    return new MemWorksheet(this.context, () => {
      const s = this.context.model.active ?? this.context.model.sheets[0];
      if (!s) throw new ModelError('ItemNotFound', 'The workbook has no sheet.');
      return s;
    });
  }
}

export class MemWorksheetCollection extends ClientObject {
  private itemList: MemWorksheet[] | null = null;
  readonly onAdded: MemEvent<{ worksheetId: string }>;

  constructor(context: MemContext) {
    super(context);
    this.onAdded = new MemEvent(context, () => context.model.onAdded as Set<(e: { worksheetId: string }) => void>);
  }

  get items(): MemWorksheet[] {
    if (this.itemList === null) throw notLoaded('items');
    return this.itemList;
  }

  protected scalars(): Record<string, () => unknown> {
    return {};
  }

  override runLoad(list: string[] | null): void {
    const itemProps = (list ?? ['items'])
      .filter((p) => p === 'items' || p.startsWith('items/'))
      .map((p) => p.replace(/^items\/?/, ''));
    const sheets = [...this.context.model.sheets];
    const items = sheets.map((s) => new MemWorksheet(this.context, () => s));
    this.context.deliver(this, 'items', sheets.length);
    this.itemList = items;
    const props = itemProps.filter(Boolean);
    for (const it of items) it.runLoad(props.length ? props : null);
  }

  getItem(key: Parameters<Excel.WorksheetCollection['getItem']>[0]): MemWorksheet {
    return new MemWorksheet(this.context, () => {
      const s = this.context.model.sheet(key) ?? this.context.model.sheets.find((x) => x.id === key);
      if (!s) throw new ModelError('ItemNotFound', `The requested resource doesn't exist: worksheet "${key}".`);
      return s;
    });
  }

  getItemOrNullObject(key: Parameters<Excel.WorksheetCollection['getItemOrNullObject']>[0]): MemWorksheet {
    const find = (): SheetModel | undefined =>
      this.context.model.sheet(key) ?? this.context.model.sheets.find((x) => x.id === key);
    const ws = new MemWorksheet(this.context, () => find() ?? null);
    ws.markNullable(() => find() !== undefined);
    return ws;
  }

  add(name?: Parameters<Excel.WorksheetCollection['add']>[0]): MemWorksheet {
    let created: SheetModel | null = null;
    this.context.enqueue(size(name), () => {
      created = this.context.model.addSheet(name);
    });
    return new MemWorksheet(this.context, () => {
      if (!created) throw new ModelError('ItemNotFound', 'The worksheet was not created.');
      return created;
    });
  }

  getCount(): { readonly value: number } {
    const result = { value: 0 };
    this.context.enqueue(0, () => {
      result.value = this.context.model.sheets.length;
    });
    return result;
  }
}

export class MemWorksheet extends ClientObject {
  constructor(
    context: MemContext,
    readonly resolve: () => SheetModel | null,
  ) {
    super(context);
  }

  markNullable(exists: () => boolean): void {
    this.makeNullable(exists);
  }

  protected override absent(): boolean {
    return this.resolve() === null;
  }

  sheet(): SheetModel {
    const s = this.resolve();
    if (!s) throw new ModelError('InvalidObjectPath', 'The worksheet does not exist.');
    return s;
  }

  protected scalars(): Record<string, () => unknown> {
    return {
      name: () => this.sheet().name,
      id: () => this.sheet().id,
      position: () => this.context.model.sheets.indexOf(this.sheet()),
      visibility: () => this.sheet().visibility,
    };
  }

  protected override children(): Record<string, () => ClientObject> {
    return { protection: () => this.protection };
  }

  get name(): Excel.Worksheet['name'] {
    return this.get('name');
  }
  set name(value: Excel.Worksheet['name']) {
    this.set('name', value, () => {
      const s = this.sheet();
      const clash = this.context.model.sheet(value);
      if (clash && clash !== s) throw new ModelError('ItemAlreadyExists', `A sheet named "${value}" already exists.`);
      s.name = value;
    });
  }
  get id(): Excel.Worksheet['id'] {
    return this.get('id');
  }
  get position(): Excel.Worksheet['position'] {
    return this.get('position');
  }
  get visibility(): Excel.Worksheet['visibility'] {
    return this.get('visibility');
  }

  get protection(): MemProtection {
    return new MemProtection(this.context, this);
  }

  get freezePanes(): MemFreezePanes {
    return new MemFreezePanes(this.context, this);
  }

  get tables(): MemTableCollection {
    return new MemTableCollection(this.context, this);
  }

  get onChanged(): MemEvent<Excel.WorksheetChangedEventArgs> {
    return new MemEvent(
      this.context,
      () => this.sheet().onChanged as unknown as Set<(e: Excel.WorksheetChangedEventArgs) => void>,
    );
  }

  activate(): void {
    this.context.enqueue(0, () => {
      this.context.model.active = this.sheet();
    });
  }

  getRange(addr?: Parameters<Excel.Worksheet['getRange']>[0]): MemRange {
    return new MemRange(this.context, () => {
      if (addr === undefined || addr === '')
        return { sheet: this.sheet(), rect: { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS } };
      const rect = parseAddress(addr.replace(/^.*!/, ''));
      if (!rect) throw new ModelError('InvalidArgument', `The address "${addr}" is not valid.`);
      return { sheet: this.sheet(), rect };
    });
  }

  getRangeByIndexes(...[row, col, rows, cols]: Parameters<Excel.Worksheet['getRangeByIndexes']>): MemRange {
    return new MemRange(this.context, () => {
      if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows > MAX_ROWS || col + cols > MAX_COLS) {
        throw new ModelError('InvalidArgument', 'The range is out of bounds.');
      }
      return { sheet: this.sheet(), rect: { row, col, rows, cols } };
    });
  }

  getCell(...[row, col]: Parameters<Excel.Worksheet['getCell']>): MemRange {
    return this.getRangeByIndexes(row, col, 1, 1);
  }

  getUsedRange(valuesOnly?: Parameters<Excel.Worksheet['getUsedRange']>[0]): MemRange {
    return new MemRange(this.context, () => {
      const s = this.sheet();
      return { sheet: s, rect: s.usedRect(valuesOnly === true) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: Parameters<Excel.Worksheet['getUsedRangeOrNullObject']>[0]): MemRange {
    const find = (): Rect | null => this.resolve()?.usedRect(valuesOnly === true) ?? null;
    const range = new MemRange(this.context, () => {
      const rect = find();
      return rect ? { sheet: this.sheet(), rect } : null;
    });
    range.markNullable(() => find() !== null);
    return range;
  }
}

export class MemProtection extends ClientObject {
  constructor(
    context: MemContext,
    private readonly ws: MemWorksheet,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return { protected: () => this.ws.sheet().protected };
  }
  override runLoad(list: string[] | null): void {
    // A child object keeps its own loaded values: deliver to the worksheet's shared protection.
    for (const p of list ?? ['protected']) {
      const read = this.scalars()[p];
      if (!read) throw new OfficeError('InvalidArgument', `The property '${p}' is not available on this object.`);
      this.context.deliver(protectionOf(this.ws), p, read());
    }
  }
  override load(props?: unknown): this {
    protectionOf(this.ws).loadInto(props);
    return this;
  }
  loadInto(props?: unknown): void {
    super.load(props);
  }
  get protected(): Excel.WorksheetProtection['protected'] {
    return protectionOf(this.ws).get('protected');
  }
  protect(): void {
    this.context.enqueue(0, () => {
      this.ws.sheet().protected = true;
    });
  }
  unprotect(): void {
    this.context.enqueue(0, () => {
      this.ws.sheet().protected = false;
    });
  }
}

/** One protection object per worksheet proxy, so `ws.protection.load(); ws.protection.protected` works. */
const protections = new WeakMap<MemWorksheet, MemProtection>();
function protectionOf(ws: MemWorksheet): MemProtection & { get: <T>(p: string) => T } {
  let p = protections.get(ws);
  if (!p) {
    p = new MemProtection(ws.context, ws);
    protections.set(ws, p);
  }
  return p as MemProtection & { get: <T>(p: string) => T };
}

export class MemFreezePanes extends ClientObject {
  constructor(
    context: MemContext,
    private readonly ws: MemWorksheet,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  freezeRows(count?: Parameters<Excel.WorksheetFreezePanes['freezeRows']>[0]): void {
    this.context.enqueue(8, () => {
      const s = this.ws.sheet();
      if (s.protected) throw protectedError();
      s.frozenRows = count ?? 1;
    });
  }
  unfreeze(): void {
    this.context.enqueue(0, () => {
      this.ws.sheet().frozenRows = 0;
    });
  }
  getLocationOrNullObject(): MemRange {
    const find = (): Rect | null => {
      const n = this.ws.sheet().frozenRows;
      return n > 0 ? { row: 0, col: 0, rows: n, cols: MAX_COLS } : null;
    };
    const range = new MemRange(this.context, () => {
      const rect = find();
      return rect ? { sheet: this.ws.sheet(), rect } : null;
    });
    range.markNullable(() => find() !== null);
    return range;
  }
}

// ---- ranges ---------------------------------------------------------------------------------

interface Target {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

/** Reading every cell of a whole column would be absurd: a read is limited to the used part. */
const MAX_READ_CELLS = 5_000_000;

export class MemRange extends ClientObject {
  constructor(
    context: MemContext,
    private readonly resolveTarget: () => Target | null,
  ) {
    super(context);
  }

  markNullable(exists: () => boolean): void {
    this.makeNullable(exists);
  }

  protected override absent(): boolean {
    return this.resolveTarget() === null;
  }

  target(): Target {
    const t = this.resolveTarget();
    if (!t) throw new ModelError('InvalidObjectPath', 'The range does not exist.');
    return t;
  }

  private grid<T>(f: (s: SheetModel, r: number, c: number) => T): T[][] {
    const { sheet, rect } = this.target();
    if (rect.rows * rect.cols > MAX_READ_CELLS)
      throw new ModelError('InvalidOperation', 'The range is too large to read.');
    const out: T[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row: T[] = [];
      for (let c = 0; c < rect.cols; c++) row.push(f(sheet, rect.row + r, rect.col + c));
      out.push(row);
    }
    return out;
  }

  protected scalars(): Record<string, () => unknown> {
    return {
      address: () => address(this.target().sheet, this.target().rect),
      addressLocal: () => address(this.target().sheet, this.target().rect),
      rowIndex: () => this.target().rect.row,
      columnIndex: () => this.target().rect.col,
      rowCount: () => this.target().rect.rows,
      columnCount: () => this.target().rect.cols,
      cellCount: () => this.target().rect.rows * this.target().rect.cols,
      values: () => this.grid((s, r, c) => apiValue(s.value(r, c))),
      valueTypes: () => this.grid((s, r, c) => valueType(s.value(r, c))),
      numberFormat: () => this.grid((s, r, c) => s.numberFormat(r, c)),
      formulas: () => this.grid((s, r, c) => s.cell(r, c)?.formula ?? apiValue(s.value(r, c))),
      text: () => this.grid((s, r, c) => s.text(r, c)),
    };
  }

  protected override children(): Record<string, () => ClientObject> {
    return {
      format: () => this.format,
      dataValidation: () => this.dataValidation,
      conditionalFormats: () => this.conditionalFormats,
    };
  }

  get address(): Excel.Range['address'] {
    return this.get('address');
  }
  get rowIndex(): Excel.Range['rowIndex'] {
    return this.get('rowIndex');
  }
  get columnIndex(): Excel.Range['columnIndex'] {
    return this.get('columnIndex');
  }
  get rowCount(): Excel.Range['rowCount'] {
    return this.get('rowCount');
  }
  get columnCount(): Excel.Range['columnCount'] {
    return this.get('columnCount');
  }
  get cellCount(): Excel.Range['cellCount'] {
    return this.get('cellCount');
  }
  get text(): Excel.Range['text'] {
    return this.get('text');
  }
  get valueTypes(): Excel.Range['valueTypes'] {
    return this.get('valueTypes');
  }

  get values(): Excel.Range['values'] {
    return this.get('values');
  }
  set values(v: Excel.Range['values']) {
    this.set('values', v, () => this.write(v, (s, r, c, x) => s.enter(r, c, x)));
  }

  get formulas(): Excel.Range['formulas'] {
    return this.get('formulas');
  }
  set formulas(v: Excel.Range['formulas']) {
    this.set('formulas', v, () =>
      this.write(v, (s, r, c, x) => (typeof x === 'string' ? s.setFormula(r, c, x) : s.enter(r, c, x))),
    );
  }

  get numberFormat(): Excel.Range['numberFormat'] {
    return this.get('numberFormat');
  }
  set numberFormat(v: Excel.Range['numberFormat']) {
    this.set('numberFormat', v, () =>
      this.write(
        v,
        (s, r, c, x) => {
          s.ensure(r, c).numberFormat = String(x);
        },
        false,
      ),
    );
  }

  /** Writes a 2-D array of the range's shape, as Office requires. */
  private write(v: unknown, put: (s: SheetModel, r: number, c: number, x: unknown) => void, isEdit = true): void {
    const { sheet, rect } = this.target();
    if (sheet.protected) throw protectedError();
    if (
      !Array.isArray(v) ||
      v.length !== rect.rows ||
      v.some((row) => !Array.isArray(row) || row.length !== rect.cols)
    ) {
      throw new ModelError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rows}x${rect.cols}).`,
      );
    }
    (v as unknown[][]).forEach((row, r) => row.forEach((x, c) => put(sheet, rect.row + r, rect.col + c, x)));
    if (isEdit) this.context.noteChange(sheet, rect);
  }

  get format(): MemRangeFormat {
    return childOf(this, 'format', () => new MemRangeFormat(this.context, this));
  }
  get dataValidation(): MemDataValidation {
    return childOf(this, 'dataValidation', () => new MemDataValidation(this.context, this));
  }
  get conditionalFormats(): MemConditionalFormatCollection {
    return childOf(this, 'conditionalFormats', () => new MemConditionalFormatCollection(this.context, this));
  }
  get worksheet(): MemWorksheet {
    return new MemWorksheet(this.context, () => this.target().sheet);
  }

  private derived(f: (t: Target) => Rect): MemRange {
    return new MemRange(this.context, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: f(t) };
    });
  }
  getCell(...[row, col]: Parameters<Excel.Range['getCell']>): MemRange {
    return this.derived((t) => ({ row: t.rect.row + row, col: t.rect.col + col, rows: 1, cols: 1 }));
  }
  getRow(...[row]: Parameters<Excel.Range['getRow']>): MemRange {
    return this.derived((t) => ({ ...t.rect, row: t.rect.row + row, rows: 1 }));
  }
  getColumn(...[col]: Parameters<Excel.Range['getColumn']>): MemRange {
    return this.derived((t) => ({ ...t.rect, col: t.rect.col + col, cols: 1 }));
  }
  getOffsetRange(...[rows, cols]: Parameters<Excel.Range['getOffsetRange']>): MemRange {
    return this.derived((t) => ({ ...t.rect, row: t.rect.row + rows, col: t.rect.col + cols }));
  }
  getResizedRange(...[rows, cols]: Parameters<Excel.Range['getResizedRange']>): MemRange {
    return this.derived((t) => ({ ...t.rect, rows: t.rect.rows + rows, cols: t.rect.cols + cols }));
  }
  getEntireColumn(): MemRange {
    return this.derived((t) => ({ row: 0, col: t.rect.col, rows: MAX_ROWS, cols: t.rect.cols }));
  }
  getEntireRow(): MemRange {
    return this.derived((t) => ({ row: t.rect.row, col: 0, rows: t.rect.rows, cols: MAX_COLS }));
  }

  /** Deletes the range's cells. Whole rows shift up (what this host models); other shapes are refused. */
  delete(shift: Parameters<Excel.Range['delete']>[0]): void {
    this.context.enqueue(16, () => {
      const { sheet, rect } = this.target();
      if (sheet.protected) throw protectedError();
      if (shift !== 'Up' || rect.col !== 0 || rect.cols !== MAX_COLS) {
        throw new ModelError('InvalidArgument', 'This host deletes whole rows only (getEntireRow().delete("Up")).');
      }
      sheet.deleteRows(rect.row, rect.rows);
      this.context.noteChange(sheet, rect);
    });
  }

  select(): void {
    this.context.enqueue(0, () => {
      const t = this.target();
      this.context.model.select(t.sheet, t.rect);
    });
  }

  merge(across?: Parameters<Excel.Range['merge']>[0]): void {
    this.context.enqueue(0, () => {
      const { sheet, rect } = this.target();
      if (sheet.protected) throw protectedError();
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
    });
  }

  unmerge(): void {
    this.context.enqueue(0, () => {
      const { sheet, rect } = this.target();
      if (sheet.protected) throw protectedError();
      for (let i = sheet.merges.length - 1; i >= 0; i--)
        if (intersects(sheet.merges[i]!, rect)) sheet.merges.splice(i, 1);
    });
  }

  getMergedAreasOrNullObject(): MemRangeAreas {
    const find = (): string | null => {
      const t = this.resolveTarget();
      if (!t) return null;
      const hits = t.sheet.merges.filter((m) => intersects(m, t.rect));
      return hits.length ? hits.map((m) => address(t.sheet, m)).join(',') : null;
    };
    const areas = new MemRangeAreas(this.context, find);
    areas.markNullable(() => find() !== null);
    return areas;
  }

  clear(): void {
    this.context.enqueue(0, () => {
      const { sheet, rect } = this.target();
      if (sheet.protected) throw protectedError();
      for (const [k] of [...sheet.cells]) {
        if (contains(rect, Math.floor(k / MAX_COLS), k % MAX_COLS)) sheet.cells.delete(k);
      }
      this.context.noteChange(sheet, rect);
    });
  }
}

/** Child objects are kept per parent proxy, so what is loaded on `range.format.font` stays there. */
const childCache = new WeakMap<ClientObject, Map<string, ClientObject>>();
function childOf<T extends ClientObject>(parent: ClientObject, name: string, make: () => T): T {
  let m = childCache.get(parent);
  if (!m) childCache.set(parent, (m = new Map()));
  let c = m.get(name);
  if (!c) m.set(name, (c = make()));
  return c as T;
}

export class MemRangeAreas extends ClientObject {
  constructor(
    context: MemContext,
    private readonly find: () => string | null,
  ) {
    super(context);
  }
  markNullable(exists: () => boolean): void {
    this.makeNullable(exists);
  }
  protected override absent(): boolean {
    return this.find() === null;
  }
  protected scalars(): Record<string, () => unknown> {
    return { address: () => this.find() };
  }
  get address(): Excel.RangeAreas['address'] {
    return this.get('address');
  }
}

export class MemRangeFormat extends ClientObject {
  constructor(
    context: MemContext,
    private readonly range: MemRange,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      columnWidth: () => {
        const { sheet, rect } = this.range.target();
        return sheet.widths.get(rect.col) ?? 48;
      },
    };
  }
  protected override children(): Record<string, () => ClientObject> {
    return { font: () => this.font, fill: () => this.fill };
  }
  get columnWidth(): Excel.RangeFormat['columnWidth'] {
    return this.get('columnWidth');
  }
  set columnWidth(v: Excel.RangeFormat['columnWidth']) {
    this.set('columnWidth', v, () => {
      const { sheet, rect } = this.range.target();
      if (sheet.protected) throw protectedError();
      for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.widths.set(c, v);
    });
  }
  autofitColumns(): void {
    this.context.enqueue(0, () => undefined);
  }
  get font(): MemRangeFont {
    return childOf(this, 'font', () => new MemRangeFont(this.context, this.range));
  }
  get fill(): MemRangeFill {
    return childOf(this, 'fill', () => new MemRangeFill(this.context, this.range));
  }
}

/** Applies `f` to each cell of a range: format writes are bounded to what a sheet can hold sensibly. */
function eachCell(range: MemRange, f: (s: SheetModel, r: number, c: number) => void): void {
  const { sheet, rect } = range.target();
  if (sheet.protected) throw protectedError();
  if (rect.rows * rect.cols > MAX_READ_CELLS)
    throw new ModelError('InvalidOperation', 'The range is too large to format cell by cell here.');
  for (let r = rect.row; r < rect.row + rect.rows; r++)
    for (let c = rect.col; c < rect.col + rect.cols; c++) f(sheet, r, c);
}

export class MemRangeFont extends ClientObject {
  constructor(
    context: MemContext,
    private readonly range: MemRange,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    const { sheet, rect } = this.range.target();
    return {
      bold: () => sheet.cell(rect.row, rect.col)?.bold === true,
      color: () => sheet.cell(rect.row, rect.col)?.fontColor ?? '#000000',
    };
  }
  get bold(): Excel.RangeFont['bold'] {
    return this.get('bold');
  }
  set bold(v: Excel.RangeFont['bold']) {
    this.set('bold', v, () => eachCell(this.range, (s, r, c) => void (s.ensure(r, c).bold = v)));
  }
  get color(): Excel.RangeFont['color'] {
    return this.get('color');
  }
  set color(v: Excel.RangeFont['color']) {
    this.set('color', v, () => eachCell(this.range, (s, r, c) => void (s.ensure(r, c).fontColor = v)));
  }
}

export class MemRangeFill extends ClientObject {
  constructor(
    context: MemContext,
    private readonly range: MemRange,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    const { sheet, rect } = this.range.target();
    return { color: () => sheet.cell(rect.row, rect.col)?.fill ?? '#FFFFFF' };
  }
  get color(): Excel.RangeFill['color'] {
    return this.get('color');
  }
  set color(v: Excel.RangeFill['color']) {
    this.set('color', v, () => eachCell(this.range, (s, r, c) => void (s.ensure(r, c).fill = v)));
  }
  clear(): void {
    this.context.enqueue(0, () =>
      eachCell(this.range, (s, r, c) => {
        const cell = s.cell(r, c);
        if (cell) delete cell.fill;
      }),
    );
  }
}

// ---- data validation --------------------------------------------------------------------------

export class MemDataValidation extends ClientObject {
  constructor(
    context: MemContext,
    private readonly range: MemRange,
  ) {
    super(context);
  }
  /** Office's rule: None where no cell has one, Inconsistent where they differ, else its type. */
  private kind(): string {
    const { sheet, rect } = this.range.target();
    const hits = sheet.validations.filter((v) => intersects(v.rect, rect));
    if (hits.length === 0) return 'None';
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
  private current(): DataValidationModel | undefined {
    const { sheet, rect } = this.range.target();
    return sheet.validations.find((v) => intersects(v.rect, rect));
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      type: () => this.kind(),
      rule: () => this.current()?.rule ?? {},
      ignoreBlanks: () => this.current()?.ignoreBlanks ?? true,
      errorAlert: () => this.current()?.errorAlert ?? null,
      prompt: () => this.current()?.prompt ?? null,
    };
  }
  get type(): Excel.DataValidation['type'] {
    return this.get('type');
  }
  get rule(): Excel.DataValidation['rule'] {
    return this.get('rule');
  }
  set rule(v: Excel.DataValidation['rule']) {
    this.set('rule', v, () => {
      const { sheet, rect } = this.range.target();
      if (sheet.protected) throw protectedError();
      // A new rule replaces whatever the cells had (Excel does the same).
      for (let i = sheet.validations.length - 1; i >= 0; i--)
        if (intersects(sheet.validations[i]!.rect, rect)) sheet.validations.splice(i, 1);
      const rule: { list?: { inCellDropDown: boolean; source: string }; custom?: { formula: string } } = {};
      if (v.list) rule.list = { inCellDropDown: v.list.inCellDropDown !== false, source: String(v.list.source) };
      if (v.custom) rule.custom = { formula: String(v.custom.formula) };
      sheet.validations.push({ rect, rule, ignoreBlanks: true });
    });
  }
  get ignoreBlanks(): Excel.DataValidation['ignoreBlanks'] {
    return this.get('ignoreBlanks');
  }
  set ignoreBlanks(v: Excel.DataValidation['ignoreBlanks']) {
    this.set('ignoreBlanks', v, () => {
      const dv = this.current();
      if (dv) dv.ignoreBlanks = v;
    });
  }
  get errorAlert(): Excel.DataValidation['errorAlert'] {
    return this.get('errorAlert');
  }
  set errorAlert(v: Excel.DataValidation['errorAlert']) {
    this.set('errorAlert', v, () => {
      const dv = this.current();
      if (dv) dv.errorAlert = v;
    });
  }
  get prompt(): Excel.DataValidation['prompt'] {
    return this.get('prompt');
  }
  set prompt(v: Excel.DataValidation['prompt']) {
    this.set('prompt', v, () => {
      const dv = this.current();
      if (dv) dv.prompt = v;
    });
  }
  clear(): void {
    this.context.enqueue(0, () => {
      const { sheet, rect } = this.range.target();
      if (sheet.protected) throw protectedError();
      for (let i = sheet.validations.length - 1; i >= 0; i--)
        if (intersects(sheet.validations[i]!.rect, rect)) sheet.validations.splice(i, 1);
    });
  }
}

// ---- conditional formats ----------------------------------------------------------------------

export class MemConditionalFormatCollection extends ClientObject {
  private itemList: MemConditionalFormat[] | null = null;
  constructor(
    context: MemContext,
    private readonly range: MemRange,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  private inRange(): ConditionalFormatModel[] {
    const { sheet, rect } = this.range.target();
    return sheet.conditionalFormats.filter((cf) => intersects(cf.rect, rect));
  }
  override runLoad(list: string[] | null): void {
    const models = this.inRange();
    const props = (list ?? ['items']).filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    const items = models.map((m) => new MemConditionalFormat(this.context, () => m, this.range));
    this.itemList = items;
    this.context.deliver(this, 'items', models.length);
    for (const it of items) it.runLoad(props.length ? props : null);
  }
  get items(): MemConditionalFormat[] {
    if (this.itemList === null) throw notLoaded('items');
    return this.itemList;
  }
  add(type: Parameters<Excel.ConditionalFormatCollection['add']>[0]): MemConditionalFormat {
    let created: ConditionalFormatModel | null = null;
    this.context.enqueue(size(type), () => {
      if (type !== 'Custom')
        throw new ModelError(
          'InvalidArgument',
          `This host models custom conditional formats only, not "${String(type)}".`,
        );
      const { sheet, rect } = this.range.target();
      if (sheet.protected) throw protectedError();
      created = sheet.addConditionalFormat(rect);
    });
    return new MemConditionalFormat(
      this.context,
      () => {
        if (!created) throw new ModelError('ItemNotFound', 'The conditional format was not created.');
        return created;
      },
      this.range,
    );
  }
  getCount(): { readonly value: number } {
    const result = { value: 0 };
    this.context.enqueue(0, () => {
      result.value = this.inRange().length;
    });
    return result;
  }
  clearAll(): void {
    this.context.enqueue(0, () => {
      const { sheet, rect } = this.range.target();
      if (sheet.protected) throw protectedError();
      for (let i = sheet.conditionalFormats.length - 1; i >= 0; i--) {
        if (intersects(sheet.conditionalFormats[i]!.rect, rect)) sheet.conditionalFormats.splice(i, 1);
      }
    });
  }
}

export class MemConditionalFormat extends ClientObject {
  constructor(
    context: MemContext,
    readonly model: () => ConditionalFormatModel,
    private readonly range: MemRange,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      type: () => this.model().type,
      id: () => this.model().id,
      priority: () => this.sheetOf().conditionalFormats.indexOf(this.model()),
    };
  }
  protected override children(): Record<string, () => ClientObject> {
    return { custom: () => this.custom };
  }
  private sheetOf(): SheetModel {
    return this.range.target().sheet;
  }
  get type(): Excel.ConditionalFormat['type'] {
    return this.get('type');
  }
  get id(): Excel.ConditionalFormat['id'] {
    return this.get('id');
  }
  get custom(): MemCustomConditionalFormat {
    return childOf(this, 'custom', () => new MemCustomConditionalFormat(this.context, this.model));
  }
  delete(): void {
    this.context.enqueue(0, () => {
      const sheet = this.sheetOf();
      if (sheet.protected) throw protectedError();
      const i = sheet.conditionalFormats.indexOf(this.model());
      if (i >= 0) sheet.conditionalFormats.splice(i, 1);
    });
  }
}

export class MemCustomConditionalFormat extends ClientObject {
  constructor(
    context: MemContext,
    private readonly model: () => ConditionalFormatModel,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  protected override children(): Record<string, () => ClientObject> {
    return { rule: () => this.rule, format: () => this.format };
  }
  get rule(): MemConditionalRule {
    return childOf(this, 'rule', () => new MemConditionalRule(this.context, this.model));
  }
  get format(): MemConditionalFormatFormat {
    return childOf(this, 'format', () => new MemConditionalFormatFormat(this.context, this.model));
  }
}

export class MemConditionalRule extends ClientObject {
  constructor(
    context: MemContext,
    private readonly model: () => ConditionalFormatModel,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return { formula: () => this.model().formula };
  }
  get formula(): Excel.ConditionalFormatRule['formula'] {
    return this.get('formula');
  }
  set formula(v: Excel.ConditionalFormatRule['formula']) {
    this.set('formula', v, () => {
      this.model().formula = v;
    });
  }
}

export class MemConditionalFormatFormat extends ClientObject {
  readonly fill: { color: string };
  readonly font: { color: string };
  constructor(context: MemContext, model: () => ConditionalFormatModel) {
    super(context);
    const enqueue = (f: () => void, v: string): void => context.enqueue(size(v), f);
    this.fill = {
      get color(): string {
        throw notLoaded('color');
      },
      set color(v: string) {
        enqueue(() => {
          model().fill = v;
        }, v);
      },
    };
    this.font = {
      get color(): string {
        throw notLoaded('color');
      },
      set color(v: string) {
        enqueue(() => {
          model().fontColor = v;
        }, v);
      },
    };
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
}

// ---- tables -------------------------------------------------------------------------------------

export class MemTableCollection extends ClientObject {
  private itemList: MemTable[] | null = null;
  constructor(
    context: MemContext,
    private readonly ws: MemWorksheet | null,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  private models(): TableModel[] {
    return this.ws ? this.ws.sheet().tables() : this.context.model.tables;
  }
  override runLoad(list: string[] | null): void {
    const models = this.models();
    const props = (list ?? ['items']).filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    this.itemList = models.map((m) => new MemTable(this.context, () => m));
    this.context.deliver(this, 'items', models.length);
    for (const it of this.itemList) it.runLoad(props.length ? props : null);
  }
  get items(): MemTable[] {
    if (this.itemList === null) throw notLoaded('items');
    return this.itemList;
  }
  add(...[addr, hasHeaders]: Parameters<Excel.TableCollection['add']>): MemTable {
    let created: TableModel | null = null;
    this.context.enqueue(size(addr), () => {
      const text = typeof addr === 'string' ? addr : '';
      const bang = text.lastIndexOf('!');
      const sheet =
        bang >= 0
          ? this.context.model.sheet(text.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'"))
          : this.ws?.sheet();
      const rect = parseAddress(bang >= 0 ? text.slice(bang + 1) : text);
      if (!sheet || !rect) throw new ModelError('InvalidArgument', `The address "${text}" is not valid for a table.`);
      if (sheet.protected) throw protectedError();
      created = this.context.model.addTable(sheet, rect, hasHeaders);
    });
    return new MemTable(this.context, () => {
      if (!created) throw new ModelError('ItemNotFound', 'The table was not created.');
      return created;
    });
  }
}

export class MemTable extends ClientObject {
  constructor(
    context: MemContext,
    private readonly model: () => TableModel,
  ) {
    super(context);
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      name: () => this.model().name,
      style: () => this.model().style,
      showBandedRows: () => true,
      showHeaders: () => this.model().showHeaders,
      showTotals: () => this.model().showTotals,
    };
  }
  get showHeaders(): Excel.Table['showHeaders'] {
    return this.get('showHeaders');
  }
  get showTotals(): Excel.Table['showTotals'] {
    return this.get('showTotals');
  }
  /**
   * Shows or hides the totals row below the data body. Excel fills a new totals row ("Total" in
   * the first column, a SUBTOTAL in the last); this host writes the label only. Where the row
   * below holds anything, Excel's behaviour is uncertain, so this host refuses (the stricter
   * reading).
   */
  set showTotals(v: Excel.Table['showTotals']) {
    this.set('showTotals', v, () => {
      const t = this.model();
      if (t.showTotals === v) return;
      if (t.sheet.protected) throw protectedError();
      if (v) {
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
      t.showTotals = v;
    });
  }
  get name(): Excel.Table['name'] {
    return this.get('name');
  }
  set name(v: Excel.Table['name']) {
    this.set('name', v, () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v))
        throw new ModelError('InvalidArgument', `"${v}" is not a valid table name.`);
      if (this.context.model.tables.some((t) => t !== this.model() && t.name.toLowerCase() === v.toLowerCase())) {
        throw new ModelError('ItemAlreadyExists', `A table named "${v}" already exists.`);
      }
      this.model().name = v;
    });
  }
  set style(v: Excel.Table['style']) {
    this.set('style', v, () => {
      this.model().style = v;
    });
  }
  private range(f: (t: TableModel) => Rect): MemRange {
    return new MemRange(this.context, () => ({ sheet: this.model().sheet, rect: f(this.model()) }));
  }
  getRange(): MemRange {
    return this.range((t) => t.rect);
  }
  getHeaderRowRange(): MemRange {
    return this.range((t) => ({ ...t.rect, rows: 1 }));
  }
  getDataBodyRange(): MemRange {
    // Between the header row and the totals row (when shown); Excel keeps at least one body row.
    return this.range((t) => ({
      ...t.rect,
      row: t.rect.row + 1,
      rows: Math.max(1, t.rect.rows - 1 - (t.showTotals ? 1 : 0)),
    }));
  }
  getTotalRowRange(): MemRange {
    return this.range((t) => {
      if (!t.showTotals) throw new ModelError('InvalidOperation', 'The table does not show its totals row.');
      return { ...t.rect, row: t.rect.row + t.rect.rows - 1, rows: 1 };
    });
  }
  get rows(): { add: (index?: number | null, values?: unknown[][]) => void } {
    return {
      add: (index, values) => {
        this.context.enqueue(size(values), () => {
          const t = this.model();
          const n = values?.length ?? 1;
          if (index !== undefined && index !== null)
            throw new ModelError('InvalidArgument', 'This host adds table rows at the end only.');
          // New rows go above the totals row, which moves down.
          const first = t.rect.row + t.rect.rows - (t.showTotals ? 1 : 0);
          if (t.showTotals) {
            for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
              const cell = t.sheet.cells.get(key(first, c));
              t.sheet.cells.delete(key(first, c));
              if (cell) t.sheet.cells.set(key(first + n, c), cell);
            }
          }
          t.rect = { ...t.rect, rows: t.rect.rows + n };
          values?.forEach((row, r) => row.forEach((x, c) => t.sheet.enter(first + r, t.rect.col + c, x)));
          this.context.noteChange(t.sheet, { row: first, col: t.rect.col, rows: n, cols: t.rect.cols });
        });
      },
    };
  }
}

export { a1Rect };
