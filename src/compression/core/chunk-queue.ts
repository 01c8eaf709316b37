// A FIFO of decoded Buffers: appending never copies, so reading a file stays linear in its size.

const EMPTY = Buffer.alloc(0);

/**
 * Decoded output waiting to be read. Readers used to keep one Buffer and `concat` every refill onto
 * it, which copies everything buffered so far on each refill (quadratic in a large `read(n)`); here
 * chunks are kept as they come and joined once, when a read takes them.
 */
export class ChunkQueue {
  #chunks: Buffer[] = [];
  /** Index of the first chunk still holding unread bytes (earlier slots are dropped lazily). */
  #head = 0;
  #length = 0;

  /** Unread bytes in the queue. */
  get length(): number {
    return this.#length;
  }

  push(chunk: Buffer): void {
    if (chunk.byteLength === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.byteLength;
  }

  /** Removes and returns the first `n` bytes (fewer if fewer are queued); a view when they lie in one chunk. */
  take(n: number): Buffer {
    const want = Math.min(Math.max(0, n), this.#length);
    if (want === 0) return EMPTY;
    const first = this.#chunks[this.#head] as Buffer;
    if (first.byteLength >= want) {
      this.#consume(want);
      return first.subarray(0, want);
    }
    const out = Buffer.allocUnsafe(want);
    for (let at = 0; at < want; ) {
      const chunk = this.#chunks[this.#head] as Buffer;
      const n2 = Math.min(chunk.byteLength, want - at);
      chunk.copy(out, at, 0, n2);
      at += n2;
      this.#consume(n2);
    }
    return out;
  }

  /** Copies up to `target.byteLength` bytes into `target`, consuming them; returns how many. */
  takeInto(target: Uint8Array): number {
    const want = Math.min(target.byteLength, this.#length);
    for (let at = 0; at < want; ) {
      const chunk = this.#chunks[this.#head] as Buffer;
      const n = Math.min(chunk.byteLength, want - at);
      target.set(chunk.subarray(0, n), at);
      at += n;
      this.#consume(n);
    }
    return want;
  }

  /** A copy of everything queued, without consuming it (a copy: the caller may change it freely). */
  peekAll(): Buffer {
    return Buffer.concat(this.#chunks.slice(this.#head), this.#length);
  }

  /** Offset of the first `byte` at or after offset `from`, or -1. */
  indexOf(byte: number, from = 0): number {
    // Walk back from the tail to the chunk holding `from`: a line reader asks only about the chunk it
    // just appended, and walking forward from the head would make each refill cost O(chunks).
    let i = this.#chunks.length;
    let base = this.#length;
    while (i > this.#head && base > from) {
      i--;
      base -= (this.#chunks[i] as Buffer).byteLength;
    }
    for (; i < this.#chunks.length; i++) {
      const chunk = this.#chunks[i] as Buffer;
      if (base + chunk.byteLength > from) {
        const at = chunk.indexOf(byte, Math.max(0, from - base));
        if (at >= 0) return base + at;
      }
      base += chunk.byteLength;
    }
    return -1;
  }

  clear(): void {
    this.#chunks = [];
    this.#head = 0;
    this.#length = 0;
  }

  #consume(n: number): void {
    const chunk = this.#chunks[this.#head] as Buffer;
    this.#length -= n;
    if (n < chunk.byteLength) {
      this.#chunks[this.#head] = chunk.subarray(n);
      return;
    }
    this.#chunks[this.#head] = EMPTY;
    this.#head++;
    // Compact once the dropped slots outnumber the live ones, so the array stays proportional to the queue.
    if (this.#head > 32 && this.#head * 2 > this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
  }
}
