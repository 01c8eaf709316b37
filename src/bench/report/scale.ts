// Linear and logarithmic axes for the report's SVG charts: value → pixel, and readable tick values.

export interface Scale {
  (value: number): number;
  readonly ticks: readonly number[];
}

/** Round tick steps (1, 2, 5 × 10^n) giving about `count` ticks over [min, max]. */
function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Maps [domainMin, domainMax] linearly onto [rangeFrom, rangeTo] (pixels; rangeTo < rangeFrom for y). */
export function linearScale(domainMin: number, domainMax: number, rangeFrom: number, rangeTo: number, tickCount = 5): Scale {
  const span = domainMax - domainMin || 1;
  const scale = ((value: number) => rangeFrom + ((value - domainMin) / span) * (rangeTo - rangeFrom)) as Scale;
  return Object.assign(scale, { ticks: niceTicks(domainMin, domainMax, tickCount) });
}

/** Maps positive values on a log10 axis; ticks at powers of ten (and ×2, ×5 when the span is short). */
export function logScale(domainMin: number, domainMax: number, rangeFrom: number, rangeTo: number): Scale {
  const lo = Math.log10(domainMin);
  const hi = Math.log10(domainMax);
  const span = hi - lo || 1;
  const scale = ((value: number) => rangeFrom + ((Math.log10(value) - lo) / span) * (rangeTo - rangeFrom)) as Scale;
  const ticks: number[] = [];
  const multipliers = hi - lo <= 2 ? [1, 2, 5] : [1];
  for (let p = Math.floor(lo); p <= Math.ceil(hi); p++) {
    for (const m of multipliers) {
      const v = m * 10 ** p;
      if (v >= domainMin * 0.999 && v <= domainMax * 1.001) ticks.push(Number(v.toPrecision(12)));
    }
  }
  return Object.assign(scale, { ticks });
}

/** [min, max] of some positive values widened by `pad` (a factor) on each side, for a log axis. */
export function logDomain(values: readonly number[], pad = 1.5): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return [min / pad, max * pad];
}
