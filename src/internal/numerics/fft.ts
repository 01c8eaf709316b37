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
 * One pass of the plan: radix p over l1 interleaved sequences of p·ido points each. Its twiddles
 * e^(−2πi·m·l1·i/n), m = 1 … p−1, i < ido, lie at [(m − 1)·ido + i], in the order the pass reads them.
 */
interface Stage {
  readonly p: number;
  readonly l1: number;
  readonly ido: number;
  readonly twRe: Float64Array;
  readonly twIm: Float64Array;
}

/**
 * A forward discrete Fourier transform of any length, planned once: mixed-radix Cooley-Tukey
 * (radix 4, 2 and 5 butterflies, any other prime factor p up to BLUESTEIN_ABOVE by a direct DFT of
 * size p, so cost is O(n · Σ factors)); a length with a larger prime factor goes through Bluestein's
 * chirp-z transform on a power-of-two plan, O(n log n). n = 2000 = 4·4·5·5·5 needs no padding.
 * The passes run one after another over the whole series (Stockham's self-sorting order, as
 * pocketfft's): no recursion, no bit reversal, each pass's twiddles read in sequence.
 * X[k] = Σ x[j]·e^(−2πi·jk/n), as numpy.fft.fft (whose pocketfft rounds differently in the last bits).
 * @example
 * const plan = new FftPlan(2000);
 * plan.transform(re, im, outRe, outIm);
 */
export class FftPlan {
  readonly n: number;
  readonly #stages: Stage[];
  /** e^(−2πi·j/n), j < n: the roots a direct DFT of a generic radix takes its powers from. */
  readonly #rootRe: Float64Array;
  readonly #rootIm: Float64Array;
  /** Ping-pong buffers between passes. */
  readonly #bufRe: [Float64Array, Float64Array];
  readonly #bufIm: [Float64Array, Float64Array];
  readonly #sumRe: Float64Array;
  readonly #sumIm: Float64Array;
  readonly #bluestein: Bluestein | undefined;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`FftPlan: n must be a whole number of at least 1, got ${n}`);
    this.n = n;
    const factors = factorize(n);
    const largest = Math.max(1, ...factors);
    if (largest > BLUESTEIN_ABOVE) {
      this.#stages = [];
      this.#bluestein = new Bluestein(n);
      this.#rootRe = this.#rootIm = this.#sumRe = this.#sumIm = new Float64Array(0);
      this.#bufRe = this.#bufIm = [this.#rootRe, this.#rootRe];
      return;
    }
    this.#rootRe = new Float64Array(n);
    this.#rootIm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const angle = (2 * Math.PI * j) / n;
      this.#rootRe[j] = Math.cos(angle);
      this.#rootIm[j] = -Math.sin(angle);
    }
    this.#stages = [];
    let l1 = 1;
    for (const p of factors) {
      const ido = n / (l1 * p);
      const twRe = new Float64Array((p - 1) * ido);
      const twIm = new Float64Array((p - 1) * ido);
      for (let m = 1; m < p; m++) {
        for (let i = 0; i < ido; i++) {
          twRe[(m - 1) * ido + i] = this.#rootRe[m * l1 * i]!;
          twIm[(m - 1) * ido + i] = this.#rootIm[m * l1 * i]!;
        }
      }
      this.#stages.push({ p, l1, ido, twRe, twIm });
      l1 *= p;
    }
    this.#bufRe = [new Float64Array(n), new Float64Array(n)];
    this.#bufIm = [new Float64Array(n), new Float64Array(n)];
    this.#sumRe = new Float64Array(largest);
    this.#sumIm = new Float64Array(largest);
  }

  /** Writes the transform of (inRe, inIm) into (outRe, outIm); the inputs are not changed. */
  transform(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    if (inRe.length < this.n || inIm.length < this.n || outRe.length < this.n || outIm.length < this.n) {
      throw new RangeError(`FftPlan.transform: every array needs ${this.n} elements`);
    }
    if (this.#bluestein) {
      this.#bluestein.transform(inRe, inIm, outRe, outIm);
      return;
    }
    const stages = this.#stages;
    if (stages.length === 0) {
      outRe[0] = inRe[0]!;
      outIm[0] = inIm[0]!;
      return;
    }
    let fromRe = inRe;
    let fromIm = inIm;
    for (let s = 0; s < stages.length; s++) {
      const last = s === stages.length - 1;
      const toRe = last ? outRe : this.#bufRe[s & 1]!;
      const toIm = last ? outIm : this.#bufIm[s & 1]!;
      const stage = stages[s]!;
      if (stage.p === 4) radix4(stage, fromRe, fromIm, toRe, toIm);
      else if (stage.p === 2) radix2(stage, fromRe, fromIm, toRe, toIm);
      else if (stage.p === 5) radix5(stage, fromRe, fromIm, toRe, toIm);
      else this.#radixAny(stage, fromRe, fromIm, toRe, toIm);
      fromRe = toRe;
      fromIm = toIm;
    }
  }

  /** Any other radix: a direct DFT of size p per butterfly (W_p^j = W_n^(j·n/p)), then the twiddles. */
  #radixAny(stage: Stage, aRe: Float64Array, aIm: Float64Array, bRe: Float64Array, bIm: Float64Array): void {
    const { p, l1, ido, twRe, twIm } = stage;
    const rootRe = this.#rootRe;
    const rootIm = this.#rootIm;
    const sRe = this.#sumRe;
    const sIm = this.#sumIm;
    const rootStep = this.n / p;
    const outStride = ido * l1;
    for (let k = 0; k < l1; k++) {
      for (let i = 0; i < ido; i++) {
        const src = i + ido * p * k;
        for (let r = 0; r < p; r++) {
          let accRe = 0;
          let accIm = 0;
          for (let q = 0; q < p; q++) {
            const w = ((q * r) % p) * rootStep;
            const xr = aRe[src + q * ido]!;
            const xi = aIm[src + q * ido]!;
            accRe += xr * rootRe[w]! - xi * rootIm[w]!;
            accIm += xr * rootIm[w]! + xi * rootRe[w]!;
          }
          sRe[r] = accRe;
          sIm[r] = accIm;
        }
        const dst = i + ido * k;
        bRe[dst] = sRe[0]!;
        bIm[dst] = sIm[0]!;
        for (let r = 1; r < p; r++) {
          const wr = twRe[(r - 1) * ido + i]!;
          const wi = twIm[(r - 1) * ido + i]!;
          bRe[dst + r * outStride] = sRe[r]! * wr - sIm[r]! * wi;
          bIm[dst + r * outStride] = sRe[r]! * wi + sIm[r]! * wr;
        }
      }
    }
  }
}

