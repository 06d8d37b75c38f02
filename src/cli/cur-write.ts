/**
 * Files of generated CURs, in every dialect: CSV and CSV.gz streamed to disk, and Parquet through hyparquet-writer (money and numbers as DOUBLE and instants as
 * TIMESTAMP, as the Athena integration writes them; CUR 2.0's maps as JSON columns). For large
 * benchmark files the benchmark converts CSV.gz to Parquet with DuckDB instead.
 */
import { once } from 'node:events';
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import type { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer/src/types';
import { athenaName, COLUMN_IDS, kindOf, LINE_ITEM_COLUMNS, type Dialect } from '../core/preview/columns';
import type { GeneratedRow } from '../core/preview/generator';
import { dialectHeader, dialectValues } from '../core/preview/generator-dialects';

const field = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Writes rows as CSV (gzipped when `gzip`, by Node's zlib: writing is a Node-side tool, and
 * zlib's native deflate is several times faster than a JavaScript one); returns the rows written.
 */
export async function writeCurCsv(
  path: string,
  dialect: Dialect,
  rows: Iterable<GeneratedRow>,
  gzip: boolean,
): Promise<number> {
  const file = createWriteStream(path);
  const out: Writable = gzip ? createGzip({ level: 1 }) : file;
  const done = gzip ? pipeline(out as Transform, file) : null;
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let written = 0;
  let buffer = dialectHeader(dialect).map(field).join(',') + '\n';
  for (const row of rows) {
    const values = dialectValues(row, dialect);
    if (values === null) continue;
    buffer += values.map(field).join(',') + '\n';
    written++;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  out.end();
  if (done !== null) await done;
  else await once(file, 'finish');
  return written;
}

/** The Parquet type of a dialect column: by the model column it feeds. */
function typeOf(name: string): 'DOUBLE' | 'STRING' | 'TIMESTAMP' | 'JSON' {
  if (name === 'product' || name === 'discount') return 'JSON';
  const column = COLUMN_IDS.find((c) => {
    const cur = LINE_ITEM_COLUMNS[c].cur;
    return cur !== null && athenaName(cur) === name;
  });
  if (column === undefined) return 'STRING';
  const kind = kindOf(column);
  return kind === 'money' || kind === 'number' ? 'DOUBLE' : kind === 'time' ? 'TIMESTAMP' : 'STRING';
}

/** Writes rows as Parquet (Athena or CUR 2.0 names); small and medium files (all in memory). */
export function writeCurParquet(
  path: string,
  dialect: 'cur-athena' | 'cur2',
  rows: Iterable<GeneratedRow>,
  rowGroupSize = 10_000,
): number {
  const header = dialectHeader(dialect);
  const types = header.map(typeOf);
  const data: unknown[][] = header.map(() => []);
  let written = 0;
  for (const row of rows) {
    const values = dialectValues(row, dialect);
    if (values === null) continue;
    values.forEach((v, i) => {
      const type = types[i]!;
      data[i]!.push(
        v === ''
          ? null
          : type === 'DOUBLE'
            ? Number(v)
            : type === 'TIMESTAMP'
              ? new Date(v)
              : type === 'JSON'
                ? (JSON.parse(v) as unknown)
                : v,
      );
    });
    written++;
  }
  const columnData = header.map((name, i): ColumnSource => ({ name, data: data[i]!, type: types[i]!, nullable: true }));
  const buffer = parquetWriteBuffer({ columnData, rowGroupSize });
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, new Uint8Array(buffer));
  } finally {
    closeSync(fd);
  }
  return written;
}
