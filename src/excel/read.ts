/**
 * Reads the enrollment sheets through Office.js into the core's port, in a constant number of
 * `context.sync` calls (four) for any workbook whose cells fit one request, and splits larger
 * reads so that no response exceeds Excel on the web's 5 MB payload limit (issue 9, item 4):
 * - below the first HEAD_ROWS rows (where the core looks for headers), only the contract's
 *   columns are read, never the user's own (a notes column of long text costs nothing);
 * - row bands are planned from the wire size: a pessimistic 64 bytes a cell at first, then what
 *   the bands read so far really cost (non-ASCII counted as \uXXXX escapes), with room to spare;
 * - a band group that Excel refuses as too large is halved and read again.
 */
import { a1, parseRange } from '../core/a1';
import type { Cell, SheetInput, TableArea, WorkbookInput } from '../core/port';
import { SHEETS, headerKey, isContractSheet } from '../core/sheets';
import { nearest } from '../core/text-distance';

export { isContractSheet };

export interface ReadOptions {
  /** Response budget per sync, in bytes; under Excel on the web's 5 MB limit with room to spare. */
  readonly maxPayloadBytes?: number;
  /** Whether the host has ExcelApi 1.13 (merged areas). */
  readonly mergedAreas?: boolean;
}

export interface Band {
  readonly sheet: number;
  readonly firstRow: number;
  readonly rowCount: number;
  readonly columns: number;
}

/**
 * Splits sheets of `rows` x `columns` cells into row bands of at most `budget` bytes each and
 * groups the bands into syncs of at most `budget` bytes: one group while everything fits.
 */
export function planBands(sheets: readonly { rows: number; columns: number }[], budget: number): Band[][] {
  const groups: Band[][] = [];
  let current: Band[] = [];
  let bytes = 0;
  sheets.forEach(({ rows, columns }, sheet) => {
    const step = Math.max(1, Math.floor(budget / (BYTES_PER_CELL * Math.max(1, columns))));
    for (let firstRow = 0; firstRow < rows; firstRow += step) {
      const rowCount = Math.min(step, rows - firstRow);
      const cost = rowCount * columns * BYTES_PER_CELL;
      if (bytes + cost > budget && current.length > 0) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
      current.push({ sheet, firstRow, rowCount, columns });
      bytes += cost;
    }
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

export interface SheetMeta {
  readonly name: string;
  readonly protected: boolean;
  /** Zero-based position of the used range's top-left cell (the port's grid starts at A1). */
  readonly rows: number;
  readonly columns: number;
}

export interface WorkbookRead {
  readonly input: WorkbookInput;
  readonly sheets: readonly SheetMeta[];
  readonly syncs: number;
}

/**
 * What one cell costs in a response (value, type, format and formula as JSON), pessimistically.
 * The formula echoes the value of a cell without one, hence half as much again as without it.
 */
export const BYTES_PER_CELL = 96;
const DEFAULT_BUDGET = 4_000_000;
/** Header rows of other sheets are read to recognise a renamed contract sheet; this wide. */
const OTHER_SHEET_COLUMNS = 26;
/** A used range wider than this is read only this wide: the contract has five columns at most, plus the user's own. */
export const MAX_COLUMNS = 200;

/** The first rows, read in full: the core looks for the header row there (locateHeaderRow). */
export const HEAD_ROWS = 10;

/** Excel's refusal of a request or response over the payload limit (Excel on the web: 5 MB). */
export function isPayloadError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** What loaded cells cost on the wire, pessimistically: JSON, non-ASCII as \uXXXX escapes. */
export function wireBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  let extra = 0;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7f) extra += 5;
  return json.length + extra;
}

/**
 * The columns of a contract sheet worth reading below its head: those whose head cells name one
 * of the sheet's headers (or nearly: a typo the core will point out). All of them when none does.
 */
export function contractColumns(sheetName: string, head: readonly (readonly unknown[])[], columns: number): number[] {
  const spec = SHEETS.find((x) => headerKey(x.name) === headerKey(sheetName));
  const all = Array.from({ length: columns }, (_, c) => c);
  if (!spec) return all;
  const wanted = spec.columns.map((c) => headerKey(c.header));
  const named = all.filter((c) =>
    head.some((row) => {
      const v = row[c];
      if (typeof v !== 'string' || v.trim() === '') return false;
      const key = headerKey(v);
      return wanted.includes(key) || nearest(key, wanted) !== null;
    }),
  );
  return named.length > 0 ? named : all;
}

/** Runs of adjacent columns: [first, count]. */
function runs(columns: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const c of columns) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === c) last[1]++;
    else out.push([c, 1]);
  }
  return out;
}

