// The shared Executor contract on the local pools: InterpreterPoolExecutor, ProcessPoolExecutor and ThreadPoolExecutor.
import { after } from 'node:test';
import { InterpreterPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor, task } from '../../src/futures/index.js';
import { writeTasks } from '../distributed/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';
import { contractTasks, executorContract } from './executor-contract.js';

const dir = tempDir('executor-contract');
after(() => dir.remove());
const { url } = writeTasks(dir);
const tasks = contractTasks((name) => task(url, name) as never);
// ThreadPoolExecutor runs functions where they are, as Python's threads do: the same exports, imported here.
const exports = (await import(url)) as Record<string, never>;
const functions = contractTasks((name) => exports[name]!);

executorContract('InterpreterPoolExecutor', async () => ({ executor: new InterpreterPoolExecutor({ maxWorkers: 2 }), tasks }));
executorContract('ProcessPoolExecutor', async () => ({ executor: new ProcessPoolExecutor({ maxWorkers: 2 }), tasks }));
executorContract('ThreadPoolExecutor (task(url, name))', async () => ({ executor: new ThreadPoolExecutor({ maxWorkers: 2 }), tasks }));
executorContract('ThreadPoolExecutor (functions)', async () => ({ executor: new ThreadPoolExecutor({ maxWorkers: 2 }), tasks: functions }));
