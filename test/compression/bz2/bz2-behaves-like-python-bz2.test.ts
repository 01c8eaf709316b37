import zlib from 'node:zlib';
import { codecContract } from '../codec-contract.js';
import * as bz2 from '../../../src/compression/bz2/index.js';

codecContract({
  name: 'bz2',
  mod: bz2,
  ErrorClass: bz2.Bz2Error,
  levelOption: 'level',
  levels: [1, 5, 9],
  cli: { compress: ['bzip2', ['-c']], decompress: ['bzip2', ['-dc']] },
  multiStream: true,
  // A flipped bit inside the first block fails its CRC.
  corrupt: (valid) => {
    const bad = Buffer.from(valid);
    bad[Math.floor(bad.length / 2)]! ^= 0x10;
    return bad;
  },
  wrongCodec: { input: zlib.gzipSync(Buffer.from('not bzip2')), code: 'ERR_FORMAT' },
  emptyInput: 'empty',
});
