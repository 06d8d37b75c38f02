/**
 * The worker's readers of CUR files picked in the pane (File / Blob): the engine's own pure
 * readers (openParquet, openCsvRecords) over the file in slices, never the whole file in memory.
 * Parquet: hyparquet reads byte ranges through `Blob.slice`; CSV and CSV.gz: `Blob.stream()`
 * chunks, gunzipped by fflate and parsed by csv-parse, as the command line does.
 */
import { Gunzip } from 'fflate';
import type { AsyncBuffer, Compressors } from 'hyparquet';
import { inputError } from '../../core/preview/dialects';
import { openCsvRecords, openParquet, type LineItemSource, type OpenOptions } from '../../core/preview/source';
import { CUR_EXTENSIONS } from './protocol';

/**
 * csv-parse's parsing core (`new Parser(options).api`, in its Node and its browser build): bytes
 * in, records pushed synchronously, an error returned. Used without the stream wrapper so that a
 * chunk's records are all out before the next chunk is read (the wrapper emits them on later ticks).
 */
export interface CsvChunkParser {
  parse(
    chunk: Uint8Array | undefined,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): Error | undefined;
}

export interface Readers {
  /** csv-parse's core with the command line's options (`{ bom: true }`). */
  readonly csvParser: () => CsvChunkParser;
  readonly compressors: Compressors;
}

/**
 * How far the readers are through the files, in bytes, for the progress bar's percent: the files
 * (and passes) finished, plus the furthest byte of the file being read. A Parquet reader reads only
 * some columns' byte ranges, so it is where it reads, not how much, that says how far it is.
 */
export class ByteCounter {
  private finished = 0;
  private position = 0;
  get read(): number {
    return this.finished + this.position;
  }
  /** The reader reached byte `offset` of the current file. */
  reach(offset: number): void {
    if (offset > this.position) this.position = offset;
  }
  /** A pass over a file begins (what was read before, a header or a footer, is not progress). */
  begin(): void {
    this.position = 0;
  }
  /** A pass over a file of `size` bytes is done. */
  end(size: number): void {
    this.finished += size;
    this.position = 0;
  }
}

/** A Blob as hyparquet's AsyncBuffer: each range sliced on demand. */
export function blobBuffer(blob: Blob, counter: ByteCounter): AsyncBuffer {
  return {
    byteLength: blob.size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const buffer = await blob.slice(start, end ?? blob.size).arrayBuffer();
      counter.reach(start + buffer.byteLength);
      return buffer;
    },
  };
}

/**
 * The CSV records of a blob, chunk by chunk: a chunk's records are handed on before the next
 * chunk is read, so memory holds one chunk and its records.
 */
export function blobCsvRecords(
  blob: Blob,
  name: string,
  readers: Readers,
  counter: ByteCounter,
): AsyncIterable<string[]> {
  return {
    async *[Symbol.asyncIterator]() {
      const gz = name.toLowerCase().endsWith('.gz');
      const parser = readers.csvParser();
      let records: string[][] = [];
      const push = (record: string[]): void => {
        records.push(record);
      };
      const close = (): void => undefined;
      const parse = (chunk: Uint8Array | undefined, end: boolean): void => {
        const error = parser.parse(chunk, end, push, close);
        if (error !== undefined) throw error;
      };
      const gunzip = gz ? new Gunzip((data) => parse(data, false)) : null;
      const reader = blob.stream().getReader();
      let position = 0;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          try {
            if (done) {
              gunzip?.push(new Uint8Array(0), true);
              parse(undefined, true);
            } else {
              position += value.byteLength;
              counter.reach(position);
              if (gunzip === null) parse(value, false);
              else gunzip.push(value);
            }
          } catch (e) {
            throw inputError('cur-unreadable', { file: name, reason: describe(e, gz) });
          }
          const out = records;
          records = [];
          yield* out;
          if (done) return;
        }
      } finally {
        // The header look stops early: stop reading the file too.
        await reader.cancel().catch(() => undefined);
      }
    },
  };
}

function describe(e: unknown, gz: boolean): string {
  const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  if (gz && !code.startsWith('CSV_')) return `it is not a valid gzip file (${message})`;
  return `it is not valid CSV (${message})`;
}

/** Opens one picked file by its name's extension. */
export async function openBlob(
  blob: Blob,
  name: string,
  options: OpenOptions,
  readers: Readers,
  counter: ByteCounter,
): Promise<LineItemSource> {
  const lower = name.toLowerCase();
  let source: LineItemSource;
  if (lower.endsWith('.parquet')) source = await openParquet(options, blobBuffer(blob, counter), readers.compressors);
  else if (lower.endsWith('.csv') || lower.endsWith('.csv.gz'))
    source = await openCsvRecords(options, () => blobCsvRecords(blob, name, readers, counter));
  else
    throw inputError('cur-unreadable', {
      file: name,
      reason: `its name does not end in ${CUR_EXTENSIONS.join(', ')}; pick the CUR export's own files`,
    });
  const batches = source.batches.bind(source);
  return {
    ...source,
    async *batches() {
      counter.begin();
      yield* batches();
      counter.end(blob.size);
    },
  };
}
