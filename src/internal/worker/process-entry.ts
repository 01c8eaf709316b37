// Bootstrap of a pool's child process (forked with advanced serialization): the task runner behind IPC.
import { serializeError } from '../remote-error.js';
import type { FromWorker, InitMessage, RunMessage } from './protocol.js';
import { startRunner, type Runner } from './task-runner.js';

const send = process.send!.bind(process);
const post = (message: FromWorker): void => void send(message);
let runner: Runner | undefined;

process.on('message', (message: InitMessage | RunMessage) => {
  if (message.t === 'init') runner = startRunner(message, post, `${message.name} worker ${process.pid}`);
  else runner!.onMessage(message);
});
// The parent going away (IPC closed) means nobody wants our results: leave instead of lingering.
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (error) => {
  runner?.flush();
  send({ t: 'fatal', e: serializeError(error) }, () => process.exit(1));
  setTimeout(() => process.exit(1), 1000).unref();
});
