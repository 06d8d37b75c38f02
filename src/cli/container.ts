/**
 * What kind of file this is, before any XML is parsed: an .xlsx (or .xlsm) is a ZIP package with
 * `xl/workbook.xml` in it. Anything else gets a one-line reason a person can act on, instead of
 * whatever a ZIP or XML library would throw. The same pass inflates the parts the reader reads
 * (`xlsx-read.ts`); comments, VML, drawings, pivot caches, custom XML and macros stay packed.
 */
import { isUtf8 } from 'node:buffer';
import { parseA1 } from '../core/a1';
import { firstInvalidUtf8 } from '../core/utf8';
import { formatBytes, formatCount, LIMITS, type LimitName } from './limits';
import { forEachTag, rawAttribute, tagAttributes, XmlScanError } from './xml-scan';
import { inflateEntry, listEntries, ZipError, type ZipEntry } from './zip';

/** The file could not be read as a workbook. `message` is one line, fit for standard error. */
export class UnreadableWorkbookError extends Error {
  override readonly name = 'UnreadableWorkbookError';
}

/** The file crossed one of the reader's limits (`LIMITS`, docs/cli.md): unreadable, with the limit named. */
export class LimitError extends UnreadableWorkbookError {
  constructor(
    readonly limit: LimitName,
    detail: string,
  ) {
    super(`the workbook is over a limit of msp-enroll: ${detail} (see "Limits" in docs/cli.md)`);
  }
}

export interface WorkbookSheetEntry {
  /** The tab name, as workbook.xml spells it. */
  readonly name: string;
  /** The relationship's target as written (`worksheets/sheet1.xml`), or null when unresolved. */
  readonly target: string | null;
}

export interface PackageScan {
  /** The sheets that workbook.xml lists, in tab order. */
  readonly sheets: readonly WorkbookSheetEntry[];
  /**
   * The parts the reader reads (workbook, its relationships, styles, shared strings, worksheets
   * with their relationships, tables), uncompressed, by path.
   */
  readonly parts: ReadonlyMap<string, Uint8Array>;
  /** Each worksheet part's merged ranges, as written (`B3:C7`), checked as rectangles. */
  readonly merges: ReadonlyMap<string, readonly string[]>;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

/**
 * Judges the container and returns what the reader needs to know about it. Throws
 * `UnreadableWorkbookError` (never anything else) when the bytes are not an .xlsx package, or
 * `LimitError` (one of those) when they cross a limit; every limit is checked before the work
 * it bounds is done.
 */
export function scanPackage(bytes: Uint8Array): PackageScan {
  if (bytes.length === 0) throw new UnreadableWorkbookError('the file is empty (0 bytes), not an Excel workbook');
  if (startsWith(bytes, OLE_MAGIC)) throw new UnreadableWorkbookError(describeOle(bytes));
  if (!startsWith(bytes, [0x50, 0x4b])) throw new UnreadableWorkbookError(describeNonZip(bytes));

  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const entries = list(buf);
  const names = entries.map((e) => e.name);
  refuseAmbiguousNames(names);
  if (!names.includes('xl/workbook.xml')) throw new UnreadableWorkbookError(describeZipWithoutWorkbook(names));
  checkSizes(entries);

  const files = new Map<string, Uint8Array>();
  for (const entry of entries) if (wanted(entry.name)) files.set(entry.name, inflate(buf, entry));
  for (const [name, part] of files) checkUtf8(name, part);
  const merges = scanXml(files);

  const rels = parseRelationships(files.get('xl/_rels/workbook.xml.rels'));
  const sheets = parseSheetList(files.get('xl/workbook.xml')!).map((s) => ({
    name: s.name,
    target: rels.get(s.rId) ?? null,
  }));
  return { sheets, parts: files, merges };
}

const DAMAGED = (reason: string): string =>
  `the file is damaged: its ZIP structure is truncated or corrupt (${reason}); save the workbook again from Excel`;

function list(buf: Buffer): ZipEntry[] {
  try {
    return listEntries(buf, LIMITS.entries);
  } catch (e) {
    if (e instanceof ZipError && e.kind === 'unsupported') {
      throw new LimitError('entries', `the package has ${e.message}; the limit is ${formatCount(LIMITS.entries)}`);
    }
    if (e instanceof ZipError && e.kind === 'ambiguous') throw new UnreadableWorkbookError(ambiguous(e.message));
    throw new UnreadableWorkbookError(DAMAGED(oneLine(e)));
  }
}

const ambiguous = (what: string): string =>
  `the workbook is ambiguous: ${what}, so other programs may show other data than this one checks; save the workbook again from Excel`;

/**
 * Two entries of one name, or of names that differ only in case (the same file on Windows and
 * macOS, and to Excel): which one a program reads is up to the program, so none is judged.
 */
function refuseAmbiguousNames(names: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, name);
      continue;
    }
    throw new UnreadableWorkbookError(
      ambiguous(
        first === name
          ? `it holds two entries named ${name}`
          : `it holds entries named ${first} and ${name}, which differ only in case`,
      ),
    );
  }
}

