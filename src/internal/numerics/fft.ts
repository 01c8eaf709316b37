// The FFT of any length: mixed-radix Cooley-Tukey for smooth lengths, Bluestein's algorithm for large prime factors.

/**
 * The largest prime factor done by a direct DFT inside the mixed-radix plan. Above it a factor p
 * costs n·p, more than Bluestein's three power-of-two transforms of ≥ 2n − 1 points.
 */
export const BLUESTEIN_ABOVE = 61;

/** n's prime factors, fours first (radix-4 butterflies), then ascending. */
function factorize(n: number): number[] {
  const factors: number[] = [];
  let rest = n;
  while (rest % 4 === 0) {
    factors.push(4);
    rest /= 4;
  }
  for (let p = 2; rest > 1; p++) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
    if (p * p > rest && rest > 1) {
      factors.push(rest);
      rest = 1;
    }
  }
  return factors;
}

const C5_1 = Math.cos((2 * Math.PI) / 5);
const C5_2 = Math.cos((4 * Math.PI) / 5);
const S5_1 = Math.sin((2 * Math.PI) / 5);
const S5_2 = Math.sin((4 * Math.PI) / 5);

/**
 * A forward discrete Fourier transform of any length, planned once: mixed-radix Cooley-Tukey
 * (radix 4, 2 and 5 butterflies, any other prime factor p up to BLUESTEIN_ABOVE by a direct DFT of
 * size p, so cost is O(n · Σ factors)); a length with a larger prime factor goes through Bluestein's
 * chirp-z transform on a power-of-two plan, O(n log n). n = 2000 = 4·4·5·5·5 needs no padding.
 * X[k] = Σ x[j]·e^(−2πi·jk/n), as numpy.fft.fft (whose pocketfft rounds differently in the last bits).
 * @example
 * const plan = new FftPlan(2000);
 * plan.transform(re, im, outRe, outIm);
 */
