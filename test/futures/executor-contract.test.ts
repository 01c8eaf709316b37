// The shared Executor contract on the local pools: InterpreterPoolExecutor and ProcessPoolExecutor.
import { after } from 'node:test';
import { InterpreterPoolExecutor, ProcessPoolExecutor, task } from '../../src/futures/index.js';
import { writeTasks } from '../distributed/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';
import { contractTasks, executorContract } from './executor-contract.js';

const dir = tempDir('executor-contract');
after(() => dir.remove());
const { url } = writeTasks(dir);
const tasks = contractTasks((name) => task(url, name) as never);

executorContract('InterpreterPoolExecutor', async () => ({ executor: new InterpreterPoolExecutor({ maxWorkers: 2 }), tasks }));
executorContract('ProcessPoolExecutor', async () => ({ executor: new ProcessPoolExecutor({ maxWorkers: 2 }), tasks }));
