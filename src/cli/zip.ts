/**
 * Just enough ZIP for an .xlsx, on Node's native zlib: list the entries from the central
 * directory, inflate the ones wanted, and write a new, uncompressed package. fflate does the same
 * in JavaScript, several times slower on a 10 MB sheet (inflate and CRC-32 were a third of the
 * reader's time); `container.ts` falls back to it for anything this does not handle (ZIP64,
 * unusual methods) and for damaged files, so that fflate has the last word on what is corrupt.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  override readonly name = 'ZipError';
}

export interface ZipEntry {
  readonly name: string;
  /** 0: stored, 8: deflated. */
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Where the entry's data starts in the package. */
  readonly dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the package, in the central directory's order. Throws `ZipError`. */
export function listEntries(buf: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipError('ZIP64 archive');
  if (offset + size > eocd) throw new ZipError('central directory out of bounds');

  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || uncompressed === 0xffffffff || local === 0xffffffff) {
      throw new ZipError('ZIP64 entry');
    }
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL)
      throw new ZipError(`bad local header for ${name}`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) throw new ZipError(`${name} runs past the end of the file`);
    entries.push({ name, method, flags, compressedSize, size: uncompressed, dataStart });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const last = buf.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipError('no end of central directory');
}

/** The entry's uncompressed bytes. Throws `ZipError` (or zlib's error) when they are not there. */
export function inflateEntry(buf: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 0x1) throw new ZipError(`${entry.name} is encrypted`);
  const data = buf.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let out: Buffer;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  else throw new ZipError(`${entry.name} uses compression method ${entry.method}`);
  if (out.length !== entry.size) throw new ZipError(`${entry.name} is ${out.length} bytes, not ${entry.size}`);
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
