/**
 * The worker's Parquet codecs (parquet-codecs.ts): no WebAssembly, which the pane's policy
 * refuses, and the same rows as the command line's codecs on a DuckDB-written (SNAPPY) file and
 * on one written with each other codec.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { PANE_CODECS } from '../../../src/taskpane/preview/parquet-codecs';

const DUCKDB_FILE = join(__dirname, '../../fixtures/parquet/duckdb-pages.parquet');

const bufferOf = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

test('leaves SNAPPY to hyparquet (no hysnappy WebAssembly) and keeps the other codecs', () => {
  expect(Object.keys(PANE_CODECS).sort()).toEqual(['BROTLI', 'GZIP', 'LZ4', 'LZ4_RAW', 'ZSTD']);
  expect(compressors.SNAPPY).toBeDefined(); // what the command line uses instead
});

test('reads a DuckDB-written SNAPPY file as the command line does', async () => {
  const file = bufferOf(readFileSync(DUCKDB_FILE));
  const codecs = parquetMetadata(file).row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec));
  expect(new Set(codecs)).toEqual(new Set(['SNAPPY']));
  const pane = await parquetReadObjects({ file, compressors: PANE_CODECS });
  const cli = await parquetReadObjects({ file, compressors });
  expect(pane).toHaveLength(3000);
  expect(pane).toEqual(cli);
});

test('reads a GZIP file as the command line does', async () => {
  const columnData = [
    { name: 'service', data: ['AmazonEC2', 'AmazonS3', null, 'AmazonEC2'], type: 'STRING' as const },
    { name: 'cost', data: [1.5, 0.25, 3, -2], type: 'DOUBLE' as const },
  ];
  // Node's zlib writes the file; the pane only reads.
  const file = parquetWriteBuffer({
    columnData,
    codec: 'GZIP',
    compressors: { GZIP: (b) => new Uint8Array(gzipSync(b)) },
  });
  const pane = await parquetReadObjects({ file, compressors: PANE_CODECS });
  expect(pane).toEqual(await parquetReadObjects({ file, compressors }));
  expect(pane[1]).toEqual({ service: 'AmazonS3', cost: 0.25 });
});
