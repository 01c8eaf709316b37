// `ts314 compare a.json b.json …`: saved bench runs side by side, ratios against the first, significance marked.
import { writeFileSync } from 'node:fs';
import { BenchSchemaError, compareRuns, readBenchRun, renderComparisonTable, renderHtmlReport, type BenchRun } from '../../bench/index.js';
import { parseCommandArgs, UsageError } from '../args.js';
import { terminalWidth } from '../terminal.js';

export const summary = 'compare saved `ts314 bench --output` runs (e.g. Node 20 vs the current LTS)';

const HELP = `usage: ts314 compare a.json b.json [c.json…] [--html report.html] [--json]

Compares runs saved with \`ts314 bench --output FILE\`, benchmark by benchmark: the mean of each run
and its ratio to the first run (> 1 = slower), marked * when the difference is significant
(Welch's t-test p < 0.05 on the raw samples and non-overlapping 95% confidence intervals).
Benchmarks that only some runs have are listed, not an error.

options:
  --json         print the comparison as JSON (schema ts314-compare/1) instead of the table
  --html FILE    write a self-contained HTML report with comparison charts
  -h, --help     show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('compare', argv, {
    allowPositionals: true,
    options: { json: { type: 'boolean' }, html: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length < 2) {
    throw new UsageError(
      `ts314 compare: needs at least two results files, got ${positionals.length}. Make them with \`ts314 bench --output run1.json\` under each runtime, then: ts314 compare run1.json run2.json`,
    );
  }
  let runs: BenchRun[];
  try {
    runs = positionals.map((file) => readBenchRun(file));
  } catch (error) {
    if (error instanceof BenchSchemaError) throw new UsageError(`ts314 compare: ${error.message}`, { cause: error });
    throw error;
  }
  const comparison = compareRuns(runs, positionals);
  if (values.json) console.log(JSON.stringify(comparison, null, 2));
  else console.log(renderComparisonTable(comparison, { width: terminalWidth() }));
  if (values.html !== undefined) {
    try {
      writeFileSync(values.html, renderHtmlReport({ comparison, runs }));
      if (!values.json) console.log(`\nHTML report written to ${values.html}`);
    } catch (error) {
      console.error(`ts314 compare: could not write the HTML report ${values.html}: ${(error as Error).message}`);
      return 1;
    }
  }
  return 0;
}
