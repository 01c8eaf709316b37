// The raw worker of the pool-start benchmark: answers one message with x + 1, as the pools' task does.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (x) => parentPort.postMessage(x + 1));