export class FftPlan {
  readonly n: number;
  readonly #factors: number[];
  readonly #twRe: Float64Array;
  readonly #twIm: Float64Array;
  readonly #sumRe: Float64Array;
  readonly #sumIm: Float64Array;
  readonly #tRe: Float64Array;
  readonly #tIm: Float64Array;
  readonly #bluestein: Bluestein | undefined;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`FftPlan: n must be a whole number of at least 1, got ${n}`);
    this.n = n;
    const factors = factorize(n);
    const largest = Math.max(1, ...factors);
    if (largest > BLUESTEIN_ABOVE) {
      this.#factors = [];
      this.#bluestein = new Bluestein(n);
      this.#twRe = this.#twIm = this.#sumRe = this.#sumIm = this.#tRe = this.#tIm = new Float64Array(0);
      return;
    }
    this.#factors = factors;
    this.#twRe = new Float64Array(n);
    this.#twIm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const angle = (2 * Math.PI * j) / n;
      this.#twRe[j] = Math.cos(angle);
      this.#twIm[j] = -Math.sin(angle);
    }
    this.#sumRe = new Float64Array(largest);
    this.#sumIm = new Float64Array(largest);
    this.#tRe = new Float64Array(largest);
    this.#tIm = new Float64Array(largest);
  }

  /** Writes the transform of (inRe, inIm) into (outRe, outIm); the inputs are not changed. */
  transform(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    if (inRe.length < this.n || inIm.length < this.n || outRe.length < this.n || outIm.length < this.n) {
      throw new RangeError(`FftPlan.transform: every array needs ${this.n} elements`);
    }
    if (this.#bluestein) this.#bluestein.transform(inRe, inIm, outRe, outIm);
    else this.#pass(inRe, inIm, 0, 1, outRe, outIm, 0, this.n, 0);
  }

  #pass(
    inRe: Float64Array,
    inIm: Float64Array,
    inOff: number,
    stride: number,
    outRe: Float64Array,
    outIm: Float64Array,
    outOff: number,
    n: number,
    fi: number,
  ): void {
    if (n === 1) {
      outRe[outOff] = inRe[inOff]!;
      outIm[outOff] = inIm[inOff]!;
      return;
    }
    const p = this.#factors[fi]!;
    const m = n / p;
    if (m === 1) {
      // Last stage: the size-1 sub-transforms are the inputs themselves; copy instead of recursing.
      for (let q = 0; q < p; q++) {
        outRe[outOff + q] = inRe[inOff + q * stride]!;
        outIm[outOff + q] = inIm[inOff + q * stride]!;
      }
    } else {
      for (let q = 0; q < p; q++) this.#pass(inRe, inIm, inOff + q * stride, stride * p, outRe, outIm, outOff + q * m, m, fi + 1);
    }
    const twRe = this.#twRe;
    const twIm = this.#twIm;
    const step = this.n / n;
    if (p === 4) {
      for (let k = 0; k < m; k++) {
        const i0 = outOff + k,
          i1 = i0 + m,
          i2 = i1 + m,
          i3 = i2 + m;
        const w1 = k * step,
          w2 = 2 * w1,
          w3 = 3 * w1;
        const a0r = outRe[i0]!,
          a0i = outIm[i0]!;
        const a1r = outRe[i1]! * twRe[w1]! - outIm[i1]! * twIm[w1]!,
          a1i = outRe[i1]! * twIm[w1]! + outIm[i1]! * twRe[w1]!;
        const a2r = outRe[i2]! * twRe[w2]! - outIm[i2]! * twIm[w2]!,
          a2i = outRe[i2]! * twIm[w2]! + outIm[i2]! * twRe[w2]!;
        const a3r = outRe[i3]! * twRe[w3]! - outIm[i3]! * twIm[w3]!,
          a3i = outRe[i3]! * twIm[w3]! + outIm[i3]! * twRe[w3]!;
        const s02r = a0r + a2r,
          s02i = a0i + a2i,
          d02r = a0r - a2r,
          d02i = a0i - a2i;
        const s13r = a1r + a3r,
          s13i = a1i + a3i,
          d13r = a1r - a3r,
          d13i = a1i - a3i;
        outRe[i0] = s02r + s13r;
        outIm[i0] = s02i + s13i;
        // Forward transform: W4 = −i, so −i·(a1 − a3) = (d13i, −d13r).
        outRe[i1] = d02r + d13i;
        outIm[i1] = d02i - d13r;
        outRe[i2] = s02r - s13r;
        outIm[i2] = s02i - s13i;
        outRe[i3] = d02r - d13i;
        outIm[i3] = d02i + d13r;
      }
      return;
    }
    if (p === 2) {
      for (let k = 0; k < m; k++) {
        const i0 = outOff + k,
          i1 = i0 + m;
        const w = k * step;
        const br = outRe[i1]! * twRe[w]! - outIm[i1]! * twIm[w]!,
          bi = outRe[i1]! * twIm[w]! + outIm[i1]! * twRe[w]!;
        const ar = outRe[i0]!,
          ai = outIm[i0]!;
        outRe[i0] = ar + br;
        outIm[i0] = ai + bi;
        outRe[i1] = ar - br;
        outIm[i1] = ai - bi;
      }
      return;
    }
    if (p === 5) {
      for (let k = 0; k < m; k++) {
        const i0 = outOff + k,
          i1 = i0 + m,
          i2 = i1 + m,
          i3 = i2 + m,
          i4 = i3 + m;
        const w1 = k * step,
          w2 = 2 * w1,
          w3 = 3 * w1,
          w4 = 4 * w1;
        const a0r = outRe[i0]!,
          a0i = outIm[i0]!;
        const a1r = outRe[i1]! * twRe[w1]! - outIm[i1]! * twIm[w1]!,
          a1i = outRe[i1]! * twIm[w1]! + outIm[i1]! * twRe[w1]!;
        const a2r = outRe[i2]! * twRe[w2]! - outIm[i2]! * twIm[w2]!,
          a2i = outRe[i2]! * twIm[w2]! + outIm[i2]! * twRe[w2]!;
        const a3r = outRe[i3]! * twRe[w3]! - outIm[i3]! * twIm[w3]!,
          a3i = outRe[i3]! * twIm[w3]! + outIm[i3]! * twRe[w3]!;
        const a4r = outRe[i4]! * twRe[w4]! - outIm[i4]! * twIm[w4]!,
          a4i = outRe[i4]! * twIm[w4]! + outIm[i4]! * twRe[w4]!;
        const b1r = a1r + a4r,
          b1i = a1i + a4i,
          d1r = a1r - a4r,
          d1i = a1i - a4i;
        const b2r = a2r + a3r,
          b2i = a2i + a3i,
          d2r = a2r - a3r,
          d2i = a2i - a3i;
        const t1r = a0r + C5_1 * b1r + C5_2 * b2r,
          t1i = a0i + C5_1 * b1i + C5_2 * b2i;
        const t2r = a0r + C5_2 * b1r + C5_1 * b2r,
          t2i = a0i + C5_2 * b1i + C5_1 * b2i;
        const er = S5_1 * d1r + S5_2 * d2r,
          ei = S5_1 * d1i + S5_2 * d2i;
        const fr = S5_2 * d1r - S5_1 * d2r,
          fi2 = S5_2 * d1i - S5_1 * d2i;
        outRe[i0] = a0r + b1r + b2r;
        outIm[i0] = a0i + b1i + b2i;
        // X1 = t1 − i·e, X4 = t1 + i·e, X2 = t2 − i·f, X3 = t2 + i·f (forward: W5 = e^(−2πi/5)).
        outRe[i1] = t1r + ei;
        outIm[i1] = t1i - er;
        outRe[i4] = t1r - ei;
        outIm[i4] = t1i + er;
        outRe[i2] = t2r + fi2;
        outIm[i2] = t2i - fr;
        outRe[i3] = t2r - fi2;
        outIm[i3] = t2i + fr;
      }
      return;
    }
    // Any other radix: twiddle the p inputs, then a direct DFT of size p (W_p^j = W_N^(j·N/p)).
    const tRe = this.#tRe,
      tIm = this.#tIm,
      sRe = this.#sumRe,
      sIm = this.#sumIm;
    const rootStep = this.n / p;
    for (let k = 0; k < m; k++) {
      for (let q = 0; q < p; q++) {
        const i = outOff + q * m + k;
        const w = q * k * step;
        tRe[q] = outRe[i]! * twRe[w]! - outIm[i]! * twIm[w]!;
        tIm[q] = outRe[i]! * twIm[w]! + outIm[i]! * twRe[w]!;
      }
      for (let r = 0; r < p; r++) {
        let accRe = 0;
        let accIm = 0;
        for (let q = 0; q < p; q++) {
          const w = ((q * r) % p) * rootStep;
          accRe += tRe[q]! * twRe[w]! - tIm[q]! * twIm[w]!;
          accIm += tRe[q]! * twIm[w]! + tIm[q]! * twRe[w]!;
        }
        sRe[r] = accRe;
        sIm[r] = accIm;
      }
      for (let r = 0; r < p; r++) {
        outRe[outOff + r * m + k] = sRe[r]!;
        outIm[outOff + r * m + k] = sIm[r]!;
      }
    }
  }
}

