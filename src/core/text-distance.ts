/**
 * Edit distance, for "did you mean" suggestions on headers, fields, sheets and rule ids. Capped:
 * a suggestion is a courtesy, so a row of 16,384 headers of 32,767 characters each (which took
 * minutes, the distance being quadratic in the lengths) costs no more than a real header row.
 */

/** Candidates looked at, at most (the first ones, in the order given). */
export const MAX_CANDIDATES = 200;
/** Longer strings are neither suggested nor compared (the longest header, field or rule id has 23). */
export const MAX_CANDIDATE_LENGTH = 100;

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `target` (both compared as given), if it is close enough to be a
 * plausible typo: within a third of the longer one's length, or one containing the other. Only
 * the first `MAX_CANDIDATES` non-empty candidates of at most `MAX_CANDIDATE_LENGTH` characters
 * are considered, and none when the target itself is longer.
 */
export function nearest(target: string, candidates: Iterable<string>): string | null {
  if (target.length > MAX_CANDIDATE_LENGTH) return null;
  let best: string | null = null;
  let bestScore = Infinity;
  let looked = 0;
  for (const c of candidates) {
    if (c === '' || c.length > MAX_CANDIDATE_LENGTH) continue;
    if (++looked > MAX_CANDIDATES) break;
    const d = editDistance(target, c);
    const limit = Math.max(2, Math.floor(Math.max(target.length, c.length) / 3));
    const contains = target.length >= 4 && c.length >= 4 && (c.includes(target) || target.includes(c));
    const score = contains ? Math.min(d, limit) : d;
    if ((d <= limit || contains) && score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
