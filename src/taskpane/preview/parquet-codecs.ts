/**
 * The Parquet codecs of the Preview tab's worker: hyparquet-compressors' JavaScript decoders
 * without its SNAPPY. That one (hysnappy) compiles WebAssembly as soon as it is loaded, which the
 * pane's Content-Security-Policy refuses (script-src has no 'wasm-unsafe-eval'; a worker is held
 * to the policy its own response carries), so the package's index is not imported at all and
 * SNAPPY, AWS's codec for CUR Parquet, is left to hyparquet's own JavaScript decoder. The command
 * line keeps the WebAssembly one.
 */
import { decompress as decompressZstd } from 'fzstd';
import type { Compressors } from 'hyparquet';
import { decompressBrotli } from 'hyparquet-compressors/src/brotli.js';
import { gunzip } from 'hyparquet-compressors/src/gzip.js';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js';

export const PANE_CODECS: Compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input) => decompressZstd(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};
