// Scratch folders for tests and benchmark scripts: one way to make a fresh temp dir and remove it, even when the test fails.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A fresh folder of its own under the OS temp dir; disposing it removes it with everything inside. */
export interface TempDir extends Disposable {
  /** The folder's absolute path. */
  readonly path: string;
  /** `join(path, ...parts)`: a path inside the folder. */
  join(...parts: string[]): string;
  /** Writes `data` to `name` inside the folder; returns the file's path. */
  write(name: string, data: string | Uint8Array): string;
  /** Removes the folder and its contents; calling it again does nothing. */
  remove(): void;
}

/**
 * A new folder `<os tmpdir>/ts314-<label>-XXXXXX`, unique to this call, so concurrent test files and
 * engineers never share one. Declare it with `using` and it is removed when the scope ends, also
 * when an assertion throws.
 * @example
 * using dir = tempDir('zstd-cli');
 * writeFileSync(dir.join('in.bin'), data);
 */
export function tempDir(label = 'test'): TempDir {
  const path = mkdtempSync(join(tmpdir(), `ts314-${label}-`));
  const remove = (): void => rmSync(path, { recursive: true, force: true });
  return {
    path,
    join: (...parts) => join(path, ...parts),
    write(name, data) {
      const file = join(path, name);
      writeFileSync(file, data);
      return file;
    },
    remove,
    [Symbol.dispose]: remove,
  };
}

/**
 * A temp folder shared by the tests of one file, removed by an `after` hook once they have all run
 * (call it at the top level of a test file).
 * @example
 * const dir = tempDirForFile('compare');
 */
export function tempDirForFile(label = 'test'): TempDir {
  const dir = tempDir(label);
  after(() => dir.remove());
  return dir;
}
