// `ts314 play`: lists the notebook demos or runs them, printing text, or JSON, and writing the HTML page.
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { progressMode } from '../../bench/index.js';
import { DistributedError, InvalidArgumentError } from '../../distributed/index.js';
import { didYouMean } from '../../internal/did-you-mean.js';
import {
  DEFAULT_PLAY_QUEUE,
  DEFAULT_SEED,
  DEFAULT_WORKERS,
  DEMOS,
  PLAY_SCHEMA,
  QUICK_WORKERS,
  playRunToJson,
  renderDemoText,
  renderPlayHtml,
  TEXT_WIDTH,
  type Demo,
  type PlayDemoRun,
  type PlayRun,
} from '../../play/index.js';
import { runtimeInfo } from '../../runtime/index.js';
import { parseCommandArgs, UsageError } from '../args.js';

export const summary = "run the Python 3.14 notebooks' demos (tables, timings, speed-ups); text, JSON, HTML";

const HELP = `usage: ts314 play [demo…] [options]

Without a demo, lists the demos. Each demo prints what its notebook meant to print, then one line on
the Python 3.14 feature and its ts314 counterpart.

options:
  --all              run every demo
  --seed N           seed of the NumPy-compatible generator (default 42: the notebooks' tables)
  --workers 1,2,4    worker counts for the parallel demos (default 1,2,4,8; with --quick 1,2)
  --quick            smaller inputs, one timed run each (every demo in under a minute)
  --json             print the run as JSON (schema ${PLAY_SCHEMA}, docs/play.md) instead of text
  --html FILE        also write a self-contained HTML page: code, output and charts per demo
  --connection URL   run the indicators demo's parallel rows through a DistributedExecutor on this
                     broker (redis://host:port or postgres://user@host/db): each worker count
                     starts that many local \`ts314 worker\` processes for its row and stops them
                     after; --workers 0 starts none and uses the workers already on the queue
  --queue NAME       the queue for --connection (default ${DEFAULT_PLAY_QUEUE})
  -h, --help         show this help`;

function parseWorkers(value: string | undefined, distributed: boolean): number[] | undefined {
  if (value === undefined) return undefined;
  // With a broker, --workers 0 (alone) means: start no workers, use the ones already running.
  if (distributed && value.trim() === '0') return [0];
  return value.split(',').map((part) => {
    const n = Number(part.trim());
    if (!/^\d+$/.test(part.trim()) || n < 1 || n > 256) {
      if (n === 0)
        throw new UsageError(
          `ts314 play: --workers 0 means "the workers already running on the broker's queue": it needs --connection, and stands alone`,
        );
      throw new UsageError(
        `ts314 play: --workers takes worker counts from 1 to 256 separated by commas, e.g. --workers 1,2,4; '${part}' is not one`,
      );
    }
    return n;
  });
}

function parseSeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 2 ** 32 - 1)
    throw new UsageError(`ts314 play: --seed must be an integer from 0 to 4294967295 (as np.random.seed), got '${value}'`);
  return n;
}

function checkWritable(file: string): void {
  const dir = dirname(resolve(file));
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(
      `ts314 play: --html ${file}: cannot write into '${dir}' (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); create the folder first`,
    );
  }
}

function list(): string {
  const width = Math.max(...DEMOS.map((d) => d.name.length));
  const lines = DEMOS.map((d) => {
    const line = `  ${d.name.padEnd(width)}  ${d.summary}`;
    return line.length > TEXT_WIDTH ? `${line.slice(0, TEXT_WIDTH - 1)}…` : line;
  });
  return ['Demos (ts314 play <demo> [--quick], or ts314 play --all):', ...lines].join('\n');
}

