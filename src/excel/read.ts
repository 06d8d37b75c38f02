/**
 * Reads the enrollment sheets through Office.js into the core's port, in a constant number of
 * `context.sync` calls (three) for any workbook whose cells fit one request, and splits larger
 * reads so that no response exceeds Excel on the web's 5 MB payload limit.
 */
import type { Cell, SheetInput, WorkbookInput } from '../core/port';
import { SHEETS, headerKey } from '../core/sheets';

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

/** Whether `name` is one of the contract's sheets (matched as the core matches them). */
export function isContractSheet(name: string): boolean {
  const key = headerKey(name);
  return SHEETS.some((s) => headerKey(s.name) === key);
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
    return { ws, range };
  });
  const firstRows = others.map((ws) => {
    const range = ws.getRangeByIndexes(0, 0, 1, OTHER_SHEET_COLUMNS);
    range.load('values');
    return { ws, range };
  });
  await context.sync();
  syncs++;

  // 3. The cells, from A1 to the used range's far corner, in bands that fit the budget. Office
  // sends every queued load at the next sync, so each group's ranges are made just before its sync.
  const geometry = used.map(({ ws, range }) =>
    range.isNullObject
      ? { ws, rows: 0, columns: 0 }
      : {
          ws,
          rows: range.rowIndex + range.rowCount,
          columns: Math.min(MAX_COLUMNS, range.columnIndex + range.columnCount),
        },
  );
  const groups = planBands(
    geometry.map((g) => ({ rows: g.rows, columns: g.columns })),
    budget,
  );
  const grids: (Cell | undefined)[][][] = geometry.map(() => []);
  const merges = geometry.map(({ ws, rows }) => {
    if (!options.mergedAreas || rows === 0) return null;
    const areas = ws.getRange().getMergedAreasOrNullObject();
    areas.load('address');
    return areas;
  });
  for (const group of groups) {
    const loaded = group.map((band) => {
      const range = geometry[band.sheet]!.ws.getRangeByIndexes(band.firstRow, 0, band.rowCount, band.columns);
      // Formulas too: a formula in a checked cell is a finding (issue 16), judged by its value.
      range.load('values,valueTypes,numberFormat,formulas');
      return { band, range };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per payload-sized group, by design: a single larger response is refused by Excel on the web.
    await context.sync();
    syncs++;
    for (const { band, range } of loaded) {
      const types = range.valueTypes;
      const formats = range.numberFormat;
      const formulas = range.formulas;
      range.values.forEach((row, r) => {
        grids[band.sheet]![band.firstRow + r] = row.map((v, c) =>
          withFormula(toCell(v, types[r]?.[c], formats[r]?.[c]), formulas[r]?.[c]),
        );
      });
    }
  }
  if (groups.length === 0 && merges.some((m) => m !== null)) {
    await context.sync();
    syncs++;
  }

  const sheets: SheetInput[] = [];
  geometry.forEach(({ ws }, i) => {
    const m = merges[i];
    const mergeList = m && !m.isNullObject ? m.address.split(',').map((a) => a.replace(/^.*!/, '')) : [];
    const base = { name: ws.name, rows: grids[i]!, ...visibilityOf(ws) };
    sheets.push(mergeList.length ? { ...base, merges: mergeList } : base);
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
