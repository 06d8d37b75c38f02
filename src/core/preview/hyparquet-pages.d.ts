// Types of hyparquet's page-level modules, which its package exports as `hyparquet/src/*.js`
// (their own .d.ts files sit under types/, which this project's "node" module resolution does
// not map). Only what parquet-pages.ts calls.
declare module 'hyparquet/src/column.js' {
  import type { DataReader } from 'hyparquet';
  export function parquetHeader(reader: DataReader): import('hyparquet/src/types.js').PageHeader;
}
declare module 'hyparquet/src/datapage.js' {
  import type { CompressionCodec, Compressors } from 'hyparquet';
  import type { ColumnDecoder, DataPage, PageHeader } from 'hyparquet/src/types.js';
  export function decompressPage(
    compressedBytes: Uint8Array,
    uncompressedPageSize: number,
    codec: CompressionCodec,
    compressors: Compressors | undefined,
  ): Uint8Array;
  export function readDataPageV2(compressedBytes: Uint8Array, ph: PageHeader, columnDecoder: ColumnDecoder): DataPage;
}
declare module 'hyparquet/src/encoding.js' {
  import type { DataReader } from 'hyparquet';
  import type { DecodedArray } from 'hyparquet/src/types.js';
  export function readRleBitPackedHybrid(
    reader: DataReader,
    width: number,
    output: DecodedArray,
    length?: number,
  ): void;
}
declare module 'hyparquet/src/plain.js' {
  import type { DataReader, ParquetType } from 'hyparquet';
  import type { DecodedArray } from 'hyparquet/src/types.js';
  export function readPlain(
    reader: DataReader,
    type: ParquetType,
    count: number,
    fixedLength: number | undefined,
  ): DecodedArray;
}
declare module 'hyparquet/src/convert.js' {
  import type { ColumnDecoder, DecodedArray, ParquetParsers } from 'hyparquet/src/types.js';
  export const DEFAULT_PARSERS: ParquetParsers;
  export function convert(data: DecodedArray, columnDecoder: ColumnDecoder): DecodedArray;
}
declare module 'hyparquet/src/schema.js' {
  import type { SchemaElement, SchemaTree } from 'hyparquet';
  export function getSchemaPath(schema: SchemaElement[], name: string[]): SchemaTree[];
}
