// Bootstrap of a pool's child process (forked with advanced serialization): the task runner behind IPC.
import { guardExit } from './exit-guard.js';
import type { FromWorker, InitMessage, RunMessage } from './protocol.js';
import { startRunner, type Runner } from './task-runner.js';

const send = process.send!.bind(process);
const post = (message: FromWorker, done?: () => void): void => {
  if (!process.connected) done?.();
  else if (done) send(message, () => done());
  else send(message);
};
let runner: Runner | undefined;

process.on('message', (message: InitMessage | RunMessage) => {
  if (message.t === 'init') runner = startRunner(message, post, `${message.name} worker ${process.pid}`);
  else runner!.onMessage(message);
});
// The parent going away (IPC closed) means nobody wants our results: leave instead of lingering.
process.on('disconnect', () => process.exit(0));
guardExit({ flush: () => runner?.flush(), progress: () => runner?.progress, post });
