// Every ```ts block in docs/templatelib.md runs (its asserts are the documented outputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../helpers/temp-dir.js';

const doc = readFileSync(new URL('../../docs/templatelib.md', import.meta.url), 'utf8');
const source = new URL('../../src/templatelib/index.ts', import.meta.url).href;
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

test('docs/templatelib.md has runnable examples for the seeds and every processor', () => {
  assert.ok(blocks.length >= 8, `only ${blocks.length} examples`);
  for (const name of ['mlApiResponse', 'toUpperCase', 'sql(', 'html(', 'json', 'shell(', 'format(', 'Template.parse']) {
    assert.ok(
      blocks.some((b) => b.includes(name)),
      `no example uses ${name}`,
    );
  }
});

blocks.forEach((block, i) => {
  const title = block.split('\n').find((l) => !l.startsWith('import') && l.trim() !== '') ?? '';
  test(`doc example ${i + 1} runs: ${title.slice(0, 60)}`, async () => {
    using dir = tempDir('doc');
    const file = dir.write(`example-${i + 1}.ts`, block.replaceAll("'ts314/templatelib'", JSON.stringify(source)));
    await import(pathToFileURL(file).href);
  });
});
