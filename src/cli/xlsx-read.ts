/**
 * Reads an .xlsx (or .xlsm) file into the core's port (`WorkbookInput`), faithfully: what a cell
 * holds in the file is what the core sees, whichever program wrote it.
 *
 * The reader is the project's own, over the parts `container.ts` inflates and `ooxml.ts` parses
 * (saxes, the XML parser under exceljs). exceljs's readers were not faithful to files written by
 * other programs (docs/cli.md): a cell comment made the whole-file reader throw (exceljs issue
 * #2797), a formula's text result stored as a shared string came back as its index, tables'
 * totals rows were not told apart, and its streaming reader missed merges and formula results.
 * Reading only the parts the core needs is also faster than either.
 */
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { SheetInput, TableArea, WorkbookInput } from '../core/port';
import { parseRelationships, scanPackage, UnreadableWorkbookError, type PackageScan } from './container';
import { parseSharedStrings, parseSheet, parseStyles, parseTable, type SheetContext } from './ooxml';

export interface ReadResult {
  readonly workbook: WorkbookInput;
}

export { UnreadableWorkbookError };

/** Reads a workbook file. Rejects with `UnreadableWorkbookError` only, whose message is one line. */
export async function readWorkbookFile(path: string): Promise<ReadResult> {
  let bytes: Buffer<ArrayBuffer>;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new UnreadableWorkbookError(describeFsError(e));
  }
  return readWorkbookBytes(bytes);
}

/** Reads a workbook from its bytes. Rejects with `UnreadableWorkbookError` only. */
export async function readWorkbookBytes(bytes: Uint8Array): Promise<ReadResult> {
  const scan = scanPackage(bytes);
  try {
    return { workbook: readPackage(scan) };
  } catch (e) {
    throw unreadable(e);
  }
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });
const text = (bytes: Uint8Array | undefined): string => (bytes === undefined ? '' : textDecoder.decode(bytes));

/** Sheet kinds that hold no cells: a chart sheet, an old dialog or Excel 4 macro sheet. */
const CELLLESS_SHEET = /^xl\/(?:chartsheets|dialogsheets|macrosheets)\//;

function readPackage(scan: PackageScan): WorkbookInput {
  const { parts } = scan;
  const ctx: SheetContext = {
    sharedStrings: parseSharedStrings(parts.get('xl/sharedStrings.xml')),
    formats: parseStyles(parts.get('xl/styles.xml')),
    date1904: isDate1904(text(parts.get('xl/workbook.xml'))),
  };
  const sheets: SheetInput[] = [];
  for (const entry of scan.sheets) {
    const path = entry.target === null ? null : resolvePart('xl/workbook.xml', entry.target);
    const xml = path === null ? undefined : parts.get(path);
    if (path === null || xml === undefined) {
      if (path !== null && CELLLESS_SHEET.test(path)) {
        sheets.push({ name: entry.name, rows: [] });
        continue;
      }
      throw new UnreadableWorkbookError(
        `the sheet "${entry.name}" is missing from the package (${path ?? 'no part is named for it'}); save the workbook again from Excel`,
      );
    }
    const parsed = parseSheet(xml, ctx);
    const tables = tablesOf(parts, path, parsed.tableParts);
    sheets.push({
      name: entry.name,
      rows: parsed.rows,
      merges: parsed.merges,
      ...(tables.length > 0 ? { tables } : {}),
    });
  }
  return { sheets };
}

/** The tables a sheet's `<tableParts>` name, through the sheet's relationships. */
function tablesOf(parts: ReadonlyMap<string, Uint8Array>, sheetPath: string, ids: readonly string[]): TableArea[] {
  if (ids.length === 0) return [];
  const relsPath = posix.join(posix.dirname(sheetPath), '_rels', `${posix.basename(sheetPath)}.rels`);
  const rels = parseRelationships(text(parts.get(relsPath)));
  const tables: TableArea[] = [];
  for (const id of ids) {
    const target = rels.get(id);
    const bytes = target === undefined ? undefined : parts.get(resolvePart(sheetPath, target));
    const table = bytes === undefined ? null : parseTable(bytes);
    if (table !== null) tables.push(table);
  }
  return tables;
}

/** A relationship's target as a package path: relative to the source part's folder, or absolute. */
function resolvePart(source: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(source), target);
  return posix.normalize(joined);
}

function isDate1904(workbookXml: string): boolean {
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbookXml)?.[0] ?? '';
  return /\bdate1904\s*=\s*["'](?:1|true)["']/.test(pr);
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
