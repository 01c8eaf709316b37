// The ceiling for tiny tasks: a raw worker that takes an array of numbers per message and answers x + 1 for each, in one message.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (numbers) => {
  const out = new Array(numbers.length);
  for (let i = 0; i < numbers.length; i++) out[i] = numbers[i] + 1;
  parentPort.postMessage(out);
});