export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions = {}): Promise<WorkbookRead> {
  const budget = options.maxPayloadBytes ?? DEFAULT_BUDGET;
  let syncs = 0;

  // 1. Which sheets exist.
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  await context.sync();
  syncs++;

  // 2. The geometry of each contract sheet's used range, protection, and other sheets' first row.
  const contract = worksheets.items.filter((ws) => isContractSheet(ws.name));
  const others = worksheets.items.filter((ws) => !isContractSheet(ws.name));
  const used = contract.map((ws) => {
    const range = ws.getUsedRangeOrNullObject(true);
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    ws.protection.load('protected');
    const tables = ws.tables.load('items/name');
    return { ws, range, tables };
  });
  const firstRows = others.map((ws) => {
    const range = ws.getRangeByIndexes(0, 0, 1, OTHER_SHEET_COLUMNS);
    range.load('values');
    return { ws, range };
  });
  await context.sync();
  syncs++;

  const geometry = used.map(({ ws, range, tables }) =>
    range.isNullObject
      ? { ws, tables, rows: 0, columns: 0 }
      : {
          ws,
          tables,
          rows: range.rowIndex + range.rowCount,
          columns: Math.min(MAX_COLUMNS, range.columnIndex + range.columnCount),
        },
  );
  const grids: (Cell | undefined)[][][] = geometry.map(() => []);
  const put = (sheet: number, firstRow: number, firstCol: number, range: Excel.Range): void => {
    const types = range.valueTypes;
    const formats = range.numberFormat;
    const formulas = range.formulas;
    const grid = grids[sheet]!;
    range.values.forEach((row, r) => {
      const out = (grid[firstRow + r] ??= []);
      row.forEach((v, c) => {
        out[firstCol + c] = withFormula(toCell(v, types[r]?.[c], formats[r]?.[c]), formulas[r]?.[c]);
      });
    });
  };

  // 3. The head of each sheet (all its columns, where the headers are) and its merged areas.
  const heads = geometry.map(({ ws, rows, columns }) => {
    if (rows === 0) return null;
    const range = ws.getRangeByIndexes(0, 0, Math.min(HEAD_ROWS, rows), columns);
    // Formulas too: a formula in a checked cell is a finding (issue 16), judged by its value.
    range.load('values,valueTypes,numberFormat,formulas');
    return range;
  });
  const merges = geometry.map(({ ws, rows }) => {
    if (!options.mergedAreas || rows === 0) return null;
    const areas = ws.getRange().getMergedAreasOrNullObject();
    areas.load('address');
    return areas;
  });
  // Each table's whole range and data body (header and totals rows are not data), at the same sync.
  const tables = geometry.map((g) =>
    g.tables.items.map((t) => {
      const whole = t.getRange().load('address');
      const body = t.getDataBodyRange().load('address');
      t.load('showHeaders,showTotals');
      return { table: t, whole, body };
    }),
  );
  if (heads.some((h) => h !== null) || tables.some((t) => t.length > 0)) {
    await context.sync();
    syncs++;
  }
  heads.forEach((h, i) => h && put(i, 0, 0, h));

  // 4. Below the head, only the contract's columns, in row bands that fit the budget.
  const work = geometry.map(({ ws, rows, columns }, i) => ({
    sheet: i,
    rows,
    runs: rows > HEAD_ROWS ? runs(contractColumns(ws.name, heads[i]?.values ?? [], columns)) : [],
  }));
  let perCell = BYTES_PER_CELL;
  let next = work.map(() => HEAD_ROWS);
  for (;;) {
    // One group: bands of the sheets in order, while the estimate fits the budget.
    const group: { sheet: number; firstRow: number; rowCount: number }[] = [];
    let bytes = 0;
    for (const w of work) {
      const width = w.runs.reduce((n, [, count]) => n + count, 0);
      let row = next[w.sheet]!;
      while (row < w.rows && width > 0) {
        const fit = Math.floor((budget - bytes) / (perCell * width));
        if (fit < 1) break;
        const rowCount = Math.min(fit, w.rows - row);
        group.push({ sheet: w.sheet, firstRow: row, rowCount });
        bytes += rowCount * width * perCell;
        row += rowCount;
      }
      if (row < w.rows && width > 0) break; // the budget is spent: this sheet goes on next sync
    }
    if (group.length === 0) {
      const waiting = work.some((w) => next[w.sheet]! < w.rows && w.runs.length > 0);
      if (!waiting) break;
      throw new Error(`One row of the enrollment sheets does not fit in ${budget} bytes.`);
    }
    const loaded = group.flatMap(({ sheet, firstRow, rowCount }) =>
      work[sheet]!.runs.map(([first, count]) => {
        const range = geometry[sheet]!.ws.getRangeByIndexes(firstRow, first, rowCount, count);
        range.load('values,valueTypes,numberFormat,formulas');
        return { sheet, firstRow, first, range };
      }),
    );
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per payload-sized group, by design: a single larger response is refused by Excel on the web.
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      if (!isPayloadError(error) || perCell > budget) throw error;
      perCell *= 2; // halve the bands and read them again
      continue;
    }
    let cells = 0;
    let cost = 0;
    for (const { sheet, firstRow, first, range } of loaded) {
      put(sheet, firstRow, first, range);
      cells += range.values.length * (range.values[0]?.length ?? 0);
      cost += wireBytes([range.values, range.valueTypes, range.numberFormat, range.formulas]);
    }
    // Plan what is left from what these bands really cost, with half again to spare.
    if (cells > 0) perCell = Math.max(BYTES_PER_CELL, Math.ceil((cost / cells) * 1.5));
    next = next.map((row, i) => {
      const done = group.filter((g) => g.sheet === i);
      return done.length ? Math.max(row, ...done.map((g) => g.firstRow + g.rowCount)) : row;
    });
  }

  const sheets: SheetInput[] = [];
  geometry.forEach(({ ws, rows }, i) => {
    const grid = grids[i]!;
    // Rows the bands did not reach (columns the user added, all empty) are still rows of the sheet.
    // Skipped columns between contract columns read as empty cells, not holes.
    for (let r = 0; r < rows; r++) grid[r] = grid[r] === undefined ? [] : Array.from(grid[r]!);
    const m = merges[i];
    const mergeList = m && !m.isNullObject ? m.address.split(',').map((a) => a.replace(/^.*!/, '')) : [];
    const areas = tables[i]!.flatMap(({ table, whole, body }) => tableArea(whole.address, body.address, table));
    sheets.push({
      name: ws.name,
      rows: grid,
      ...visibilityOf(ws),
      ...(mergeList.length ? { merges: mergeList } : {}),
      ...(areas.length ? { tables: areas } : {}),
    });
  });
  for (const { ws, range } of firstRows) {
    sheets.push({
      name: ws.name,
      rows: [range.values[0]!.map((v) => toCell(v, undefined, undefined))],
      ...visibilityOf(ws),
    });
  }
  return {
    input: { sheets },
    sheets: used.map(({ ws }, i) => ({
      name: ws.name,
      protected: ws.protection.protected,
      rows: geometry[i]!.rows,
      columns: geometry[i]!.columns,
    })),
    syncs,
  };
}

