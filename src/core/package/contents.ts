/**
 * What an .xlsx file carries besides its visible cells (issue 16): hidden and very hidden
 * sheets, document properties, comments, external links, formulas, macros and other embedded
 * parts, and the text of every cell. Read from the file's bytes by the core itself (fflate and a
 * small linear XML scanner), so every host lists the same things for the same file, and the
 * packager and verify can hold workbook.xlsx to the same rule. Not a general XML parser: it reads
 * the few elements and attributes it needs, and every scan is linear in the part's length.
 */
import { unzipSync } from 'fflate';
import type { Cell, SheetInput, WorkbookInput } from '../port';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetEntry {
  readonly name: string;
  readonly state: SheetState;
}

export interface PropertyEntry {
  /** `core`, `app` or `custom` (docProps/core.xml, app.xml, custom.xml). */
  readonly part: 'core' | 'app' | 'custom';
  readonly name: string;
  readonly value: string;
}

export interface CommentEntry {
  /** The sheet's tab name, or null when the comments part cannot be tied to a sheet. */
  readonly sheet: string | null;
  readonly cell: string;
  readonly text: string;
}

export interface FormulaEntry {
  readonly sheet: string;
  readonly cell: string;
  readonly formula: string;
}

export interface WorkbookContents {
  readonly sheets: readonly SheetEntry[];
  /** Document properties with a value (an empty title is not listed). */
  readonly properties: readonly PropertyEntry[];
  readonly comments: readonly CommentEntry[];
  /** Targets outside the file: external workbook links, data connections, external hyperlinks. */
  readonly externalLinks: readonly string[];
  readonly formulas: readonly FormulaEntry[];
  /** Parts that can hold code or hidden data: macros, embedded objects, ActiveX, custom XML, connections. */
  readonly otherParts: readonly string[];
  /** Every sheet's cells as text, numbers and booleans (formulas as their cached result), for the credential scan. */
  readonly cells: WorkbookInput;
}

/** The bytes are not an .xlsx this reader can look into. */
export class ContentsError extends Error {
  override readonly name = 'ContentsError';
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Reads what `bytes` carries. Throws `ContentsError` when they are not an .xlsx package. */
export function inspectXlsx(bytes: Uint8Array): WorkbookContents {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => !/\.(?:png|jpe?g|gif|emf|wmf|bmp|tiff?)$/i.test(f.name) });
  } catch (e) {
    throw new ContentsError(`not a ZIP package (${e instanceof Error ? e.message : String(e)})`);
  }
  const text = (name: string): string | null => (files[name] === undefined ? null : decoder.decode(files[name]));
  const workbookXml = text('xl/workbook.xml');
  if (workbookXml === null) throw new ContentsError('no xl/workbook.xml');

  const workbookRels = relationships(text('xl/_rels/workbook.xml.rels'), 'xl/');
  const sheets: (SheetEntry & { readonly part: string | null })[] = [];
  for (const tag of tags(workbookXml, 'sheet')) {
    const name = tag.get('name');
    if (name === undefined) continue;
    const state = tag.get('state');
    const rId = attrEndingWith(tag, ':id');
    sheets.push({
      name,
      state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      part: rId === undefined ? null : (workbookRels.get(rId)?.target ?? null),
    });
  }

  const externalLinks: string[] = [];
  const comments: CommentEntry[] = [];
  const formulas: FormulaEntry[] = [];
  const shared = sharedStrings(text('xl/sharedStrings.xml'));
  const cellSheets: SheetInput[] = [];
  for (const rel of workbookRels.values()) {
    if (rel.type.endsWith('/externalLink')) {
      const dir = rel.target.replace(/[^/]*$/, '');
      const own = relationships(text(relsOf(rel.target)), dir);
      for (const r of own.values()) if (r.external) externalLinks.push(r.target);
    } else if (rel.type.endsWith('/connections')) {
      externalLinks.push(...connectionTargets(text(rel.target)));
    }
  }
  for (const sheet of sheets) {
    if (sheet.part === null) continue;
    const xml = text(sheet.part);
    const dir = sheet.part.replace(/[^/]*$/, '');
    for (const r of relationships(text(relsOf(sheet.part)), dir).values()) {
      if (r.external) externalLinks.push(r.target);
      else if (r.type.endsWith('/comments')) comments.push(...legacyComments(text(r.target), sheet.name));
      else if (r.type.endsWith('/threadedComment')) comments.push(...threadedComments(text(r.target), sheet.name));
    }
    if (xml !== null) cellSheets.push(sheetCells(xml, sheet.name, shared, formulas));
  }

  const otherParts = Object.keys(files).filter((n) =>
    /^(?:xl\/vbaProject\.bin|xl\/embeddings\/|xl\/activeX\/|xl\/ctrlProps\/|customXml\/|xl\/queryTables\/|xl\/connections\.xml|xl\/externalLinks\/externalLink)/i.test(
      n,
    ),
  );

  return {
    sheets: sheets.map(({ name, state }) => ({ name, state })),
    properties: [
      ...simpleProperties(text('docProps/core.xml'), 'core'),
      ...simpleProperties(text('docProps/app.xml'), 'app'),
      ...customProperties(text('docProps/custom.xml')),
    ],
    comments,
    externalLinks: [...new Set(externalLinks)],
    formulas,
    otherParts,
    cells: { sheets: cellSheets },
  };
}

