// `ts314 bench`: runs the built-in categories and/or benchmark files, prints the results table, saves JSON and HTML.
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  BenchFileError,
  CATEGORIES,
  createProgress,
  defaultWorkers,
  defineBench,
  FULL_BUDGET,
  loadBenchFile,
  QUICK_BUDGET,
  renderHtmlReport,
  renderResultsTable,
  runBenchmarks,
  type BenchContext,
  type BenchDefinition,
  type BenchRun,
} from '../../bench/index.js';
import { didYouMean } from '../../internal/did-you-mean.js';
import { features, runtimeInfo } from '../../runtime/index.js';
import { parseCommandArgs, UsageError } from '../args.js';
import { featureLines, field } from '../report-lines.js';
import { terminalWidth } from '../terminal.js';

export const summary = 'run the benchmark suite or benchmark files; table, JSON and HTML report';

/** The `====` rules around the headings: as wide as the output, at most this. */
const RULE_WIDTH = 90;

const HELP = `usage: ts314 bench [files…] [options]

Runs benchmarks and prints a results table (mean, std, P95, ops/sec, 95% CI, outliers; speedup
against the group's baseline, and efficiency where a group varies the worker count). Without files
or --category, every built-in category runs; with files, only the files run unless --category is
given too. The table fits the terminal (or COLUMNS; 100 columns when not on a terminal): columns
that do not fit are left out of the table and named under it; --output keeps every statistic.

options:
  --quick               smaller inputs, ~0.4 s per benchmark (the whole suite in under a minute)
  --iterations N        exactly N timed samples per benchmark (default: as many as fit the time
                        budget)
  --warmup N            N untimed calls after calibration (default: a warm-up time budget)
  --category a,b        built-in categories to run (repeatable)
  --filter PATTERN      run only benchmarks whose id (category/group/name) matches this regular
                        expression (case-insensitive)
  --workers 1,2,4       worker counts for parallel benchmarks (default: powers of two up to the
                        cores, plus one)
  --output FILE         write the run as JSON (schema ts314-bench/1, docs/bench-schema.md)
  --html FILE           write a self-contained HTML report with charts
  --connection URL      broker for the distributed category (redis://host:port or
                        postgres://user@host/db; default: the TS314_BROKER environment
                        variable); its rows start local \`ts314 worker\` processes and stop
                        them after. Without a broker the category is listed as skipped
  -h, --help            show this help

A benchmark file exports \`default defineBench({ name, fn })\` (or an array), or named exports made
with defineBench from 'ts314/bench'. .ts files load with Node's type stripping, else with tsx.

Exit status: 0 when every benchmark ran, 1 when any failed (it is still in the table and JSON),
2 for bad arguments.`;

function positiveInteger(flag: string, value: string | undefined, min: number, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`ts314 bench: ${flag} must be an integer ≥ ${min} (${what}), got '${value}'`);
  }
  return n;
}

function parseWorkers(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => p.trim());
  const workers: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(
        `ts314 bench: --workers takes positive whole worker counts separated by commas, e.g. --workers 1,2,4; '${part}' is not one (in '${value}')`,
      );
    }
    if (!workers.includes(n)) workers.push(n);
  }
  return workers;
}

function parseFilter(value: string | undefined): RegExp | undefined {
  if (value === undefined) return undefined;
  try {
    return new RegExp(value, 'i');
  } catch (error) {
    throw new UsageError(
      `ts314 bench: --filter '${value}' is not a valid regular expression (${(error as Error).message}); escape special characters, e.g. 'uuid7\\(1000\\)'`,
    );
  }
}

function checkWritable(flag: string, file: string | undefined): void {
  if (file === undefined) return;
  const dir = dirname(resolve(file));
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(
      `ts314 bench: ${flag} ${file}: cannot write into '${dir}' (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); create the folder first`,
    );
  }
}

function header(
  width: number,
  workers: readonly number[],
  quick: boolean,
  iterations: number | undefined,
  warmup: number | undefined,
): string {
  const info = runtimeInfo();
  const budget = quick ? QUICK_BUDGET : FULL_BUDGET;
  const rule = '='.repeat(Math.min(width, RULE_WIDTH));
  const mode = `${quick ? 'quick' : 'full'}: ${iterations !== undefined ? `${iterations} samples` : `${budget.sampleMs} ms of samples`} per benchmark after ${warmup !== undefined ? `${warmup} warm-up calls` : `${budget.warmupMs} ms warm-up`} (cap ${budget.hardCapMs / 1000} s)`;
  return [
    rule,
    'TS314 BENCHMARK SUITE',
    rule,
    ...field('Runtime:', `${info.runtime} ${info.version}${info.v8 ? ` (V8 ${info.v8})` : ''}, ts314 ${info.ts314Version}`, width),
    ...field('Platform:', `${info.platform} ${info.arch}${info.cpuModel ? `, ${info.cpuModel.trim()}` : ''}`, width),
    ...field('CPU cores:', `${info.cpuCount} (availableParallelism ${info.availableParallelism})`, width),
    ...field('Mode:', mode, width),
    ...field('Workers:', workers.join(', '), width),
    '',
    'Available Features:',
    ...featureLines(Object.values(features()), width),
  ].join('\n');
}

