/**
 * What kind of file this is, before any XML is parsed: an .xlsx (or .xlsm) is a ZIP package with
 * `xl/workbook.xml` in it. Anything else gets a one-line reason a person can act on, instead of
 * whatever a ZIP or XML library would throw. The same pass inflates the parts the reader reads
 * (`xlsx-read.ts`); comments, VML, drawings, pivot caches, custom XML and macros stay packed.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { inflateEntry, listEntries } from './zip';

/** The file could not be read as a workbook. `message` is one line, fit for standard error. */
export class UnreadableWorkbookError extends Error {
  override readonly name = 'UnreadableWorkbookError';
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
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** More sheet XML than this (uncompressed) is refused rather than risk exhausting memory. */
const MAX_SHEET_XML_BYTES = 1024 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

/**
 * Judges the container and returns what the reader needs to know about it. Throws
 * `UnreadableWorkbookError` (never anything else) when the bytes are not an .xlsx package.
 */
export function scanPackage(bytes: Uint8Array): PackageScan {
  if (bytes.length === 0) throw new UnreadableWorkbookError('the file is empty (0 bytes), not an Excel workbook');
  if (startsWith(bytes, OLE_MAGIC)) throw new UnreadableWorkbookError(describeOle(bytes));
  if (!startsWith(bytes, [0x50, 0x4b])) throw new UnreadableWorkbookError(describeNonZip(bytes));

  const { names, files } = unpack(bytes);
  const workbookXml = files['xl/workbook.xml'];
  if (workbookXml === undefined) throw new UnreadableWorkbookError(describeZipWithoutWorkbook(names));

  const rels = parseRelationships(text(files['xl/_rels/workbook.xml.rels']));
  const sheets = parseSheetList(text(workbookXml)).map((s) => ({ name: s.name, target: rels.get(s.rId) ?? null }));
  return { sheets, parts: new Map(Object.entries(files)) };
}

class TooLarge extends Error {}

interface Unpacked {
  /** Every entry's name, in the package's order. */
  readonly names: string[];
  /** The wanted entries, uncompressed. */
  readonly files: Record<string, Uint8Array>;
}

/** Native zlib first (fast); fflate for what that does not handle, and to confirm damage. */
function unpack(bytes: Uint8Array): Unpacked {
  try {
    return unpackNative(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  } catch (e) {
    if (e instanceof TooLarge) throw tooLarge();
  }
  const names: string[] = [];
  let wantedBytes = 0;
  try {
    const files = unzipSync(bytes, {
      filter: (info: UnzipFileInfo) => {
        names.push(info.name);
        if (!wanted(info.name)) return false;
        wantedBytes += info.originalSize;
        if (wantedBytes > MAX_SHEET_XML_BYTES) throw new TooLarge();
        return true;
      },
    });
    return { names, files };
  } catch (e) {
    if (e instanceof TooLarge) throw tooLarge();
    throw new UnreadableWorkbookError(
      `the file is damaged: its ZIP structure is truncated or corrupt (${oneLine(e)}); save the workbook again from Excel`,
    );
  }
}

function unpackNative(buf: Buffer): Unpacked {
  const entries = listEntries(buf);
  const chosen = entries.filter((e) => wanted(e.name));
  if (chosen.reduce((n, e) => n + e.size, 0) > MAX_SHEET_XML_BYTES) throw new TooLarge();
  const files: Record<string, Uint8Array> = {};
  for (const entry of chosen) files[entry.name] = inflateEntry(buf, entry);
  return { names: entries.map((e) => e.name), files };
}

const tooLarge = (): UnreadableWorkbookError =>
  new UnreadableWorkbookError('the workbook is too large to check (more than 1 GiB of sheet data)');

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

const decoder = new TextDecoder('utf-8', { fatal: false });
const text = (bytes: Uint8Array | undefined): string => (bytes === undefined ? '' : decoder.decode(bytes));

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

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlDecode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, ent: string) => {
    if (ent.startsWith('#x')) return safeCodePoint(parseInt(ent.slice(2), 16), whole);
    if (ent.startsWith('#')) return safeCodePoint(parseInt(ent.slice(1), 10), whole);
    return XML_ENTITIES[ent] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1]!, xmlDecode(m[2] ?? m[3] ?? ''));
  }
  return out;
}

function parseSheetList(xml: string): { name: string; rId: string }[] {
  const out: { name: string; rId: string }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const attrs = attributes(m[0]);
    const rId = [...attrs].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const name = attrs.get('name');
    if (name !== undefined && rId !== undefined) out.push({ name, rId });
  }
  return out;
}

export function parseRelationships(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const attrs = attributes(m[0]);
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (id !== undefined && target !== undefined) out.set(id, target);
  }
  return out;
}
