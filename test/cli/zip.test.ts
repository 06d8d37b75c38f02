/** The small native-zlib ZIP reader and writer under the workbook reader. */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { strToU8, unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
// JSZip: the ZIP library under exceljs's whole-file reader, here as an independent judge.
import JSZip from 'jszip';
import { inflateEntry, listEntries, storedZip, ZipError } from '../../src/cli/zip';
import { EXAMPLE } from './helpers';

const files = fc.uniqueArray(
  fc.tuple(
    fc.stringMatching(/^[a-z][a-z0-9_]{0,8}(\/[a-z0-9_]{1,8}){0,2}\.xml$/),
    fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  ),
  { selector: ([name]) => name, minLength: 1, maxLength: 6 },
);

it('reads what fflate writes, deflated or stored, as fflate reads it', () => {
  fc.assert(
    fc.property(files, fc.constantFrom(0, 6, 9), (entries, level) => {
      const zipped = Buffer.from(zipSync(Object.fromEntries(entries), { level }));
      const listed = listEntries(zipped);
      expect(listed.map((e) => e.name)).toEqual(entries.map(([name]) => name));
      for (const entry of listed) {
        const expected = entries.find(([name]) => name === entry.name)?.[1];
        expect(inflateEntry(zipped, entry)).toEqual(expected);
      }
    }),
    { numRuns: 100 },
  );
});

it('reads the example as fflate does', () => {
  const bytes = readFileSync(EXAMPLE);
  const ours = Object.fromEntries(listEntries(bytes).map((e) => [e.name, new Uint8Array(inflateEntry(bytes, e))]));
  expect(ours).toEqual(unzipSync(bytes));
});

it('writes packages that JSZip opens with CRC checks, entries in the given order', async () => {
  await fc.assert(
    fc.asyncProperty(files, async (entries) => {
      const zipped = storedZip(entries);
      const zip = await JSZip.loadAsync(zipped, { checkCRC32: true });
      // (JSZip lists the folders it infers from the names too.)
      const listed = Object.values(zip.files).filter((f) => !f.dir);
      expect(listed.map((f) => f.name)).toEqual(entries.map(([name]) => name));
      for (const [name, data] of entries) {
        const file = zip.file(name);
        if (file === null) throw new Error(`JSZip has no ${name}`);
        expect(Buffer.from(await file.async('uint8array'))).toEqual(data);
      }
      expect(listEntries(zipped).map((e) => [e.name, e.method, e.size])).toEqual(
        entries.map(([name, data]) => [name, 0, data.length]),
      );
    }),
    { numRuns: 50 },
  );
});

describe('refuses what is not there', () => {
  const good = Buffer.from(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'.repeat(50)) }));

  it('no end of central directory', () => {
    expect(() => listEntries(good.subarray(0, good.length - 30))).toThrow(ZipError);
    expect(() => listEntries(Buffer.alloc(10))).toThrow(ZipError);
  });

  it('data cut short or damaged', () => {
    const [entry] = listEntries(good);
    if (entry === undefined) throw new Error('no entry');
    const damaged = Buffer.from(good);
    damaged.fill(0xff, entry.dataStart, entry.dataStart + 4);
    expect(() => inflateEntry(damaged, entry)).toThrow();
    expect(() => inflateEntry(good, { ...entry, size: entry.size - 1 })).toThrow();
    expect(() => inflateEntry(good, { ...entry, size: entry.size + 1 })).toThrow(ZipError);
  });

  it('encrypted entries and other methods', () => {
    const [entry] = listEntries(good);
    if (entry === undefined) throw new Error('no entry');
    expect(() => inflateEntry(good, { ...entry, flags: 1 })).toThrow(/encrypted/);
    expect(() => inflateEntry(good, { ...entry, method: 14 })).toThrow(/method 14/);
  });
});

describe('ZIP64, read natively (no unbounded fallback)', () => {
  /** One stored entry, its central sizes and the end record in ZIP64 form, as 7-Zip or Python write them for big files. */
  function zip64(name: string, data: Buffer): Buffer {
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const extra = Buffer.alloc(4 + 16);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(data.length), 4); // uncompressed
    extra.writeBigUInt64LE(BigInt(data.length), 12); // compressed
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(0xffffffff, 20);
    central.writeUInt32LE(0xffffffff, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(0, 42);
    const body = Buffer.concat([local, nameBytes, data]);
    const directory = Buffer.concat([central, nameBytes, extra]);
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeBigUInt64LE(1n, 24);
    end64.writeBigUInt64LE(1n, 32);
    end64.writeBigUInt64LE(BigInt(directory.length), 40);
    end64.writeBigUInt64LE(BigInt(body.length), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(body.length + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    end.writeUInt32LE(0xffffffff, 12);
    end.writeUInt32LE(0xffffffff, 16);
    return Buffer.concat([body, directory, end64, locator, end]);
  }

  it('lists and inflates a ZIP64 entry as fflate does', () => {
    const data = Buffer.from('<workbook/>'.repeat(20));
    const bytes = zip64('xl/workbook.xml', data);
    expect(unzipSync(bytes)['xl/workbook.xml']).toEqual(new Uint8Array(data));
    const [entry, ...rest] = listEntries(bytes);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ name: 'xl/workbook.xml', size: data.length, compressedSize: data.length });
    expect(inflateEntry(bytes, entry!)).toEqual(data);
  });

  it('refuses a ZIP64 end record that is missing, and more entries than allowed', () => {
    const bytes = zip64('a.xml', Buffer.from('<a/>'));
    const noLocator = Buffer.concat([bytes.subarray(0, bytes.length - 42), bytes.subarray(bytes.length - 22)]);
    expect(() => listEntries(noLocator)).toThrow(/ZIP64 locator missing/);
    expect(() => listEntries(bytes, 0)).toThrow(expect.objectContaining({ kind: 'unsupported' }));
  });
});