/**
 * A table as the port has it, from its range and data body: the rows above the body are its
 * header row, the rows below it its totals row. A table whose header row is hidden keeps it
 * (Excel only hides it), so that row is not data either; the flags say what is shown.
 */
function tableArea(wholeAddress: string, bodyAddress: string, t: Excel.Table): TableArea[] {
  const whole = parseRange(wholeAddress.replace(/^.*!/, ''));
  const body = parseRange(bodyAddress.replace(/^.*!/, ''));
  if (!whole || !body) return [];
  const headerRows = t.showHeaders ? body.start.row - whole.start.row : 0;
  const totalsRows = t.showTotals ? whole.end.row - body.end.row : 0;
  // Without a shown header row the table's range starts at its body.
  const top = t.showHeaders ? whole.start.row : body.start.row;
  const ref = `${a1(top, whole.start.col)}:${a1(body.end.row + totalsRows, whole.end.col)}`;
  return [{ ref, headerRows, totalsRows }];
}

/** A hidden or very hidden tab says so in the port (a visible one says nothing: the default). */
function visibilityOf(ws: Excel.Worksheet): Pick<SheetInput, 'visibility'> {
  const v = ws.visibility as string;
  return v === 'Hidden' ? { visibility: 'hidden' } : v === 'VeryHidden' ? { visibility: 'veryHidden' } : {};
}

/** One Office.js cell (value, value type, number format) as a port cell. */
export function toCell(value: unknown, type: string | undefined, format: unknown): Cell | undefined {
  switch (type ?? guessType(value)) {
    case 'Empty':
      return undefined;
    case 'String':
      return { type: 'text', value: String(value) };
    case 'Double':
    case 'Integer': {
      const n = typeof value === 'number' ? value : Number(value);
      return typeof format === 'string' ? { type: 'number', value: n, format } : { type: 'number', value: n };
    }
    case 'Boolean':
      return { type: 'boolean', value: value === true };
    case 'Error':
      return { type: 'error', value: String(value) };
    default:
      return value === '' || value === null || value === undefined ? undefined : { type: 'text', value: String(value) };
  }
}

/**
 * Office gives a cell without a formula its value in `formulas`; a formula is text starting with
 * `=`. Text that merely starts with `=` (a Text-formatted cell) echoes itself: not a formula, as
 * the file reader sees it too.
 */
export function withFormula(cell: Cell | undefined, formula: unknown): Cell | undefined {
  if (typeof formula !== 'string' || !formula.startsWith('=')) return cell;
  if (cell?.type === 'text' && cell.value === formula) return cell;
  return { ...(cell ?? { type: 'empty' }), formula };
}

function guessType(value: unknown): string {
  if (value === '' || value === null || value === undefined) return 'Empty';
  if (typeof value === 'number') return 'Double';
  if (typeof value === 'boolean') return 'Boolean';
  return 'String';
}