/** Progress on stderr: a line redrawn in place on a terminal, one line per step in logs, nothing on CI. */
function progress(demo: string): { step: (text: string) => void; done: () => void } {
  const mode = progressMode();
  let drawn = false;
  return {
    step(text) {
      if (mode === 'none') return;
      const line = `[${demo}] ${text}…`;
      if (mode === 'lines') process.stderr.write(`${line}\n`);
      else {
        process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || TEXT_WIDTH) - 1)}`);
        drawn = true;
      }
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[2K');
    },
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('play', argv, {
    allowPositionals: true,
    options: {
      all: { type: 'boolean' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      quick: { type: 'boolean' },
      json: { type: 'boolean' },
      html: { type: 'string' },
      connection: { type: 'string' },
      queue: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const names = DEMOS.map((d) => d.name as string);
  for (const name of positionals) {
    if (!names.includes(name))
      throw new UsageError(`ts314 play: unknown demo '${name}'.${didYouMean(name, names) || ` Demos: ${names.join(', ')}.`}`);
  }
  if (!values.all && positionals.length === 0) {
    console.log(list());
    return 0;
  }
  const seed = parseSeed(values.seed);
  if (values.queue !== undefined && values.connection === undefined)
    throw new UsageError('ts314 play: --queue names the queue of --connection; give the broker with --connection URL');
  const distributed =
    values.connection === undefined ? undefined : { connection: values.connection, queue: values.queue ?? DEFAULT_PLAY_QUEUE };
  const workers = parseWorkers(values.workers, distributed !== undefined);
  if (values.html !== undefined) checkWritable(values.html);
  const chosen: Demo[] = values.all ? [...DEMOS] : DEMOS.filter((d) => positionals.includes(d.name));
  if (distributed && chosen.some((d) => d.name !== 'indicators'))
    throw new UsageError(
      `ts314 play: --connection runs the indicators demo on a broker, and the other demos (${chosen
        .filter((d) => d.name !== 'indicators')
        .map((d) => d.name)
        .join(', ')}) run on this machine only: run \`ts314 play indicators --connection ${values.connection}\``,
    );
  const quick = values.quick === true;
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const runs: PlayDemoRun[] = [];
  for (const demo of chosen) {
    const bar = progress(demo.name);
    const start = performance.now();
    let result: PlayDemoRun['result'];
    try {
      result = await demo.run({ seed, workers, quick, onProgress: bar.step, ...(distributed ? { distributed } : {}) });
    } catch (error) {
      // A bad connection string is a usage error; an unreachable broker or a worker that would not start, a failed run.
      if (error instanceof InvalidArgumentError) throw new UsageError(`ts314 play: ${error.message}`, { cause: error });
      if (error instanceof DistributedError) {
        bar.done();
        console.error(`ts314 play: ${demo.name}: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      bar.done();
    }
    const entry: PlayDemoRun = {
      name: demo.name,
      source: demo.source,
      feature: demo.feature,
      durationMs: performance.now() - start,
      result,
    };
    runs.push(entry);
    if (!values.json) {
      const title = `${demo.name} — ${demo.source}`;
      console.log(`${runs.length > 1 ? '\n' : ''}${title.slice(0, TEXT_WIDTH)}\n${'='.repeat(Math.min(title.length, TEXT_WIDTH))}`);
      console.log(renderDemoText(result, demo.feature));
    }
  }
  const resolvedWorkers = workers ?? (quick ? QUICK_WORKERS : DEFAULT_WORKERS);
  const playRun: PlayRun = {
    schema: PLAY_SCHEMA,
    startedAt,
    durationMs: performance.now() - started,
    runtime: runtimeInfo(),
    options: { seed: seed ?? DEFAULT_SEED, workers: resolvedWorkers, quick },
    demos: runs,
  };
  if (values.json) console.log(playRunToJson(playRun));
  if (values.html !== undefined) {
    const excerpt = (name: string) => DEMOS.find((d) => d.name === name)?.excerpt ?? '';
    writeFileSync(
      values.html,
      renderPlayHtml(playRun, (d) => renderDemoText(d.result, d.feature), excerpt),
    );
    if (!values.json) console.log(`\nHTML page written to ${values.html}`);
  }
  return 0;
}
