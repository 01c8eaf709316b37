// `ts314 pstree PID`: the await tree of a running Node process's ts314/asyncio tasks, as CPython 3.14's `python -m asyncio pstree`.
import { buildAsyncTree, CycleFoundError, formatCycleError } from '../../asyncio/index.js';
import { parseInspectArgs, readThreads } from './ps.js';

export const summary = "show a running Node process's async task tree (python -m asyncio pstree)";

const HELP = `usage: ts314 pstree [--retries N] [--timeout S] [--format tree|json] PID

Prints the ts314/asyncio tasks of Node process PID as CPython 3.14's \`python -m asyncio pstree\`
does: each task as "(T) name", the frames it awaits through as "func file:line", outermost first,
identical sibling frames merged. Tasks that await each other cannot form a tree: the cycles are
written to stderr and the exit status is 1 (\`ts314 ps\` still lists them).

--format json prints the tasks of every thread as read (ids, names, stacks, awaiters).
Attaching works as for \`ts314 ps\` (SIGUSR1, the inspector, closed again afterwards).

options:
  --retries N    try again up to N times if reading fails (default 0)
  --timeout S    seconds to wait for the inspector and the read, per attempt (default 10)
  --format F     tree (default) or json
  -h, --help     show this help`;

export async function run(argv: string[]): Promise<number> {
  const { pid, retries, timeoutMs, format, help } = parseInspectArgs('pstree', argv, ['tree', 'json']);
  if (help) {
    console.log(HELP);
    return 0;
  }
  const threads = await readThreads('pstree', pid, { retries, timeoutMs });
  if (typeof threads === 'number') return threads;
  if (format === 'json') {
    console.log(JSON.stringify(threads, null, 2));
    return 0;
  }
  let trees: string[][];
  try {
    trees = buildAsyncTree(threads);
  } catch (error) {
    if (!(error instanceof CycleFoundError)) throw error;
    console.error(formatCycleError(error));
    return 1;
  }
  for (const tree of trees) console.log(tree.join('\n'));
  return 0;
}
