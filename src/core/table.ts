/**
 * Finds a contract sheet in a workbook and reads it as a table: which column holds which header,
 * where the data rows are, and what is wrong with the sheet's shape (missing or duplicate
 * columns, headers below row 1, merged cells, blank rows in the middle). When the sheet is kept
 * as an Excel table, only the table is read: its header row and totals row are not data.
 */
import { a1, columnLetter, parseRange, type RangeRef } from './a1';
import { issue, place, type Finding, type Fix } from './findings';
import { cellAt, EMPTY, type Cell, type SheetInput, type WorkbookInput } from './port';
import type { ColumnSpec } from './sheets';
import { headerKey, type SheetSpec } from './sheets';
import { MAX_CANDIDATE_LENGTH, nearest } from './text-distance';
import { cellText, isBlank } from './values';

export interface DataRow {
  /** Zero-based row index in the sheet. */
  readonly index: number;
  /** Whether the sheet has the contract column `key`. */
  has(key: string): boolean;
  /** The cell under each contract column, by column key (empty where the column is missing). */
  cell(key: string): Cell;
  /** A1 reference of the cell under a contract column (null when the column is missing). */
  ref(key: string): string | null;
  /** True when the cell is covered by a merge and is not its top-left cell. */
  covered(key: string): boolean;
}

export interface Table {
  readonly spec: SheetSpec;
  readonly sheet: SheetInput;
  /** The sheet's tab name as spelled in the workbook. */
  readonly name: string;
  readonly headerRow: number;
  /** Column index by column key; a missing column has no entry. */
  readonly columns: ReadonlyMap<string, number>;
  readonly rows: readonly DataRow[];
  /** True when every contract column was found: cross-sheet checks rely only on complete tables. */
  readonly complete: boolean;
}

/** Sheets match case-insensitively, spaces collapsed. */
export function findSheet(input: WorkbookInput, name: string): SheetInput | undefined {
  const key = headerKey(name);
  return input.sheets.find((s) => headerKey(s.name) === key);
}

/** Reads `spec`'s sheet; findings about its shape go to `out`. Undefined when the sheet is absent. */
export function readTable(
  input: WorkbookInput,
  spec: SheetSpec,
  out: Finding[],
  claimed: ReadonlySet<string>,
): Table | undefined {
  const sheet = findSheet(input, spec.name);
  if (!sheet) {
    if (spec.required) {
      out.push(
        place(
          issue('sheet-missing', {
            sheet: spec.name,
            headers: spec.columns.map((c) => c.header),
            nearest: lookalikeSheet(input, spec, claimed),
          }),
          spec.name,
          null,
        ),
      );
    }
    return undefined;
  }
  const name = sheet.name;
  const area = tableArea(sheet, spec);
  const headerRow = area?.header ?? locateHeaderRow(sheet, spec);
  const left = area?.left ?? 0;
  const right = area?.right ?? Number.MAX_SAFE_INTEGER;
  const bottom = area?.bottom ?? sheet.rows.length - 1;
  if (headerRow > 0)
    out.push(place(issue('header-not-in-row-1', { sheet: name, row: headerRow + 1 }), name, a1(headerRow, 0)));

  const columns = new Map<string, number>();
  const headerCells = sheet.rows[headerRow] ?? [];
  const firstAt = new Map<string, number>();
  const keyOf = (spec.columns as readonly { key: string; header: string }[]).reduce(
    (m, c) => m.set(headerKey(c.header), c.key),
    new Map<string, string>(),
  );
  const headerEnd = Math.min(headerCells.length, right + 1);
  for (let c = left; c < headerEnd; c++) {
    const h = headerKey(cellText(headerCells[c] ?? { type: 'empty' }) ?? '');
    const key = keyOf.get(h);
    if (key === undefined) continue;
    const first = firstAt.get(h);
    if (first !== undefined) {
      const header = spec.columns.find((col) => col.key === key)!.header;
      out.push(
        place(issue('column-duplicate', { column: header, first: a1(headerRow, first) }), name, a1(headerRow, c)),
      );
      continue;
    }
    firstAt.set(h, c);
    columns.set(key, c);
  }
  const unmatched: { text: string; col: number }[] = [];
  for (let c = left; c < headerEnd; c++) {
    const t = cellText(headerCells[c] ?? { type: 'empty' }) ?? '';
    // Only what could be suggested: a header too long for "did you mean" is not kept as a candidate.
    if (t !== '' && t.length <= MAX_CANDIDATE_LENGTH && !keyOf.has(headerKey(t))) unmatched.push({ text: t, col: c });
  }
  for (const col of spec.columns) {
    if (columns.has(col.key)) continue;
    const near = nearest(
      headerKey(col.header),
      unmatched.map((u) => headerKey(u.text)),
    );
    const hit = near === null ? undefined : unmatched.find((u) => headerKey(u.text) === near);
    out.push(
      place(
        issue('column-missing', { sheet: name, column: col.header, nearest: hit?.text ?? null }),
        name,
        hit ? a1(headerRow, hit.col) : null,
      ),
    );
  }

  const checked = new Set(spec.columns.filter(isChecked).flatMap((c) => columns.get(c.key) ?? []));
  const filled = mergedCells(sheet, checked, headerRow, bottom, out, new Set(columns.values()));
  const bounds = { headerRow, bottom, left, right };
  const rows = dataRows(sheet, bounds, columns, checked, filled, out);
  if (rows.length === 0 && spec.key !== 'enrollment') {
    // A required sheet's rows are the enrollment itself (no subset or no workflow: nothing to
    // enrol), so their absence blocks packaging; an optional sheet's only deserve a warning.
    const code = spec.required ? 'sheet-rows-required' : 'sheet-no-rows';
    out.push(place(issue(code, { sheet: name, what: spec.rowsAre }), name, null));
  }
  return { spec, sheet, name, headerRow, columns, rows, complete: columns.size === spec.columns.length };
}

