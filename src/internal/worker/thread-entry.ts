// Bootstrap of every ts314 worker thread: the service it was started for, behind its MessagePort.
import { parentPort, threadId } from 'node:worker_threads';
import { registerTypeScriptLoader, typeScriptAtStart, userWorkerData } from './boot-data.js';
import { guardExit } from './exit-guard.js';
import type { FromWorker, WorkerInit } from './protocol.js';
import { startRunner } from './task-runner.js';

const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);
const init = userWorkerData() as WorkerInit;
// A pool's worker registers tsx when a task needs it. An interpreter registers it up front: code it
// runs may import TypeScript in ways no task reference shows, and it cannot hand a request to a fresh
// worker the way a pool re-runs a task whose module graph needs tsx from the start.
if (init.service !== 'tasks' || typeScriptAtStart()) await registerTypeScriptLoader();
// A pool's task runner is imported statically: modules in the entry's graph load together, while each
// dynamic import is one more round of loading before the first task can start. An interpreter's
// session, longer lived, loads on its own.
const runner = init.service === 'tasks' ? startRunner(init, post, `${init.name} worker ${threadId}`) : undefined;
const service = runner ?? (await import('./session.js')).startSession(post, `Interpreter(${threadId})`);
port.on('message', (message) => service.onMessage(message));
guardExit({
  flush: () => service.flush(),
  progress: () => runner?.progress,
  post: (message, done) => {
    post(message);
    done();
  },
});
