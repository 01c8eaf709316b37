// Builds dist/ from src/ with tsc and marks the CLI executable: the package as users get it.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// typescript is a devDependency; a consumer installing from the registry gets a prebuilt dist/.
let tscBin;
try {
  tscBin = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
} catch {
  if (existsSync(join(root, 'dist', 'cli', 'index.js'))) process.exit(0);
  console.error('ts314 build: typescript is not installed; run `npm install` in the repository first.');
  process.exit(1);
}
// Native addons first (no-op when up to date): dist/ loads them from build/Release.
execFileSync(process.execPath, [join(root, 'scripts', 'build-native.mjs')], { stdio: 'inherit', cwd: root });
rmSync(join(root, 'dist'), { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tscBin, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
} catch {
  console.error('ts314 build: tsc reported errors (above)');
  process.exit(1);
}
chmodSync(join(root, 'dist', 'cli', 'index.js'), 0o755);