/**
 * Bluestein's chirp-z transform: X[k] = w̄[k] · Σ_j (x[j] w̄[j]) · w[k − j] with w[j] = e^(iπj²/n),
 * a convolution done with power-of-two FFTs of m ≥ 2n − 1 points.
 */
class Bluestein {
  readonly #n: number;
  readonly #m: number;
  readonly #inner: FftPlan;
  /** e^(−iπj²/n), j < n. */
  readonly #chirpRe: Float64Array;
  readonly #chirpIm: Float64Array;
  /** FFT of the conjugate chirp, wrapped around to length m. */
  readonly #kernelRe: Float64Array;
  readonly #kernelIm: Float64Array;
  readonly #aRe: Float64Array;
  readonly #aIm: Float64Array;
  readonly #bRe: Float64Array;
  readonly #bIm: Float64Array;

  constructor(n: number) {
    this.#n = n;
    let m = 1;
    while (m < 2 * n - 1) m *= 2;
    this.#m = m;
    this.#inner = new FftPlan(m);
    this.#chirpRe = new Float64Array(n);
    this.#chirpIm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      // j² mod 2n keeps the angle small, so cos/sin stay exact to the last bits for large j.
      const angle = (Math.PI * ((j * j) % (2 * n))) / n;
      this.#chirpRe[j] = Math.cos(angle);
      this.#chirpIm[j] = -Math.sin(angle);
    }
    const re = new Float64Array(m);
    const im = new Float64Array(m);
    re[0] = this.#chirpRe[0]!;
    im[0] = -this.#chirpIm[0]!;
    for (let j = 1; j < n; j++) {
      re[j] = re[m - j] = this.#chirpRe[j]!;
      im[j] = im[m - j] = -this.#chirpIm[j]!;
    }
    this.#kernelRe = new Float64Array(m);
    this.#kernelIm = new Float64Array(m);
    this.#inner.transform(re, im, this.#kernelRe, this.#kernelIm);
    this.#aRe = new Float64Array(m);
    this.#aIm = new Float64Array(m);
    this.#bRe = new Float64Array(m);
    this.#bIm = new Float64Array(m);
  }

  transform(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.#n;
    const m = this.#m;
    const aRe = this.#aRe,
      aIm = this.#aIm,
      bRe = this.#bRe,
      bIm = this.#bIm,
      cRe = this.#chirpRe,
      cIm = this.#chirpIm;
    for (let j = 0; j < n; j++) {
      aRe[j] = inRe[j]! * cRe[j]! - inIm[j]! * cIm[j]!;
      aIm[j] = inRe[j]! * cIm[j]! + inIm[j]! * cRe[j]!;
    }
    aRe.fill(0, n);
    aIm.fill(0, n);
    this.#inner.transform(aRe, aIm, bRe, bIm);
    // Pointwise product, conjugated so the next forward transform is an inverse one (conj ∘ fft ∘ conj).
    const kRe = this.#kernelRe,
      kIm = this.#kernelIm;
    for (let j = 0; j < m; j++) {
      const r = bRe[j]! * kRe[j]! - bIm[j]! * kIm[j]!;
      const i = bRe[j]! * kIm[j]! + bIm[j]! * kRe[j]!;
      bRe[j] = r;
      bIm[j] = -i;
    }
    this.#inner.transform(bRe, bIm, aRe, aIm);
    for (let k = 0; k < n; k++) {
      const r = aRe[k]! / m;
      const i = -aIm[k]! / m;
      outRe[k] = r * cRe[k]! - i * cIm[k]!;
      outIm[k] = r * cIm[k]! + i * cRe[k]!;
    }
  }
}

