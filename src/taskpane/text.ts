/** Small English helpers for what the pane writes. */

/** `3 accounts`, `1 account`; `plural` for words whose plural is not word + s. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A cell as people and the command line write it: `Accounts!C3`. */
export const cellName = (sheet: string, cell: string): string => `${sheet}!${cell}`;
