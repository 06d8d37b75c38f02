/**
 * The parts of an .xlsx package the reader needs, parsed with saxes (the XML parser exceljs
 * itself is built on) into plain data: shared strings, number formats of the cell styles,
 * worksheets (cells by their stored type, merged ranges, table parts) and tables (their range,
 * header and totals rows). Everything else in the package (comments, notes, threaded comments,
 * VML, drawings, charts, pivot tables, custom XML, macros) is never opened, so it cannot stop a
 * workbook from being read.
 *
 * Every part goes through `parseXml`: the one place where a cap on XML depth, on the number of
 * cells and on the number of shared strings belongs (see the LIMITS note there).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { LIMITS } from './limits';
import { columnLetter, parseA1 } from '../core/a1';
import type { Cell, CellValue } from '../core/port';
// exceljs's own helpers, so that shared formulas and built-in formats read as exceljs reads them.
import { slideFormula } from 'exceljs/lib/utils/shared-formula';
import BUILT_IN_FORMATS from 'exceljs/lib/xlsx/defaultnumformats';

type Attributes = Readonly<Record<string, string>>;

interface XmlHandlers {
  open(name: string, attrs: Attributes): void;
  close(name: string): void;
  text(text: string): void;
}

/** The local name of a tag (`x:c` and `c` are the same element; some writers use prefixes). */
const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Parses one part. Its limits (depth, cells, shared strings, rows and columns, merges) are
 * checked by the container's linear scan before any part is parsed (`container.ts`, `LIMITS`);
 * depth and the grid are checked here again, as a backstop.
 */
function parseXml(bytes: Uint8Array, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  // The container's scan (container.ts) has refused deeper parts already; this is the backstop.
  let depth = 0;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (++depth > LIMITS.xmlDepth) throw new Error(`elements nested more than ${LIMITS.xmlDepth} levels deep`);
    handlers.open(local(tag.name), tag.attributes);
    if (tag.isSelfClosing) {
      depth--;
      handlers.close(local(tag.name));
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    depth--;
    handlers.close(local(tag.name));
  });
  parser.on('text', (t) => handlers.text(t));
  parser.on('cdata', (t) => handlers.text(t));
  // Big parts are decoded in slices, so no single string holds the whole sheet.
  const step = 1 << 20;
  const stream = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i < bytes.length; i += step) {
    parser.write(stream.decode(bytes.subarray(i, Math.min(bytes.length, i + step)), { stream: true }));
  }
  parser.write(stream.decode());
  parser.close();
}

/** OOXML escapes characters XML cannot carry as `_xHHHH_` (and a literal `_x` as `_x005F_x`). */
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;
const unescapeOoxml = (s: string): string =>
  s.includes('_x') ? s.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;

// ---- shared strings --------------------------------------------------------------------------------

/** `<si>` items in order: plain `<t>`, or rich text runs joined; phonetic runs (`<rPh>`) left out. */
export function parseSharedStrings(bytes: Uint8Array | undefined): string[] {
  const out: string[] = [];
  if (bytes === undefined) return out;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  parseXml(bytes, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't' && phonetic === 0) inText = current !== null;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'si') {
        out.push(unescapeOoxml(current ?? ''));
        current = null;
      } else if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
    },
    text(t) {
      if (inText) current += t;
    },
  });
  return out;
}

// ---- styles ----------------------------------------------------------------------------------------

