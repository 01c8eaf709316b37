// Bootstrap of every ts314 worker thread: the service it was started for, behind its MessagePort.
import { parentPort, threadId } from 'node:worker_threads';
import { userWorkerData } from './boot.js';
import { guardExit } from './exit-guard.js';
import type { FromWorker, WorkerInit } from './protocol.js';
import { startSession } from './session.js';
import { startRunner } from './task-runner.js';

const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);
const init = userWorkerData() as WorkerInit;
const runner = init.service === 'tasks' ? startRunner(init, post, `${init.name} worker ${threadId}`) : undefined;
const service = runner ?? startSession(post, `Interpreter(${threadId})`);
port.on('message', (message) => service.onMessage(message));
guardExit({
  flush: () => service.flush(),
  progress: () => runner?.progress,
  post: (message, done) => {
    post(message);
    done();
  },
});
