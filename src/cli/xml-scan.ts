/**
 * A linear-time pass over the tags of an XML part, on its bytes: no regular expression (the
 * attribute pattern it replaces backtracked quadratically on a crafted 12 KB workbook.xml), no
 * string of the whole part, and the depth counted as it goes, so that a part nested millions of
 * levels deep is refused before any XML library builds a stack of it.
 */

/** The part is not XML this reader accepts; `message` is a phrase (`unterminated tag at byte 12`). */
export class XmlScanError extends Error {
  override readonly name = 'XmlScanError';
  constructor(
    message: string,
    /** True when the depth limit was crossed (a limit, not damage). */
    readonly tooDeep = false,
  ) {
    super(message);
  }
}

export interface TagVisit {
  /** The element's local name (`c` for `<x:c>`): one of the names asked for. */
  name: string;
  /** The bytes between the name and the closing `>` or `/>`. */
  attrStart: number;
  attrEnd: number;
  /** Depth of the element (the root is 1). */
  depth: number;
  /** Where the tag starts (its `<`). */
  at: number;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const QUOT = 0x22;
const APOS = 0x27;
const COLON = 0x3a;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Calls `visit` for each start (or empty-element) tag whose local name is in `names`, in
 * document order, and checks every tag's nesting against `maxDepth`. Comments, CDATA and
 * processing instructions are skipped; a document type declaration is refused (Excel never
 * writes one, and entities are how XML bombs are made). Throws `XmlScanError`. One object is
 * passed to every call (copy what you keep): a sheet has millions of tags.
 */
export function forEachTag(
  buf: Uint8Array,
  maxDepth: number,
  names: readonly string[],
  visit: (tag: TagVisit) => void,
): void {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  // Indexing a plain Uint8Array is several times faster than a Buffer in V8's optimised loops.
  const b = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const wanted = names.map((n) => Buffer.from(n, 'latin1'));
  const tag: TagVisit = { name: '', attrStart: 0, attrEnd: 0, depth: 0, at: 0 };
  const length = bytes.length;
  let depth = 0;
  let i = 0;
  for (;;) {
    const lt = bytes.indexOf(LT, i);
    if (lt < 0) return;
    const next = b[lt + 1];
    if (next === BANG) {
      i = skipDeclaration(bytes, lt);
      continue;
    }
    if (next === QUESTION) {
      const end = bytes.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlScanError(`unterminated processing instruction at byte ${lt}`);
      i = end + 2;
      continue;
    }
    // The name, then the tag's end: the first `>` outside quotes (attribute values may hold `>`).
    let j = lt + 1;
    let localStart = j;
    for (; j < length; j++) {
      const c = b[j]!;
      if (c === COLON) localStart = j + 1;
      else if (c === GT || c === SLASH || isSpace(c)) break;
    }
    const nameEnd = j;
    let quote = 0;
    for (; j < length; j++) {
      const c = b[j]!;
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === GT) break;
      else if (c === QUOT || c === APOS) quote = c;
      else if (c === LT) throw new XmlScanError(`"<" inside a tag at byte ${j}`);
    }
    if (j >= length) throw new XmlScanError(`unterminated tag at byte ${lt}`);
    i = j + 1;
    if (next === SLASH) {
      depth--;
      if (depth < 0) throw new XmlScanError(`a closing tag without its start at byte ${lt}`);
      continue;
    }
    const empty = b[j - 1] === SLASH;
    const elementDepth = depth + 1;
    if (elementDepth > maxDepth) {
      throw new XmlScanError(`elements nested more than ${maxDepth} levels deep (at byte ${lt})`, true);
    }
    if (!empty) depth = elementDepth;
    const nameLength = nameEnd - localStart;
    for (let k = 0; k < wanted.length; k++) {
      const w = wanted[k]!;
      if (
        w.length !== nameLength ||
        b[localStart] !== w[0] ||
        bytes.compare(w, 0, nameLength, localStart, nameEnd) !== 0
      )
        continue;
      tag.name = names[k]!;
      tag.attrStart = nameEnd;
      tag.attrEnd = empty ? j - 1 : j;
      tag.depth = elementDepth;
      tag.at = lt;
      visit(tag);
      break;
    }
  }
}