/** Row 1 normally; a lower row (within the first ten) when row 1 holds none of the headers but that row does. */
function locateHeaderRow(sheet: SheetInput, spec: SheetSpec): number {
  const wanted = new Set(spec.columns.map((c) => headerKey(c.header)));
  const hits = (r: number): number =>
    (sheet.rows[r] ?? []).filter((c) => c !== undefined && wanted.has(headerKey(cellText(c) ?? ''))).length;
  if (hits(0) > 0) return 0;
  for (let r = 1; r < Math.min(10, sheet.rows.length); r++) {
    if (hits(r) >= Math.min(2, wanted.size)) return r;
  }
  return 0;
}

/** A sheet not claimed by another spec whose name or headers make it the likely intended one. */
function lookalikeSheet(input: WorkbookInput, spec: SheetSpec, claimed: ReadonlySet<string>): string | null {
  const free = input.sheets.filter((s) => !claimed.has(headerKey(s.name)));
  const byName = nearest(
    headerKey(spec.name),
    free.map((s) => headerKey(s.name)),
  );
  if (byName !== null) return free.find((s) => headerKey(s.name) === byName)!.name;
  const wanted = spec.columns.map((c) => headerKey(c.header));
  const byHeaders = free.find((s) => {
    const row = new Set((s.rows[0] ?? []).map((c) => headerKey(cellText(c ?? { type: 'empty' }) ?? '')));
    return wanted.every((h) => row.has(h));
  });
  return byHeaders?.name ?? null;
}

/** Details is for people: never judged, so neither its merges nor its error values are errors. */
const isChecked = (c: ColumnSpec): boolean => c.checked !== false;

