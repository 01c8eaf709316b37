// The indicators demo: notebook 000's feature engineering on 500,000 rows, sequential vs interpreters (or ts314 workers on a broker) with halo chunks.
import { DistributedExecutor, startLocalWorkers } from '../distributed/index.js';
import type { Executor, InterpreterPoolExecutor } from '../futures/index.js';
import { mergeSortedRuns } from '../internal/numerics/rank.js';
import { mean, std } from '../internal/numerics/sum.js';
import { RandomState } from '../random/index.js';
import { parallelFor, SharedArray } from '../threading/index.js';
import { FEATURES, HALO, rankFeature, windowFeatures, type Column, type Feature } from './kernels/indicators.js';
import {
  decodeColumn,
  encodeColumn,
  WINDOW_FEATURES,
  type rankFeatureOfRows,
  type windowFeaturesOfRows,
} from './kernels/indicators-rows.js';
import { kernelTask, kernelUrl } from './kernels/locate.js';
import { bestOf, resolveOptions, type DemoOptions, type ResolvedOptions } from './options.js';
import { identical, scalingRow, withPool, type ScalingRow } from './scaling.js';

/** The notebook's 500,000 rows; --quick uses 100,000. */
export const ROWS = 500_000;
export const QUICK_ROWS = 100_000;
/** The notebook's sectors (drawn, as it draws them, though no feature uses them). */
export const SECTORS = ['tech', 'finance', 'energy'] as const;

/** The notebook's DataFrame as columns. */
export interface MarketData {
  readonly price: Float64Array;
  readonly volume: Float64Array;
  readonly returns: Float64Array;
  readonly sector: readonly string[];
}

export interface IndicatorsResult {
  readonly demo: 'indicators';
  readonly seed: number;
  readonly rows: number;
  /** Bytes of the three float columns (the sector column as one byte per row). */
  readonly datasetBytes: number;
  readonly features: readonly Feature[];
  readonly halo: number;
  readonly repeats: number;
  /** The sequential run first, then one row per worker count. */
  readonly runs: readonly ScalingRow[];
  /**
   * Values that differ from the sequential result when each of the notebook's 4 chunks is processed
   * on its own (no halo, per-chunk mean, std and ranks), per feature.
   */
  readonly notebookChunkingErrors: Readonly<Record<Feature, number>>;
  /** The broker (password hidden) when the parallel rows ran through a DistributedExecutor. */
  readonly broker?: string;
  /** Rows 0–2 and the last row of every feature, for the printout. */
  readonly sample: readonly { readonly row: number; readonly values: readonly number[] }[];
}

/**
 * The notebook's data at `seed`: `np.random.seed(seed)`, then lognormal(3, 1, n) prices,
 * exponential(1000, n) volumes, randn(n) · 0.02 returns and a choice of sector, in that order.
 */
export function marketData(seed: number, rows: number): MarketData {
  const rng = new RandomState(seed);
  const price = rng.lognormal(3, 1, rows);
  const volume = rng.exponential(1000, rows);
  const returns = rng.randn(rows);
  for (let i = 0; i < rows; i++) returns[i] = returns[i]! * 0.02;
  const sector = rng.choice(SECTORS, rows);
  return { price, volume, returns, sector };
}

/** Sequential features of whole columns: FEATURES.length columns of n, one after another (see FEATURES). */
export function computeFeatures(price: Float64Array, volume: Float64Array, returns: Float64Array): Float64Array {
  const n = price.length;
  const out = new Float64Array(FEATURES.length * n);
  const sorted = new Float64Array(n);
  windowFeatures(0, n, price, volume, returns, out, sorted, mean(price), std(price, 1));
  rankFeature(0, n, volume, sorted, [n], out);
  return out;
}

/** The columns, the feature table and the sort buffers in shared memory, for parallelFeatures. */
export interface SharedMarket {
  readonly rows: number;
  readonly price: SharedArray<'float64'>;
  readonly volume: SharedArray<'float64'>;
  readonly returns: SharedArray<'float64'>;
  /** FEATURES.length columns of `rows`, as computeFeatures returns them. */
  readonly out: SharedArray<'float64'>;
  readonly sorted: SharedArray<'float64'>;
  readonly merged: SharedArray<'float64'>;
}

/** Copies the data into SharedArrays once; every parallel run then works in place. */
export function sharedMarket(data: MarketData): SharedMarket {
  const shared = (values: Float64Array) => {
    const array = SharedArray.create('float64', values.length);
    array.view.set(values);
    return array;
  };
  const rows = data.price.length;
  return {
    rows,
    price: shared(data.price),
    volume: shared(data.volume),
    returns: shared(data.returns),
    out: SharedArray.create('float64', FEATURES.length * rows),
    sorted: SharedArray.create('float64', rows),
    merged: SharedArray.create('float64', rows),
  };
}

