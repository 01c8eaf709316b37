import zlib from 'node:zlib';
import { codecContract } from '../codec-contract.js';
import * as gzip from '../../../src/compression/gzip/index.js';

codecContract({
  name: 'gzip',
  mod: gzip,
  ErrorClass: gzip.GzipError,
  levelOption: 'level',
  levels: [0, 1, 6, 9],
  cli: { compress: ['gzip', ['-c']], decompress: ['gzip', ['-dc']] },
  multiStream: true,
  // The CRC-32 in the trailer no longer matches.
  corrupt: (valid) => {
    const bad = Buffer.from(valid);
    bad[bad.length - 6]! ^= 0xff;
    return bad;
  },
  wrongCodec: { input: zlib.deflateSync(Buffer.from('not gzip')), code: 'ERR_FORMAT' },
  emptyInput: 'empty',
});
