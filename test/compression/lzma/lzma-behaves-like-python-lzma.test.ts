import zlib from 'node:zlib';
import { codecContract } from '../codec-contract.js';
import * as lzma from '../../../src/compression/lzma/index.js';

codecContract({
  name: 'lzma',
  mod: lzma,
  ErrorClass: lzma.LZMAError,
  levelOption: 'preset',
  levels: [0, 1, 6, 9],
  cli: { compress: ['xz', ['-c']], decompress: ['xz', ['-dc']] },
  multiStream: true,
  // A flipped byte in the compressed block fails the LZMA decoder or the CRC64.
  corrupt: (valid) => {
    const bad = Buffer.from(valid);
    bad[Math.floor(bad.length / 2)]! ^= 0x55;
    return bad;
  },
  wrongCodec: { input: zlib.gzipSync(Buffer.from('not xz')), code: 'ERR_FORMAT' },
  emptyInput: 'ERR_TRUNCATED',
});
