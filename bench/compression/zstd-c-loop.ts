// Builds bench/compression/zstd-c-loop.c against the vendored libzstd with the addon's compiler flags (once per
// source change, cached under node_modules/.cache) and runs it: the C ceiling the zstd benchmark compares with.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lib = join(root, 'src/compression/native/vendor/zstd/lib');
const program = join(root, 'bench/compression/zstd-c-loop.c');

/** Path of the built loop, or an Error saying why it could not be built (no compiler, say). */
export function buildCLoop(): string | Error {
  const sources = [program];
  for (const dir of ['common', 'compress', 'decompress']) {
    for (const file of readdirSync(join(lib, dir)).sort()) if (/\.[cS]$/.test(file)) sources.push(join(lib, dir, file));
  }
  const hash = createHash('sha256');
  for (const file of sources) hash.update(readFileSync(file));
  const cache = join(root, 'node_modules/.cache/ts314-zstd-c-loop');
  const binary = join(cache, `zstd-c-loop-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(binary)) return binary;
  mkdirSync(cache, { recursive: true });
  try {
    // The flags of binding.gyp's ts314_zstd target, so the loop differs from the addon only in being called from C.
    execFileSync('cc', ['-O3', '-std=gnu11', '-pthread', '-DZSTD_MULTITHREAD', '-DZSTD_NO_TRACE', `-I${lib}`, '-o', binary, ...sources], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return binary;
  } catch (error) {
    return new Error(`cannot build the C loop: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** MB/s (10^6 bytes) of one C loop run, by the wall clock and by the process's CPU time. */
export interface CLoopRates {
  readonly compress: number;
  readonly decompress: number;
  readonly compressCpu: number;
  readonly decompressCpu: number;
}

/** Compress and decompress rates of the C loop on `file` at `level`, each timed for `milliseconds`. */
export function runCLoop(binary: string, file: string, level: number, milliseconds: number): CLoopRates {
  const [compress, decompress, compressCpu, decompressCpu] = execFileSync(binary, [file, String(level), String(milliseconds)], {
    encoding: 'utf8',
  })
    .trim()
    .split(' ')
    .map(Number) as [number, number, number, number];
  return { compress, decompress, compressCpu, decompressCpu };
}