function skipDeclaration(bytes: Buffer, lt: number): number {
  if (bytes.toString('latin1', lt, lt + 4) === '<!--') {
    const end = bytes.indexOf('-->', lt + 4);
    if (end < 0) throw new XmlScanError(`unterminated comment at byte ${lt}`);
    return end + 3;
  }
  if (bytes.toString('latin1', lt, lt + 9) === '<![CDATA[') {
    const end = bytes.indexOf(']]>', lt + 9);
    if (end < 0) throw new XmlScanError(`unterminated CDATA section at byte ${lt}`);
    return end + 3;
  }
  throw new XmlScanError(`a document type declaration (<!DOCTYPE or <!ENTITY) at byte ${lt}, which Excel never writes`);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The value of an attribute with its character and entity references resolved. */
export function xmlDecode(s: string): string {
  if (!s.includes('&')) return s;
  // Linear: the reference is at most a few characters between `&` and `;`.
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ent: string) => {
    if (ent.startsWith('#x')) return safeCodePoint(parseInt(ent.slice(2), 16), whole);
    if (ent.startsWith('#')) return safeCodePoint(parseInt(ent.slice(1), 10), whole);
    return XML_ENTITIES[ent] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/**
 * A tag's attributes (`name="value"` or `name='value'`), values decoded, by a scan that reads
 * each character once. Anything malformed ends the scan: what was read so far is returned.
 */
export function parseAttributes(src: string): Map<string, string> {
  const out = new Map<string, string>();
  const n = src.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (isSpace(c) || c === 0x3d /* = */ || c === QUOT || c === APOS) break;
      i++;
    }
    if (i === nameStart) break;
    const name = src.slice(nameStart, i);
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) !== 0x3d) break;
    i++;
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    const quote = src.charCodeAt(i);
    if (quote !== QUOT && quote !== APOS) break;
    const end = src.indexOf(quote === QUOT ? '"' : "'", i + 1);
    if (end < 0) break;
    if (!out.has(name)) out.set(name, xmlDecode(src.slice(i + 1, end)));
    i = end + 1;
  }
  return out;
}

/** The attributes of a visited tag. */
export function tagAttributes(buf: Uint8Array, tag: TagVisit): Map<string, string> {
  return parseAttributes(
    Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8', tag.attrStart, tag.attrEnd),
  );
}

/** One attribute's raw value (undecoded), without building the map: the sheet scan's fast path. */
export function rawAttribute(buf: Uint8Array, tag: TagVisit, name: string): string | undefined {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const end = tag.attrEnd;
  let i = tag.attrStart;
  while (i < end) {
    while (i < end && isSpace(bytes[i]!)) i++;
    const nameStart = i;
    while (i < end && !isSpace(bytes[i]!) && bytes[i] !== 0x3d && bytes[i] !== QUOT && bytes[i] !== APOS) i++;
    if (i === nameStart) return undefined;
    const nameEnd = i;
    while (i < end && isSpace(bytes[i]!)) i++;
    if (bytes[i] !== 0x3d) return undefined;
    i++;
    while (i < end && isSpace(bytes[i]!)) i++;
    const quote = bytes[i];
    if (quote !== QUOT && quote !== APOS) return undefined;
    // The tag's end was found outside quotes, so the closing quote is before it.
    let close = i + 1;
    while (close < end && bytes[close] !== quote) close++;
    if (close >= end) return undefined;
    if (nameEnd - nameStart === name.length && sameAscii(bytes, nameStart, name)) {
      return bytes.toString('utf8', i + 1, close);
    }
    i = close + 1;
  }
  return undefined;
}

function sameAscii(bytes: Buffer, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (bytes[at + k] !== name.charCodeAt(k)) return false;
  return true;
}
