/** A file as hyparquet's AsyncBuffer (for the CUR readers and their worker threads). */
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AsyncBuffer } from 'hyparquet';

/**
 * A Parquet file as hyparquet's AsyncBuffer: byte ranges read on demand, so only the footer and
 * the projected column chunks of one row group are in memory at a time. (hyparquet's own
 * asyncBufferFromFile does the same, but its types sit behind a "node" export condition that
 * this project's module resolution does not read.)
 */
export async function fileBuffer(path: string): Promise<AsyncBuffer> {
  const { size } = statSync(path);
  return {
    byteLength: size,
    // Opened per range, so no file handle outlives the read.
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = end ?? size;
      const buffer = new Uint8Array(stop - start);
      const handle = await open(path, 'r');
      try {
        let offset = 0;
        while (offset < buffer.length) {
          const { bytesRead } = await handle.read(buffer, offset, buffer.length - offset, start + offset);
          if (bytesRead === 0) break;
          offset += bytesRead;
        }
      } finally {
        await handle.close();
      }
      return buffer.buffer;
    },
  };
}