interface Area {
  /** Zero-based rows and columns: the header row, the last data row, the first and last column. */
  readonly header: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/**
 * The Excel table the sheet is kept as: the one whose header row holds most of the contract's
 * headers (none: the sheet is read as a plain range). Its totals row is left out.
 */
function tableArea(sheet: SheetInput, spec: SheetSpec): Area | undefined {
  const wanted = new Set(spec.columns.map((c) => headerKey(c.header)));
  let best: { area: Area; hits: number } | undefined;
  for (const t of sheet.tables ?? []) {
    const r = parseRange(t.ref);
    if (!r) continue;
    // A table without a header row has its headers, if anywhere, just above it.
    const header = t.headerRows > 0 ? r.start.row : r.start.row - 1;
    if (header < 0) continue;
    const cells = sheet.rows[header] ?? [];
    let hits = 0;
    for (let c = r.start.col; c <= Math.min(r.end.col, cells.length - 1); c++) {
      if (wanted.has(headerKey(cellText(cells[c] ?? EMPTY) ?? ''))) hits++;
    }
    const area = { header, bottom: r.end.row - t.totalsRows, left: r.start.col, right: r.end.col };
    if (hits > 0 && (best === undefined || hits > best.hits)) best = { area, hits };
  }
  return best?.area;
}

/**
 * Merges that touch a checked contract column are a warning at their first cell. Whatever the
 * columns, a merge means what "unmerge and fill down" makes of it: the cells below its top-left
 * cell, in that column, hold the top-left value; its other cells are empty. The map gives, for
 * each covered cell, the position of the cell whose value it holds (-1: empty).
 */
function mergedCells(
  sheet: SheetInput,
  checked: ReadonlySet<number>,
  headerRow: number,
  bottom: number,
  out: Finding[],
  used: ReadonlySet<number>,
): Map<number, number> {
  const filled = new Map<number, number>();
  // Excel's merges never overlap, so resolving them all costs at most rows x contract columns;
  // merges that a crafted file makes overlap stop being resolved there (each is still reported).
  const budget = (Math.min(bottom, sheet.rows.length) + 1) * used.size;
  let work = 0;
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    // Merges wholly above the headers or below the last row hold no data.
    if (!r || r.end.row < headerRow || r.start.row > bottom) continue;
    if (r.start.row === r.end.row && r.start.col === r.end.col) continue;
    // Checked as a rectangle: only the contract's columns inside it matter, never every cell.
    const inside = [...used].filter((c) => c >= r.start.col && c <= r.end.col);
    if (inside.some((c) => checked.has(c))) {
      const range = m.replace(/\$/g, '').toUpperCase();
      out.push(
        place(
          issue('merged-cells', { range }, fillDownFix(sheet, r, headerRow, bottom)),
          sheet.name,
          a1(r.start.row, r.start.col),
        ),
      );
    }
    const topLeft = r.start.row * 16384 + r.start.col;
    // Only the cells read are resolved: the contract's columns, on rows the sheet has (a merge of
    // A1:XFD1048576 resolves at most rows x contract columns).
    const lastRow = Math.min(r.end.row, bottom, sheet.rows.length);
    for (let row = r.start.row; row <= lastRow && work <= budget; row++) {
      for (const c of inside) {
        if (row === r.start.row && c === r.start.col) continue;
        filled.set(row * 16384 + c, c === r.start.col ? topLeft : -1);
      }
      work += inside.length;
    }
  }
  return filled;
}

/** The most cells the one-click "unmerge and fill down" writes; a larger merge is fixed by hand. */
const MAX_FILL = 10_000;

/**
 * "Unmerge and fill down" as a one-click fix, where it is certain: a merge within the data rows
 * whose top-left cell holds a plain value (a formula would have to be moved, not copied).
 */
function fillDownFix(sheet: SheetInput, r: RangeRef, headerRow: number, bottom: number): Fix | undefined {
  const top = cellAt(sheet, r.start.row, r.start.col);
  const plain = top.formula === undefined && (top.type === 'text' || top.type === 'number' || top.type === 'boolean');
  const inData = r.start.row > headerRow && r.end.row <= bottom;
  const size = (r.end.row - r.start.row + 1) * (r.end.col - r.start.col + 1);
  if (!plain || !inData || size > MAX_FILL || isBlank(top)) return undefined;
  return { unmergeFillDown: `${a1(r.start.row, r.start.col)}:${a1(r.end.row, r.end.col)}` };
}

