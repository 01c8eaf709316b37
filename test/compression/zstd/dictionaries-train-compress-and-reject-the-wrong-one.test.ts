// Dictionaries: training, finalizing, the three load modes, raw content, and wrong/missing dictionary errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ZstdDict,
  ZstdCompressor,
  ZstdDecompressor,
  ZstdError,
  trainDict,
  finalizeDict,
  compress,
  decompress,
  getFrameInfo,
  createCompressStream,
  createDecompressStream,
} from '../../../src/compression/zstd/index.js';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

function samples(seed: string, n = 1500): Buffer[] {
  return Array.from({ length: n }, (_, i) =>
    Buffer.from(
      JSON.stringify({
        id: i,
        kind: seed,
        user: `user-${i % 97}`,
        email: `user${i % 97}@${seed}.example.com`,
        active: i % 3 === 0,
        score: (i * 7919) % 1000,
      }),
    ),
  );
}

const users = samples('users');
const zd = trainDict(users, 8 * 1024);

test('train-dict-builds-a-dictionary-with-an-id-that-shrinks-small-records', () => {
  assert.ok(zd.dictId > 0);
  assert.ok(zd.size > 0 && zd.size <= 8 * 1024);
  assert.equal(String(zd), `<ZstdDict dict_id=${zd.dictId} dict_size=${zd.size}>`);
  const record = users[42]!;
  const plain = compress(record);
  const withDict = compress(record, { zstdDict: zd });
  assert.ok(withDict.length < plain.length * 0.6, `${withDict.length} vs ${plain.length}`);
  assert.equal(getFrameInfo(withDict).dictionaryId, zd.dictId);
  assert.deepEqual(decompress(withDict, { zstdDict: zd }), record);
});

test('every-load-mode-round-trips-and-the-decompressor-needs-the-same-dictionary', () => {
  const record = users[7]!;
  for (const use of [zd, zd.asDigestedDict, zd.asUndigestedDict, zd.asPrefix]) {
    const isPrefix = use instanceof ZstdDict ? false : use.mode === 'prefix';
    const frame = compress(record, { zstdDict: use, level: 5 });
    // A prefix is raw history: the frame names no dictionary; a dictionary's frame names it.
    assert.equal(getFrameInfo(frame).dictionaryId, isPrefix ? 0 : zd.dictId);
    const back = isPrefix ? decompress(frame, { zstdDict: zd.asPrefix }) : decompress(frame, { zstdDict: zd });
    assert.deepEqual(back, record);
    const c = new ZstdCompressor({ zstdDict: use });
    const d = new ZstdDecompressor({ zstdDict: isPrefix ? zd.asPrefix : zd.asUndigestedDict });
    assert.deepEqual(d.decompress(Buffer.concat([c.compress(record), c.flush()])), record);
  }
  // A prefix serves a compressor's first frame only (as in CPython); every frame still decodes with it.
  const c = new ZstdCompressor({ zstdDict: zd.asPrefix });
  const frames = [c.compress(record, ZstdCompressor.FLUSH_FRAME), c.compress(record, ZstdCompressor.FLUSH_FRAME)];
  assert.ok((frames[0] as Buffer).length < (frames[1] as Buffer).length);
  assert.deepEqual(frames[1] as Buffer, compress(record));
  assert.deepEqual(decompress(Buffer.concat(frames), { zstdDict: zd.asPrefix }), Buffer.concat([record, record]));
  // Digested dictionaries are cached per level and reused.
  for (let i = 0; i < 50; i++)
    assert.deepEqual(decompress(compress(users[i]!, { zstdDict: zd.asDigestedDict, level: 1 }), { zstdDict: zd.asDigestedDict }), users[i]);
});

