/** A1 references: column letters and zero-based coordinates. */

export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `a1(0, 0)` is `A1`: zero-based row and column to an A1 reference. */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export interface CellRef {
  readonly row: number;
  readonly col: number;
}

/** Parses `B7` to zero-based { row: 6, col: 1 }; `$` signs are allowed; null when not a reference. */
export function parseA1(ref: string): CellRef | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  const letters = m[1]!.toUpperCase();
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1) return null;
  return { row: row - 1, col: col - 1 };
}

export interface RangeRef {
  readonly start: CellRef;
  readonly end: CellRef;
}

/** Parses `B3:C7` (or a single cell) to a normalised zero-based range. */
export function parseRange(ref: string): RangeRef | null {
  const [a, b] = ref.split(':');
  const start = parseA1(a ?? '');
  const end = b === undefined ? start : parseA1(b);
  if (!start || !end) return null;
  return {
    start: { row: Math.min(start.row, end.row), col: Math.min(start.col, end.col) },
    end: { row: Math.max(start.row, end.row), col: Math.max(start.col, end.col) },
  };
}