/** From the headers, before anything is inflated (inflating then stops where the header said). */
function checkSizes(entries: readonly ZipEntry[]): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.size > LIMITS.partBytes) {
      throw new LimitError(
        'partBytes',
        `${entry.name} unpacks to ${formatBytes(entry.size)}; the limit is ${formatBytes(LIMITS.partBytes)} per part`,
      );
    }
    total += entry.size;
  }
  if (total > LIMITS.totalBytes) {
    throw new LimitError(
      'totalBytes',
      `its parts unpack to ${formatBytes(total)} together; the limit is ${formatBytes(LIMITS.totalBytes)}`,
    );
  }
}

function inflate(buf: Buffer, entry: ZipEntry): Uint8Array {
  try {
    return inflateEntry(buf, entry);
  } catch (e) {
    if (e instanceof ZipError && e.kind === 'encrypted') {
      throw new UnreadableWorkbookError(
        `${entry.name} is encrypted with a ZIP password, which Excel never does (Excel's own password makes another kind of file); save the workbook again from Excel without it`,
      );
    }
    if (e instanceof ZipError && e.kind === 'unsupported') {
      throw new UnreadableWorkbookError(`${oneLine(e)}, which Excel never writes; save the workbook again from Excel`);
    }
    throw new UnreadableWorkbookError(DAMAGED(oneLine(e)));
  }
}

/** Invalid UTF-8 in a part is named where it is (the cell, or the shared string), not passed on as U+FFFD. */
function checkUtf8(name: string, part: Uint8Array): void {
  if (part[0] === 0xfe || part[0] === 0xff) {
    throw new UnreadableWorkbookError(
      `${name} is not UTF-8 (it begins with a UTF-16 byte order mark); save the workbook again from Excel`,
    );
  }
  if (isUtf8(part)) return;
  const at = firstInvalidUtf8(part);
  throw new UnreadableWorkbookError(
    `${name} holds bytes that are not UTF-8 ${whereInPart(name, part, at)}; save the workbook again from Excel`,
  );
}

/** "in cell B7" for a sheet, "in shared string 12" for the shared strings, else the byte offset. */
function whereInPart(name: string, part: Uint8Array, at: number): string {
  const buf = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  if (isSheetPart(name)) {
    const cell = buf.lastIndexOf('<c ', at);
    const m =
      cell < 0 ? null : /\br="([A-Z]{1,3}[0-9]{1,7})"/.exec(buf.toString('latin1', cell, Math.min(at, cell + 200)));
    if (m) return `in cell ${m[1]} (byte ${at})`;
  }
  if (name === 'xl/sharedStrings.xml') {
    let count = 0;
    for (let i = buf.indexOf('<si', 0); i >= 0 && i < at; i = buf.indexOf('<si', i + 3)) count++;
    if (count > 0) return `in shared string ${count} (byte ${at})`;
  }
  return `at byte ${at}`;
}

const isSheetPart = (name: string): boolean => /^xl\/worksheets\/[^/]+\.xml$/.test(name);

// ---- the XML: depth, cells, rows and columns, shared strings, merges --------------------------------

