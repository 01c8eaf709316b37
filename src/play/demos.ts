// The demo registry: each demo's name, one-line summary, the Python 3.14 feature it shows and ts314's counterpart.
import { didYouMean } from '../internal/did-you-mean.js';
import { InvalidArgumentError } from '../internal/errors.js';
import { factorialDemo, type FactorialResult } from './factorial.js';
import { featuresDemo, type FeaturesResult } from './features.js';
import { gcDemo, type GcResult } from './gc.js';
import { hybrid, type HybridResult } from './hybrid.js';
import { indicators, type IndicatorsResult } from './indicators.js';
import type { DemoOptions } from './options.js';
import { piZstd, type PiZstdResult } from './pi-zstd.js';
import { sensors, type SensorsResult } from './sensors.js';
import { tstrings, type TstringsResult } from './tstrings.js';

/** What any demo returns: a discriminated union on `demo`. */
export type DemoResult =
  | TstringsResult
  | PiZstdResult
  | IndicatorsResult
  | SensorsResult
  | GcResult
  | FactorialResult
  | HybridResult
  | FeaturesResult;

export type DemoName = DemoResult['demo'];

export interface Demo {
  readonly name: DemoName;
  /** One line for `ts314 play`'s list. */
  readonly summary: string;
  /** Which notebook cell it comes from. */
  readonly source: string;
  /** The Python 3.14 feature and ts314's counterpart, one line. */
  readonly feature: string;
  /** The heart of the demo's code, shown in the HTML report. */
  readonly excerpt: string;
  readonly run: (options: DemoOptions) => Promise<DemoResult>;
}

/** Every demo, in the order `ts314 play --all` runs them. */
export const DEMOS: readonly Demo[] = [
  {
    name: 'tstrings',
    summary: 't-strings: the uppercase loop; a fraud-detection API response through json, html, sql',
    source: 'notebook 001 “Template strings”, notebook 000 “PEP 750”',
    feature: 'PEP 750 t-strings (string.templatelib) → ts314/templatelib: t`…`, json(), html(), sql()',
    excerpt: `json(t\`{ "model": { "id": "\${data.model_id}", "accuracy": \${field(data.accuracy, '.3f')} },
  "results": { "predictions": \${data.predictions}, … } }\`)   // a value inside "…" is escaped text`,
    run: async () => tstrings(),
  },
  {
    name: 'pi-zstd',
    summary: 'Monte-Carlo π at 100k/500k/1M samples; 100,000 normal floats through zstd level 9',
    source: 'notebook 000 “PEP 784: the new compression package” (failed at `import zstd`)',
    feature: 'PEP 784 compression.zstd → ts314/compression/zstd; NumPy streams → ts314/random',
    excerpt: `const rng = new RandomState(seed);
const u = rng.randomSample(2 * samples);     // x, y pairs as np.random.random() draws them
const compressed = compress(payload, { level: 9 });`,
    run: piZstd,
  },
  {
    name: 'indicators',
    summary: "notebook 000's features on 500,000 rows: sequential vs interpreters with halo chunks",
    source: 'notebook 000 “PEP 734: multiple interpreters” (failed at `import concurrent.interpreters`)',
    feature: 'PEP 734 interpreters → ts314/futures InterpreterPoolExecutor + ts314/threading',
    excerpt: `const ends = await parallelFor(rows, windowFeatures, { executor: pool, args });  // halo: 49 rows
mergeSortedRuns(sorted, ends, merged);   // whole-column ranks, never per chunk
await parallelFor(rows, rankFeature, { executor: pool, args: [volume, merged, [rows], out] });`,
    run: indicators,
  },
  {
    name: 'sensors',
    summary: '800 sensors × 2,000 readings in shared memory on 1/2/4/8 workers; the zone table',
    source: 'notebook 000 “PEP 779: free-threaded Python”',
    feature: 'PEP 779 free threading → ts314/threading SharedArray + parallelFor on workers',
    excerpt: `const temperature = SharedArray.create('float64', 800 * 2000);   // no copies to workers
await parallelFor(800, analyzeSensors, { executor: pool, args: [temperature, humidity, results, 2000] });`,
    run: sensors,
  },
  {
    name: 'gc',
    summary: "six batches of 80,000 nested rows; pauses as V8 reports them; the notebook's grade",
    source: 'notebook 000 “Incremental garbage collection”',
    feature: "3.14's incremental GC → ts314/gc monitor(): every pause V8 reports, by kind",
    excerpt: `const recorder = monitor();
for (let b = 1; b <= 6; b++) { kept.push(processBatch(createDataset(rng, 80_000))); collect(); }
const { all } = await recorder.stop();   // count, mean, p95, max of the runtime's own pauses`,
    run: gcDemo,
  },
  {
    name: 'factorial',
    summary: 'factorials of 10000..14999: interpreter pool vs thread pool vs sequential',
    source: 'notebook 001 “Multiple interpreters + InterpreterPoolExecutor”',
    feature: 'concurrent.futures.InterpreterPoolExecutor → ts314/futures InterpreterPoolExecutor',
    excerpt: `const futures = numbers.map((n) => executor.submit(factorialDigits, n));
for await (const done of asCompleted(futures)) results.push(await done.result());`,
    run: factorialDemo,
  },
  {
    name: 'hybrid',
    summary: 'CPU in interpreters, I/O overlapped: pipeline, producer–consumer, nested',
    source: 'notebook 001 “Hybrid approach” and “Advanced hybrid patterns”',
    feature: 'interpreters + threads → InterpreterPoolExecutor workers computing while fetch() waits',
    excerpt: `pool.submit(hybridWorker, cpuTasks, urls, base);   // in the worker:
const io = limited(urls, 2, (s) => fetch(\`\${base}/delay/\${s}\`)); for (…) cpuTask(n); await io;`,
    run: hybrid,
  },
  {
    name: 'features',
    summary: "the guide's feature detection: uuid7→uuid4, zstd→gzip, interpreters→processes",
    source: 'the Python 3.14 migration guide',
    feature: 'sys._is_gil_enabled()/hasattr checks → ts314/runtime features(): features, not versions',
    excerpt: `const f = features();
const compressed = f.zstd.available ? zstd.compress(payload) : gzip.compress(payload);`,
    run: async () => featuresDemo(),
  },
];

/** The demo called `name`; an unknown name is an InvalidArgumentError with "Did you mean …?". */
export function findDemo(name: string): Demo {
  const demo = DEMOS.find((d) => d.name === name);
  if (demo) return demo;
  const names = DEMOS.map((d) => d.name);
  throw new InvalidArgumentError(`unknown demo '${name}'.${didYouMean(name, names) || ` Demos: ${names.join(', ')}.`}`);
}

/**
 * Runs one demo by name.
 * @example
 * const result = await runDemo('sensors', { quick: true });
 * if (result.demo === 'sensors') console.log(result.zones);
 */
export function runDemo(name: string, options: DemoOptions = {}): Promise<DemoResult> {
  return findDemo(name).run(options);
}
