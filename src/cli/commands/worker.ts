// `ts314 worker`: a process that runs a DistributedExecutor's tasks from a broker, on all cores, until SIGTERM.
import { BrokerConnectionError, DistributedError, InvalidArgumentError, startWorker } from '../../distributed/index.js';
import { parseCommandArgs, UsageError } from '../args.js';
import { constants as osConstants } from 'node:os';

export const summary = 'run distributed tasks from a Redis or PostgreSQL queue (ts314/distributed)';

const HELP = `usage: ts314 worker --connection URL --queue NAME --module PATH [--module PATH ...] [options]

Takes jobs a DistributedExecutor (ts314/distributed) puts on the queue and runs them in a local
InterpreterPoolExecutor. Tasks are the function exports of the --module files. SIGTERM or SIGINT
drains: no new jobs are taken, running ones finish, then the worker exits 0. A second signal exits
at once (running jobs are rerun elsewhere after stall detection).

  ts314 worker --connection redis://10.0.0.5:6379 --queue work --module ./tasks.js
  ts314 worker --connection postgres://app@db/app --queue work --module ./tasks.js

options:
  --connection URL      broker: redis://host:port[/db], rediss://…, postgres://user@host/db
  --queue NAME          queue name (the executor's \`queue\` option)
  --module PATH         module whose function exports are the tasks (repeatable)
  --concurrency N       jobs held at once (default 2 × interpreters, at least 8)
  --interpreters N      interpreters running tasks (default: all cores; 0 runs them on the main thread)
  --lock-duration MS    a job's lock lifetime before it counts as stalled (default 30000)
  --stalled-interval MS how often stalled jobs are looked for (default 30000)
  --max-stalled N       reruns of a stalled job before it fails with TaskStalledError (default 1)
  --connect-timeout MS  give up reaching the broker after this long (default 5000)
  -h, --help            show this help`;

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`ts314 worker: ${flag} takes a whole number, got '${value}'`);
  return Number(value);
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('worker', argv, {
    options: {
      connection: { type: 'string' },
      queue: { type: 'string' },
      module: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      interpreters: { type: 'string' },
      'lock-duration': { type: 'string' },
      'stalled-interval': { type: 'string' },
      'max-stalled': { type: 'string' },
      'connect-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  for (const flag of ['connection', 'queue', 'module'] as const)
    if (values[flag] === undefined)
      throw new UsageError(`ts314 worker: --${flag} is required. Run \`ts314 worker --help\` for the options.`);
  let worker: Awaited<ReturnType<typeof startWorker>>;
  try {
    worker = await startWorker({
      connection: values.connection!,
      queue: values.queue!,
      modules: values.module!,
      concurrency: integer(values.concurrency, '--concurrency'),
      interpreters: integer(values.interpreters, '--interpreters'),
      lockDuration: integer(values['lock-duration'], '--lock-duration'),
      stalledInterval: integer(values['stalled-interval'], '--stalled-interval'),
      maxStalledCount: integer(values['max-stalled'], '--max-stalled'),
      connectTimeout: integer(values['connect-timeout'], '--connect-timeout'),
    });
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(`ts314 worker: ${error.message}`);
    if (error instanceof BrokerConnectionError || error instanceof DistributedError) {
      console.error(`ts314 worker: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  console.error(
    `ts314 worker: ready, pid ${process.pid}, queue '${values.queue}' on ${worker.broker.connection}; tasks: ${worker.tasks.join(', ') || '(none)'}`,
  );
  const line = () => {
    const { completed, failed, active } = worker.stats;
    const seconds = (performance.now() - started) / 1000;
    return `ts314 worker: ${completed} completed, ${failed} failed, ${active} running (${(completed / Math.max(seconds, 1e-3)).toFixed(0)}/s)`;
  };
  // A TTY gets a live status line; logs (CI) get a line every 10 s while work is done.
  let last = -1;
  const progress = setInterval(
    () => {
      const done = worker.stats.completed + worker.stats.failed;
      if (tty) process.stderr.write(`\r${line()}\x1b[K`);
      else if (done !== last) console.error(line());
      last = done;
    },
    tty ? 500 : 10_000,
  );
  progress.unref();
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals === 1) {
        if (tty) process.stderr.write('\n');
        console.error(`ts314 worker: ${signal}: draining (running tasks finish; send it again to stop now)`);
        void worker.close().then(resolve);
      } else {
        // A drain can wait on a long task or an absent broker: the second signal means now. Running
        // jobs are not reported as failed; their locks lapse and other workers rerun them.
        console.error(`ts314 worker: ${signal} again: stopping now; ${worker.stats.active} running task(s) will rerun elsewhere`);
        process.exit(128 + (osConstants.signals[signal] ?? 15));
      }
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  clearInterval(progress);
  console.error(`${line()}; stopped`);
  return 0;
}
