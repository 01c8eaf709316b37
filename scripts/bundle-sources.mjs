// Packs the vendored C libraries (src/compression/native/vendor/) into one gzip tarball for the npm package (prepack).
// As files they are 2.4 MB, gzipped 0.5 MB: only an install that finds no prebuild for its platform needs them, and
// scripts/build-native.mjs unpacks them there before compiling. The repository keeps the plain files.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const native = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'compression', 'native');
// Beside native/, not in it: a new file there would make every addon look stale to build-native.mjs.
const bundle = join(native, '..', 'native-vendor.tar.gz');
// Written beside and renamed over, so a concurrent pack never reads half a file.
const partial = `${bundle}.${process.pid}.partial`;
try {
  execFileSync('tar', ['czf', partial, '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-C', native, 'vendor']);
  renameSync(partial, bundle);
} finally {
  rmSync(partial, { force: true });
}
