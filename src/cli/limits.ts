/**
 * The command line's limits on what it reads, checked before the work is done (from the ZIP
 * headers, then while inflating and scanning the XML, since headers lie). Each is far above a
 * real enrollment workbook — a 50,000-account workbook has about 210,000 cells, a 10 MB sheet
 * part and 6 MB of shared strings — and low enough that no file makes a command use more than
 * 1 GB of memory. docs/cli.md states them; crossing one is exit 2 with one line naming the limit
 * and the part (`LimitError` in container.ts).
 */

const MiB = 1024 * 1024;

export const LIMITS = {
  /** The uncompressed size of any one part of the package. */
  partBytes: 128 * MiB,
  /** The uncompressed size of all parts together. */
  totalBytes: 256 * MiB,
  /** Entries in the package (Excel writes a few dozen). */
  entries: 10_000,
  /** Depth of elements in any XML part read (Excel's deepest is about a dozen). */
  xmlDepth: 100,
  /** Cells with content in all sheets together (Excel's `<c>` elements). */
  cells: 1_000_000,
  /** Entries of the shared strings table. */
  sharedStrings: 1_000_000,
  /** Merged ranges in all sheets together. */
  merges: 100_000,
  /** Excel's own grid: rows and columns past these are refused, not iterated. */
  rows: 1_048_576,
  columns: 16_384,
} as const;

export type LimitName = keyof typeof LIMITS;

/** Sizes as people read them: 1.5 GiB, 128 MiB, 900 KiB, 12 bytes. */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [1024 * MiB, 'GiB'],
    [MiB, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  }
  return `${n} bytes`;
}

/** Counts with thousands separators (1,048,576), the way the messages print limits. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');
