import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetScan, parquetSchema, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { getSchemaPath } from 'hyparquet/src/schema.js';
import { Dictionaries } from '../../../src/core/preview/batch';
import { planColumns } from '../../../src/core/preview/dialects';
import { decodeFlatChunk, type EncodedColumn } from '../../../src/core/preview/parquet-pages';
import { openParquet } from '../../../src/core/preview/source';

// Written by DuckDB 1.5 (version 1 data pages, dictionary and plain, nulls, a list column); made
// by this project with the COPY statement in test/fixtures/parquet/README.md.
const DUCKDB_FILE = join(__dirname, '../../fixtures/parquet/duckdb-pages.parquet');

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function perRow(column: EncodedColumn): unknown[] {
  return Array.from(column.index, (i) => (i < 0 ? null : column.values[i]));
}

/** Every top-level column of every row group: the page decoder's values (or null) and hyparquet's. */
async function decodeAll(
  buffer: ArrayBuffer,
): Promise<{ column: string; group: number; decoded: EncodedColumn | null; expected: unknown[] }[]> {
  const metadata: FileMetaData = parquetMetadata(buffer);
  const top = parquetSchema(metadata).children.map((child) => child.element.name);
  const scan = await parquetScan({ file: buffer, metadata, compressors });
  const out = [];
  let start = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    const rows = Number(group.num_rows);
    for (const column of top) {
      const chunk = group.columns.find((c) => c.meta_data!.path_in_schema[0] === column)!.meta_data!;
      const first = Number(chunk.dictionary_page_offset || chunk.data_page_offset);
      const bytes = new Uint8Array(buffer.slice(first, first + Number(chunk.total_compressed_size)));
      const decoded = decodeFlatChunk(bytes, chunk, getSchemaPath(metadata.schema, [column]), rows, compressors);
      const expected = Array.from(await scan.readColumn({ column, rowStart: start, rowEnd: start + rows }));
      out.push({ column, group: g, decoded, expected });
    }
    start += rows;
  }
  return out;
}

describe('decodeFlatChunk: Parquet pages to distinct values and an index', () => {
  test('a DuckDB file (version 1 pages): every flat column equals what hyparquet reads, row by row', async () => {
    const buffer = toArrayBuffer(readFileSync(DUCKDB_FILE));
    const results = await decodeAll(buffer);
    expect(results.length).toBe(9 * 2);
    for (const { column, decoded, expected } of results) {
      if (column === 'l') {
        // A list: not flat, left to hyparquet.
        expect(decoded).toBeNull();
        continue;
      }
      expect({ column, decoded: decoded === null ? null : 'decoded' }).toEqual({ column, decoded: 'decoded' });
      expect(perRow(decoded!)).toEqual(expected);
    }
    // Nulls stay nulls, and dictionary pages are not expanded per row.
    const dict = results.find((r) => r.column === 's_dict' && r.group === 0)!.decoded!;
    expect(dict.values.length).toBe(3);
    expect(dict.index[0]).toBe(-1);
    expect(perRow(dict).slice(0, 4)).toEqual([null, 'S3', 'RDS', 'EC2']);
    const instants = results.find((r) => r.column === 'ts' && r.group === 0)!.decoded!;
    expect(instants.values.length).toBe(24);
    expect(perRow(instants)[1]).toEqual(new Date('2025-06-01T01:00:00Z'));
    // A plain page: one value per non-null row (every fifth row is null).
    const plain = results.find((r) => r.column === 'd' && r.group === 0)!.decoded!;
    const rows = plain.index.length;
    expect(plain.values.length).toBe(rows - Math.ceil(rows / 5));
    expect(perRow(plain).slice(0, 3)).toEqual([null, 0.01, 0.02]);
  });

  test('a hyparquet-writer file (version 2 pages, several pages per chunk, required and optional columns)', async () => {
    const rows = 2500;
    const strings = Array.from({ length: rows }, (_, i) => (i % 9 === 0 ? null : `account-${i % 5}`));
    const unique = Array.from({ length: rows }, (_, i) =>
      i % 4 === 0 ? null : `line item ${i} ${'x'.repeat(i % 17)}`,
    );
    const doubles = Array.from({ length: rows }, (_, i) => (i % 6 === 0 ? null : i / 8 - 100));
    const times = Array.from({ length: rows }, (_, i) =>
      i % 10 === 0 ? null : new Date(Date.UTC(2025, 5, 1, i % 24)),
    );
    const required = Array.from({ length: rows }, (_, i) => `r${i % 3}`);
    const written = parquetWriteBuffer({
      columnData: [
        { name: 'strings', data: strings, type: 'STRING' },
        { name: 'unique', data: unique, type: 'STRING' },
        { name: 'doubles', data: doubles, type: 'DOUBLE' },
        { name: 'times', data: times, type: 'TIMESTAMP' },
        { name: 'required', data: required, type: 'STRING', nullable: false },
      ],
      rowGroupSize: 1000,
      pageSize: 2000,
    });
    const results = await decodeAll(written);
    expect(results.length).toBe(5 * 3);
    for (const { column, decoded, expected } of results) {
      expect({ column, decoded: decoded === null ? null : 'decoded' }).toEqual({ column, decoded: 'decoded' });
      expect(perRow(decoded!)).toEqual(expected);
    }
    const all = (column: string): unknown[] => results.filter((r) => r.column === column).flatMap((r) => r.expected);
    expect(all('strings')).toEqual(strings);
    expect(all('doubles')).toEqual(doubles);
    expect(all('required')).toEqual(required);
  });

  test('a chunk cut short or corrupt is refused, not half decoded', async () => {
    const buffer = toArrayBuffer(readFileSync(DUCKDB_FILE));
    const metadata = parquetMetadata(buffer);
    const chunk = metadata.row_groups[0]!.columns[0]!.meta_data!;
    const first = Number(chunk.dictionary_page_offset || chunk.data_page_offset);
    const bytes = new Uint8Array(buffer.slice(first, first + Number(chunk.total_compressed_size)));
    const path = getSchemaPath(metadata.schema, ['s_dict']);
    const rows = Number(metadata.row_groups[0]!.num_rows);
    // More rows asked than the chunk holds: null (the caller then reads through hyparquet).
    expect(decodeFlatChunk(bytes, chunk, path, rows + 1, compressors)).toBeNull();
    // Only the dictionary page: no data page for the rows.
    const dictionaryOnly = bytes.subarray(0, Number(chunk.data_page_offset) - first);
    expect(decodeFlatChunk(dictionaryOnly, chunk, path, rows, compressors)).toBeNull();
  });
});

