/**
 * A small, strict ZIP reader for `verify`: it lists every entry as the archive records it (names
 * exactly as written, duplicates included, and each local header's name beside the central
 * directory's), and unpacks only the entries asked for, checking sizes and CRC-32. fflate's
 * `unzipSync` is not used here: it keys entries by name (a duplicate silently replaces the first),
 * ignores the local headers and does not check CRCs.
 */
import { Inflate } from 'fflate';
import { crc32 } from './digest';

/** The bytes are not a ZIP archive this reader accepts; `message` is a phrase fit for a sentence. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

export interface ZipEntry {
  /** The name in the central directory, decoded as UTF-8 (invalid bytes become U+FFFD). */
  readonly name: string;
  /** False when the name's bytes are not UTF-8 (so `name` holds U+FFFD where they were). */
  readonly nameIsUtf8: boolean;
  /** The name's bytes as the central directory holds them. */
  readonly nameBytes: Uint8Array;
  /** The name in the entry's local header (what streaming unzippers go by). */
  readonly localName: string;
  readonly flags: number;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Where the entry's data starts in the archive. */
  readonly dataOffset: number;
  /**
   * The Unix mode (file type and permissions) when the archive was made on Unix and records one,
   * else null (msp-enroll writes MS-DOS attributes 0).
   */
  readonly unixMode: number | null;
  /** The MS-DOS attributes' directory bit. */
  readonly dosDirectory: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
/** A package has five entries; anything far beyond that is not one. */
const MAX_ENTRIES = 10_000;
/** The largest entry unpacked (a 50,000-account enrollment.json is about 10 MB). */
export const MAX_ENTRY_SIZE = 512 * 1024 * 1024;

const names = new TextDecoder('utf-8');
const strictNames = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictNames.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Made by Unix (the high byte of "version made by"): only then do the high 16 bits of the external attributes hold a mode. */
const UNIX = 3;

/** Lists the entries of an archive, in central-directory order. Throws ZipFormatError. */
export function listEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const inside = (at: number, length: number): boolean => at >= 0 && length >= 0 && at + length <= bytes.length;

  if (bytes.length < 22) throw new ZipFormatError('it is too short to be a ZIP archive');
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('it has no ZIP end-of-archive record');
  if (eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
    throw new ZipFormatError('it is a ZIP64 archive, which a package never is');
  }
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== u16(eocd + 10)) {
    throw new ZipFormatError('it is a multi-part ZIP archive');
  }
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (count > MAX_ENTRIES) throw new ZipFormatError(`it has ${count} entries`);
  if (!inside(cdOffset, cdSize) || cdOffset + cdSize > eocd) {
    throw new ZipFormatError('its central directory lies outside the file');
  }

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (!inside(at, 46) || u32(at) !== CENTRAL) throw new ZipFormatError(`central directory entry ${i + 1} is damaged`);
    const madeBy = u16(at + 4) >>> 8;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const external = u32(at + 38);
    const localOffset = u32(at + 42);
    if (!inside(at + 46, nameLength + extraLength + commentLength)) {
      throw new ZipFormatError(`central directory entry ${i + 1} runs past the directory`);
    }
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = names.decode(nameBytes);
    if (!inside(localOffset, 30) || u32(localOffset) !== LOCAL) {
      throw new ZipFormatError(`the local header of entry ${JSON.stringify(name)} is missing`);
    }
    const localNameLength = u16(localOffset + 26);
    const localExtraLength = u16(localOffset + 28);
    const dataOffset = localOffset + 30 + localNameLength + localExtraLength;
    if (
      !inside(localOffset + 30, localNameLength) ||
      !inside(dataOffset, compressedSize) ||
      dataOffset + compressedSize > cdOffset
    ) {
      throw new ZipFormatError(`the data of entry ${JSON.stringify(name)} lies outside the file`);
    }
    const localName = names.decode(bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength));
    const mode = external >>> 16;
    entries.push({
      name,
      nameIsUtf8: isUtf8(nameBytes),
      nameBytes,
      localName,
      flags,
      method,
      crc,
      compressedSize,
      size,
      dataOffset,
      unixMode: madeBy === UNIX && mode !== 0 ? mode : null,
      dosDirectory: (external & 0x10) !== 0,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Unpacks one entry, checking its size and CRC-32. Throws ZipFormatError with the reason. */
export function readEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if ((entry.flags & 1) !== 0) throw new ZipFormatError('it is encrypted');
  if (entry.size > MAX_ENTRY_SIZE)
    throw new ZipFormatError(`it claims ${entry.size} bytes, more than a package file can hold`);
  const raw = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) {
    data = raw;
  } else if (entry.method === 8) {
    data = boundedInflate(raw, entry.size);
  } else {
    throw new ZipFormatError(`it uses compression method ${entry.method}, which a package never does`);
  }
  if (data.length !== entry.size) {
    throw new ZipFormatError(`it unpacks to ${data.length} bytes where the archive records ${entry.size}`);
  }
  if (crc32(data) !== entry.crc) throw new ZipFormatError('its CRC-32 does not match its data');
  return data;
}

/** Compressed input fed per step: at deflate's best ratio (about 1032:1) a step yields at most ~16 MB. */
const STEP = 16 * 1024;

/**
 * Inflates, stopping as soon as the output passes `size`: fflate's one-shot inflate grows its
 * buffer past the size given, so a header claiming 1 KB could still unpack a gigabyte.
 */
function boundedInflate(raw: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let length = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > size) {
      over = true;
      return;
    }
    out.set(chunk, length);
    length += chunk.length;
  });
  try {
    for (let at = 0; at < raw.length && !over; at += STEP) {
      const end = Math.min(raw.length, at + STEP);
      inflater.push(raw.subarray(at, end), end === raw.length);
    }
    if (raw.length === 0) inflater.push(raw, true);
  } catch (e) {
    throw new ZipFormatError(`its compressed data is damaged (${e instanceof Error ? e.message : String(e)})`);
  }
  if (over) throw new ZipFormatError(`it unpacks to more than the ${size} bytes the archive records`);
  return out.subarray(0, length);
}
