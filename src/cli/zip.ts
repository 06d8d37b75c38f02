/**
 * Just enough ZIP for an .xlsx, on Node's native zlib: list the entries from the central
 * directory (ZIP64 too), inflate the ones wanted, and write a new, uncompressed package. fflate
 * does the same in JavaScript, several times slower on a 10 MB sheet (inflate and CRC-32 were a
 * third of the reader's time). Strict: an entry whose local header disagrees with the central
 * directory, whose data lies outside the file, or that inflates to more than its header says is
 * refused, never repaired (its header is what the size limits were checked against).
 */
import { crc32, inflateRawSync } from 'node:zlib';

/** Why the archive or an entry cannot be read. */
export type ZipErrorKind = 'damaged' | 'encrypted' | 'unsupported' | 'ambiguous';

export class ZipError extends Error {
  override readonly name = 'ZipError';
  constructor(
    message: string,
    readonly kind: ZipErrorKind = 'damaged',
  ) {
    super(message);
  }
}

export interface ZipEntry {
  readonly name: string;
  /** 0: stored, 8: deflated. */
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  /** Where the entry's data starts in the package. */
  readonly dataStart: number;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** A u64 as a number; anything past 2^53 is past any file here anyway. */
function u64(buf: Buffer, at: number): number {
  return buf.readUInt32LE(at) + buf.readUInt32LE(at + 4) * 0x1_0000_0000;
}

/** The entries of the package, in the central directory's order. Throws `ZipError`. */
export function listEntries(buf: Buffer, maxEntries = Infinity): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // ZIP64: the locator just before the end record points at the ZIP64 end record.
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipError('ZIP64 locator missing');
    const end64 = u64(buf, locator + 8);
    if (end64 + 56 > locator || buf.readUInt32LE(end64) !== ZIP64_EOCD) throw new ZipError('bad ZIP64 end record');
    count = u64(buf, end64 + 32);
    size = u64(buf, end64 + 40);
    offset = u64(buf, end64 + 48);
  }
  if (offset + size > eocd) throw new ZipError('central directory out of bounds');
  // Each entry takes at least 46 bytes of directory: a count beyond that is a lie.
  if (count * 46 > size) throw new ZipError('central directory shorter than its entry count');
  if (count > maxEntries) throw new ZipError(`${count} entries`, 'unsupported');

  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > offset + size || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressed = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let local = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLength + extraLength + commentLength > offset + size) {
      throw new ZipError('central directory entry runs past the directory');
    }
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLength);
    const name = entryName(nameBytes, flags);
    if (compressedSize === 0xffffffff || uncompressed === 0xffffffff || local === 0xffffffff) {
      const z64 = zip64Extra(buf.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
      if (z64 === null) throw new ZipError(`${name}: ZIP64 sizes missing`);
      // The extra field holds, in this order, only the values the header marks 0xFFFFFFFF.
      let at = 0;
      const next = (): number => {
        if (at + 8 > z64.length) throw new ZipError(`${name}: ZIP64 extra field too short`);
        const v = u64(z64, at);
        at += 8;
        return v;
      };
      if (uncompressed === 0xffffffff) uncompressed = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (local === 0xffffffff) local = next();
    }
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL)
      throw new ZipError(`bad local header for ${name}`);
    const localNameLength = buf.readUInt16LE(local + 26);
    const localName = buf.subarray(local + 30, local + 30 + localNameLength);
    // Streaming unzippers go by the local header's name: two names for one entry is ambiguous.
    if (!localName.equals(nameBytes)) {
      throw new ZipError(`the entry ${name} has another name in its local header`, 'ambiguous');
    }
    const dataStart = local + 30 + localNameLength + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) throw new ZipError(`${name} runs past the end of the file`);
    entries.push({ name, method, flags, compressedSize, size: uncompressed, crc, dataStart });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The name as the entry's flags say it is encoded: UTF-8 (bit 11), else code page 437 read as Latin-1. */
function entryName(bytes: Buffer, flags: number): string {
  if ((flags & 0x800) === 0) return bytes.toString('latin1');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ZipError(
      `an entry name is marked UTF-8 but is not (bytes ${bytes.toString('hex').slice(0, 64)})`,
      'damaged',
    );
  }
}

/** The data of the ZIP64 extra field (header id 1), or null. */
function zip64Extra(extra: Buffer): Buffer | null {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) return extra.subarray(at + 4, Math.min(extra.length, at + 4 + length));
    at += 4 + length;
  }
  return null;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const last = buf.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipError('no end of central directory');
}

/**
 * The entry's uncompressed bytes, never more than its header says (zlib stops there: a header
 * that lies cannot make it inflate a bomb). Throws `ZipError`.
 */
export function inflateEntry(buf: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 0x1) throw new ZipError(`${entry.name} is encrypted`, 'encrypted');
  const data = buf.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let out: Buffer;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (e) {
      const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
      throw new ZipError(
        code === 'ERR_BUFFER_TOO_LARGE'
          ? `${entry.name} inflates to more than the ${entry.size} bytes its header records`
          : `${entry.name}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  } else throw new ZipError(`${entry.name} uses compression method ${entry.method}`, 'unsupported');
  if (out.length !== entry.size) throw new ZipError(`${entry.name} is ${out.length} bytes, not ${entry.size}`);
  if (crc32(out) !== entry.crc) throw new ZipError(`${entry.name} does not match its CRC-32`);
  return out;
}

/** A package of these files, in this order, stored (not compressed). */
export function storedZip(files: readonly (readonly [string, Uint8Array])[]): Buffer {
  return Buffer.concat(storedZipPieces(files));
}

/** The same package as consecutive pieces, the files' bytes not copied. */
export function storedZipPieces(files: readonly (readonly [string, Uint8Array])[]): Buffer[] {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // names in UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, Buffer.from(data.buffer, data.byteOffset, data.length));
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  if (offset > 0xffffffff || files.length > 0xffff) throw new ZipError('too large for a ZIP without ZIP64');
  const directorySize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return [...locals, ...centrals, end];
}
