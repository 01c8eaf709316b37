// The built-in benchmark categories of `ts314 bench`, each loaded only when selected.
import type { BenchContext, BenchDefinition } from '../definition.js';

/** One built-in category: its CLI name and the benchmarks it contributes for a run. */
export interface BenchCategory {
  readonly name: string;
  readonly summary: string;
  load(context: BenchContext): Promise<readonly BenchDefinition[]>;
}

/** Stamps the category on each definition, so ids read `<category>/<group>/<name>` however the runner is called. */
function category(name: string, summary: string, loader: (context: BenchContext) => Promise<readonly BenchDefinition[]>): BenchCategory {
  return {
    name,
    summary,
    async load(context) {
      return (await loader(context)).map((definition) => (definition.category ? definition : { ...definition, category: name }));
    },
  };
}

/** In the order the suite runs and reports them. Modules load on demand, so an unselected category costs nothing. */
export const CATEGORIES: readonly BenchCategory[] = [
  category(
    'cpu',
    'BigInt factorials (binary splitting) and a float kernel: sequential vs interpreter/process/thread pools at each --workers count',
    async (context) => (await import('./cpu.js')).load(context),
  ),
  category(
    'uuid',
    'uuid4/uuid7 ×1000 against crypto.randomUUID and the uuid package (reference rows only when it is installed)',
    async () => (await import('./uuid.js')).load(),
  ),
  category(
    'compression',
    'zstd vs gzip vs brotli at their default levels on a 100 KiB JSON payload: compress, decompress, ratio',
    async () => (await import('./compression.js')).load(),
  ),
  category('async', 'Promise.all over 10,000 concurrent timers, and one submit+await round trip on each executor', async () =>
    (await import('./async.js')).load(),
  ),
  category('templates', 'templatelib html/sql/format against the same output built by string concatenation', async () =>
    (await import('./templates.js')).load(),
  ),
  category('gc', "GC pause statistics and histogram under the seeds' allocation workload", async (context) =>
    (await import('./gc.js')).load(context),
  ),
  category('general', 'JSON parse/stringify, regex, string building and BigInt modular exponentiation', async () =>
    (await import('./general.js')).load(),
  ),
  category('threading', "the seeds' sensor workload in SharedArrays: sequential vs parallelFor at each --workers count", async (context) =>
    (await import('./threading.js')).load(context),
  ),
  category(
    'distributed',
    'DistributedExecutor on ts314 worker processes it starts: per-task overhead and factorials (needs --connection or TS314_BROKER)',
    async (context) => (await import('./distributed.js')).load(context),
  ),
];