// ---- a small, linear XML scanner ----------------------------------------------------------------

type Attributes = ReadonlyMap<string, string>;

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, e: string) => {
      if (e.startsWith('#')) {
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITY[e] ?? whole;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The local name of a tag (`x:sheet` → `sheet`). */
const local = (name: string): string => name.slice(name.indexOf(':') + 1);

interface Tag {
  readonly name: string;
  readonly attrs: Attributes;
  /** Index just after the tag's `>`. */
  readonly end: number;
  readonly selfClosing: boolean;
}

/** Parses the start tag at `xml[at] === '<'`, or null when it is not one. */
function startTag(xml: string, at: number): Tag | null {
  let i = at + 1;
  const first = xml.charCodeAt(i);
  if (Number.isNaN(first) || xml[i] === '/' || xml[i] === '?' || xml[i] === '!') return null;
  while (i < xml.length && !/[\s/>]/.test(xml[i]!)) i++;
  const name = xml.slice(at + 1, i);
  const attrs = new Map<string, string>();
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
    if (i >= xml.length) return null;
    if (xml[i] === '>') return { name, attrs, end: i + 1, selfClosing: false };
    if (xml[i] === '/' && xml[i + 1] === '>') return { name, attrs, end: i + 2, selfClosing: true };
    // The attribute's name, scanned here (an `indexOf('=')` would cross the whole part for
    // every broken tag), then `=` after optional spaces.
    const keyStart = i;
    while (i < xml.length && !/[\s=/>]/.test(xml[i]!)) i++;
    const key = xml.slice(keyStart, i);
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
    if (key === '' || xml[i] !== '=') return null;
    let q = i + 1;
    while (q < xml.length && /\s/.test(xml[q]!)) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") return null;
    const close = xml.indexOf(quote, q + 1);
    if (close < 0) return null;
    attrs.set(key, decodeXml(xml.slice(q + 1, close)));
    i = close + 1;
  }
}

/** Every start tag whose local name is `name`, in document order. */
function* tagsWithEnd(xml: string, name: string): Generator<Tag> {
  for (let at = xml.indexOf('<'); at >= 0; at = xml.indexOf('<', at + 1)) {
    // Cheap pre-check before parsing: the local name must follow `<` or `<prefix:`.
    const head = xml.slice(at + 1, at + 1 + 64);
    const stop = head.search(/[\s/>]/);
    const tagName = stop < 0 ? head : head.slice(0, stop);
    if (local(tagName) !== name) continue;
    const tag = startTag(xml, at);
    if (tag !== null) yield tag;
  }
}

function* tags(xml: string, name: string): Generator<Attributes> {
  for (const t of tagsWithEnd(xml, name)) yield t.attrs;
}

/**
 * The text of every `<t>` inside xml[from, to) (rich text runs joined), stopping early at a start
 * tag named `stop` (the next item, where the part forgot a closing tag: keeps it linear).
 */
function textRuns(xml: string, from: number, to: number, stop?: string): string {
  let out = '';
  for (let at = xml.indexOf('<', from); at >= 0 && at < to; at = xml.indexOf('<', at + 1)) {
    const tag = startTag(xml, at);
    if (tag !== null && stop !== undefined && local(tag.name) === stop) break;
    if (tag === null || local(tag.name) !== 't' || tag.selfClosing) continue;
    const close = xml.indexOf('</', tag.end);
    if (close < 0 || close > to) break;
    out += decodeXml(xml.slice(tag.end, close));
    at = close;
  }
  return out;
}

/**
 * The element's end (index of its closing tag), from a start tag. The last closer found for each
 * name is remembered, so a part full of unclosed `<c>` is still read in linear time (the nearest
 * closer after a later position is the one found before, while it lies past that position).
 */
function closing(xml: string, tag: Tag): number {
  if (tag.selfClosing) return tag.end;
  if (closers.xml !== xml) {
    closers.xml = xml;
    closers.found.clear();
  }
  const seen = closers.found.get(tag.name);
  let close: number;
  if (seen !== undefined && seen.from <= tag.end && (seen.at < 0 || seen.at >= tag.end)) close = seen.at;
  else {
    close = xml.indexOf(`</${tag.name}>`, tag.end);
    closers.found.set(tag.name, { from: tag.end, at: close });
  }
  return close < 0 ? xml.length : close;
}
const closers: { xml: string | null; found: Map<string, { from: number; at: number }> } = {
  xml: null,
  found: new Map(),
};

const attrEndingWith = (attrs: Attributes, suffix: string): string | undefined => {
  for (const [k, v] of attrs) if (k.endsWith(suffix)) return v;
  return undefined;
};

// ---- parts ---------------------------------------------------------------------------------------

interface Relationship {
  readonly type: string;
  /** A package path (`xl/comments1.xml`), or the target as written when external. */
  readonly target: string;
  readonly external: boolean;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
const relsOf = (part: string): string => part.replace(/([^/]*)$/, '_rels/$1.rels');

function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function relationships(xml: string | null, dir: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (xml === null) return out;
  for (const r of tags(xml, 'Relationship')) {
    const id = r.get('Id');
    const target = r.get('Target');
    if (id === undefined || target === undefined) continue;
    const external = r.get('TargetMode') === 'External';
    out.set(id, { type: r.get('Type') ?? '', target: external ? target : resolvePath(dir, target), external });
  }
  return out;
}

function connectionTargets(xml: string | null): string[] {
  if (xml === null) return [];
  const out: string[] = [];
  for (const c of tags(xml, 'connection')) {
    const name = c.get('name') ?? 'a data connection';
    out.push(`data connection "${name}"`);
  }
  return out;
}

function legacyComments(xml: string | null, sheet: string): CommentEntry[] {
  if (xml === null) return [];
  const out: CommentEntry[] = [];
  for (const tag of tagsWithEnd(xml, 'comment')) {
    const ref = tag.attrs.get('ref');
    if (ref !== undefined) out.push({ sheet, cell: ref, text: textRuns(xml, tag.end, closing(xml, tag), 'comment') });
  }
  return out;
}

function threadedComments(xml: string | null, sheet: string): CommentEntry[] {
  if (xml === null) return [];
  const out: CommentEntry[] = [];
  for (const tag of tagsWithEnd(xml, 'threadedComment')) {
    const ref = tag.attrs.get('ref');
    if (ref === undefined) continue;
    const end = closing(xml, tag);
    const open = xml.indexOf('<', tag.end);
    let body = '';
    if (open >= 0 && open < end) {
      const t = startTag(xml, open);
      if (t !== null && local(t.name) === 'text' && !t.selfClosing) body = decodeXml(xml.slice(t.end, closing(xml, t)));
    }
    out.push({ sheet, cell: ref, text: body });
  }
  return out;
}

const CORE_NAMES = [
  'title',
  'subject',
  'creator',
  'keywords',
  'description',
  'lastModifiedBy',
  'category',
  'contentStatus',
];
const APP_NAMES = ['Company', 'Manager', 'HyperlinkBase'];

function simpleProperties(xml: string | null, part: 'core' | 'app'): PropertyEntry[] {
  if (xml === null) return [];
  const out: PropertyEntry[] = [];
  for (const name of part === 'core' ? CORE_NAMES : APP_NAMES) {
    for (const tag of tagsWithEnd(xml, name)) {
      const value = decodeXml(xml.slice(tag.end, closing(xml, tag))).trim();
      if (value !== '') out.push({ part, name, value });
      break;
    }
  }
  return out;
}

function customProperties(xml: string | null): PropertyEntry[] {
  if (xml === null) return [];
  const out: PropertyEntry[] = [];
  for (const tag of tagsWithEnd(xml, 'property')) {
    const end = closing(xml, tag);
    const inner = xml.slice(tag.end, end);
    const value = decodeXml(inner.replace(/<[^<>]*>/g, '')).trim();
    out.push({ part: 'custom', name: tag.attrs.get('name') ?? '(unnamed)', value });
  }
  return out;
}

function sharedStrings(xml: string | null): string[] {
  if (xml === null) return [];
  const out: string[] = [];
  for (const tag of tagsWithEnd(xml, 'si')) out.push(textRuns(xml, tag.end, closing(xml, tag), 'si'));
  return out;
}

/** A sheet's cells as the port has them (text, numbers, booleans, errors), and its formulas. */
function sheetCells(xml: string, sheet: string, shared: readonly string[], formulas: FormulaEntry[]): SheetInput {
  const rows: (Cell | undefined)[][] = [];
  for (const tag of tagsWithEnd(xml, 'c')) {
    const ref = tag.attrs.get('r');
    const pos = ref === undefined ? null : cellPosition(ref);
    if (pos === null) continue;
    const end = closing(xml, tag);
    const type = tag.attrs.get('t') ?? 'n';
    let value: string | null = null;
    let formula: string | null = null;
    for (let at = xml.indexOf('<', tag.end); at >= 0 && at < end; at = xml.indexOf('<', at + 1)) {
      const child = startTag(xml, at);
      if (child === null) continue;
      const name = local(child.name);
      // The next cell or row: this one was not closed.
      if (name === 'c' || name === 'row') break;
      if (name === 'v') value = decodeXml(xml.slice(child.end, closing(xml, child)));
      else if (name === 'f') formula = child.selfClosing ? '' : decodeXml(xml.slice(child.end, closing(xml, child)));
      else if (name === 'is') value = textRuns(xml, child.end, closing(xml, child), 'c');
    }
    if (formula !== null)
      formulas.push({ sheet, cell: ref!, formula: formula === '' ? '(shared formula)' : `=${formula}` });
    const cell = toCell(type, value, shared);
    if (cell === undefined) continue;
    (rows[pos.row] ??= [])[pos.col] = cell;
  }
  return { name: sheet, rows };
}

function toCell(type: string, value: string | null, shared: readonly string[]): Cell | undefined {
  if (value === null) return undefined;
  switch (type) {
    case 's':
      return { type: 'text', value: shared[Number(value)] ?? '' };
    case 'str':
    case 'inlineStr':
      return { type: 'text', value };
    case 'b':
      return { type: 'boolean', value: value === '1' };
    case 'e':
      return { type: 'error', value };
    default: {
      const n = Number(value);
      return Number.isFinite(n) ? { type: 'number', value: n } : { type: 'text', value };
    }
  }
}

/** `B12` → zero-based row 11, column 1; null past XFD1048576. */
function cellPosition(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  while (i < ref.length && i < 3 && /[A-Z]/.test(ref[i]!)) col = col * 26 + ref.charCodeAt(i++) - 64;
  const row = Number(ref.slice(i));
  if (i === 0 || !Number.isInteger(row) || row < 1 || row > 1_048_576 || col > 16_384) return null;
  return { row: row - 1, col: col - 1 };
}
