// "Did you mean …?" suggestions for mistyped names, in the spirit of Python 3.14's error messages.

/** Optimal-string-alignment distance; a case-only difference costs less than a real substitution. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i]![0] = i;
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const ca = a[i - 1]!;
      const cb = b[j - 1]!;
      const substitution = ca === cb ? 0 : ca.toLowerCase() === cb.toLowerCase() ? 0.5 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + substitution);
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `name`, or undefined when none is close enough to be a plausible typo.
 * Like CPython's suggestion engine, the allowed distance grows with the length of the name.
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const maxDistance = Math.max(1, Math.floor((name.length + 2) / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) return candidate;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= maxDistance) return best;
  // A mistyped name is often a prefix of the right one (`--iter` for `--iterations`).
  const prefixed = [...candidates].filter((c) => name.length >= 3 && c.startsWith(name));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** " Did you mean 'x'?" or an empty string: ready to append to an error message. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closestMatch(name, candidates);
  return match === undefined || match === name ? '' : ` Did you mean '${match}'?`;
}

/**
 * Rejects option keys a function does not know, suggesting the intended one:
 * `new InterpreterPoolExecutor({ maxWorker: 2 })` → "unknown option 'maxWorker'. Did you mean 'maxWorkers'?".
 */
export function checkOptionKeys(
  options: object | undefined,
  known: readonly string[],
  where: string,
  ErrorClass: new (message: string) => Error = TypeError,
): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object') {
    throw new ErrorClass(`${where}: options must be an object, got ${typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const hint = didYouMean(key, known) || ` Valid options: ${known.join(', ')}.`;
      throw new ErrorClass(`${where}: unknown option '${key}'.${hint}`);
    }
  }
}
