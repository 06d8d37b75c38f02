/**
 * Reads an .xlsx file into the core's port (`WorkbookInput`), faithfully: what a cell holds in
 * the file is what the core sees, whichever of exceljs's two readers did the reading.
 *
 * - `stream`: `ExcelJS.stream.xlsx.WorkbookReader`. Faster and leaner than the whole-file
 *   reader on a 50,000-row sheet, but blind to merged ranges and unfaithful with some formula
 *   results; used only when `scanPackage` finds none of what it gets wrong.
 * - `dom`: `workbook.xlsx.read`, the whole-file reader, for everything else.
 * If the chosen reader throws, the other one is tried before the file is called unreadable.
 * docs/cli.md tells the measurements and what the streaming reader was found to get wrong.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { a1 } from '../core/a1';
import type { Cell, CellValue, SheetInput, WorkbookInput } from '../core/port';
import { scanPackage, STREAM_PARTS, UnreadableWorkbookError, type PackageScan } from './container';
import { storedZipPieces } from './zip';

export type ReaderEngine = 'stream' | 'dom';

export interface ReadOptions {
  /** `auto` (the default) picks `stream` when the package allows it. */
  readonly engine?: 'auto' | ReaderEngine;
}

export interface ReadResult {
  readonly workbook: WorkbookInput;
  /** The reader that produced `workbook`. */
  readonly engine: ReaderEngine;
  /** Why the streaming reader was not used (null when it was, or was not asked for). */
  readonly streamBlocker: string | null;
}

export { UnreadableWorkbookError };

/** Reads a workbook file. Rejects with `UnreadableWorkbookError` only, whose message is one line. */
export async function readWorkbookFile(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  let bytes: Buffer<ArrayBuffer>;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new UnreadableWorkbookError(describeFsError(e));
  }
  return readWorkbookBytes(bytes, options);
}

/** Reads a workbook from its bytes. Rejects with `UnreadableWorkbookError` only. */
export async function readWorkbookBytes(bytes: Buffer<ArrayBuffer>, options: ReadOptions = {}): Promise<ReadResult> {
  const scan = scanPackage(bytes);
  const wanted = options.engine ?? 'auto';
  const first: ReaderEngine = wanted === 'auto' ? (scan.streamBlocker === null ? 'stream' : 'dom') : wanted;
  try {
    return { workbook: await readWith(first, bytes, scan), engine: first, streamBlocker: scan.streamBlocker };
  } catch (firstError) {
    if (wanted !== 'auto') throw unreadable(firstError);
    const second: ReaderEngine = first === 'stream' ? 'dom' : 'stream';
    try {
      return { workbook: await readWith(second, bytes, scan), engine: second, streamBlocker: scan.streamBlocker };
    } catch {
      throw unreadable(firstError);
    }
  }
}

function readWith(engine: ReaderEngine, bytes: Buffer<ArrayBuffer>, scan: PackageScan): Promise<WorkbookInput> {
  return engine === 'stream' ? readStreaming(scan) : readWhole(bytes);
}

function unreadable(e: unknown): UnreadableWorkbookError {
  if (e instanceof UnreadableWorkbookError) return e;
  return new UnreadableWorkbookError(`the workbook could not be read (${firstLine(e)}); save it again from Excel`);
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

function describeFsError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'this is a directory, not a workbook file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `the file could not be opened (${firstLine(e)})`;
  }
}

// ---- whole-file reader --------------------------------------------------------------------------

/** Parts of a sheet the core never looks at; skipping them saves time and crash surface. */
const IGNORED_NODES = [
  'sheetPr',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

async function readWhole(bytes: Buffer<ArrayBuffer>): Promise<WorkbookInput> {
  const workbook = new ExcelJS.Workbook();
  // `read` rather than `load`: exceljs's typings for `load` accept no Node Buffer.
  await workbook.xlsx.read(Readable.from([bytes]), { ignoreNodes: IGNORED_NODES });
  const sheets: SheetInput[] = [];
  workbook.eachSheet((worksheet) => sheets.push(convertWholeSheet(worksheet)));
  return { sheets };
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function convertWholeSheet(worksheet: ExcelJS.Worksheet): SheetInput {
  const rows: (Cell | undefined)[][] = [];
  const merges = new Map<string, Box>();
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    let out: (Cell | undefined)[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged) growMerge(merges, cell.master.address, rowNumber, colNumber);
      // Only the top-left cell of a merged range holds a value; exceljs echoes it in the others.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const converted = toPortCell(
        cell.value,
        numFmtOf(cell),
        cell.type === ExcelJS.ValueType.Formula ? formulaOf(cell) : null,
      );
      if (converted.type === 'empty' && converted.formula === undefined) return;
      out ??= rows[rowNumber - 1] = [];
      out[colNumber - 1] = converted;
    });
  });
  const ranges = [...merges.values()]
    .filter((b) => b.bottom > b.top || b.right > b.left)
    .map((b) => `${a1(b.top - 1, b.left - 1)}:${a1(b.bottom - 1, b.right - 1)}`);
  return { name: worksheet.name, rows, merges: ranges };
}

/**
 * A formula cell's text (shared formulas translated) and cached result. The result comes from
 * the cell's model: exceljs's `cell.value` leaves out a result of 0, false or "".
 */
function formulaOf(cell: ExcelJS.Cell): FormulaCell {
  const result: unknown = cell.result;
  return { formula: cell.formula, result };
}

