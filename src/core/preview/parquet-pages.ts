/**
 * A column chunk of a flat Parquet column decoded page by page into dictionary indices, not into
 * one JavaScript value per row. hyparquet's column reader materialises every row as an element of
 * a generic array (nulls spliced in by its list assembler, numbers boxed), which was two thirds
 * of the preview's time and most of its garbage; a CUR's text columns are dictionary-encoded with
 * a handful of distinct values per row group, so the batch builder converts each distinct value
 * once and gathers by index. The pages are parsed with hyparquet's own exported page functions
 * (`hyparquet/src/*.js`: page header, decompression, RLE, plain values, type conversion), so the
 * values are exactly what hyparquet gives; anything else (nested columns, encodings other than
 * PLAIN and dictionary) returns null and the caller reads the chunk through hyparquet.
 */
import type { ColumnMetaData, Compressors, DataReader, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import type { ColumnDecoder, DecodedArray } from 'hyparquet/src/types.js';

/** A column's values for one row group: the distinct values, and per row an index into them. */
export interface EncodedColumn {
  /** The dictionary page's values, then each plain page's values, converted as hyparquet does. */
  readonly values: ArrayLike<unknown>;
  /** Per row: an index into `values`, or -1 for null. */
  readonly index: Int32Array;
}

export function isEncodedColumn(raw: unknown): raw is EncodedColumn {
  return typeof raw === 'object' && raw !== null && (raw as Partial<EncodedColumn>).index instanceof Int32Array;
}

const TYPES = new Set(['BYTE_ARRAY', 'DOUBLE', 'FLOAT', 'INT32', 'INT64', 'BOOLEAN']);

/**
 * Decodes one column chunk (`bytes`: from its first page to its end) of `rows` rows, or returns
 * null when the chunk is not a flat column of PLAIN or dictionary-encoded pages.
 */
export function decodeFlatChunk(
  bytes: Uint8Array,
  meta: ColumnMetaData,
  schemaPath: readonly SchemaTree[],
  rows: number,
  compressors: Compressors | undefined,
): EncodedColumn | null {
  const leaf = schemaPath[schemaPath.length - 1];
  // Root and one leaf: a top-level column that is neither a list, a map nor a struct.
  if (schemaPath.length !== 2 || leaf === undefined || leaf.children.length > 0) return null;
  const { element } = leaf;
  if (!TYPES.has(meta.type) || element.repetition_type === 'REPEATED') return null;
  const optional = element.repetition_type !== 'REQUIRED';
  const decoder: ColumnDecoder = {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element,
    schemaPath: [...schemaPath],
    codec: meta.codec,
    parsers: DEFAULT_PARSERS,
    ...(compressors === undefined ? {} : { compressors }),
  };
  const reader: DataReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const index = new Int32Array(rows);
  const parts: DecodedArray[] = [];
  let count = 0; // values in parts so far
  let dictionaryStart = -1;
  let row = 0;
  let defs = new Int32Array(0);
  let keys = new Int32Array(0);
  while (row < rows && reader.offset < bytes.byteLength) {
    const header = parquetHeader(reader);
    const compressed = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const dph = header.dictionary_page_header;
      if (dph === undefined) return null;
      const page = decompressPage(compressed, Number(header.uncompressed_page_size), meta.codec, compressors);
      const pageReader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
      const dictionary = convert(readPlain(pageReader, meta.type, dph.num_values, element.type_length), decoder);
      dictionaryStart = count;
      parts.push(dictionary);
      count += dictionary.length;
      continue;
    }
    let n: number;
    let present: Int32Array | null; // definition levels; null when every value is there
    let encoding: string;
    let valuesOf: (nonNull: number) => DecodedArray | 'keys' | null;
    if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header;
      if (daph === undefined) return null;
      n = daph.num_values;
      encoding = daph.encoding;
      const page = decompressPage(compressed, Number(header.uncompressed_page_size), meta.codec, compressors);
      const pageReader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
      present = null;
      if (optional) {
        if (daph.definition_level_encoding !== 'RLE') return null;
        if (defs.length < n) defs = new Int32Array(n);
        const levels = defs.subarray(0, n);
        readRleBitPackedHybrid(pageReader, 1, levels);
        present = levels;
      }
      valuesOf = (nonNull) => {
        if (encoding === 'PLAIN') return readPlain(pageReader, meta.type, nonNull, element.type_length);
        if (meta.type === 'BOOLEAN') return null;
        if (keys.length < nonNull) keys = new Int32Array(nonNull);
        const width = pageReader.view.getUint8(pageReader.offset++);
        const out = keys.subarray(0, nonNull);
        if (width === 0) out.fill(0);
        else readRleBitPackedHybrid(pageReader, width, out, page.byteLength - pageReader.offset);
        return 'keys';
      };
    } else if (header.type === 'DATA_PAGE_V2') {
      const daph = header.data_page_header_v2;
      if (daph === undefined) return null;
      n = daph.num_values;
      encoding = daph.encoding;
      const page = readDataPageV2(compressed, header, decoder);
      present = page.definitionLevels?.length ? Int32Array.from(page.definitionLevels) : null;
      valuesOf = () => {
        if (encoding === 'PLAIN') return page.dataPage;
        keys = Int32Array.from(page.dataPage as ArrayLike<number>);
        return 'keys';
      };
    } else return null;
    const dictionaryEncoded = encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY';
    if (!dictionaryEncoded && encoding !== 'PLAIN') return null;
    if (dictionaryEncoded && dictionaryStart < 0) return null;
    if (row + n > rows) return null;
    let nonNull = n;
    if (present !== null) for (let i = 0; i < n; i++) if (present[i] !== 1) nonNull--;
    const values = valuesOf(nonNull);
    if (values === null) return null;
    // Dictionary keys point into the dictionary part; a plain page's values become a part.
    let base: number;
    let gather: Int32Array | null;
    if (values === 'keys') {
      base = dictionaryStart;
      gather = keys;
    } else {
      const converted = convert(values, decoder);
      if (converted.length !== nonNull) return null;
      base = count;
      gather = null;
      parts.push(converted);
      count += nonNull;
    }
    if (gather === null) scatterPlain(index, row, n, present, base);
    else scatterKeys(index, row, n, present, base, gather);
    row += n;
  }
  if (row !== rows) return null;
  return { values: parts.length === 1 ? parts[0]! : parts.flatMap((p) => Array.from(p as ArrayLike<unknown>)), index };
}

// The two scatter loops are apart so that each stays monomorphic (typed arrays only).

/** Rows `row`..`row + n` of a plain page: the k-th present value is `base + k`. */
function scatterPlain(index: Int32Array, row: number, n: number, present: Int32Array | null, base: number): void {
  if (present === null) {
    for (let i = 0; i < n; i++) index[row + i] = base + i;
    return;
  }
  let k = base;
  for (let i = 0; i < n; i++) index[row + i] = present[i] === 1 ? k++ : -1;
}

/** Rows of a dictionary-encoded page: the k-th present value is `base + keys[k]`. */
function scatterKeys(
  index: Int32Array,
  row: number,
  n: number,
  present: Int32Array | null,
  base: number,
  keys: Int32Array,
): void {
  if (present === null) {
    for (let i = 0; i < n; i++) index[row + i] = base + keys[i]!;
    return;
  }
  let k = 0;
  for (let i = 0; i < n; i++) index[row + i] = present[i] === 1 ? base + keys[k++]! : -1;
}
