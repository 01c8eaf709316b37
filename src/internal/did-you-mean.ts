// "Did you mean …?" suggestions for mistyped names, in the spirit of Python 3.14's error messages.

/** Above this many candidates CPython stops suggesting (its MAX_CANDIDATE_ITEMS): the search would cost more than it helps. */
const MAX_CANDIDATES = 750;

/** Names longer than this are compared only by prefix, as CPython does (its MAX_STRING_SIZE), to bound the quadratic cost. */
const MAX_NAME_LENGTH = 40;

/**
 * Optimal-string-alignment distance; a case-only difference costs half an edit (CPython's CASE_COST),
 * so `Info` is closer to `info` than `into` is.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows are enough for insert/delete/substitute plus the one-step transposition.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cb = b[j - 1]!;
      const substitution = ca === cb ? 0 : ca.toLowerCase() === cb.toLowerCase() ? 0.5 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/**
 * CPython's rule of thumb: a suggestion may be at most (len(a) + len(b) + 3) / 6 edits away, so short
 * names tolerate one typo and longer ones proportionally more; a one-letter name gets no guess at all.
 */
function maxDistance(name: string, candidate: string): number {
  return (name.length + candidate.length + 3) / 6;
}

/**
 * The candidate closest to `name`, or undefined when none is close enough to be a plausible typo.
 * Like CPython's suggestion engine, the allowed distance grows with the length of the names; a
 * case-insensitive match always wins, and a unique prefix of at least three characters counts.
 * @example
 * closestMatch('jsno', ['json', 'help']); // 'json'
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.includes(name)) return name;
  if (list.length === 0 || list.length > MAX_CANDIDATES) return undefined;
  const folded = name.toLowerCase();
  const sameLetters = list.filter((c) => c.toLowerCase() === folded);
  if (sameLetters.length === 1) return sameLetters[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  if (name.length <= MAX_NAME_LENGTH) {
    for (const candidate of list) {
      if (candidate.length > MAX_NAME_LENGTH) continue;
      const distance = editDistance(name, candidate);
      if (distance <= maxDistance(name, candidate) && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
  }
  if (best !== undefined) return best;
  // A mistyped name is often a prefix of the right one (`--iter` for `--iterations`).
  const prefixed = list.filter((c) => name.length >= 3 && c.toLowerCase().startsWith(folded));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/**
 * " Did you mean 'x'?" or an empty string: ready to append to an error message.
 * @example
 * throw new Error(`unknown codec '${name}'.${didYouMean(name, ['zstd', 'gzip'])}`);
 */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closestMatch(name, candidates);
  return match === undefined || match === name ? '' : ` Did you mean '${match}'?`;
}
