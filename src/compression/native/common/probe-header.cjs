// Prints 1 when the C compiler can include the header named in argv[2], else 0: binding.gyp uses it so a
// machine without liblzma-dev still builds ts314 (lzma then reports itself unavailable).
const { spawnSync } = require('node:child_process');
// TS314_PROBE_CC lets a build simulate a machine without the headers (e.g. TS314_PROBE_CC=false).
const cc = process.env.TS314_PROBE_CC || process.env.CC || 'cc';
const probe = spawnSync(cc, ['-E', '-x', 'c', '-'], { input: `#include <${process.argv[2]}>\n`, stdio: ['pipe', 'ignore', 'ignore'] });
process.stdout.write(probe.status === 0 ? '1' : '0');
