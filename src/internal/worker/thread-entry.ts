// Bootstrap of a pool's worker thread: the task runner behind a MessagePort, results flushed before any exit.
import { parentPort, threadId } from 'node:worker_threads';
import { userWorkerData } from '../worker-boot.js';
import { serializeError } from '../remote-error.js';
import type { FromWorker, InitData, RunMessage } from './protocol.js';
import { startRunner } from './task-runner.js';

const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);
const init = userWorkerData() as InitData;
const runner = startRunner(init, post, `${init.name} worker ${threadId}`);
port.on('message', (message: RunMessage) => runner.onMessage(message));

// Results already computed are sent before the thread goes, so they are neither lost nor re-run.
const realExit = process.exit.bind(process);
process.exit = ((code?: number) => {
  runner.flush();
  realExit(code);
}) as typeof process.exit;
process.on('uncaughtException', (error) => {
  runner.flush();
  post({ t: 'fatal', e: serializeError(error) });
  realExit(1);
});
