// The package as a TypeScript user gets it: packed, installed into a fresh project, and every README
// and docs example plus the type-level tests checked by `tsc --strict` without skipLibCheck — under
// TypeScript 5 and the current TypeScript, with @types/node 20 and the current @types/node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageJson, repoRoot, requireBuild } from '../helpers/package.js';
import { tempDirForFile } from '../helpers/temp-dir.js';

requireBuild();

function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, maxBuffer: 64 * 2 ** 20, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** One ```ts block of a document: companion files name themselves on their first line (`// work.ts`). */
interface Example {
  readonly doc: string;
  readonly file: string;
  readonly source: string;
}

/**
 * Every ```ts block of README.md and docs/*.md, and the runnable files under docs/examples/. A
 * block whose first line is `// name.ts` is that file (other blocks of the same document import
 * it); any other block is `<n>.ts`. Each document gets its own folder, so companions do not clash.
 */
function examples(): Example[] {
  const docs = [
    'README.md',
    ...readdirSync(join(repoRoot, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const found: Example[] = [];
  for (const doc of docs) {
    const text = readFileSync(join(repoRoot, doc), 'utf8');
    [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].forEach((match, i) => {
      const source = match[1]!;
      const named = /^\/\/ ([\w-]+\.ts)\n/.exec(source)?.[1];
      found.push({ doc, file: named ?? `example-${i + 1}.ts`, source });
    });
  }
  for (const file of readdirSync(join(repoRoot, 'docs/examples')).filter((f) => f.endsWith('.ts'))) {
    found.push({ doc: 'docs/examples', file, source: readFileSync(join(repoRoot, 'docs/examples', file), 'utf8') });
  }
  return found;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'ESNext.Disposable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    // The point of the test: ts314's own .d.ts files are checked too.
    skipLibCheck: false,
    noEmit: true,
    types: ['node'],
  },
  include: ['examples/**/*.ts', 'type-tests/**/*.ts'],
};

const dir = tempDirForFile('consumer-types');
const found = examples();
const typeTests = readdirSync(join(repoRoot, 'test/package/type-tests')).filter((f) => f.endsWith('.ts'));

/** Packs the repository once, then installs it into one project per @types/node version, in parallel. */
const installed = (async () => {
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir.path], repoRoot);
  assert.equal(packed.code, 0, packed.output);
  const tarball = join(dir.path, (JSON.parse(packed.output.slice(packed.output.indexOf('['))) as [{ filename: string }])[0].filename);
  const projects = {
    node20: { types: '@types/node@20', extra: ['typescript@5'] },
    nodeCurrent: { types: '@types/node@latest', extra: [] as string[] },
  };
  await Promise.all(
    Object.entries(projects).map(async ([name, { types, extra }]) => {
      const project = join(dir.path, name);
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
      for (const example of found) {
        const folder = join(project, 'examples', example.doc.replace(/[/.]/g, '-'));
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, example.file), example.source);
      }
      mkdirSync(join(project, 'type-tests'));
      for (const file of typeTests)
        writeFileSync(join(project, 'type-tests', file), readFileSync(join(repoRoot, 'test/package/type-tests', file)));
      // --ignore-scripts: the types do not depend on the native build, and this test is about types.
      const install = await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', tarball, types, ...extra],
        project,
      );
      assert.equal(install.code, 0, install.output);
    }),
  );
  const require = createRequire(join(dir.path, 'node20', 'package.json'));
  return {
    node20: join(dir.path, 'node20'),
    nodeCurrent: join(dir.path, 'nodeCurrent'),
    tsc5: join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc'),
    tscCurrent: join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
  };
})();

function versionOf(project: string, pkg: string): string {
  return (JSON.parse(readFileSync(join(project, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

test('the examples cover README.md and every docs page with TypeScript code, and their companion files', () => {
  const docs = new Set(found.map((e) => e.doc));
  for (const doc of ['README.md', 'docs/futures.md', 'docs/threading.md', 'docs/compression.md', 'docs/gc.md', 'docs/templatelib.md'])
    assert.ok(docs.has(doc), `${doc} contributes no example`);
  for (const companion of ['work.ts', 'kernels.ts'])
    assert.ok(
      found.some((e) => e.doc === 'README.md' && e.file === companion),
      `README.md shows no ${companion}`,
    );
  assert.ok(found.length >= 30, `only ${found.length} examples`);
  assert.ok(typeTests.length >= 3, `only ${typeTests.length} type-test files`);
});

for (const [project, tsc] of [
  ['node20', 'tsc5'],
  ['node20', 'tscCurrent'],
  ['nodeCurrent', 'tsc5'],
  ['nodeCurrent', 'tscCurrent'],
] as const) {
  test(`tsc --strict (no skipLibCheck) passes: ${project === 'node20' ? '@types/node 20' : 'current @types/node'}, ${tsc === 'tsc5' ? 'TypeScript 5' : 'current TypeScript'}`, async () => {
    const paths = await installed;
    const result = await run(
      process.execPath,
      [paths[tsc], '-p', join(paths[project], 'tsconfig.json'), '--pretty', 'false'],
      paths[project],
    );
    const typescript = tsc === 'tsc5' ? versionOf(paths.node20, 'typescript') : versionOf(repoRoot, 'typescript');
    assert.equal(
      result.code,
      0,
      `TypeScript ${typescript}, @types/node ${versionOf(paths[project], '@types/node')}, ts314 ${packageJson().name}:\n${result.output}`,
    );
  });
}

test('every subpath export loads from the installed tarball under plain Node, and the root explains itself', async () => {
  const paths = await installed;
  const subpaths = Object.keys(packageJson().exports).filter((key) => key !== './package.json' && key !== '.');
  const script = `
    for (const s of ${JSON.stringify(subpaths)}) {
      const mod = await import('ts314/' + s.slice(2));
      if (Object.keys(mod).length === 0) throw new Error(s + ' exports nothing');
    }
    await import('ts314').then(() => { throw new Error('the root loaded'); }, (e) => console.log(e.code));`;
  const result = await run(process.execPath, ['--input-type=module', '-e', script], paths.nodeCurrent);
  assert.equal(result.code, 0, result.output);
  assert.equal(result.output.trim(), 'ERR_PACKAGE_PATH_NOT_EXPORTED');
});
