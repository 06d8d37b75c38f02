/**
 * The command line's readers of CUR files: Parquet through hyparquet (with
 * hyparquet-compressors for gzip, zstd, brotli and lz4 pages), CSV and CSV.gz streamed through
 * csv-parse, gunzipped by fflate (the same code a browser worker can run).
 */
import { createReadStream, statSync } from 'node:fs';
import { Transform, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { Gunzip } from 'fflate';
import { parquetMetadataAsync } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { inputError } from '../core/preview/dialects';
import { openCsvRecords, openParquet, type LineItemSource, type OpenOptions } from '../core/preview/source';
import { fileBuffer } from './file-buffer';
import { parallelParquet, readerThreads } from './preview-parallel';

/** A Node transform over fflate's streaming gunzip. */
export function gunzipStream(): Transform {
  const gunzip = new Gunzip();
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        gunzip.push(chunk);
        done();
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
      }
    },
    flush(done) {
      try {
        gunzip.push(new Uint8Array(0), true);
        done();
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
      }
    },
  });
  gunzip.ondata = (data) => {
    stream.push(data);
  };
  return stream;
}

/** The CSV records of a file, gunzipped when it ends in .gz. Errors name the file. */
export function csvRecords(path: string): AsyncIterable<string[]> {
  // Only bom: relax_column_count and skip_empty_lines make csv-parse three times slower (measured).
  const parser = parse({ bom: true });
  const source = createReadStream(path);
  if (path.toLowerCase().endsWith('.gz')) pipeline(source, gunzipStream(), parser, () => undefined);
  else pipeline(source, parser, () => undefined);
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const record of parser) yield record as string[];
      } catch (e) {
        throw inputError('cur-unreadable', { file: path, reason: describeReadError(e, path) });
      } finally {
        source.destroy();
      }
    },
  };
}

function describeReadError(e: unknown, path: string): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  if (code === 'ENOENT') return 'there is no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES') return 'permission denied';
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (path.toLowerCase().endsWith('.gz') && !code.startsWith('CSV_')) return `it is not a valid gzip file (${message})`;
  return `it is not valid CSV (${message})`;
}

export const CUR_EXTENSIONS = ['.parquet', '.csv', '.csv.gz'];

/** Opens one CUR file by its extension. */
export async function openCurFile(path: string, options: OpenOptions): Promise<LineItemSource> {
  const lower = path.toLowerCase();
  try {
    if (statSync(path).isDirectory()) throw inputError('cur-unreadable', { file: path, reason: 'it is a folder' });
  } catch (e) {
    if (e instanceof Error && 'note' in e) throw e;
    throw inputError('cur-unreadable', { file: path, reason: describeReadError(e, path) });
  }
  if (lower.endsWith('.parquet')) {
    const buffer = await fileBuffer(path);
    const source = await openParquet(options, buffer, compressors);
    // Several row groups and cores: decoded in worker threads (preview-parallel.ts).
    const metadata = await parquetMetadataAsync(buffer);
    const threads = readerThreads(metadata.row_groups.length);
    return threads > 1 ? parallelParquet(path, options, source, metadata, threads) : source;
  }
  if (lower.endsWith('.csv') || lower.endsWith('.csv.gz')) return openCsvRecords(options, () => csvRecords(path));
  throw inputError('cur-unreadable', {
    file: path,
    reason: `its name does not end in ${CUR_EXTENSIONS.join(', ')}; give the CUR export's own files`,
  });
}