const windowKernel = kernelTask<typeof windowFeatures>('indicators', 'windowFeatures');
const rankKernel = kernelTask<typeof rankFeature>('indicators', 'rankFeature');

/**
 * computeFeatures on a pool's workers, into `m.out`: the window features and a sorted run per
 * chunk in parallel (each chunk reading its halo), the runs merged here, then the ranks in parallel
 * against the merged column. Equal to computeFeatures bit for bit.
 */
export async function parallelFeatures(pool: InterpreterPoolExecutor, m: SharedMarket): Promise<void> {
  const args: [Column, Column, Column, Column, Column, number, number] = [
    m.price,
    m.volume,
    m.returns,
    m.out,
    m.sorted,
    mean(m.price.view),
    std(m.price.view, 1),
  ];
  const runEnds = await parallelFor(m.rows, windowKernel, { executor: pool, args });
  // One merged column to rank against: each worker then searches one array, not one per run.
  mergeSortedRuns(m.sorted.view, runEnds, m.merged.view);
  await parallelFor<number, [Column, Column, readonly number[], Column]>(m.rows, rankKernel, {
    executor: pool,
    args: [m.volume, m.merged, [m.rows], m.out],
  });
}

const windowRowsKernel = kernelTask<typeof windowFeaturesOfRows>('indicators-rows', 'windowFeaturesOfRows');
const rankRowsKernel = kernelTask<typeof rankFeatureOfRows>('indicators-rows', 'rankFeatureOfRows');
/** Chunks of a run on workers already running (`workers: [0]`): the notebook's 4. */
export const EXTERNAL_CHUNKS = 4;

/** [start, end) of `chunks` near-equal chunks of `rows`. */
function chunkBounds(rows: number, chunks: number): [number, number][] {
  return Array.from({ length: chunks }, (_, i) => [Math.floor((i * rows) / chunks), Math.floor(((i + 1) * rows) / chunks)]);
}

/**
 * computeFeatures on an executor whose workers share no memory with this thread (a
 * DistributedExecutor): each of `chunks` tasks gets copies of its rows plus the halo and returns its
 * features and its sorted volumes; the runs are merged here, then each chunk's volumes are ranked
 * against the merged column in a second round of tasks. Equal to computeFeatures bit for bit.
 */
export async function copiedFeatures(executor: Executor, data: MarketData, chunks: number): Promise<Float64Array> {
  const n = data.price.length;
  const bounds = chunkBounds(n, chunks);
  const priceMean = mean(data.price);
  const priceStd = std(data.price, 1);
  const windows = await Promise.all(
    bounds.map(([start, end]) => {
      const from = Math.max(0, start - HALO);
      const column = (c: Float64Array) => encodeColumn(c.subarray(from, end));
      return executor.submit(
        windowRowsKernel,
        start,
        end,
        column(data.price),
        column(data.volume),
        column(data.returns),
        priceMean,
        priceStd,
      );
    }),
  );
  const out = new Float64Array(FEATURES.length * n);
  const sorted = new Float64Array(n);
  windows.forEach((chunk, i) => {
    const [start, end] = bounds[i]!;
    const rows = end - start;
    const features = decodeColumn(chunk.features);
    WINDOW_FEATURES.forEach((feature, k) => {
      out.set(features.subarray(k * rows, (k + 1) * rows), FEATURES.indexOf(feature) * n + start);
    });
    sorted.set(decodeColumn(chunk.sortedVolume), start);
  });
  const merged = new Float64Array(n);
  mergeSortedRuns(
    sorted,
    bounds.map(([, end]) => end),
    merged,
  );
  const mergedText = encodeColumn(merged);
  const ranks = await Promise.all(
    bounds.map(([start, end]) => executor.submit(rankRowsKernel, encodeColumn(data.volume.subarray(start, end)), mergedText)),
  );
  const rank = FEATURES.indexOf('volume_rank');
  ranks.forEach((text, i) => {
    out.set(decodeColumn(text), rank * n + bounds[i]![0]);
  });
  return out;
}

/**
 * One DistributedExecutor row: `workers` local `ts314 worker` processes started for it (none for 0:
 * the queue's running workers serve it), a first run (checked and counted as start-up), then the
 * timed runs. BrokerConnectionError when the broker does not answer.
 */
