// Interop with the real zstd CLI: its output decodes with ts314 and ours with it, including multi-frame and -D dictionaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  compress,
  decompress,
  trainDict,
  ZstdDict,
  ZstdCompressor,
  createCompressStream,
  createDecompressStream,
  openSync,
} from '../../../src/compression/zstd/index.js';
import { tempDirForFile } from '../../helpers/temp-dir.js';

const dir = tempDirForFile('zstd-cli').path;

function zstd(args: string[], input?: Buffer): Buffer {
  return execFileSync('zstd', args, { input, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}

const text = Buffer.from(Array.from({ length: 20000 }, (_, i) => `{"i":${i},"v":"${(i * 31) % 977}"}\n`).join(''));
const records = Array.from({ length: 2000 }, (_, i) =>
  Buffer.from(JSON.stringify({ id: i, city: ['Oslo', 'Lima', 'Pune'][i % 3], temp: (i * 13) % 40 })),
);

test('the-zstd-cli-decompresses-ts314-output-at-several-levels-and-multithreaded', () => {
  for (const options of [{ level: 1 }, { level: 3 }, { level: 19 }, { options: { nbWorkers: 2, checksumFlag: true } }]) {
    assert.deepEqual(zstd(['-d', '-c', '-q'], compress(text, options)), text);
  }
});

test('the-zstd-cli-decompresses-multi-frame-and-flushed-streams-from-ts314', async () => {
  const c = new ZstdCompressor();
  const frames = Buffer.concat([
    c.compress(text.subarray(0, 1000), ZstdCompressor.FLUSH_FRAME),
    c.compress(text.subarray(1000, 5000)),
    c.flush(ZstdCompressor.FLUSH_BLOCK),
    c.compress(text.subarray(5000)),
    c.flush(),
  ]);
  assert.deepEqual(zstd(['-d', '-c', '-q'], frames), text);
  const streamed = await buffer(Readable.from([text.subarray(0, 7), text.subarray(7)]).pipe(createCompressStream({ level: 6 })));
  assert.deepEqual(zstd(['-d', '-c', '-q'], streamed), text);
});

test('ts314-decompresses-zstd-cli-output-including-concatenated-frames-and-long-mode', () => {
  for (const args of [['-1'], ['-3'], ['-19'], ['--no-check', '-5'], ['-T2', '-3'], ['--ultra', '-20']]) {
    assert.deepEqual(decompress(zstd(['-c', '-q', ...args], text)), text, args.join(' '));
  }
  const multi = Buffer.concat([zstd(['-c', '-q'], text.subarray(0, 100)), zstd(['-c', '-q', '-9'], text.subarray(100))]);
  assert.deepEqual(decompress(multi), text);
  // Streamed through stdin: no content size in the header.
  const file = join(dir, 'long.zst');
  writeFileSync(join(dir, 'long.txt'), text);
  zstd(['-q', '-f', '--long=27', join(dir, 'long.txt'), '-o', file]);
  assert.deepEqual(decompress(readFileSync(file), { options: { windowLogMax: 27 } }), text);
});

test('dictionaries-interoperate-with-zstd-D-both-ways', () => {
  // Trained by ts314, used by the CLI.
  const ours = trainDict(records, 4096);
  const dictPath = join(dir, 'ours.dict');
  writeFileSync(dictPath, ours.dictContent);
  const record = records[123]!;
  assert.deepEqual(zstd(['-d', '-c', '-q', '-D', dictPath], compress(record, { zstdDict: ours })), record);
  assert.deepEqual(decompress(zstd(['-c', '-q', '-D', dictPath], record), { zstdDict: ours }), record);
  // Trained by the CLI, used by ts314.
  const sampleDir = join(dir, 'samples');
  mkdirSync(sampleDir);
  for (const [i, r] of records.entries()) writeFileSync(join(sampleDir, `${i}.json`), r);
  const cliDictPath = join(dir, 'cli.dict');
  zstd(['--train', '-q', '-r', sampleDir, '--maxdict=4096', '-o', cliDictPath]);
  const theirs = new ZstdDict(readFileSync(cliDictPath));
  assert.ok(theirs.dictId > 0);
  assert.deepEqual(decompress(zstd(['-c', '-q', '-D', cliDictPath], record), { zstdDict: theirs }), record);
  assert.deepEqual(zstd(['-d', '-c', '-q', '-D', cliDictPath], compress(record, { zstdDict: theirs.asDigestedDict })), record);
});

test('files-written-by-open-are-read-by-the-cli-and-vice-versa', async () => {
  const path = join(dir, 'file.zst');
  const f = openSync(path, 'wb', { level: 7 });
  f.write(text.subarray(0, 50000));
  f.flush();
  f.write(text.subarray(50000));
  f.close();
  assert.deepEqual(zstd(['-d', '-c', '-q', path]), text);
  const cliPath = join(dir, 'cli.txt.zst');
  writeFileSync(join(dir, 'cli.txt'), text);
  zstd(['-q', '-f', join(dir, 'cli.txt'), '-o', cliPath]);
  const r = openSync(cliPath, 'rb');
  assert.deepEqual(r.read(), text);
  r.close();
  const back = await buffer(Readable.from([readFileSync(cliPath)]).pipe(createDecompressStream()));
  assert.deepEqual(back, text);
});
