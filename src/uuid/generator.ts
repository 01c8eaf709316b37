// Time-based generation (v1, v6, v7) with per-generator state, so clocks can be injected for tests.
import { checkOptionKeys, pythonTypeName } from '../internal/validate.js';
import { UUIDError } from './errors.js';
import { HEX } from './hex.js';
import { getnode } from './node-id.js';
import { RandomWords, random32 } from './random.js';
import { fromCanonical, GREGORIAN_OFFSET, type UUID } from './uuid.js';

/** What uuid7() does when the clock reads earlier than the last UUID's timestamp. */
export type ClockBackwardsPolicy = 'hold' | 'advance';

/** Options for a UUIDGenerator. */
export interface UUIDGeneratorOptions {
  /**
   * Wall-clock time in Unix milliseconds, fractional allowed (v1/v6 use the fraction, v7 floors it).
   * Default: `Date.now()` for v7, and `performance.timeOrigin + performance.now()` for the 100-ns
   * ticks of v1/v6.
   */
  clock?: () => number;
  /**
   * `'hold'` (default, RFC 9562 §6.2's advice): keep the last timestamp and increment the counter.
   * `'advance'`: CPython 3.14's rule, timestamp = last + 1 ms on every call while the clock is behind.
   */
  clockBackwards?: ClockBackwardsPolicy;
}

const OPTION_KEYS = ['clock', 'clockBackwards'];

/** The 42-bit counter's maximum (RFC 9562 §6.2 Method 1, as CPython sizes it). */
const COUNTER_HI_MAX = 0xfff;
const COUNTER_LO_MAX = 0x3fffffff;
/** Largest 48-bit millisecond timestamp (year 10889). */
const MAX_UNIX_MS = 2 ** 48 - 1;
// HEX_V7[hi] = '7' + three hex digits: the version nibble and the counter's top 12 bits in one lookup.
const HEX_V7: readonly string[] = Array.from({ length: 4096 }, (_, i) => `7${(i + 0x1000).toString(16).slice(1)}`);

/** Char codes of the 16 lowercase hex digits. */
const DIGIT_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const tailWords = new RandomWords();

function realClockMs(): number {
  return Date.now();
}

function preciseClockMs(): number {
  return performance.timeOrigin + performance.now();
}

function checkNode(node: number | undefined): number {
  if (node === undefined) return getnode();
  if (!Number.isSafeInteger(node) || node < 0 || node >= 2 ** 48) {
    throw new UUIDError(`node out of range (need a 48-bit value), got ${node}`, { code: 'ERR_UUID_RANGE' });
  }
  return node;
}

function checkClockSeq(clockSeq: number | undefined): number {
  if (clockSeq === undefined) return random32() & 0x3fff;
  if (!Number.isInteger(clockSeq) || clockSeq < 0 || clockSeq > 0x3fff) {
    throw new UUIDError(`clockSeq out of range (need a 14-bit value), got ${clockSeq}`, { code: 'ERR_UUID_RANGE' });
  }
  return clockSeq;
}

