// Fuzz: mutated bz2/xz/lzma data must yield the original bytes or the codec's typed error — no crash, hang or wrong output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as bz2 from '../../src/compression/bz2/index.js';
import * as lzma from '../../src/compression/lzma/index.js';
import type { CompressionError } from '../../src/compression/core/errors.js';
import { samplePayload } from './helpers.js';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

async function viaStream(stream: Transform, input: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(Readable.from([input.subarray(0, 100), input.subarray(100)]), stream, async (s: AsyncIterable<Buffer>) => {
    for await (const c of s) parts.push(c);
  });
  return Buffer.concat(parts);
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function mutate(valid: Buffer, next: () => number): Buffer {
  const b = Buffer.from(valid);
  switch (next() % 5) {
    case 0: // flip bits in a few bytes
      for (let k = 1 + (next() % 3); k > 0; k--) b[next() % b.length]! ^= 1 << (next() % 8);
      return b;
    case 1: // overwrite a run with random bytes
      for (let i = next() % b.length, k = 1 + (next() % 16); k > 0 && i < b.length; k--, i++) b[i] = next() & 0xff;
      return b;
    case 2: // cut
      return b.subarray(0, next() % b.length);
    case 3: {
      // insert random bytes
      const at = next() % b.length;
      const extra = Buffer.from(Array.from({ length: 1 + (next() % 8) }, () => next() & 0xff));
      return Buffer.concat([b.subarray(0, at), extra, b.subarray(at)]);
    }
    default: {
      // duplicate a slice (concatenation-like damage)
      const at = next() % b.length;
      return Buffer.concat([b, b.subarray(at)]);
    }
  }
}

const cases: {
  name: string;
  valid: Buffer;
  decode: (b: Buffer) => Buffer;
  decodeAsync: (b: Buffer) => Promise<Buffer>;
  decodeStream: (b: Buffer) => Promise<Buffer>;
  ErrorClass: new (...args: never[]) => CompressionError;
}[] = (() => {
  const original = samplePayload(6_000, 99);
  return [
    {
      name: 'bz2',
      valid: bz2.compress(original, { level: 1 }),
      decode: (b) => bz2.decompress(b),
      decodeAsync: (b) => bz2.decompressAsync(b),
      decodeStream: (b) => viaStream(bz2.createDecompressStream(), b),
      ErrorClass: bz2.Bz2Error,
    },
    {
      name: 'xz',
      valid: lzma.compress(original, { preset: 1 }),
      decode: (b) => lzma.decompress(b),
      decodeAsync: (b) => lzma.decompressAsync(b),
      decodeStream: (b) => viaStream(lzma.createDecompressStream(), b),
      ErrorClass: lzma.LZMAError,
    },
    {
      name: 'lzma-alone',
      valid: lzma.compress(original, { preset: 1, format: lzma.FORMAT_ALONE }),
      decode: (b) => lzma.decompress(b),
      decodeAsync: (b) => lzma.decompressAsync(b),
      decodeStream: (b) => viaStream(lzma.createDecompressStream(), b),
      ErrorClass: lzma.LZMAError,
    },
  ];
})();
const ORIGINAL = samplePayload(6_000, 99);
const PER_CODEC = 4_000;

for (const c of cases) {
  test(`fuzz ${c.name}: ${PER_CODEC} mutated inputs give the original or ${c.ErrorClass.name}`, async () => {
    const next = rng(0xc0ffee + c.name.length);
    const seen = { ok: 0, errors: new Map<string, number>() };
    for (let i = 0; i < PER_CODEC; i++) {
      const input = mutate(c.valid, next);
      try {
        const out = i % 20 === 0 ? await c.decodeAsync(input) : i % 20 === 10 ? await c.decodeStream(input) : c.decode(input);
        // lzma-alone has no checksum: a flipped bit may decode to different bytes, which only the caller can catch.
        // Legitimate successes: the original, two whole streams (a duplicated slice starting at 0), or
        // empty input, which bz2 (like Python) decodes to empty output.
        const legit = out.equals(ORIGINAL) || out.equals(Buffer.concat([ORIGINAL, ORIGINAL])) || (input.length === 0 && out.length === 0);
        if (c.name !== 'lzma-alone')
          assert.ok(legit, `case ${i}: success must mean the original bytes (got ${out.length} bytes from ${input.length})`);
        seen.ok++;
      } catch (error) {
        assert.ok(error instanceof c.ErrorClass, `case ${i}: ${(error as Error).name}: ${(error as Error).message}`);
        const code = (error as CompressionError).code;
        seen.errors.set(code, (seen.errors.get(code) ?? 0) + 1);
      }
    }
    assert.ok(seen.errors.size >= 2, `mutations exercised several failure kinds: ${[...seen.errors.keys()].join(', ')}`);
  });
}
