// The behaviours every ts314 codec module shares, registered as node:test cases by each codec's test files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompressionError, type CompressionErrorCode } from '../../src/compression/core/errors.js';
import { DEFAULT_MAX_OUTPUT_LENGTH } from '../../src/compression/core/limits.js';
import type { CompressedFile } from '../../src/compression/core/file.js';
import { samplePayload, tool } from './helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

export interface CodecUnderTest {
  compress(data: Uint8Array | string, options?: object): Buffer;
  decompress(data: Uint8Array, options?: object): Buffer;
  compressAsync(data: Uint8Array | string, options?: object): Promise<Buffer>;
  decompressAsync(data: Uint8Array, options?: object): Promise<Buffer>;
  createCompressStream(options?: object): Transform;
  createDecompressStream(options?: object): Transform;
  open(path: string, mode?: string, options?: object): Promise<CompressedFile>;
}

export interface ContractSpec {
  name: string;
  mod: CodecUnderTest;
  ErrorClass: new (...args: never[]) => CompressionError;
  /** The option that sets the level and the values to try. */
  levelOption: string;
  levels: readonly number[];
  /** Real CLI: argv to compress stdin→stdout and to decompress stdin→stdout. */
  cli?: { compress: [string, string[]]; decompress: [string, string[]] };
  /** Concatenated streams decode to the concatenation (false for brotli and zlib). */
  multiStream: boolean;
  /** Damages valid output in a way the codec must report as CORRUPT. */
  corrupt: (valid: Buffer) => Buffer;
  /** Another codec's output given to this one, and the code it must raise. */
  wrongCodec: { input: Buffer; code: CompressionErrorCode };
  /** What empty input decompresses to: Python returns b'' for gzip/bz2, raises for the rest. */
  emptyInput: 'empty' | 'ERR_TRUNCATED';
}

async function collect(stream: Transform, input: Uint8Array, chunk = 7919): Promise<Buffer> {
  const parts: Buffer[] = [];
  const pieces = function* () {
    for (let i = 0; i < input.length; i += chunk) yield Buffer.from(input.subarray(i, i + chunk));
  };
  await pipeline(Readable.from(pieces()), stream, async (source: AsyncIterable<Buffer>) => {
    for await (const c of source) parts.push(c);
  });
  return Buffer.concat(parts);
}

function expectCode(spec: ContractSpec, code: CompressionErrorCode) {
  return (error: unknown) => {
    assert.ok(
      error instanceof spec.ErrorClass,
      `expected ${spec.ErrorClass.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`,
    );
    assert.ok(error instanceof CompressionError);
    assert.equal((error as CompressionError).code, code, (error as Error).message);
    assert.ok((error as Error).message.length > 10);
    return true;
  };
}

