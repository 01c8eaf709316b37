// Number formatting for the report: durations in the unit that suits them, counts and ratios at a readable precision.

/** Significant digits shown: enough to compare rows, no more than the noise of a benchmark supports. */
const SIGNIFICANT = 3;

function sig(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const digits = Math.max(0, SIGNIFICANT - 1 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(Math.min(digits, 6));
}

/** A duration given in milliseconds, shown in s, ms, µs or ns. */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 1000) return `${sig(ms / 1000)} s`;
  if (abs >= 1) return `${sig(ms)} ms`;
  if (abs >= 0.001) return `${sig(ms * 1000)} µs`;
  return `${sig(ms * 1e6)} ns`;
}

/** Operations per second with a k/M/G suffix. */
export function rate(perSecond: number): string {
  if (perSecond >= 1e9) return `${sig(perSecond / 1e9)} G`;
  if (perSecond >= 1e6) return `${sig(perSecond / 1e6)} M`;
  if (perSecond >= 1e3) return `${sig(perSecond / 1e3)} k`;
  return sig(perSecond);
}

/** A plain number at 3 significant digits (integers in full). */
export function number(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en') : sig(value);
}

/** A ratio such as a speed-up: `1.93×`. */
export function times(value: number): string {
  return `${sig(value)}×`;
}

/** A fraction as a percentage: `96%`. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(0)}%`;
}

/** Bytes in KiB/MiB/GiB. */
export function bytes(value: number): string {
  if (value >= 2 ** 30) return `${sig(value / 2 ** 30)} GiB`;
  if (value >= 2 ** 20) return `${sig(value / 2 ** 20)} MiB`;
  if (value >= 2 ** 10) return `${sig(value / 2 ** 10)} KiB`;
  return `${value} B`;
}