describe('openParquet reads through the page decoder', () => {
  test('batches of a Parquet CUR hold its rows: nulls as blanks and zero costs, one batch per row group', async () => {
    const rows = 3000;
    const written = parquetWriteBuffer({
      columnData: [
        {
          name: 'line_item_usage_account_id',
          data: Array.from({ length: rows }, (_, i) => `00000000000${i % 3}`),
          type: 'STRING',
        },
        {
          name: 'line_item_unblended_cost',
          data: Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : i / 100)),
          type: 'DOUBLE',
        },
        {
          name: 'line_item_line_item_type',
          data: Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? null : 'Usage')),
          type: 'STRING',
        },
      ],
      rowGroupSize: 1024,
    });
    const dictionaries = new Dictionaries();
    const source = await openParquet(
      { file: 'x.parquet', columns: ['usageAccountId', 'unblendedCost', 'lineItemType'], dictionaries },
      written,
      compressors,
    );
    const lengths: number[] = [];
    let units = 0;
    const types: number[] = [];
    for await (const batch of source.batches()) {
      lengths.push(batch.length);
      for (const v of batch.money.unblendedCost!) units += v;
      types.push(...batch.text.lineItemType!);
    }
    expect(lengths).toEqual([1024, 1024, 952]);
    let expected = 0;
    for (let i = 0; i < rows; i++) if (i % 7 !== 0) expected += Math.round((i / 100) * 1e10);
    expect(units).toBe(expected);
    expect(types.filter((c) => c === 0).length).toBe(600); // null: the blank value
    expect(dictionaries.values('lineItemType')).toEqual(['', 'Usage']);
    // planColumns is the same plan either way: only the three source columns are read.
    expect(
      planColumns({
        file: 'x.parquet',
        header: ['line_item_usage_account_id', 'line_item_unblended_cost', 'line_item_line_item_type'],
        wanted: ['usageAccountId', 'unblendedCost', 'lineItemType'],
        required: ['usageAccountId', 'unblendedCost'],
        dictionaries,
      }).sourceColumns,
    ).toHaveLength(3);
  });
});
