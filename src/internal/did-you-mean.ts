// "Did you mean …?" suggestions: CPython 3.14's suggestion rule, ported exactly, plus one documented ts314 fallback.

/**
 * With this many candidates or more CPython offers nothing (`MAX_CANDIDATE_ITEMS` in
 * Python/suggestions.c, tested as `len >= 750`): past that a guess costs more than it helps.
 */
export const MAX_CANDIDATE_ITEMS = 750;

/**
 * CPython compares at most this many UTF-8 bytes once the common prefix and suffix are trimmed
 * (`MAX_STRING_SIZE`); longer differences count as too far, which bounds the quadratic work.
 */
const MAX_STRING_SIZE = 40;

/** Cost of inserting, deleting or replacing one byte (`MOVE_COST`): costs are doubled so a case flip can cost half. */
const MOVE_COST = 2;

/** Cost of replacing an ASCII letter with the same letter in the other case (`CASE_COST`). */
const CASE_COST = 1;

const encoder = new TextEncoder();
const LONE_SURROGATE = /\p{Cs}/u;

/** Lower-cases an ASCII letter byte; every other byte is its own "case", as in C's suggestions.c. */
function asciiLower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

function substitutionCost(a: number, b: number): number {
  if (a === b) return 0;
  return asciiLower(a) === asciiLower(b) ? CASE_COST : MOVE_COST;
}

/**
 * CPython's `levenshtein_distance` over UTF-8 bytes: insertions, deletions and substitutions cost
 * `MOVE_COST` (2), an ASCII case flip `CASE_COST` (1); a transposition is two edits. Returns
 * `maxCost + 1` as soon as the result is known to exceed `maxCost`, and for differences longer
 * than `MAX_STRING_SIZE` bytes after trimming the common prefix and suffix.
 */
function levenshteinDistance(a: Uint8Array, b: Uint8Array, maxCost: number): number {
  let aStart = 0;
  let bStart = 0;
  let aEnd = a.length;
  let bEnd = b.length;
  while (aStart < aEnd && bStart < bEnd && a[aStart] === b[bStart]) {
    aStart++;
    bStart++;
  }
  while (aStart < aEnd && bStart < bEnd && a[aEnd - 1] === b[bEnd - 1]) {
    aEnd--;
    bEnd--;
  }
  let short = a.subarray(aStart, aEnd);
  let long = b.subarray(bStart, bEnd);
  if (short.length === 0 || long.length === 0) return (short.length + long.length) * MOVE_COST;
  if (short.length > MAX_STRING_SIZE || long.length > MAX_STRING_SIZE) return maxCost + 1;
  if (long.length < short.length) [short, long] = [long, short];
  if ((long.length - short.length) * MOVE_COST > maxCost) return maxCost + 1;
  // One row of the matrix, updated in place: row[i] is cost(long[:j], short[:i + 1]).
  const row = Array.from({ length: short.length }, (_, i) => (i + 1) * MOVE_COST);
  let result = 0;
  for (let j = 0; j < long.length; j++) {
    const code = long[j]!;
    let distance = j * MOVE_COST;
    result = distance;
    let minimum = Infinity;
    for (let i = 0; i < short.length; i++) {
      const substitute = distance + substitutionCost(code, short[i]!);
      distance = row[i]!;
      result = Math.min(Math.min(result, distance) + MOVE_COST, substitute);
      row[i] = result;
      if (result < minimum) minimum = result;
    }
    // Every path through this row is already too expensive.
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/**
 * CPython's edit cost between two strings (`_Py_UTF8_Edit_Cost`), in its units: 2 per inserted,
 * deleted or replaced UTF-8 byte, 1 per ASCII case flip. Without `maxCost` the exact cost, as long
 * as no more than `MAX_STRING_SIZE` bytes differ after trimming (else `maxCost + 1`, as in CPython).
 * @example
 * editCost('ket', 'key'); // 2: one substitution
 * editCost('Info', 'info'); // 1: one case flip
 */
export function editCost(a: string, b: string, maxCost?: number): number {
  const aBytes = encoder.encode(a);
  const bBytes = encoder.encode(b);
  return levenshteinDistance(aBytes, bBytes, maxCost ?? MOVE_COST * Math.max(aBytes.length, bBytes.length));
}

/**
 * CPython 3.14's suggestion, exactly: what `_suggestions._generate_suggestions(candidates, name)`
 * returns (the routine behind `traceback._compute_suggestion_error` and every "Did you mean" in
 * CPython's tracebacks). Each candidate other than `name` itself may be at most
 * `(bytes(name) + bytes(candidate) + 3) * MOVE_COST // 6` away; the closest wins, ties go to the
 * earlier candidate. `undefined` for 750 candidates or more, and when any string holds a lone
 * surrogate (CPython cannot encode it to UTF-8 and offers nothing).
 * @example
 * cpythonSuggestion('jsn', ['json', 'help']); // 'json'
 * cpythonSuggestion('jsno', ['json']); // undefined: a swapped pair costs 4, the limit here is 3
 */
export function cpythonSuggestion(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length >= MAX_CANDIDATE_ITEMS) return undefined;
  if (LONE_SURROGATE.test(name)) return undefined;
  const nameBytes = encoder.encode(name);
  let suggestion: string | undefined;
  let suggestionDistance = Number.MAX_SAFE_INTEGER;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (LONE_SURROGATE.test(candidate)) return undefined;
    const bytes = encoder.encode(candidate);
    const maxDistance = Math.min(Math.floor(((nameBytes.length + bytes.length + 3) * MOVE_COST) / 6), suggestionDistance - 1);
    const distance = levenshteinDistance(nameBytes, bytes, maxDistance);
    if (distance > maxDistance) continue;
    suggestion = candidate;
    suggestionDistance = distance;
  }
  return suggestion;
}

/**
 * The candidate `name` most plausibly mistypes, or undefined. Three layers, in order:
 * 1. `name` itself when it is a candidate (an exact name is not a typo);
 * 2. CPython 3.14's rule ({@link cpythonSuggestion});
 * 3. ts314's fallback when CPython finds nothing: the one candidate equal to `name` ignoring
 *    letter case (`toLowerCase`), so `UUID` still finds `uuid` and `MAXWORKERS` `maxWorkers`,
 *    which CPython's per-letter case cost puts out of reach.
 * @example
 * closestMatch('jsn', ['json', 'help']); // 'json'
 * closestMatch('JSON', ['json', 'help']); // 'json', from the fallback
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.includes(name)) return name;
  const suggestion = cpythonSuggestion(name, list);
  if (suggestion !== undefined) return suggestion;
  const folded = name.toLowerCase();
  const sameLetters = [...new Set(list.filter((c) => c.toLowerCase() === folded))];
  return sameLetters.length === 1 ? sameLetters[0] : undefined;
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
