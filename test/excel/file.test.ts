import {
  FileReadError,
  readCompressedFile,
  tryReadCompressedFile,
  IPAD_NO_FILE,
  type AsyncResultLike,
  type FileDocument,
  type OfficeFileLike,
  type SliceLike,
} from '../../src/excel/file';

const ok = <T>(value: T): AsyncResultLike<T> => ({ status: 'succeeded', value });
const fail = <T>(message: string): AsyncResultLike<T> => ({
  status: 'failed',
  value: undefined as unknown as T,
  error: { message, code: 5001 },
});

/** A fake Office.context.document whose file is `bytes`, given in `sliceSize` slices. */
function fakeDocument(
  bytes: Uint8Array,
  options: { failOpen?: string; failSlice?: number; throwOpen?: boolean; shortBy?: number } = {},
) {
  const log: string[] = [];
  let open = 0;
  const document: FileDocument = {
    getFileAsync(fileType, { sliceSize }, callback) {
      log.push(`getFileAsync ${String(fileType)} ${sliceSize}`);
      if (options.throwOpen) throw new Error('The file type is not supported.');
      if (options.failOpen) {
        callback(fail(options.failOpen));
        return;
      }
      open++;
      const sliceCount = Math.max(1, Math.ceil(bytes.length / sliceSize));
      const file: OfficeFileLike = {
        size: bytes.length + (options.shortBy ?? 0),
        sliceCount,
        getSliceAsync(index, cb) {
          log.push(`slice ${index}`);
          // Asynchronous, as Office is.
          setTimeout(() => {
            if (index === options.failSlice) cb(fail<SliceLike>('slice lost'));
            else cb(ok({ index, data: Array.from(bytes.subarray(index * sliceSize, (index + 1) * sliceSize)) }));
          }, 0);
        },
        closeAsync(cb) {
          log.push('close');
          open--;
          cb?.(ok(undefined));
        },
      };
      callback(ok(file));
    },
  };
  return { document, log, openFiles: () => open };
}

const sample = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

describe('readCompressedFile', () => {
  it('reads every slice in order, joins them and closes the file', async () => {
    const bytes = sample(10_000);
    const fake = fakeDocument(bytes);
    const read = await readCompressedFile(fake.document, {
      sliceSize: 4096,
      fileType: 'compressed' as unknown as Office.FileType,
    });
    expect(read).toEqual(bytes);
    expect(fake.log).toEqual(['getFileAsync compressed 4096', 'slice 0', 'slice 1', 'slice 2', 'close']);
    expect(fake.openFiles()).toBe(0);
  });

  it('asks for the Compressed type ("compressed") even where Office.FileType is missing', async () => {
    const fake = fakeDocument(sample(10));
    await readCompressedFile(fake.document);
    expect(fake.log[0]).toBe(`getFileAsync compressed ${1024 * 1024}`);
  });

  it('rejects when Office refuses the file (Excel on the web offers PDF only)', async () => {
    const fake = fakeDocument(sample(10), { failOpen: 'The file type is not supported.' });
    await expect(readCompressedFile(fake.document)).rejects.toEqual(
      new FileReadError('open', 'The file type is not supported.'),
    );
  });

  it('closes the file when a slice fails', async () => {
    const fake = fakeDocument(sample(5000), { failSlice: 1 });
    await expect(readCompressedFile(fake.document, { sliceSize: 2048 })).rejects.toThrow(/slice 2 of 3/);
    expect(fake.log.at(-1)).toBe('close');
    expect(fake.openFiles()).toBe(0);
  });

  it('refuses a file whose slices do not add up to its size', async () => {
    const fake = fakeDocument(sample(100), { shortBy: 1 });
    await expect(readCompressedFile(fake.document)).rejects.toThrow(/100 bytes of a 101-byte file/);
    expect(fake.openFiles()).toBe(0);
  });
});

describe('tryReadCompressedFile', () => {
  it('gives the bytes where the host gives the file', async () => {
    const bytes = sample(300);
    await expect(tryReadCompressedFile(fakeDocument(bytes).document)).resolves.toEqual({ bytes });
  });

  it('gives null and the reason where there is no file API (the in-memory host, the harness)', async () => {
    await expect(tryReadCompressedFile(undefined)).resolves.toEqual({ bytes: null, reason: expect.any(String) });
    await expect(tryReadCompressedFile({ url: 'memory://workbook.xlsx' } as FileDocument)).resolves.toMatchObject({
      bytes: null,
    });
  });

  it('does not ask Excel on iPad for the file (no compressed-file API there) and says the workbook is rebuilt', async () => {
    const fake = fakeDocument(sample(30));
    await expect(tryReadCompressedFile(fake.document, { platform: 'iOS' })).resolves.toEqual({
      bytes: null,
      reason: IPAD_NO_FILE,
    });
    expect(fake.log).toEqual([]);
    await expect(tryReadCompressedFile(fake.document, { platform: 'Mac' })).resolves.toEqual({ bytes: sample(30) });
  });

  it('gives null where Office refuses or throws', async () => {
    await expect(tryReadCompressedFile(fakeDocument(sample(3), { failOpen: 'no' }).document)).resolves.toEqual({
      bytes: null,
      reason: 'no',
    });
    await expect(tryReadCompressedFile(fakeDocument(sample(3), { throwOpen: true }).document)).resolves.toEqual({
      bytes: null,
      reason: 'The file type is not supported.',
    });
  });
});