// The butterflies read a[i + ido·(j + p·k)] (input j of butterfly (i, k)) and write output m,
// twiddled, to b[i + ido·(k + l1·m)]: Stockham's order, so the last pass leaves X in natural order.

function radix2(stage: Stage, aRe: Float64Array, aIm: Float64Array, bRe: Float64Array, bIm: Float64Array): void {
  const { l1, ido, twRe, twIm } = stage;
  const outStride = ido * l1;
  for (let k = 0; k < l1; k++) {
    for (let i = 0; i < ido; i++) {
      const src = i + 2 * ido * k;
      const dst = i + ido * k;
      const x0r = aRe[src]!,
        x0i = aIm[src]!,
        x1r = aRe[src + ido]!,
        x1i = aIm[src + ido]!;
      bRe[dst] = x0r + x1r;
      bIm[dst] = x0i + x1i;
      const yr = x0r - x1r,
        yi = x0i - x1i;
      const wr = twRe[i]!,
        wi = twIm[i]!;
      bRe[dst + outStride] = yr * wr - yi * wi;
      bIm[dst + outStride] = yr * wi + yi * wr;
    }
  }
}

function radix4(stage: Stage, aRe: Float64Array, aIm: Float64Array, bRe: Float64Array, bIm: Float64Array): void {
  const { l1, ido, twRe, twIm } = stage;
  const outStride = ido * l1;
  for (let k = 0; k < l1; k++) {
    for (let i = 0; i < ido; i++) {
      const src = i + 4 * ido * k;
      const dst = i + ido * k;
      const x0r = aRe[src]!,
        x0i = aIm[src]!,
        x1r = aRe[src + ido]!,
        x1i = aIm[src + ido]!,
        x2r = aRe[src + 2 * ido]!,
        x2i = aIm[src + 2 * ido]!,
        x3r = aRe[src + 3 * ido]!,
        x3i = aIm[src + 3 * ido]!;
      const s02r = x0r + x2r,
        s02i = x0i + x2i,
        d02r = x0r - x2r,
        d02i = x0i - x2i;
      const s13r = x1r + x3r,
        s13i = x1i + x3i,
        d13r = x1r - x3r,
        d13i = x1i - x3i;
      bRe[dst] = s02r + s13r;
      bIm[dst] = s02i + s13i;
      // Forward transform: W4 = −i, so −i·(x1 − x3) = (d13i, −d13r).
      const y1r = d02r + d13i,
        y1i = d02i - d13r;
      const y2r = s02r - s13r,
        y2i = s02i - s13i;
      const y3r = d02r - d13i,
        y3i = d02i + d13r;
      const w1r = twRe[i]!,
        w1i = twIm[i]!,
        w2r = twRe[ido + i]!,
        w2i = twIm[ido + i]!,
        w3r = twRe[2 * ido + i]!,
        w3i = twIm[2 * ido + i]!;
      bRe[dst + outStride] = y1r * w1r - y1i * w1i;
      bIm[dst + outStride] = y1r * w1i + y1i * w1r;
      bRe[dst + 2 * outStride] = y2r * w2r - y2i * w2i;
      bIm[dst + 2 * outStride] = y2r * w2i + y2i * w2r;
      bRe[dst + 3 * outStride] = y3r * w3r - y3i * w3i;
      bIm[dst + 3 * outStride] = y3r * w3i + y3i * w3r;
    }
  }
}

