/**
 * Finds a contract sheet in a workbook and reads it as a table: which column holds which header,
 * where the data rows are, and what is wrong with the sheet's shape (missing or duplicate
 * columns, headers below row 1, merged cells, blank rows in the middle).
 */
import { a1, parseRange } from './a1';
import { issue, place, type Finding } from './findings';
import { cellAt, EMPTY, type Cell, type SheetInput, type WorkbookInput } from './port';
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
  const headerRow = locateHeaderRow(sheet, spec);
  if (headerRow > 0)
    out.push(place(issue('header-not-in-row-1', { sheet: name, row: headerRow + 1 }), name, a1(headerRow, 0)));

  const columns = new Map<string, number>();
  const headerCells = sheet.rows[headerRow] ?? [];
  const firstAt = new Map<string, number>();
  const keyOf = (spec.columns as readonly { key: string; header: string }[]).reduce(
    (m, c) => m.set(headerKey(c.header), c.key),
    new Map<string, string>(),
  );
  for (let c = 0; c < headerCells.length; c++) {
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
  for (let c = 0; c < headerCells.length; c++) {
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

  const coveredCells = mergedCells(sheet, columns, headerRow, out);
  const rows = dataRows(sheet, headerRow, columns, coveredCells, out);
  if (rows.length === 0 && spec.key !== 'enrollment') {
    out.push(place(issue('sheet-no-rows', { sheet: name, what: spec.rowsAre }), name, null));
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

/** Merges that touch the contract's columns are findings; the cells they hide are not judged again. */
function mergedCells(
  sheet: SheetInput,
  columns: ReadonlyMap<string, number>,
  headerRow: number,
  out: Finding[],
): Set<number> {
  const covered = new Set<number>();
  const used = new Set(columns.values());
  const budget = (sheet.rows.length + 1) * used.size;
  let marked = 0;
  for (const m of sheet.merges ?? []) {
    const r = parseRange(m);
    // Merges wholly above the headers or below the last row hold no data.
    if (!r || r.end.row < headerRow || r.start.row >= sheet.rows.length) continue;
    // Checked as a rectangle: only the contract's columns inside it matter, never every cell.
    const inside = [...used].filter((c) => c >= r.start.col && c <= r.end.col);
    if (inside.length === 0) continue;
    if (r.start.row !== r.end.row || r.start.col !== r.end.col) {
      out.push(
        place(
          issue('merged-cells', { range: m.replace(/\$/g, '').toUpperCase() }),
          sheet.name,
          a1(r.start.row, r.start.col),
        ),
      );
    }
    // Only the cells judged are marked hidden: the contract's columns, on rows the sheet has (a
    // merge of A1:XFD1048576 marks at most rows x columns of the contract).
    // Excel's merges never overlap, so marking them all costs at most rows x columns; merges
    // that a crafted file makes overlap stop being marked there (each is still reported).
    const lastRow = Math.min(r.end.row, sheet.rows.length);
    for (let row = r.start.row; row <= lastRow && marked <= budget; row++) {
      for (const c of inside) {
        if (row !== r.start.row || c !== r.start.col) covered.add(row * 16384 + c);
      }
      marked += inside.length;
    }
  }
  return covered;
}

function dataRows(
  sheet: SheetInput,
  headerRow: number,
  columns: ReadonlyMap<string, number>,
  covered: ReadonlySet<number>,
  out: Finding[],
): DataRow[] {
  const cols = [...columns.values()];
  const rows: DataRow[] = [];
  let blankStart = -1;
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const raw = sheet.rows[r];
    // Plain loops, no closures: this runs once per row of sheets that may have 50,000.
    let inContract = false;
    let hasCoveredCell = false;
    for (const c of cols) {
      const isCovered = covered.size > 0 && covered.has(r * 16384 + c);
      if (isCovered) hasCoveredCell = true;
      else if (!inContract && !isBlank(raw?.[c] ?? EMPTY)) inContract = true;
    }
    if (!inContract && !hasCoveredCell) {
      // Only a wholly empty row counts as blank; one with notes in the user's own columns is skipped quietly.
      const wholly = whollyBlank(raw);
      if (wholly && blankStart < 0) blankStart = r;
      if (!wholly && blankStart >= 0) blankStart = -2; // a non-blank, non-contract row ends the run unreported
      continue;
    }
    if (blankStart >= 0)
      out.push(place(issue('blank-row', { first: blankStart + 1, last: r }), sheet.name, a1(blankStart, 0)));
    blankStart = -1;
    rows.push(new Row(sheet, r, columns, covered.size > 0 ? covered : null));
  }
  return rows;
}

/**
 * True when no cell of the row holds anything. Visits the cells present only: a row whose one
 * cell is in column XFD is an array of 16,384 slots, and `every` over those took 34 s for
 * 20,000 such rows.
 */
function whollyBlank(raw: ReadonlyArray<Cell | undefined> | undefined): boolean {
  if (raw === undefined) return true;
  for (const key in raw) {
    const c = raw[Number(key)];
    if (c !== undefined && !isBlank(c)) return false;
  }
  return true;
}

/** A data row; methods on the prototype, since a sheet may hold 50,000 of them. */
class Row implements DataRow {
  constructor(
    private readonly sheet: SheetInput,
    readonly index: number,
    private readonly columns: ReadonlyMap<string, number>,
    private readonly coveredCells: ReadonlySet<number> | null,
  ) {}

  has(key: string): boolean {
    return this.columns.has(key);
  }

  cell(key: string): Cell {
    const c = this.columns.get(key);
    return c === undefined ? EMPTY : cellAt(this.sheet, this.index, c);
  }

  ref(key: string): string | null {
    const c = this.columns.get(key);
    return c === undefined ? null : a1(this.index, c);
  }

  covered(key: string): boolean {
    if (this.coveredCells === null) return false;
    const c = this.columns.get(key);
    return c !== undefined && this.coveredCells.has(this.index * 16384 + c);
  }
}