async function distributedRow(
  o: ResolvedOptions,
  workers: number,
  data: MarketData,
  expected: Float64Array,
  sequentialMs: number,
  repeats: number,
): Promise<{ row: ScalingRow; broker: string }> {
  const { connection, queue, connectTimeout } = o.distributed!;
  const chunks = workers === 0 ? EXTERNAL_CHUNKS : workers;
  const executor = new DistributedExecutor({ connection, queue, connectTimeout });
  try {
    await executor.ready();
    const start = performance.now();
    const local =
      workers > 0
        ? // One chunk at a time per process, so the N chunks spread over the N processes.
          await startLocalWorkers({
            connection,
            queue,
            modules: [kernelUrl('indicators-rows')],
            count: workers,
            interpreters: 1,
            concurrency: 1,
          })
        : undefined;
    try {
      const first = await copiedFeatures(executor, data, chunks);
      const startupMs = performance.now() - start;
      const timed = await bestOf(repeats, () => copiedFeatures(executor, data, chunks));
      const same = identical(first, expected) && identical(timed.result, expected);
      const row = scalingRow(chunks, timed.ms, sequentialMs, same, startupMs, 'DistributedExecutor');
      return { row: { ...row, startedWorkers: workers }, broker: executor.broker.connection };
    } finally {
      await local?.stop();
    }
  } finally {
    await executor.shutdown({ cancelFutures: true });
  }
}

/** The notebook's chunking, kept to show what it gets wrong: 4 chunks, each processed alone. */
function notebookChunking(data: MarketData, expected: Float64Array): Record<Feature, number> {
  const n = data.price.length;
  const chunks = 4;
  const size = Math.floor(n / chunks);
  const errors = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<Feature, number>;
  for (let c = 0; c < chunks; c++) {
    const from = c * size;
    const to = c < chunks - 1 ? from + size : n;
    const part = computeFeatures(data.price.slice(from, to), data.volume.slice(from, to), data.returns.slice(from, to));
    const len = to - from;
    FEATURES.forEach((feature, f) => {
      for (let i = 0; i < len; i++) if (!Object.is(part[f * len + i], expected[f * n + from + i])) errors[feature]++;
    });
  }
  return errors;
}

/**
 * Notebook 000's create_features (sma_20, volatility 50, RSI 14 as the notebook defines it, price
 * z-score, volume percentile rank, price × volume, momentum 5), sequentially and on
 * InterpreterPoolExecutors of each worker count: chunks read a halo of the 49 rows before them and
 * the whole-column statistics are computed over all rows, so every parallel result equals the
 * sequential one bit for bit. With `distributed`, the parallel rows run through a DistributedExecutor
 * instead: the same two kernels per chunk, given copies of its rows plus the halo.
 * @example
 * const r = await indicators({ quick: true });
 * console.log(r.runs.map((row) => `${row.workers}: ${row.ms.toFixed(0)} ms, identical ${row.identical}`));
 */
export async function indicators(options: DemoOptions = {}): Promise<IndicatorsResult> {
  const o = resolveOptions(options, 'indicators()');
  const rows = o.quick ? QUICK_ROWS : ROWS;
  const repeats = o.quick ? 1 : 3;
  o.progress(`generating ${rows.toLocaleString('en')} rows`);
  const data = marketData(o.seed, rows);
  o.progress('sequential');
  computeFeatures(data.price, data.volume, data.returns); // warm-up
  const sequential = await bestOf(repeats, () => computeFeatures(data.price, data.volume, data.returns));
  const expected = sequential.result;
  const runs: ScalingRow[] = [scalingRow(1, sequential.ms, sequential.ms, true, 0, 'sequential')];
  let broker: string | undefined;
  for (const workers of o.distributed ? o.workers.filter((w) => w !== 1) : []) {
    o.progress(workers === 0 ? `${EXTERNAL_CHUNKS} chunks on the running workers` : `${workers} ts314 worker processes`);
    const measured = await distributedRow(o, workers, data, expected, sequential.ms, repeats);
    runs.push(measured.row);
    broker = measured.broker;
  }
  const local = o.distributed ? [] : o.workers.filter((w) => w > 1);
  const shared = local.length > 0 ? sharedMarket(data) : undefined;
  for (const workers of local) {
    o.progress(`${workers} workers`);
    const run = (pool: InterpreterPoolExecutor) => parallelFeatures(pool, shared!);
    runs.push(
      await withPool(workers, run, async (pool, startupMs) => {
        shared!.out.view.fill(0);
        const timed = await bestOf(repeats, () => run(pool));
        return scalingRow(workers, timed.ms, sequential.ms, identical(shared!.out.view, expected), startupMs);
      }),
    );
  }
  o.progress("the notebook's chunking");
  const sampleRows = [0, 1, 2, rows - 1];
  return {
    demo: 'indicators',
    seed: o.seed,
    rows,
    datasetBytes: rows * (3 * 8 + 1),
    features: FEATURES,
    halo: HALO,
    repeats,
    runs,
    notebookChunkingErrors: notebookChunking(data, expected),
    ...(broker !== undefined ? { broker } : {}),
    sample: sampleRows.map((row) => ({ row, values: FEATURES.map((_, f) => expected[f * rows + row]!) })),
  };
}