export function codecContract(spec: ContractSpec): void {
  const { name, mod } = spec;
  const payload = samplePayload(150_000, name.length);

  test(`${name}: round-trips sync and async at every level, and strings are UTF-8`, async () => {
    for (const level of spec.levels) {
      const packed = mod.compress(payload, { [spec.levelOption]: level });
      if (level > 0) assert.ok(packed.length < payload.length, `level ${level} compresses`);
      assert.ok(mod.decompress(packed).equals(payload));
    }
    const packedAsync = await mod.compressAsync(payload);
    assert.ok((await mod.decompressAsync(packedAsync)).equals(payload));
    assert.ok(mod.decompress(mod.compress('')).equals(Buffer.alloc(0)));
    assert.equal(mod.decompress(mod.compress('héllo ✓')).toString(), 'héllo ✓');
  });

  if (spec.cli) {
    const [cCmd, cArgs] = spec.cli.compress;
    const [dCmd, dArgs] = spec.cli.decompress;
    test(`${name}: output decompresses with the real ${dCmd} CLI, and its output with ts314`, async () => {
      const ours = mod.compress(payload);
      assert.ok((await tool(dCmd, dArgs, ours)).equals(payload), `${dCmd} reads ts314 output`);
      const theirs = await tool(cCmd, cArgs, payload);
      assert.ok(mod.decompress(theirs).equals(payload), `ts314 reads ${cCmd} output`);
      assert.ok((await mod.decompressAsync(theirs)).equals(payload));
      assert.ok((await collect(mod.createDecompressStream(), theirs)).equals(payload), 'stream reads CLI output');
      if (spec.multiStream) {
        const both = Buffer.concat([theirs, ours]);
        assert.ok(mod.decompress(both).equals(Buffer.concat([payload, payload])), 'concatenated streams');
        assert.ok((await tool(dCmd, dArgs, both)).equals(Buffer.concat([payload, payload])));
        assert.ok((await collect(mod.createDecompressStream(), both, 1000)).equals(Buffer.concat([payload, payload])));
      }
    });
  }

  test(`${name}: truncated input at any cut is a TRUNCATED error, never a partial result`, async () => {
    const packed = mod.compress(payload);
    const cuts = new Set([
      1,
      2,
      5,
      10,
      20,
      Math.floor(packed.length / 3),
      Math.floor(packed.length / 2),
      packed.length - 9,
      packed.length - 4,
      packed.length - 1,
    ]);
    for (const cut of cuts) {
      if (cut <= 0 || cut >= packed.length) continue;
      const part = packed.subarray(0, cut);
      assert.throws(
        () => mod.decompress(part),
        (e: unknown) => {
          assert.ok(e instanceof spec.ErrorClass, `cut ${cut}: ${(e as Error).message}`);
          // A cut inside a header can also look like the wrong format or damage; never success.
          assert.ok(
            ['ERR_TRUNCATED', 'ERR_FORMAT', 'ERR_CORRUPT'].includes((e as CompressionError).code),
            `cut ${cut}: ${(e as CompressionError).code}`,
          );
          return true;
        },
      );
    }
    const half = packed.subarray(0, Math.floor(packed.length / 2));
    assert.throws(() => mod.decompress(half), expectCode(spec, 'ERR_TRUNCATED'));
    await assert.rejects(mod.decompressAsync(half), expectCode(spec, 'ERR_TRUNCATED'));
    await assert.rejects(collect(mod.createDecompressStream(), half), expectCode(spec, 'ERR_TRUNCATED'));
    if (spec.emptyInput === 'empty') assert.equal(mod.decompress(Buffer.alloc(0)).length, 0);
    else assert.throws(() => mod.decompress(Buffer.alloc(0)), expectCode(spec, 'ERR_TRUNCATED'));
  });

  test(`${name}: corrupted and wrong-codec input raise ${spec.ErrorClass.name} with the reason`, async () => {
    const bad = spec.corrupt(mod.compress(payload));
    assert.throws(() => mod.decompress(bad), expectCode(spec, 'ERR_CORRUPT'));
    await assert.rejects(mod.decompressAsync(bad), expectCode(spec, 'ERR_CORRUPT'));
    assert.throws(() => mod.decompress(spec.wrongCodec.input), expectCode(spec, spec.wrongCodec.code));
    await assert.rejects(collect(mod.createDecompressStream(), spec.wrongCodec.input), expectCode(spec, spec.wrongCodec.code));
    const caught = (() => {
      try {
        mod.decompress(bad);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    assert.ok(caught?.cause !== undefined || caught instanceof CompressionError, 'library error kept as cause');
  });

  test(`${name}: maxOutputLength stops a decompression bomb with OUTPUT_LIMIT, exact limit passes`, async () => {
    const bomb = mod.compress(Buffer.alloc(16 * 1024 * 1024));
    assert.ok(bomb.length < 64 * 1024, `bomb is small (${bomb.length} bytes)`);
    assert.throws(() => mod.decompress(bomb, { maxOutputLength: 1024 * 1024 }), expectCode(spec, 'ERR_OUTPUT_LIMIT'));
    await assert.rejects(mod.decompressAsync(bomb, { maxOutputLength: 1024 * 1024 }), expectCode(spec, 'ERR_OUTPUT_LIMIT'));
    assert.equal(mod.decompress(bomb, { maxOutputLength: 16 * 1024 * 1024 }).length, 16 * 1024 * 1024);
    assert.throws(() => mod.decompress(bomb, { maxOutputLength: 16 * 1024 * 1024 - 1 }), expectCode(spec, 'ERR_OUTPUT_LIMIT'));
    assert.equal(mod.decompress(bomb, { maxOutputLength: Infinity }).length, 16 * 1024 * 1024);
    assert.equal(DEFAULT_MAX_OUTPUT_LENGTH, 1024 ** 3);
    assert.throws(() => mod.decompress(bomb, { maxOutputLength: -5 }), RangeError);
  });

  test(`${name}: streams compress and decompress chunked input`, async () => {
    const packed = await collect(mod.createCompressStream(), payload);
    assert.ok(packed.length < payload.length);
    assert.ok(mod.decompress(packed).equals(payload));
    assert.ok((await collect(mod.createDecompressStream(), packed, 333)).equals(payload));
  });

  test(`${name}: open() writes, appends and reads files in Python's modes`, async () => {
    using tmp = tempDir('codec-open');
    const dir = tmp.path;
    {
      const path = join(dir, `data.${name}`);
      const w = await mod.open(path, 'wb');
      assert.equal(w.mode, 'wb');
      await w.write(payload.subarray(0, 100_000));
      await w.write(payload.subarray(100_000));
      await w.close();
      await w.close(); // twice is harmless
      assert.ok(mod.decompress(await readFile(path)).equals(payload));
      if (spec.cli) assert.ok((await tool(spec.cli.decompress[0], spec.cli.decompress[1], await readFile(path))).equals(payload));
      {
        await using r = await mod.open(path);
        assert.equal(r.mode, 'rb');
        const head = await r.read(10);
        assert.ok(head.equals(payload.subarray(0, 10)));
        const rest = await r.read();
        assert.ok(rest.equals(payload.subarray(10)));
        assert.equal((await r.read()).length, 0, 'EOF is an empty read');
      }
      if (spec.multiStream) {
        const a = await mod.open(path, 'a');
        await a.write('tail');
        await a.close();
        const r = await mod.open(path, 'r');
        assert.ok((await r.read()).equals(Buffer.concat([payload, Buffer.from('tail')])));
        await r.close();
        await assert.rejects(r.read(), expectCode(spec, 'ERR_CLOSED'));
      }
      await assert.rejects(mod.open(path, 'x'), /EEXIST/);
      await assert.rejects(mod.open(path, 'rw'), (e: unknown) => e instanceof RangeError && /invalid mode "rw"/.test((e as Error).message));
      await assert.rejects(mod.open(path, 'wt'), /Text modes are not supported/);
      await assert.rejects(mod.open(join(dir, 'missing'), 'r'), /ENOENT/);
      if (spec.cli) {
        const cliPath = join(dir, 'from-cli');
        await writeFile(cliPath, await tool(spec.cli.compress[0], spec.cli.compress[1], payload));
        await using r = await mod.open(cliPath, 'rb');
        const chunks: Buffer[] = [];
        for await (const c of r) chunks.push(c);
        assert.ok(Buffer.concat(chunks).equals(payload));
      }
      const truncated = join(dir, 'truncated');
      const whole = mod.compress(payload);
      await writeFile(truncated, whole.subarray(0, whole.length >> 1));
      await using t = await mod.open(truncated);
      await assert.rejects(t.read(), expectCode(spec, 'ERR_TRUNCATED'));
    }
  });

  test(`${name}: unknown options are rejected with "Did you mean"`, () => {
    const key = spec.levelOption;
    const typo = key.length > 4 ? key.slice(0, -1) : `${key}s`;
    assert.throws(() => mod.compress(payload, { [typo]: 1 }), new RegExp(`unknown option '${typo}'. Did you mean '${key}'\\?`));
    assert.throws(() => mod.decompress(mod.compress(payload), { maxOutputLenght: 5 }), /Did you mean 'maxOutputLength'\?/);
    assert.throws(() => mod.compress(42 as unknown as Uint8Array), /data must be a Uint8Array/);
  });
}
