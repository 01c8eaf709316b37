// Cryptographically secure random words from a pooled buffer, refilled in large batches.
import { randomFillSync } from 'node:crypto';

/**
 * Bytes fetched from the OS CSPRNG per refill. One 16 KiB fill serves 1,024 uuid4s or 4,096 uuid7
 * tails, so the per-call cost of crossing into native code all but disappears (the uuid npm package
 * pays it on every v7 call; Node's own randomUUID batches 128 UUIDs).
 */
export const RANDOM_POOL_BYTES = 16 * 1024;

/**
 * A pool of random 32-bit words. random32() draws from a shared one; a hot path in another module keeps
 * its own instance in a module-local constant, where a call through an imported binding may cost more
 * (a getter call when the module is loaded as CommonJS).
 */
export class RandomWords {
  readonly #pool = new Uint32Array(RANDOM_POOL_BYTES / 4);
  #next = this.#pool.length;

  /** A uniformly random unsigned 32-bit integer. */
  next(): number {
    if (this.#next === this.#pool.length) {
      randomFillSync(this.#pool);
      this.#next = 0;
    }
    return this.#pool[this.#next++]!;
  }
}

const shared = new RandomWords();

/** A uniformly random unsigned 32-bit integer. */
export function random32(): number {
  return shared.next();
}

/** Fills `out[offset..offset+length)` with random bytes. */
export function randomBytesInto(out: Uint8Array, offset: number, length: number): void {
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const w = random32();
    out[offset + i] = w >>> 24;
    out[offset + i + 1] = (w >>> 16) & 0xff;
    out[offset + i + 2] = (w >>> 8) & 0xff;
    out[offset + i + 3] = w & 0xff;
  }
  if (i < length) {
    let w = random32();
    for (; i < length; i++, w >>>= 8) out[offset + i] = w & 0xff;
  }
}