function growMerge(merges: Map<string, Box>, master: string, row: number, col: number): void {
  const box = merges.get(master);
  if (box === undefined) {
    merges.set(master, { top: row, left: col, bottom: row, right: col });
    return;
  }
  box.top = Math.min(box.top, row);
  box.left = Math.min(box.left, col);
  box.bottom = Math.max(box.bottom, row);
  box.right = Math.max(box.right, col);
}

// ---- streaming reader ---------------------------------------------------------------------------

async function readStreaming(scan: PackageScan): Promise<WorkbookInput> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks(repackForStreaming(scan.parts))), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const read = new Map<string, SheetInput>();
  for await (const worksheet of reader) {
    const name = nameOf(worksheet);
    const rows: (Cell | undefined)[][] = [];
    for await (const row of worksheet) {
      let out: (Cell | undefined)[] | undefined;
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const converted = toPortCell(cell.value, numFmtOf(cell), null);
        if (converted.type === 'empty' && converted.formula === undefined) return;
        out ??= rows[row.number - 1] = [];
        out[colNumber - 1] = converted;
      });
    }
    if (name !== null) read.set(name, { name, rows, merges: [] });
  }
  // The streaming reader silently skips what it cannot place; insist on every listed sheet.
  const sheets: SheetInput[] = [];
  for (const { name } of scan.sheets) {
    const sheet = read.get(name);
    if (sheet === undefined) throw new Error(`the streaming reader did not return sheet "${name}"`);
    sheets.push(sheet);
  }
  if (read.size !== scan.sheets.length) throw new Error('the streaming reader returned unexpected sheets');
  return { sheets };
}

const EMPTY_SHARED_STRINGS = new TextEncoder().encode(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/**
 * The streaming reader parses a sheet on the fly only when the workbook, its relationships and
 * shared strings came before it in the ZIP; otherwise it parks the sheet in a temporary file,
 * and that path loses sheets (exceljs 4.4: the last sheet of an Excel-ordered package never
 * arrives). Excel writes the shared strings after the sheets, so every Excel file would take
 * it. Hence the parts it reads are repacked, uncompressed (cheap to write, nothing to inflate
 * twice), in the order it needs them.
 */
function repackForStreaming(parts: ReadonlyMap<string, Uint8Array>): Buffer[] {
  const files: [string, Uint8Array][] = [];
  for (const name of STREAM_PARTS) {
    const part = parts.get(name) ?? (name === 'xl/sharedStrings.xml' ? EMPTY_SHARED_STRINGS : undefined);
    if (part !== undefined) files.push([name, part]);
  }
  for (const [name, part] of parts) if (!STREAM_PARTS.includes(name)) files.push([name, part]);
  return storedZipPieces(files);
}

/** The unzipper under the streaming reader is several times slower when fed big chunks. */
function* chunks(pieces: readonly Buffer[], size = 64 * 1024): Generator<Buffer> {
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i += size) yield piece.subarray(i, Math.min(piece.length, i + size));
  }
}

function nameOf(worksheet: unknown): string | null {
  return typeof worksheet === 'object' &&
    worksheet !== null &&
    'name' in worksheet &&
    typeof worksheet.name === 'string'
    ? worksheet.name
    : null;
}

// ---- one cell ------------------------------------------------------------------------------------

function numFmtOf(cell: ExcelJS.Cell): string {
  const fmt: unknown = cell.numFmt;
  return typeof fmt === 'string' && fmt !== '' ? fmt : 'General';
}

const EMPTY_VALUE: CellValue = { type: 'empty' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export interface FormulaCell {
  readonly formula: unknown;
  readonly result: unknown;
}

/**
 * One exceljs cell value to a port cell. Judged by the value's shape, not exceljs's type tag,
 * so both readers go through the same code; any shape it does not know becomes an empty cell.
 * `formulaCell` (whole-file reader) supplies the formula text, shared formulas translated, and
 * the cached result.
 */
export function toPortCell(value: unknown, numFmt: string, formulaCell: FormulaCell | null): Cell {
  if (formulaCell !== null || (isRecord(value) && ('formula' in value || 'sharedFormula' in value))) {
    const own = isRecord(value) ? value : {};
    const result = toPortValue(formulaCell !== null ? formulaCell.result : own.result, numFmt);
    const given = formulaCell !== null ? formulaCell.formula : own.formula;
    const text = typeof given === 'string' ? given : '';
    return text === '' ? result : { ...result, formula: text.startsWith('=') ? text : `=${text}` };
  }
  return toPortValue(value, numFmt);
}

function toPortValue(value: unknown, numFmt: string): CellValue {
  if (value === null || value === undefined) return EMPTY_VALUE;
  if (typeof value === 'string') return { type: 'text', value };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { type: 'number', value, format: numFmt } : { type: 'error', value: '#NUM!' };
  }
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { type: 'error', value: '#VALUE!' } : { type: 'date', value };
  }
  if (!isRecord(value)) return EMPTY_VALUE;
  if (typeof value.error === 'string') return { type: 'error', value: value.error };
  if (Array.isArray(value.richText)) return { type: 'text', value: richTextOf(value.richText) };
  // A hyperlink: its text is what the cell shows (a string, rich text, or even a number).
  if ('hyperlink' in value && 'text' in value) return toPortValue(value.text, numFmt);
  return EMPTY_VALUE;
}

function richTextOf(runs: readonly unknown[]): string {
  let s = '';
  for (const run of runs) if (isRecord(run) && typeof run.text === 'string') s += run.text;
  return s;
}