/** A category whose load() threw still shows up, as one failed row, instead of silently vanishing. */
function failedLoad(category: string, error: unknown): BenchDefinition {
  return defineBench({
    name: 'load',
    category,
    setup: () => {
      throw error;
    },
    fn: () => undefined,
  });
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('bench', argv, {
    allowPositionals: true,
    options: {
      quick: { type: 'boolean' },
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      category: { type: 'string', multiple: true },
      filter: { type: 'string' },
      workers: { type: 'string' },
      output: { type: 'string' },
      html: { type: 'string' },
      connection: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const quick = values.quick === true;
  const iterations = positiveInteger('--iterations', values.iterations, 1, 'timed samples per benchmark');
  const warmup = positiveInteger('--warmup', values.warmup, 0, 'untimed calls before timing');
  const workers = parseWorkers(values.workers) ?? defaultWorkers();
  const filter = parseFilter(values.filter);
  const broker = values.connection ?? (process.env.TS314_BROKER || undefined);
  if (values.connection !== undefined && values.connection.trim() === '')
    throw new UsageError('ts314 bench: --connection needs a broker URL, e.g. --connection redis://127.0.0.1:6379');
  checkWritable('--output', values.output);
  checkWritable('--html', values.html);

  const known = CATEGORIES.map((c) => c.name);
  const requested = (values.category ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const name of requested) {
    if (!known.includes(name)) {
      throw new UsageError(
        `ts314 bench: unknown category '${name}'.${didYouMean(name, known) || ''} Categories: ${known.length ? known.join(', ') : '(none built in)'}`,
      );
    }
  }
  if (values.category !== undefined && requested.length === 0)
    throw new UsageError(`ts314 bench: --category needs a name. Categories: ${known.join(', ')}`);
  const files = positionals;
  const selected = requested.length > 0 ? CATEGORIES.filter((c) => requested.includes(c.name)) : files.length > 0 ? [] : CATEGORIES;

  const context: BenchContext = { quick, workers, ...(broker !== undefined ? { broker } : {}) };
  const definitions: BenchDefinition[] = [];
  for (const file of files) {
    try {
      for (const d of await loadBenchFile(file)) definitions.push(d.category ? d : { ...d, category: 'user' });
    } catch (error) {
      if (error instanceof BenchFileError) throw new UsageError(`ts314 bench: ${error.message}`, { cause: error });
      throw error;
    }
  }
  for (const category of selected) {
    try {
      for (const d of await category.load(context)) definitions.push(d.category ? d : { ...d, category: category.name });
    } catch (error) {
      definitions.push(failedLoad(category.name, error));
    }
  }
  const chosen = filter ? definitions.filter((d) => filter.test(`${d.category}/${d.group ?? d.name}/${d.name}`)) : definitions;
  if (chosen.length === 0) {
    const all = definitions.map((d) => `${d.category}/${d.group ?? d.name}/${d.name}`);
    if (filter) {
      throw new UsageError(
        `ts314 bench: no benchmark matches --filter '${values.filter}'.${didYouMean(
          values.filter!,
          all.flatMap((id) => id.split('/')),
        )} ${all.length} benchmarks were selected: ${all.slice(0, 8).join(', ')}${all.length > 8 ? ', …' : ''}`,
      );
    }
    throw new UsageError(
      'ts314 bench: nothing to run: no built-in categories are available and no benchmark files were given. Usage: ts314 bench [files…] [--category a,b]',
    );
  }

  const width = terminalWidth();
  console.log(header(width, workers, quick, iterations, warmup));
  const categories = [...new Set(chosen.map((d) => d.category!))];
  console.log(`\nRunning ${chosen.length} benchmark${chosen.length === 1 ? '' : 's'} (${categories.join(', ')})…\n`);
  const progress = createProgress();
  let result: BenchRun;
  try {
    result = await runBenchmarks(chosen, {
      quick,
      ...(iterations !== undefined ? { iterations } : {}),
      ...(warmup !== undefined ? { warmup } : {}),
      workers,
      ...(broker !== undefined ? { broker } : {}),
      onProgress: progress.update,
      record: { categories, filter: values.filter ?? null, files },
    });
  } finally {
    progress.done();
  }
  const rule = '='.repeat(Math.min(width, RULE_WIDTH));
  console.log(`${rule}\nBENCHMARK RESULTS (${(result.durationMs / 1000).toFixed(1)} s)\n${rule}`);
  console.log(renderResultsTable(result.results, { width }));
  let status = result.results.some((r) => r.status === 'failed') ? 1 : 0;
  if (values.output !== undefined) {
    writeFileSync(values.output, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nResults written to ${values.output}`);
  }
  if (values.html !== undefined) {
    try {
      writeFileSync(values.html, renderHtmlReport({ run: result }));
      console.log(`HTML report written to ${values.html}`);
    } catch (error) {
      console.error(`ts314 bench: could not write the HTML report ${values.html}: ${(error as Error).message}`);
      status = 1;
    }
  }
  const failed = result.results.filter((r) => r.status === 'failed').length;
  if (failed > 0)
    console.error(
      `\nts314 bench: ${failed} of ${result.results.length} benchmarks failed (see the table${values.output ? ' and the JSON' : ''}).`,
    );
  return status;
}