function hexPad(value: bigint | number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/**
 * The state behind uuid1(), uuid6() and uuid7(): last timestamps and the v7 counter. The module-level
 * functions share one process-wide instance; make your own to inject a clock or choose the
 * clock-backwards policy. Each worker thread has its own instance, seeded independently.
 * @example
 * let now = 1_700_000_000_000;
 * const gen = new UUIDGenerator({ clock: () => now });
 * const a = gen.uuid7(); now -= 5; const b = gen.uuid7();
 * a.compare(b); // -1: still increasing although the clock stepped back
 */
export class UUIDGenerator {
  readonly #clock: () => number;
  readonly #advance: boolean;
  readonly #customClock: boolean;
  #lastV1: bigint | undefined;
  #lastV6: bigint | undefined;
  #lastMs = -1;
  #prefix = '';
  // Char codes of the first 24 characters, 'tttttttt-tttt-7ccc-8ccc-': they change only with the
  // millisecond, the counter's top 12 bits or its bits 16..29, so most calls copy them and format 12 digits.
  readonly #head = new Uint8Array(24);
  #counterHi = 0;
  #counterLo = 0;

  constructor(options: UUIDGeneratorOptions = {}) {
    checkOptionKeys(options, OPTION_KEYS, 'UUIDGenerator');
    const { clock, clockBackwards = 'hold' } = options;
    if (clock !== undefined && typeof clock !== 'function') {
      throw new UUIDError(`UUIDGenerator: clock must be a function returning Unix milliseconds, got ${pythonTypeName(clock)}`, {
        code: 'ERR_UUID_OPTION',
      });
    }
    if (clockBackwards !== 'hold' && clockBackwards !== 'advance') {
      throw new UUIDError(`UUIDGenerator: clockBackwards must be 'hold' or 'advance', got '${String(clockBackwards)}'`, {
        code: 'ERR_UUID_OPTION',
      });
    }
    this.#clock = clock ?? realClockMs;
    this.#customClock = clock !== undefined;
    this.#advance = clockBackwards === 'advance';
  }

  #nowMs(): number {
    const now = this.#clock();
    if (!this.#customClock) return now;
    if (!Number.isFinite(now) || now < 0 || now > MAX_UNIX_MS) {
      throw new UUIDError(`UUIDGenerator: clock returned ${now}, not a Unix time in milliseconds between 0 and 2**48 - 1`, {
        code: 'ERR_UUID_RANGE',
      });
    }
    return now;
  }

  /** 100-ns intervals since 1582-10-15, from the (possibly fractional) millisecond clock. */
  #gregorianTicks(): bigint {
    const ms = this.#customClock ? this.#nowMs() : preciseClockMs();
    const whole = Math.floor(ms);
    return BigInt(whole) * 10_000n + BigInt(Math.floor((ms - whole) * 10_000)) + GREGORIAN_OFFSET;
  }

  #reseed(): void {
    const r = random32();
    this.#counterHi = r & 0x7ff; // the counter's top bit starts at 0, leaving room to count (CPython's 41 random bits)
    this.#counterLo = random32() & COUNTER_LO_MAX;
  }

  #setMs(ms: number): void {
    this.#lastMs = ms;
    const h = (ms + 2 ** 48).toString(16);
    this.#prefix = `${h.slice(1, 9)}-${h.slice(9, 13)}-`;
  }

  /**
   * A version 7 UUID as its canonical string, skipping the UUID object: the fastest form for IDs
   * that go straight into JSON or a database.
   * @example
   * const id: string = new UUIDGenerator().uuid7String();
   */
  uuid7String(): string {
    // Date.now() is already a whole millisecond; only an injected clock needs checking and flooring.
    const now = this.#customClock ? Math.floor(this.#nowMs()) : Date.now();
    let headChanged = true;
    if (now > this.#lastMs) {
      this.#reseed();
      this.#setMs(now);
    } else {
      if (now < this.#lastMs && this.#advance) this.#setMs(this.#lastMs + 1);
      else headChanged = false;
      if (this.#counterLo < COUNTER_LO_MAX) {
        this.#counterLo++;
        if ((this.#counterLo & 0xffff) === 0) headChanged = true;
      } else if (this.#counterHi < COUNTER_HI_MAX) {
        this.#counterHi++;
        this.#counterLo = 0;
        headChanged = true;
      } else {
        // 2**42 UUIDs in one millisecond cannot happen at today's speeds; CPython's answer is kept anyway.
        this.#reseed();
        this.#setMs(this.#lastMs + 1);
        headChanged = true;
      }
    }
    const lo = this.#counterLo;
    const h = this.#head;
    if (headChanged) {
      const head = `${this.#prefix}${HEX_V7[this.#counterHi]!}-${HEX[0x80 | (lo >>> 24)]!}${HEX[(lo >>> 16) & 0xff]!}-`;
      for (let i = 0; i < 24; i++) h[i] = head.charCodeAt(i);
    }
    const r = tailWords.next();
    const d = DIGIT_CODES;
    // One String.fromCharCode call yields a flat string. A concatenation would yield a rope, and the
    // first reader of the string (a comparison, a hash, a write) would pay to flatten it: measured at
    // about as much again as building it.
    return String.fromCharCode(
      h[0]!,
      h[1]!,
      h[2]!,
      h[3]!,
      h[4]!,
      h[5]!,
      h[6]!,
      h[7]!,
      h[8]!,
      h[9]!,
      h[10]!,
      h[11]!,
      h[12]!,
      h[13]!,
      h[14]!,
      h[15]!,
      h[16]!,
      h[17]!,
      h[18]!,
      h[19]!,
      h[20]!,
      h[21]!,
      h[22]!,
      h[23]!,
      // The last group: the counter's low 16 bits, then 32 fresh random bits.
      d[(lo >>> 12) & 15]!,
      d[(lo >>> 8) & 15]!,
      d[(lo >>> 4) & 15]!,
      d[lo & 15]!,
      d[r >>> 28]!,
      d[(r >>> 24) & 15]!,
      d[(r >>> 20) & 15]!,
      d[(r >>> 16) & 15]!,
      d[(r >>> 12) & 15]!,
      d[(r >>> 8) & 15]!,
      d[(r >>> 4) & 15]!,
      d[r & 15]!,
    );
  }

  /**
   * Python 3.14's `uuid7()`: 48-bit Unix milliseconds, a 42-bit counter (RFC 9562 §6.2 Method 1)
   * seeded randomly each new millisecond and incremented within it, and 32 fresh random bits.
   * Strictly increasing for every call on this generator.
   * @example
   * const gen = new UUIDGenerator();
   * gen.uuid7().version; // 7
   */
  uuid7(): UUID {
    return fromCanonical(this.uuid7String());
  }

  /**
   * Python's `uuid1(node, clock_seq)`: Gregorian 100-ns timestamp (bumped by one tick if it would not
   * increase), 14-bit clock sequence (random by default), 48-bit node (getnode() by default).
   * @example
   * new UUIDGenerator().uuid1(0x9f6bdeced846, 0x33c8).node; // 0x9f6bdeced846
   */
  uuid1(node?: number, clockSeq?: number): UUID {
    let ticks = this.#gregorianTicks();
    if (this.#lastV1 !== undefined && ticks <= this.#lastV1) ticks = this.#lastV1 + 1n;
    this.#lastV1 = ticks;
    const seq = checkClockSeq(clockSeq);
    const n = checkNode(node);
    const timeLow = ticks & 0xffffffffn;
    const timeMid = (ticks >> 32n) & 0xffffn;
    const timeHi = (ticks >> 48n) & 0x0fffn;
    return fromCanonical(`${hexPad(timeLow, 8)}-${hexPad(timeMid, 4)}-1${hexPad(timeHi, 3)}-${hexPad(0x8000 | seq, 4)}-${hexPad(n, 12)}`);
  }

  /**
   * Python 3.14's `uuid6(node, clock_seq)`: uuid1's fields reordered so the timestamp sorts first.
   * @example
   * new UUIDGenerator().uuid6().version; // 6
   */
  uuid6(node?: number, clockSeq?: number): UUID {
    let ticks = this.#gregorianTicks();
    if (this.#lastV6 !== undefined && ticks <= this.#lastV6) ticks = this.#lastV6 + 1n;
    this.#lastV6 = ticks;
    const seq = checkClockSeq(clockSeq);
    const n = checkNode(node);
    const high = hexPad((ticks >> 12n) & 0xffffffffffffn, 12);
    return fromCanonical(`${high.slice(0, 8)}-${high.slice(8)}-6${hexPad(ticks & 0xfffn, 3)}-${hexPad(0x8000 | seq, 4)}-${hexPad(n, 12)}`);
  }
}

/** The process-wide generator behind uuid1(), uuid6() and uuid7(). */
export const defaultGenerator = new UUIDGenerator();

/**
 * A version 1 UUID (Gregorian time + clock sequence + node). Prefer uuid7 for new designs.
 * @example
 * uuid1().version; // 1
 */
export function uuid1(node?: number, clockSeq?: number): UUID {
  return defaultGenerator.uuid1(node, clockSeq);
}

/**
 * A version 6 UUID: v1's content in sortable order (Python 3.14).
 * @example
 * uuid6().version; // 6
 */
export function uuid6(node?: number, clockSeq?: number): UUID {
  return defaultGenerator.uuid6(node, clockSeq);
}

/**
 * A version 7 UUID (Python 3.14): time-ordered, strictly increasing within this thread.
 * @example
 * const a = uuid7(), b = uuid7();
 * a.compare(b); // -1
 */
export function uuid7(): UUID {
  return defaultGenerator.uuid7();
}

/**
 * uuid7() as a string, without building the UUID object: for hot paths.
 * @example
 * const id = uuid7String(); // '019a…-7…'
 */
export function uuid7String(): string {
  return defaultGenerator.uuid7String();
}
