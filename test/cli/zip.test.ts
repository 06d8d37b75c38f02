/** The small native-zlib ZIP reader and writer under the workbook reader. */
import { readFileSync } from 'node:fs';
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