/** Checks the limits inside the parts read, in one linear pass each; returns each sheet's merges. */
function scanXml(files: ReadonlyMap<string, Uint8Array>): Map<string, string[]> {
  let cells = 0;
  let mergeCount = 0;
  const merges = new Map<string, string[]>();
  for (const [name, part] of files) {
    const sheet = isSheetPart(name);
    const shared = name === 'xl/sharedStrings.xml';
    const ranges: string[] = [];
    let row = 0;
    let col = 0;
    let strings = 0;
    try {
      forEachTag(part, LIMITS.xmlDepth, shared ? ['si'] : sheet ? ['row', 'c', 'mergeCell'] : [], (tag) => {
        if (shared) {
          if (tag.name === 'si' && ++strings > LIMITS.sharedStrings) {
            throw new LimitError(
              'sharedStrings',
              `${name} holds more than ${formatCount(LIMITS.sharedStrings)} shared strings, the limit`,
            );
          }
          return;
        }
        if (!sheet) return;
        if (tag.name === 'row') {
          const r = rawAttribute(part, tag, 'r');
          row = r === undefined ? row + 1 : rowNumber(r, name);
          col = 0;
          if (row > LIMITS.rows) throw pastGrid(name, `row ${formatCount(row)}`);
        } else if (tag.name === 'c') {
          if (++cells > LIMITS.cells) {
            throw new LimitError(
              'cells',
              `the sheets hold more than ${formatCount(LIMITS.cells)} cells, the limit (in ${name})`,
            );
          }
          const ref = rawAttribute(part, tag, 'r');
          if (ref === undefined) col++;
          else {
            const at = cellPosition(ref);
            if (at === null)
              throw new UnreadableWorkbookError(
                `${name} has a cell with the reference "${clip(ref)}", which is not a cell; save the workbook again from Excel`,
              );
            if (at === 'past' || at.row > LIMITS.rows || at.col > LIMITS.columns)
              throw pastGrid(name, `cell ${clip(ref)}`);
            col = at.col;
          }
          if (col > LIMITS.columns) throw pastGrid(name, `column ${formatCount(col)} of row ${formatCount(row)}`);
        } else if (tag.name === 'mergeCell') {
          if (++mergeCount > LIMITS.merges) {
            throw new LimitError(
              'merges',
              `the sheets hold more than ${formatCount(LIMITS.merges)} merged ranges, the limit (in ${name})`,
            );
          }
          const ref = rawAttribute(part, tag, 'ref') ?? '';
          const [from = '', to = from, extra] = ref.split(':');
          const ends = [cellPosition(from), cellPosition(to)];
          if (extra !== undefined || ends.includes(null))
            throw new UnreadableWorkbookError(
              `${name} has a merged range "${clip(ref)}", which is not a range; save the workbook again from Excel`,
            );
          for (const end of ends) {
            if (end === 'past' || (end !== null && (end.row > LIMITS.rows || end.col > LIMITS.columns)))
              throw pastGrid(name, `merged range ${clip(ref)}`);
          }
          ranges.push(ref);
        }
      });
    } catch (e) {
      if (e instanceof XmlScanError) {
        if (e.tooDeep)
          throw new LimitError('xmlDepth', `${name} has ${e.message}; the limit is ${LIMITS.xmlDepth} levels`);
        throw new UnreadableWorkbookError(
          `${name} is not well-formed XML (${e.message}); save the workbook again from Excel`,
        );
      }
      throw e;
    }
    if (sheet) merges.set(name, ranges);
  }
  return merges;
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}...` : s);

const pastGrid = (part: string, what: string): UnreadableWorkbookError =>
  new LimitError(
    'rows',
    `${part} has ${what}, outside Excel's grid of ${formatCount(LIMITS.rows)} rows and ${formatCount(LIMITS.columns)} columns (A1:XFD1048576)`,
  );

function rowNumber(text: string, part: string): number {
  if (!/^[0-9]{1,10}$/.test(text) || Number(text) < 1) {
    throw new UnreadableWorkbookError(
      `${part} has a row numbered "${clip(text)}", which is not a row number; save the workbook again from Excel`,
    );
  }
  return Number(text);
}

