// The CLI is a user of ts314: it imports the public entry points (src/<module>/index.ts) and src/internal, never a module's private files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/package.js';

const src = join(repoRoot, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

test('every relative import of src/cli reaches src/cli, src/internal or a module index', () => {
  const wrong: string[] = [];
  for (const file of tsFiles(join(src, 'cli'))) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const target = relative(src, resolve(dirname(file), specifier!));
      const [top, ...rest] = target.split('/');
      if (top === 'cli' || top === 'internal') continue;
      if (rest.join('/') === 'index.js' || /^compression\/\w+\/index\.js$/.test(target)) continue;
      wrong.push(`${relative(repoRoot, file)} imports ${specifier}`);
    }
  }
  assert.deepEqual(wrong, []);
});
