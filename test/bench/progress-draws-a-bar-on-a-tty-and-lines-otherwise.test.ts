// Progress display: a bar redrawn in place with category, benchmark and ETA on a TTY; plain lines in logs; nothing on CI.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { defineBench, runBenchmarks } from '../../src/bench/index.js';
import { createProgress, progressMode } from '../../src/bench/progress.js';
import { TINY_BUDGET } from './fixtures.js';

function capture(): Writable & { text: string; columns: number } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; columns: number };
  stream.text = '';
  stream.columns = 120;
  return stream;
}

const benches = [
  defineBench({ name: 'first', category: 'alpha', fn: () => 1 }),
  defineBench({
    name: 'second',
    category: 'beta',
    fn: () => {
      throw new Error('nope');
    },
  }),
  defineBench({ name: 'third', category: 'beta', fn: () => 3 }),
];

test('the mode follows the TTY and the CI variable', () => {
  assert.equal(progressMode({ isTTY: true } as NodeJS.WriteStream, { CI: 'true' }), 'bar');
  assert.equal(progressMode({ isTTY: false } as NodeJS.WriteStream, {}), 'lines');
  assert.equal(progressMode({ isTTY: false } as NodeJS.WriteStream, { CI: 'true' }), 'none');
  assert.equal(progressMode({ isTTY: false } as NodeJS.WriteStream, { CI: 'false' }), 'lines');
});

test('bar mode redraws one line with done count, category, name and ETA, keeps failures, ends full, and clears itself', async () => {
  const stream = capture();
  const progress = createProgress('bar', stream);
  await runBenchmarks(benches, { budget: TINY_BUDGET, onProgress: progress.update });
  const beforeDone = stream.text;
  progress.done();
  const { text } = stream;
  assert.match(text, /\[\.{20}\] 0\/3 done, running alpha › first {2}ETA \d+:\d\d/);
  assert.match(text, /\r\x1b\[2K\[#{7}\.{13}\] 1\/3 done, running beta › second {2}ETA \d+:\d\d/);
  assert.match(text, /✗ beta\/second\/second {2}FAILED: nope\n/);
  assert.match(text, /2\/3 done, running beta › third/);
  // The bar and its count agree: after the last benchmark it is full, not stuck at the last start.
  assert.ok(beforeDone.endsWith(`[${'#'.repeat(20)}] 3/3 done`), JSON.stringify(beforeDone.slice(-40)));
  assert.ok(text.endsWith('\r\x1b[2K'), 'the bar is erased before the table');
});

test('lines mode prints one line per benchmark; none prints nothing', async () => {
  const lines = capture();
  const none = capture();
  const a = createProgress('lines', lines);
  const b = createProgress('none', none);
  await runBenchmarks(benches, {
    budget: TINY_BUDGET,
    onProgress: (e) => {
      a.update(e);
      b.update(e);
    },
  });
  assert.match(
    lines.text,
    /^\[1\/3\] alpha\/first\/first {2}.+\/op {2}\(\d+\.\d s\)\n\[2\/3\] beta\/second\/second {2}FAILED: nope {2}\(\d+\.\d s\)\n\[3\/3\] beta\/third\/third {2}.+\/op/,
  );
  assert.doesNotMatch(lines.text, /\x1b/);
  assert.equal(none.text, '');
});

test('the bar is cut to the terminal width, and not cut when the terminal reports no width', async () => {
  const narrow = capture();
  narrow.columns = 30;
  const unsized = capture();
  unsized.columns = 0;
  const a = createProgress('bar', narrow);
  const b = createProgress('bar', unsized);
  await runBenchmarks([benches[0]!], {
    budget: TINY_BUDGET,
    onProgress: (e) => {
      a.update(e);
      b.update(e);
    },
  });
  assert.ok(narrow.text.startsWith('[....................] 0/1 d…'), narrow.text);
  assert.match(unsized.text, /0\/1 done, running alpha › first {2}ETA \d+:\d\d/);
});