interface Bounds {
  readonly headerRow: number;
  /** The last row that can hold data (a table's totals row is below it). */
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

function dataRows(
  sheet: SheetInput,
  { headerRow, bottom, left, right }: Bounds,
  columns: ReadonlyMap<string, number>,
  checked: ReadonlySet<number>,
  filled: ReadonlyMap<number, number>,
  out: Finding[],
): DataRow[] {
  const cols = [...columns.values()];
  const rows: DataRow[] = [];
  const last = Math.min(bottom, sheet.rows.length - 1);
  let blankStart = -1;
  for (let r = headerRow + 1; r <= last; r++) {
    const raw = sheet.rows[r];
    // Plain loops, no closures: this runs once per row of sheets that may have 50,000.
    let inContract = false;
    for (const c of cols) {
      const cell = filled.size > 0 ? filledCell(sheet, filled, r, c) : (raw?.[c] ?? EMPTY);
      if (!isBlank(cell)) {
        inContract = true;
        break;
      }
    }
    if (raw !== undefined) uncheckedErrors(sheet, raw, r, headerRow, left, right, checked, out);
    if (!inContract) {
      // Only a wholly empty row counts as blank; one with notes in the user's own columns is skipped quietly.
      const wholly = raw === undefined || whollyBlank(raw, left, right);
      if (wholly && blankStart < 0) blankStart = r;
      if (!wholly && blankStart >= 0) blankStart = -2; // a non-blank, non-contract row ends the run unreported
      continue;
    }
    if (blankStart >= 0)
      out.push(place(issue('blank-row', { first: blankStart + 1, last: r }), sheet.name, a1(blankStart, 0)));
    blankStart = -1;
    rows.push(new Row(sheet, r, columns, filled.size > 0 ? filled : null));
  }
  return rows;
}

/**
 * The columns of the row's present cells within left..right, in order. Visits what exists only:
 * a row whose one cell is in column XFD is an array of 16,384 slots, and looking at each slot
 * took 34 s for 20,000 such rows.
 */
function presentColumns(raw: ReadonlyArray<Cell | undefined>, left: number, right: number): number[] {
  const out: number[] = [];
  // `for...in` over an array yields the indices that hold an element, in ascending order.
  for (const key in raw) {
    const c = Number(key);
    if (c >= left && c <= right) out.push(c);
  }
  return out;
}

function whollyBlank(raw: ReadonlyArray<Cell | undefined>, left: number, right: number): boolean {
  for (const c of presentColumns(raw, left, right)) {
    const cell = raw[c];
    if (cell !== undefined && !isBlank(cell)) return false;
  }
  return true;
}

/** An error value in a column nobody checks (Details, the user's own) is a warning at the cell. */
function uncheckedErrors(
  sheet: SheetInput,
  raw: ReadonlyArray<Cell | undefined>,
  r: number,
  headerRow: number,
  left: number,
  right: number,
  checked: ReadonlySet<number>,
  out: Finding[],
): void {
  for (const c of presentColumns(raw, left, right)) {
    const cell = raw[c];
    if (cell === undefined || cell.type !== 'error' || checked.has(c)) continue;
    const header = cellText(cellAt(sheet, headerRow, c)) ?? '';
    out.push(
      place(
        issue('cell-error-value-unchecked', {
          error: cell.value,
          column: header === '' ? `column ${columnLetter(c)}` : `"${header}"`,
        }),
        sheet.name,
        a1(r, c),
      ),
    );
  }
}

/** The cell at (r, c) after "unmerge and fill down". */
function filledCell(sheet: SheetInput, filled: ReadonlyMap<number, number>, r: number, c: number): Cell {
  const from = filled.get(r * 16384 + c);
  if (from === undefined) return cellAt(sheet, r, c);
  return from < 0 ? EMPTY : cellAt(sheet, Math.floor(from / 16384), from % 16384);
}

/** A data row; methods on the prototype, since a sheet may hold 50,000 of them. */
class Row implements DataRow {
  constructor(
    private readonly sheet: SheetInput,
    readonly index: number,
    private readonly columns: ReadonlyMap<string, number>,
    private readonly filled: ReadonlyMap<number, number> | null,
  ) {}

  has(key: string): boolean {
    return this.columns.has(key);
  }

  cell(key: string): Cell {
    const c = this.columns.get(key);
    if (c === undefined) return EMPTY;
    return this.filled === null
      ? cellAt(this.sheet, this.index, c)
      : filledCell(this.sheet, this.filled, this.index, c);
  }

  ref(key: string): string | null {
    const c = this.columns.get(key);
    return c === undefined ? null : a1(this.index, c);
  }

  covered(key: string): boolean {
    if (this.filled === null) return false;
    const c = this.columns.get(key);
    return c !== undefined && this.filled.has(this.index * 16384 + c);
  }
}
