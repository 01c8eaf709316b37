import zlib from 'node:zlib';
import { codecContract } from '../codec-contract.js';
import * as brotli from '../../../src/compression/brotli/index.js';

codecContract({
  name: 'brotli',
  mod: brotli,
  ErrorClass: brotli.BrotliError,
  levelOption: 'quality',
  levels: [0, 5, 11],
  multiStream: false,
  corrupt: (valid) => {
    const bad = Buffer.from(valid);
    bad[Math.floor(bad.length / 2)]! ^= 0x55;
    return bad;
  },
  // Brotli has no signature: other data is only ever "corrupt" to it.
  wrongCodec: { input: zlib.gzipSync(Buffer.from('not brotli at all, just gzip')), code: 'ERR_CORRUPT' },
  emptyInput: 'ERR_TRUNCATED',
});
