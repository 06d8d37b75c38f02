/**
 * The workbook file's own bytes through Office's file API (issue 5): `getFileAsync(Compressed,
 * {sliceSize})`, then `getSliceAsync` for each slice, then `closeAsync` (always, even after a
 * failure: Office allows only a couple of open files per document).
 *
 * Where the host cannot give the compressed file, the caller rebuilds an .xlsx from the values
 * (`workbookToXlsx`). We detect that by trying: a host without `getFileAsync` (the in-memory
 * host, the harness) or one that refuses the Compressed type (Excel on the web offers PDF only)
 * gives `null` here. Trying rather than testing `diagnostics.platform === 'OfficeOnline'` keeps
 * working if Excel on the web ever offers the file, and catches desktop hosts that refuse it
 * (a document still being saved, IRM-protected files). See docs/submit.md.
 */

/** Office's default and maximum slice is 4 MB; 1 MB slices keep each message small. */
export const DEFAULT_SLICE_SIZE = 1024 * 1024;

/** The part of an `Office.AsyncResult` used here. */
export interface AsyncResultLike<T> {
  readonly status: 'succeeded' | 'failed' | Office.AsyncResultStatus;
  readonly value: T;
  readonly error?: { readonly message: string; readonly code?: number } | null;
}

export interface SliceLike {
  /** The slice's bytes: an array of byte values for the Compressed type. */
  readonly data: ArrayLike<number>;
  readonly index: number;
}

export interface OfficeFileLike {
  readonly size: number;
  readonly sliceCount: number;
  getSliceAsync(index: number, callback: (result: AsyncResultLike<SliceLike>) => void): void;
  closeAsync(callback?: (result: AsyncResultLike<void>) => void): void;
}

/** The part of `Office.Document` used here. */
export interface FileDocument {
  getFileAsync?: (
    fileType: Office.FileType,
    options: { sliceSize: number },
    callback: (result: AsyncResultLike<OfficeFileLike>) => void,
  ) => void;
}

/** The file API failed; `stage` says where. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  constructor(
    readonly stage: 'open' | 'slice' | 'size',
    message: string,
  ) {
    super(message);
  }
}

const succeeded = <T>(r: AsyncResultLike<T>): boolean => String(r.status) === 'succeeded';

/** `Office.FileType.Compressed` ("compressed" at run time) where Office is loaded. */
export function compressedFileType(): Office.FileType {
  const fromOffice =
    typeof Office === 'undefined' ? undefined : (Office.FileType as typeof Office.FileType | undefined);
  // The enum's run-time value is the string "compressed"; the typings declare a numeric enum.
  return fromOffice?.Compressed ?? ('compressed' as unknown as Office.FileType);
}

/**
 * The whole file, slice by slice. Rejects with FileReadError when Office refuses the file or a
 * slice; the file is closed in every case.
 */
export async function readCompressedFile(
  document: FileDocument,
  options: { sliceSize?: number; fileType?: Office.FileType } = {},
): Promise<Uint8Array> {
  const getFile = document.getFileAsync;
  if (typeof getFile !== 'function') throw new FileReadError('open', 'This host has no file API (getFileAsync).');
  const file = await new Promise<OfficeFileLike>((resolve, reject) => {
    try {
      getFile.call(
        document,
        options.fileType ?? compressedFileType(),
        { sliceSize: options.sliceSize ?? DEFAULT_SLICE_SIZE },
        (result) =>
          succeeded(result)
            ? resolve(result.value)
            : reject(new FileReadError('open', result.error?.message ?? 'Office could not open the file.')),
      );
    } catch (error) {
      // Some hosts throw synchronously for a file type they do not offer.
      reject(new FileReadError('open', error instanceof Error ? error.message : String(error)));
    }
  });
  try {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let index = 0; index < file.sliceCount; index++) {
      // Slices are read one after the other, as Office requires.
      const slice = await new Promise<SliceLike>((resolve, reject) =>
        file.getSliceAsync(index, (result) =>
          succeeded(result)
            ? resolve(result.value)
            : reject(
                new FileReadError(
                  'slice',
                  `Office could not read slice ${index + 1} of ${file.sliceCount}: ${result.error?.message ?? 'unknown error'}`,
                ),
              ),
        ),
      );
      const bytes = Uint8Array.from(slice.data);
      parts.push(bytes);
      total += bytes.length;
    }
    if (total !== file.size) throw new FileReadError('size', `Office gave ${total} bytes of a ${file.size}-byte file.`);
    const out = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  } finally {
    await new Promise<void>((resolve) => {
      try {
        file.closeAsync(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

export type FileAttempt =
  { readonly bytes: Uint8Array; readonly reason?: undefined } | { readonly bytes: null; readonly reason: string };

/** What the pane says on Excel for iPad, where the file is not even asked for. */
export const IPAD_NO_FILE =
  'Excel on iPad has no compressed-file API: the package carries a workbook rebuilt from the values of the enrollment sheets.';

/**
 * The file's bytes, or null and why where the host does not give the compressed file (see above).
 * `platform` is `Office.context.platform`: on "iOS" (Excel on iPad) the file API offers no
 * compressed file at all (issue 9, item 7), so it is not called.
 */
export async function tryReadCompressedFile(
  document: FileDocument | undefined,
  options: { sliceSize?: number; fileType?: Office.FileType; platform?: string | undefined } = {},
): Promise<FileAttempt> {
  if (options.platform === 'iOS') return { bytes: null, reason: IPAD_NO_FILE };
  if (document === undefined || typeof document.getFileAsync !== 'function')
    return { bytes: null, reason: 'This host has no file API (getFileAsync).' };
  try {
    const bytes = await readCompressedFile(document, options);
    return bytes.length > 0 ? { bytes } : { bytes: null, reason: 'Office gave an empty file.' };
  } catch (error) {
    return { bytes: null, reason: error instanceof Error ? error.message : String(error) };
  }
}
