// zstd under the contract every codec module shares (one-shot, async, streams, async open(), errors, limits).
import zlib from 'node:zlib';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { codecContract } from '../codec-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';
import * as zstd from '../../../src/compression/zstd/index.js';

codecContract({
  name: 'zstd',
  mod: zstd,
  ErrorClass: zstd.ZstdError,
  levelOption: 'level',
  levels: [-5, 1, 3, 12],
  cli: { compress: ['zstd', ['-c', '-q']], decompress: ['zstd', ['-dc', '-q']] },
  multiStream: true,
  // Frames carry no checksum by default (as in Python), so damage the first block header instead:
  // block type 3 is reserved, which libzstd always reports as corruption.
  corrupt: (valid) => {
    const bad = Buffer.from(valid);
    const descriptor = bad[4]!;
    const singleSegment = (descriptor >> 5) & 1;
    const contentSizeBytes = [singleSegment, 2, 4, 8][descriptor >> 6]!;
    const dictIdBytes = [0, 1, 2, 4][descriptor & 3]!;
    const blockHeader = 5 + (singleSegment ? 0 : 1) + dictIdBytes + contentSizeBytes;
    bad[blockHeader]! |= 0b110;
    return bad;
  },
  wrongCodec: { input: zlib.gzipSync(Buffer.from('not zstd, gzip')), code: 'ERR_FORMAT' },
  emptyInput: 'ERR_TRUNCATED',
});

test('zstd: the async open() takes dictionaries and parameters, and points text modes at openSync()', async () => {
  using tmp = tempDir('zstd-open');
  const dir = tmp.path;
  {
    const samples = Array.from({ length: 400 }, (_, i) => Buffer.from(JSON.stringify({ id: i, user: `u${i % 20}`, ok: i % 3 === 0 })));
    const zd = zstd.trainDict(samples, 2048);
    const path = join(dir, 'records.zst');
    {
      await using w = await zstd.open(path, 'w', { options: { checksumFlag: true }, zstdDict: zd });
      for (const s of samples) await w.write(s);
    }
    {
      await using r = await zstd.open(path, 'r', { zstdDict: zd, options: { windowLogMax: 27 } });
      assert.ok((await r.read()).equals(Buffer.concat(samples)));
    }
    await using noDict = await zstd.open(path);
    await assert.rejects(noDict.read(), (e: unknown) => e instanceof zstd.ZstdError && e.code === 'ERR_CORRUPT');
    await assert.rejects(zstd.open(path, 'rt'), /openSync\(path, "rt"\)/);
    await assert.rejects(zstd.open(path, 'r', { level: 3 }), TypeError);
    await assert.rejects(zstd.open(path, 'r', { levle: 3 } as never), /Did you mean 'level'\?/);
    // The synchronous ZstdFile stays available as the extra, text modes included.
    using text = zstd.openSync(join(dir, 'text.zst'), 'wt');
    text.write('héllo\n');
  }
});
