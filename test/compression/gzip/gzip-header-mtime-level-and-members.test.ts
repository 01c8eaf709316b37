import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as gzip from '../../../src/compression/gzip/index.js';
import { spawnSync } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { tool } from '../helpers.js';
import { tempDir } from '../../helpers/temp-dir.js';

test('gzip: mtime is written to the header as Python does, defaulting to now', async () => {
  const fixed = gzip.compress('frame', { mtime: 1_700_000_000 });
  assert.equal(fixed.readUInt32LE(4), 1_700_000_000);
  assert.equal(gzip.decompress(fixed).toString(), 'frame');
  // `gzip -dN` restores the header's stamp onto the file it writes: the CLI reads what we wrote.
  {
    using dir = tempDir('gzip-mtime');
    await writeFile(dir.join('frame.gz'), fixed);
    const run = spawnSync('gzip', ['-dN', dir.join('frame.gz')]);
    assert.equal(run.status, 0, run.stderr?.toString());
    assert.equal(Math.round((await stat(dir.join('frame'))).mtimeMs / 1000), 1_700_000_000);
  }
  assert.equal(gzip.compress('x', { mtime: 0 }).readUInt32LE(4), 0);
  const before = Math.floor(Date.now() / 1000);
  const stamped = gzip.compress('x').readUInt32LE(4);
  assert.ok(stamped >= before && stamped <= before + 5, `default mtime ${stamped} is now`);
  assert.ok(gzip.compress('x', { mtime: 0 }).equals(gzip.compress('x', { mtime: 0 })), 'mtime 0 output is reproducible');
});

test('gzip: default level is Python\'s 9 (XFL says "max compression")', () => {
  assert.equal(gzip.COMPRESSION_LEVEL_DEFAULT, 9);
  assert.equal(gzip.compress('level test', { mtime: 0 })[8], 2);
  assert.equal(gzip.compress('level test', { mtime: 0, level: 1 })[8], 4);
  assert.throws(() => gzip.compress('x', { level: 10 }), /level must be an integer from 0 to 9, got 10/);
});

test('gzip: members from gzip -c concatenate, trailing garbage is BadGzipFile as in Python', async () => {
  const a = await tool('gzip', ['-c'], Buffer.from('first '));
  const b = await tool('gzip', ['-c'], Buffer.from('second'));
  assert.equal(gzip.decompress(Buffer.concat([a, b])).toString(), 'first second');
  assert.throws(
    () => gzip.decompress(Buffer.concat([a, Buffer.from('garbage!')])),
    (e: unknown) => e instanceof gzip.BadGzipFile && e.code === 'ERR_FORMAT',
  );
  assert.throws(
    () => gzip.decompress(Buffer.from('plain text')),
    (e: unknown) => e instanceof gzip.BadGzipFile && e instanceof gzip.GzipError,
  );
  assert.throws(
    () => gzip.decompress(a.subarray(0, a.length - 3)),
    (e: unknown) => e instanceof gzip.GzipError && !(e instanceof gzip.BadGzipFile) && e.code === 'ERR_TRUNCATED',
  );
});

test('gzip.open: level only when writing, and GzipFile is the class open() returns', async () => {
  await assert.rejects(gzip.open('/nonexistent.gz', 'r', { level: 5 }), /'level' applies only when writing/);
  await assert.rejects(gzip.open('/nonexistent.gz', 'r', { levle: 5 } as never), /Did you mean 'level'\?/);
  assert.equal(typeof gzip.GzipFile, 'function');
});