/** The number format of each cell style (`s` index), as format codes. */
export function parseStyles(bytes: Uint8Array | undefined): string[] {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  if (bytes !== undefined) {
    let inCellXfs = false;
    parseXml(bytes, {
      open(name, attrs) {
        if (name === 'numFmt') {
          const id = Number(attrs.numFmtId);
          if (Number.isInteger(id) && attrs.formatCode !== undefined) custom.set(id, attrs.formatCode);
        } else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfs.push(Number(attrs.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    });
  }
  return xfs.map((id) => custom.get(id) ?? builtInFormat(id));
}

function builtInFormat(id: number): string {
  const entry: unknown = (BUILT_IN_FORMATS as Record<number, unknown>)[id];
  // Locale-dependent built-ins (27-36, 50-58, CJK dates) have no single code; exceljs picks en-US's.
  if (typeof entry === 'object' && entry !== null) {
    const f = 'f' in entry ? entry.f : 'en-us' in entry ? entry['en-us'] : undefined;
    if (typeof f === 'string') return f;
  }
  return 'General';
}

/** A number format that shows a date or time (what is inside quotes and brackets does not count). */
export function isDateFormat(format: string): boolean {
  const f = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f) && !/^general$/i.test(f.trim());
}

/** A serial date as a Date (UTC), the way Excel and exceljs count days; 1904 workbooks too. */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

// ---- tables ------------------------------------------------------------------------------------------

export interface TablePart {
  readonly ref: string;
  readonly headerRows: number;
  readonly totalsRows: number;
}

export function parseTable(bytes: Uint8Array): TablePart | null {
  let found: TablePart | null = null;
  parseXml(bytes, {
    open(name, attrs) {
      if (name !== 'table' || found !== null || attrs.ref === undefined) return;
      // The schema's defaults: one header row, no totals row.
      const headerRows = attrs.headerRowCount === undefined ? 1 : Number(attrs.headerRowCount);
      const totalsRows = attrs.totalsRowCount === undefined ? 0 : Number(attrs.totalsRowCount);
      found = {
        ref: attrs.ref,
        headerRows: Number.isInteger(headerRows) && headerRows >= 0 ? headerRows : 1,
        totalsRows: Number.isInteger(totalsRows) && totalsRows >= 0 ? totalsRows : 0,
      };
    },
    close() {},
    text() {},
  });
  return found;
}

// ---- worksheets -------------------------------------------------------------------------------------

export interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly formats: readonly string[];
  readonly date1904: boolean;
}

export interface ParsedSheet {
  readonly rows: (Cell | undefined)[][];
  readonly merges: string[];
  /** Relationship ids of the sheet's `<tablePart>`s. */
  readonly tableParts: string[];
}

/**
 * One worksheet. A cell's value is read by its stored type (`t`), whatever program wrote it, a
 * formula's cached result included: `s` (an index into the shared strings, as Gnumeric stores
 * formula results), `str`, `inlineStr`, `b`, `e`, `d` (ISO date) and numbers. A formula without
 * a saved result is `{type: 'empty', formula}`: the core reports it, nothing guesses a value.
 */
export function parseSheet(bytes: Uint8Array, ctx: SheetContext): ParsedSheet {
  const rows: (Cell | undefined)[][] = [];
  const merges: string[] = [];
  const tableParts: string[] = [];
  const sharedFormulas = new Map<string, { formula: string; at: string }>();

  let row = -1;
  let col = -1;
  // The cell being read.
  let inCell = false;
  let type = 'n';
  let style = 0;
  let ref = '';
  let value: string | null = null;
  let formula: string | null = null;
  let sharedIndex: string | undefined;
  let sharedMaster = false;
  let inline: string | null = null;
  let capture: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;

  const finish = (): void => {
    if (sharedIndex !== undefined) {
      const shared = sharedFormulas.get(sharedIndex);
      if (sharedMaster && formula !== null && formula !== '') sharedFormulas.set(sharedIndex, { formula, at: ref });
      else if (shared !== undefined && (formula === null || formula === '')) {
        formula = slideFormula(shared.formula, shared.at, ref);
      }
    }
    const result = cellValue(type, value, inline, ctx.formats[style] ?? 'General', ctx);
    const hasFormula = formula !== null && formula !== '';
    if (result === null && !hasFormula) return;
    const cell: Cell = hasFormula
      ? { ...(result ?? EMPTY_VALUE), formula: formula!.startsWith('=') ? formula! : `=${formula}` }
      : result!;
    // Excel's grid (the container's scan refused anything outside it; this is the backstop).
    if (row < 0 || row >= LIMITS.rows || col < 0 || col >= LIMITS.columns)
      throw new Error(`cell ${ref} is outside Excel's grid`);
    (rows[row] ??= [])[col] = cell;
  };

  parseXml(bytes, {
    open(name, attrs) {
      switch (name) {
        case 'row': {
          const r = Number(attrs.r);
          row = Number.isInteger(r) && r > 0 ? r - 1 : row + 1;
          col = -1;
          return;
        }
        case 'c': {
          // `r` is optional: a cell without it follows the one before.
          const at = attrs.r === undefined ? null : parseA1(attrs.r);
          if (at) {
            col = at.col;
            row = at.row;
          } else col++;
          inCell = true;
          type = attrs.t ?? 'n';
          const s = Number(attrs.s ?? 0);
          style = Number.isInteger(s) && s >= 0 ? s : 0;
          ref = columnLetter(col) + String(row + 1);
          value = null;
          formula = null;
          sharedIndex = undefined;
          sharedMaster = false;
          inline = null;
          return;
        }
        case 'v':
          if (inCell) {
            capture = 'v';
            value = '';
          }
          return;
        case 'f':
          if (inCell) {
            capture = 'f';
            formula = '';
            if (attrs.t === 'shared' && attrs.si !== undefined) {
              sharedIndex = attrs.si;
              sharedMaster = attrs.ref !== undefined;
            }
          }
          return;
        case 'is':
          if (inCell) inline = '';
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (inCell && inline !== null && phonetic === 0) capture = 't';
          return;
        case 'mergeCell':
          if (attrs.ref !== undefined) merges.push(attrs.ref.replace(/\$/g, '').toUpperCase());
          return;
        case 'tablePart': {
          const id = Object.entries(attrs).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
          if (id !== undefined) tableParts.push(id);
          return;
        }
        default:
          return;
      }
    },
    close(name) {
      switch (name) {
        case 'c':
          if (inCell) finish();
          inCell = false;
          capture = null;
          return;
        case 'v':
        case 'f':
        case 't':
          capture = null;
          return;
        case 'rPh':
          phonetic--;
          return;
        default:
          return;
      }
    },
    text(t) {
      if (capture === 'v') value += t;
      else if (capture === 'f') formula += t;
      else if (capture === 't') inline += t;
    },
  });
  return { rows, merges, tableParts };
}

const EMPTY_VALUE: CellValue = { type: 'empty' };

/** The value a cell holds (a formula's cached result), or null when it holds none. */
function cellValue(
  type: string,
  v: string | null,
  inline: string | null,
  format: string,
  ctx: SheetContext,
): CellValue | null {
  switch (type) {
    case 's': {
      if (v === null || v.trim() === '') return null;
      const s = ctx.sharedStrings[Number(v)];
      // An index past the table is a damaged cell; it holds no value we can trust.
      return s === undefined ? { type: 'error', value: '#REF!' } : { type: 'text', value: s };
    }
    case 'str':
      // A formula's text result: `<v></v>` is the empty string; no `<v>` at all is no result.
      return v === null ? null : { type: 'text', value: unescapeOoxml(v) };
    case 'inlineStr':
      if (inline !== null) return { type: 'text', value: unescapeOoxml(inline) };
      return v === null ? null : { type: 'text', value: unescapeOoxml(v) };
    case 'b':
      if (v === null || v.trim() === '') return null;
      return { type: 'boolean', value: v.trim() === '1' || v.trim().toLowerCase() === 'true' };
    case 'e':
      return v === null || v.trim() === '' ? null : { type: 'error', value: v.trim() };
    case 'd': {
      if (v === null || v.trim() === '') return null;
      const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v.trim()) ? v.trim() : `${v.trim()}Z`);
      return Number.isNaN(d.getTime()) ? { type: 'error', value: '#VALUE!' } : { type: 'date', value: d };
    }
    default: {
      if (v === null || v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return { type: 'error', value: '#NUM!' };
      if (isDateFormat(format)) {
        const d = serialToDate(n, ctx.date1904);
        return Number.isNaN(d.getTime()) ? { type: 'error', value: '#VALUE!' } : { type: 'date', value: d };
      }
      return { type: 'number', value: n, format };
    }
  }
}