/** Looks like a cell reference, in the grid or not (`A4294967295`, `XFZ1`). */
const REF_SHAPE = /^\$?[A-Za-z]{1,10}\$?[0-9]{1,12}$/;

/** 1-based row and column of `B7`; `past` when it is shaped like a reference beyond Excel's grid. */
function cellPosition(ref: string): { row: number; col: number } | 'past' | null {
  const at = parseA1(ref);
  if (at === null) return REF_SHAPE.test(ref) ? 'past' : null;
  return { row: at.row + 1, col: at.col + 1 };
}

/** The workbook's own parts the reader reads. */
export const WORKBOOK_PARTS = [
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
];

/** Those, the worksheets and their relationships, and tables; the rest (themes, drawings, comments, ...) stay packed. */
function wanted(name: string): boolean {
  return WORKBOOK_PARTS.includes(name) || /^xl\/(?:worksheets\/(?:_rels\/)?|tables\/)[^/]+\.(?:xml|rels)$/.test(name);
}

function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

function describeOle(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) {
    return 'the workbook is password-protected (encrypted); open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx';
  }
  if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) {
    return 'this is an old Excel 97-2003 workbook (.xls), not an .xlsx; open it in Excel and save it as Excel Workbook (.xlsx)';
  }
  return 'this is an OLE compound file: a password-protected workbook or an old Excel 97-2003 .xls, not an .xlsx; remove the password or save it as Excel Workbook (.xlsx)';
}

function describeNonZip(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    return 'this is a PDF document, not an Excel workbook (.xlsx)';
  }
  const looksLikeText = !head.includes(0) && /^[\t\n\r\x20-\x7e\x80-\uffff]*$/.test(head.toString('utf8'));
  if (looksLikeText) {
    const start = head.toString('utf8').trimStart().toLowerCase();
    if (start.startsWith('<html') || start.startsWith('<!doctype html')) {
      return 'this is an HTML page, not an Excel workbook (.xlsx); open it in Excel and save it as Excel Workbook (.xlsx)';
    }
    return 'this is a text file (perhaps a CSV renamed to .xlsx), not an Excel workbook; open it in Excel and save it as Excel Workbook (.xlsx)';
  }
  return 'this is not an Excel workbook (.xlsx): it is not a ZIP package';
}

function describeZipWithoutWorkbook(names: readonly string[]): string {
  if (names.includes('xl/workbook.bin')) {
    return 'this is an Excel binary workbook (.xlsb); open it in Excel and save it as Excel Workbook (.xlsx)';
  }
  if (names.includes('content.xml') && names.includes('mimetype')) {
    return 'this is an OpenDocument file (.ods), not an .xlsx; save it as Excel 2007-365 (.xlsx)';
  }
  if (names.some((n) => n.startsWith('word/'))) return 'this is a Word document, not an Excel workbook (.xlsx)';
  if (names.some((n) => n.startsWith('ppt/'))) return 'this is a PowerPoint file, not an Excel workbook (.xlsx)';
  return 'this is a ZIP file but not an Excel workbook: it has no xl/workbook.xml';
}

// ---- the few bits of workbook.xml and its relationships the reader needs ---------------------

function parseSheetList(xml: Uint8Array): { name: string; rId: string }[] {
  const out: { name: string; rId: string }[] = [];
  forEachTag(xml, LIMITS.xmlDepth, ['sheet'], (tag) => {
    const attrs = tagAttributes(xml, tag);
    const rId = [...attrs].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const name = attrs.get('name');
    if (name !== undefined && rId !== undefined) out.push({ name, rId });
  });
  return out;
}

/** The relationships of a part (Id to Target), by the linear tag scanner. */
export function parseRelationships(given: Uint8Array | string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (given === undefined) return out;
  const xml = typeof given === 'string' ? Buffer.from(given, 'utf8') : given;
  forEachTag(xml, LIMITS.xmlDepth, ['Relationship'], (tag) => {
    const attrs = tagAttributes(xml, tag);
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (id !== undefined && target !== undefined && !out.has(id)) out.set(id, target);
  });
  return out;
}