test('the-wrong-or-a-missing-dictionary-is-a-ZstdError-not-garbage', async () => {
  const other = trainDict(samples('orders'), 8 * 1024);
  assert.notEqual(other.dictId, zd.dictId);
  const frame = compress(users[3]!, { zstdDict: zd });
  assert.throws(
    () => decompress(frame, { zstdDict: other }),
    (e: unknown) =>
      e instanceof ZstdError && e.code === 'ERR_CORRUPT' && e.zstdError === 'dictionary_wrong' && /different dictionary/.test(e.message),
  );
  assert.throws(() => decompress(frame), { zstdError: 'dictionary_wrong' });
  assert.throws(() => new ZstdDecompressor({ zstdDict: other }).decompress(frame), { zstdError: 'dictionary_wrong' });
  const stream = Readable.from([frame]).pipe(createDecompressStream({ zstdDict: other }));
  await assert.rejects(buffer(stream), { name: 'ZstdError', zstdError: 'dictionary_wrong' });
  // A prefix records no ID: decoding without it is caught by the content checksum.
  const prefixed = compress(users[3]!, { zstdDict: zd.asPrefix, options: { checksumFlag: true } });
  assert.throws(() => decompress(prefixed), ZstdError);
});

test('raw-content-dictionaries-have-id-zero-and-work-as-shared-history', () => {
  const raw = new ZstdDict(Buffer.concat(users.slice(0, 50)), { isRaw: true });
  assert.equal(raw.dictId, 0);
  const frame = compress(users[10]!, { zstdDict: raw });
  assert.equal(getFrameInfo(frame).dictionaryId, 0);
  assert.deepEqual(decompress(frame, { zstdDict: raw }), users[10]);
  assert.ok(frame.length < compress(users[10]!).length);
});

test('zstd-dict-validates-its-content-like-python', () => {
  assert.throws(() => new ZstdDict(Buffer.from('short')), /too short \(must have at least eight bytes\)/);
  assert.throws(
    () => new ZstdDict(Buffer.from('not a trained dictionary at all')),
    /invalid Zstandard dictionary \(it has no dictionary header\)\. Pass \{ isRaw: true \}/,
  );
  const copy = new ZstdDict(zd.dictContent);
  assert.equal(copy.dictId, zd.dictId);
  // As in CPython, isRaw skips the header check only: trained content keeps its id and loads as a full dictionary.
  const flagged = new ZstdDict(zd.dictContent, { isRaw: true });
  assert.equal(flagged.dictId, zd.dictId);
  assert.deepEqual(compress(users[3]!, { zstdDict: flagged }), compress(users[3]!, { zstdDict: zd }));
  assert.deepEqual(copy.dictContent, zd.dictContent);
});

test('finalize-dict-turns-raw-content-into-a-full-dictionary', () => {
  const raw = new ZstdDict(Buffer.concat(users.slice(0, 200)).subarray(0, 16 * 1024), { isRaw: true });
  const full = finalizeDict(raw, users, 16 * 1024, 5);
  assert.ok(full.dictId > 0);
  const frame = compress(users[99]!, { zstdDict: full });
  assert.equal(getFrameInfo(frame).dictionaryId, full.dictId);
  assert.deepEqual(decompress(frame, { zstdDict: full }), users[99]);
});

test('training-rejects-bad-arguments-with-clear-errors', () => {
  assert.throws(() => trainDict(users, 0), RangeError);
  assert.throws(() => trainDict(users, 1.5), TypeError);
  assert.throws(() => trainDict([], 1024), /empty/);
  assert.throws(() => trainDict('abc' as never, 1024), /iterable/);
  // Too few samples for the requested size: libzstd's own error, typed.
  assert.throws(() => trainDict([Buffer.from('a'), Buffer.from('b')], 1024), ZstdError);
  assert.throws(() => finalizeDict({} as never, users, 1024, 3), /must be a ZstdDict/);
});

test('streams-use-dictionaries-too', async () => {
  const input = Buffer.concat(users.slice(0, 100));
  const compressed = await buffer(Readable.from([input]).pipe(createCompressStream({ zstdDict: zd })));
  assert.equal(getFrameInfo(compressed).dictionaryId, zd.dictId);
  const back = await buffer(Readable.from([compressed]).pipe(createDecompressStream({ zstdDict: zd })));
  assert.deepEqual(back, input);
});