/**
 * The forward transform of a real series, bins 0 … ⌊n/2⌋ (the rest are their conjugates). An even
 * n packs the series into n/2 complex points (x[2j] + i·x[2j+1]), transforms those with a plan of
 * half the length and untangles the even and odd halves, X[k] = E[k] + e^(−2πik/n)·O[k]: half the
 * work of a complex transform with a zero imaginary part. An odd n takes that complex transform.
 * @example
 * const plan = new RealFftPlan(2000);
 * plan.transform(temperatures, re, im); // re, im: ≥ 1001 elements
 */
export class RealFftPlan {
  readonly n: number;
  /** Bins written by transform(): 0 … ⌊n/2⌋. */
  readonly bins: number;
  readonly #half: FftPlan | undefined;
  readonly #full: FftPlan | undefined;
  readonly #packedRe: Float64Array;
  readonly #packedIm: Float64Array;
  readonly #zRe: Float64Array;
  readonly #zIm: Float64Array;
  /** cos(2πk/n) and −sin(2πk/n), k ≤ n/2. */
  readonly #wRe: Float64Array;
  readonly #wIm: Float64Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`RealFftPlan: n must be a whole number of at least 1, got ${n}`);
    this.n = n;
    this.bins = Math.floor(n / 2) + 1;
    if (n % 2 === 1) {
      this.#full = new FftPlan(n);
      this.#packedRe = new Float64Array(0);
      this.#packedIm = new Float64Array(n);
      this.#zRe = new Float64Array(n);
      this.#zIm = new Float64Array(n);
      this.#wRe = this.#wIm = new Float64Array(0);
      return;
    }
    const half = n / 2;
    this.#half = new FftPlan(half);
    this.#packedRe = new Float64Array(half);
    this.#packedIm = new Float64Array(half);
    this.#zRe = new Float64Array(half);
    this.#zIm = new Float64Array(half);
    this.#wRe = new Float64Array(half + 1);
    this.#wIm = new Float64Array(half + 1);
    for (let k = 0; k <= half; k++) {
      const angle = (2 * Math.PI * k) / n;
      this.#wRe[k] = Math.cos(angle);
      this.#wIm[k] = -Math.sin(angle);
    }
  }

  /** Writes bins 0 … ⌊n/2⌋ of the transform of x[0 … n) into (outRe, outIm); x is not changed. */
  transform(x: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.n;
    if (x.length < n || outRe.length < this.bins || outIm.length < this.bins) {
      throw new RangeError(`RealFftPlan.transform: the series needs ${n} elements and each output ${this.bins}`);
    }
    if (this.#full) {
      const zRe = this.#zRe;
      const zIm = this.#zIm;
      this.#full.transform(x, this.#packedIm, zRe, zIm);
      for (let k = 0; k < this.bins; k++) {
        outRe[k] = zRe[k]!;
        outIm[k] = zIm[k]!;
      }
      return;
    }
    const half = n / 2;
    const pRe = this.#packedRe;
    const pIm = this.#packedIm;
    for (let j = 0; j < half; j++) {
      pRe[j] = x[2 * j]!;
      pIm[j] = x[2 * j + 1]!;
    }
    const zRe = this.#zRe;
    const zIm = this.#zIm;
    this.#half!.transform(pRe, pIm, zRe, zIm);
    const wRe = this.#wRe;
    const wIm = this.#wIm;
    for (let k = 0; k <= half; k++) {
      // Z[k] and conj(Z[half − k]) (Z[half] is Z[0]) give E[k] = (Z[k] + conj Z[half−k]) / 2 and
      // O[k] = (Z[k] − conj Z[half−k]) / 2i.
      const a = zRe[k === half ? 0 : k]!;
      const b = zIm[k === half ? 0 : k]!;
      const c = zRe[k === 0 ? 0 : half - k]!;
      const d = zIm[k === 0 ? 0 : half - k]!;
      const eRe = (a + c) * 0.5;
      const eIm = (b - d) * 0.5;
      const oRe = (b + d) * 0.5;
      const oIm = (c - a) * 0.5;
      outRe[k] = eRe + wRe[k]! * oRe - wIm[k]! * oIm;
      outIm[k] = eIm + wRe[k]! * oIm + wIm[k]! * oRe;
    }
  }
}
