// Importing ts314/futures (and running parallelMap, which asks features()) loads nothing under dist/compression:
// the runtime's compression probes ask internal/native-addons, not the codec modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModuleScript } from '../helpers/package.js';

// A resolve hook on the loader thread reports every module URL the script pulls in.
const SCRIPT = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
const hooks = 'data:text/javascript,' + encodeURIComponent(\`
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}\`);
register(hooks, { data: { port: port2 }, transferList: [port2] });
const { parallelMap } = await import('ts314/futures');
const { features } = await import('ts314/runtime');
const doubled = (await parallelMap((x) => x * 2, [1, 2, 3], { maxWorkers: 1 })).results;
const zstd = features().zstd.available;
await new Promise((resolve) => setTimeout(resolve, 100));
port1.close();
process.stdout.write(JSON.stringify({ seen, doubled, zstd }));
`;

test('importing ts314/futures and running parallelMap loads no dist/compression module', async () => {
  const { seen, doubled, zstd } = JSON.parse(await runModuleScript(SCRIPT)) as { seen: string[]; doubled: number[]; zstd: boolean };
  assert.deepEqual(doubled, [2, 4, 6]);
  assert.equal(zstd, true, 'the zstd probe still sees the addon');
  assert.ok(
    seen.some((url) => url.includes('/dist/futures/')),
    `the hook saw the futures modules: ${seen.join(', ')}`,
  );
  const compression = seen.filter((url) => url.includes('/dist/compression/'));
  assert.deepEqual(compression, [], 'modules under dist/compression were loaded');
});
