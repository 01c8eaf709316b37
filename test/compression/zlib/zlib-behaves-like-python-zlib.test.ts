import zlib from 'node:zlib';
import { codecContract } from '../codec-contract.js';
import * as z from '../../../src/compression/zlib/index.js';

codecContract({
  name: 'zlib',
  mod: z,
  ErrorClass: z.ZlibError,
  levelOption: 'level',
  levels: [-1, 0, 1, 9],
  // No zlib-stream CLI ships in Debian's base; gzip interop is covered through wbits in the zlib tests.
  multiStream: false,
  // The Adler-32 trailer no longer matches.
  corrupt: (valid) => {
    const bad = Buffer.from(valid);
    bad[bad.length - 1]! ^= 0xff;
    return bad;
  },
  wrongCodec: { input: zlib.gzipSync(Buffer.from('not zlib')), code: 'ERR_FORMAT' },
  emptyInput: 'ERR_TRUNCATED',
});
