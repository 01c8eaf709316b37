// Template.parse costs what the template asks for: a huge array or string in scope is not walked, and deep nesting is a syntax error.
// test: serial — it compares the times of two parses, which other test files on the same cores would skew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, TemplateSyntaxError } from '../../src/templatelib/index.js';
import { growthRatio } from '../helpers/timing.js';

/** Time for `template` over data 1,000× larger, divided by the time over small data: ~1 when cost follows the template. */
function growth(template: string, small: unknown, large: unknown): number {
  const each = (data: unknown) => () => {
    for (let i = 0; i < 20; i++) Template.parse(template, { data });
  };
  return growthRatio(each(small), each(large));
}

test('an attribute of a 1,000,000-element array costs what it costs on a 1,000-element one', () => {
  const ratio = growth('{data.length}', new Array(1e3).fill(0), new Array(1e6).fill(0));
  assert.ok(ratio < 20, `1,000× the data took ${ratio.toFixed(1)}× the time`);
  assert.equal(Template.parse('{data.length}', { data: new Array(1e6).fill(0) }).values[0], 1e6);
});

test('indexing a 2 MB string costs what it costs on a 2 KB one', () => {
  const ratio = growth('{data[0]}{data[-1]}{data[3]}', 'é😀'.repeat(700), 'é😀'.repeat(700_000));
  assert.ok(ratio < 20, `1,000× the data took ${ratio.toFixed(1)}× the time`);
  assert.deepEqual(Template.parse('{data[0]}{data[-1]}{data[3]}', { data: 'é😀'.repeat(700_000) }).values, ['é', '😀', '😀']);
});

test('8,000 nested indexes are a TemplateSyntaxError, not a stack overflow', () => {
  const src = `{${'a['.repeat(8000)}0${']'.repeat(8000)}}`;
  assert.throws(
    () => Template.parse(src, { a: [0] }),
    (e: unknown) => e instanceof TemplateSyntaxError && /too many nested parentheses/.test(e.message),
  );
});