function radix5(stage: Stage, aRe: Float64Array, aIm: Float64Array, bRe: Float64Array, bIm: Float64Array): void {
  const { l1, ido, twRe, twIm } = stage;
  const outStride = ido * l1;
  for (let k = 0; k < l1; k++) {
    for (let i = 0; i < ido; i++) {
      const src = i + 5 * ido * k;
      const dst = i + ido * k;
      const a0r = aRe[src]!,
        a0i = aIm[src]!,
        a1r = aRe[src + ido]!,
        a1i = aIm[src + ido]!,
        a2r = aRe[src + 2 * ido]!,
        a2i = aIm[src + 2 * ido]!,
        a3r = aRe[src + 3 * ido]!,
        a3i = aIm[src + 3 * ido]!,
        a4r = aRe[src + 4 * ido]!,
        a4i = aIm[src + 4 * ido]!;
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
        fi = S5_2 * d1i - S5_1 * d2i;
      bRe[dst] = a0r + b1r + b2r;
      bIm[dst] = a0i + b1i + b2i;
      // Y1 = t1 − i·e, Y4 = t1 + i·e, Y2 = t2 − i·f, Y3 = t2 + i·f (forward: W5 = e^(−2πi/5)).
      const y1r = t1r + ei,
        y1i = t1i - er,
        y4r = t1r - ei,
        y4i = t1i + er,
        y2r = t2r + fi,
        y2i = t2i - fr,
        y3r = t2r - fi,
        y3i = t2i + fr;
      const w1r = twRe[i]!,
        w1i = twIm[i]!,
        w2r = twRe[ido + i]!,
        w2i = twIm[ido + i]!,
        w3r = twRe[2 * ido + i]!,
        w3i = twIm[2 * ido + i]!,
        w4r = twRe[3 * ido + i]!,
        w4i = twIm[3 * ido + i]!;
      bRe[dst + outStride] = y1r * w1r - y1i * w1i;
      bIm[dst + outStride] = y1r * w1i + y1i * w1r;
      bRe[dst + 2 * outStride] = y2r * w2r - y2i * w2i;
      bIm[dst + 2 * outStride] = y2r * w2i + y2i * w2r;
      bRe[dst + 3 * outStride] = y3r * w3r - y3i * w3i;
      bIm[dst + 3 * outStride] = y3r * w3i + y3i * w3r;
      bRe[dst + 4 * outStride] = y4r * w4r - y4i * w4i;
      bIm[dst + 4 * outStride] = y4r * w4i + y4i * w4r;
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
