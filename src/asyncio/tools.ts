// The `ps` table and `pstree` tree of CPython 3.14's asyncio.tools, built from the tasks of every thread (AwaitedInfo[]).
import { CycleFoundError } from './errors.js';
import type { FrameInfo } from './frames.js';
import { hexId } from './hex-id.js';
import type { AwaitedInfo } from './registry.js';

/** One row of the `ps` table: tid, task id, task name, coroutine stack, awaiter chain, awaiter name, awaiter id. */
export type TaskTableRow = readonly [
  tid: number,
  taskId: string,
  taskName: string,
  coroutineStack: string,
  awaiterChain: string,
  awaiterName: string,
  awaiterId: string,
];

/** The column titles of the `ps` table, as CPython prints them. */
export const TASK_TABLE_HEADER = ['tid', 'task id', 'task name', 'coroutine stack', 'awaiter chain', 'awaiter name', 'awaiter id'] as const;
/** The column widths of the `ps` table, as CPython pads them. */
export const TASK_TABLE_WIDTHS = [10, 20, 20, 50, 50, 15, 15] as const;

/** Python's `_format_stack_entry`: `func file:line`, or just `func` when the location is unknown. */
export function formatStackEntry(frame: FrameInfo): string {
  return frame.lineno === 0 && frame.filename === '' ? frame.funcname : `${frame.funcname} ${frame.filename}:${frame.lineno}`;
}

type Await = readonly [parentId: number, stack: readonly string[], childId: number];

function index(result: readonly AwaitedInfo[]): { id2name: Map<number, string>; awaits: Await[]; taskStacks: Map<number, string[]> } {
  const id2name = new Map<number, string>();
  const awaits: Await[] = [];
  const taskStacks = new Map<number, string[]>();
  for (const thread of result) {
    for (const task of thread.awaitedBy) {
      id2name.set(task.taskId, task.taskName);
      for (const coro of task.coroutineStack) taskStacks.set(task.taskId, coro.callStack.map(formatStackEntry));
      for (const coro of task.awaitedBy) awaits.push([coro.taskName as number, coro.callStack.map(formatStackEntry), task.taskId]);
    }
  }
  return { id2name, awaits, taskStacks };
}

/** Python's `_find_cycles`: a depth-first search for back edges in the task → awaited task graph. */
function findCycles(awaits: readonly Await[]): number[][] {
  const graph = new Map<number, Set<number>>();
  for (const [parent, , child] of awaits) {
    if (!graph.has(parent)) graph.set(parent, new Set());
    graph.get(parent)!.add(child);
  }
  const color = new Map<number, number>();
  const path: number[] = [];
  const cycles: number[][] = [];
  const dfs = (v: number): void => {
    color.set(v, 1);
    path.push(v);
    for (const w of graph.get(v) ?? []) {
      const c = color.get(w) ?? 0;
      if (c === 0) dfs(w);
      else if (c === 1) cycles.push([...path.slice(path.indexOf(w)), w]);
    }
    color.set(v, 2);
    path.pop();
  };
  for (const v of [...graph.keys()]) if ((color.get(v) ?? 0) === 0) dfs(v);
  return cycles;
}

/**
 * The `pstree` lines of every root (Python's `build_async_tree`): tasks as `(T) name`, frames as
 * `func file:line` outermost first, identical sibling frames merged. Throws CycleFoundError when
 * tasks await each other.
 */
export function buildAsyncTree(result: readonly AwaitedInfo[], taskEmoji = '(T)', corEmoji = ''): string[][] {
  const { id2name, awaits, taskStacks } = index(result);
  const cycles = findCycles(awaits);
  if (cycles.length > 0) {
    throw new CycleFoundError(
      `await-graph contains cycles: ${cycles.map((c) => c.map((id) => id2name.get(id) ?? hexId(id)).join(' → ')).join('; ')}`,
      {
        cycles,
        id2name: [...id2name],
      },
    );
  }
  // Node keys: `T:<id>` for tasks, `C:<n>` for coroutine frames.
  const labels = new Map<string, string>();
  for (const [id, name] of id2name) labels.set(`T:${id}`, name);
  const children = new Map<string, string[]>();
  const corNodes = new Map<string, Map<string, string>>();
  let nextCor = 0;
  const kids = (key: string): string[] => {
    let list = children.get(key);
    if (!list) children.set(key, (list = []));
    return list;
  };
  const corNode = (parent: string, frame: string): string => {
    let byFrame = corNodes.get(parent);
    if (!byFrame) corNodes.set(parent, (byFrame = new Map()));
    const found = byFrame.get(frame);
    if (found) return found;
    const key = `C:${++nextCor}`;
    labels.set(key, frame);
    kids(parent).push(key);
    byFrame.set(frame, key);
    return key;
  };
  // Each parent → child edge once; a Set, as a parent may have a hundred thousand children.
  const edges = new Set<string>();
  for (const [parentId, stack, childId] of awaits) {
    let cur = `T:${parentId}`;
    for (let i = stack.length - 1; i >= 0; i--) cur = corNode(cur, stack[i]!);
    const childKey = `T:${childId}`;
    const edge = `${cur}>${childKey}`;
    if (edges.has(edge)) continue;
    edges.add(edge);
    kids(cur).push(childKey);
  }
  const awaiting = new Set(awaits.map(([parentId]) => parentId));
  for (const id of id2name.keys()) {
    const stack = taskStacks.get(id);
    if (awaiting.has(id) || !stack) continue;
    let cur = `T:${id}`;
    for (let i = stack.length - 1; i >= 0; i--) cur = corNode(cur, stack[i]!);
  }
  const allChildren = new Set([...children.values()].flat());
  const roots = [...labels.keys()].filter((key) => !allChildren.has(key));
  const pretty = (key: string) => `${key.startsWith('T:') ? taskEmoji : corEmoji} ${labels.get(key)}`;
  const renderNode = (key: string, prefix: string, last: boolean, buf: string[]): string[] => {
    buf.push(`${prefix}${last ? '└── ' : '├── '}${pretty(key)}`);
    const next = prefix + (last ? '    ' : '│   ');
    const list = children.get(key) ?? [];
    for (const [i, kid] of list.entries()) renderNode(kid, next, i === list.length - 1, buf);
    return buf;
  };
  return roots.map((root) => renderNode(root, '', true, []));
}

/** The rows of the `ps` table (Python's `build_task_table`): one per task and awaiter, `0x0` for a task nobody awaits. */
export function buildTaskTable(result: readonly AwaitedInfo[]): TaskTableRow[] {
  const { id2name } = index(result);
  const table: TaskTableRow[] = [];
  const funcOnly = (frame: FrameInfo) => formatStackEntry(frame).split(' ')[0]!;
  for (const thread of result) {
    for (const task of thread.awaitedBy) {
      const coroStack = task.coroutineStack
        .flatMap((coro) => coro.callStack)
        .map(funcOnly)
        .join(' -> ');
      const taskId = hexId(task.taskId);
      if (task.awaitedBy.length === 0) {
        table.push([thread.threadId, taskId, task.taskName, coroStack, '', '', '0x0']);
        continue;
      }
      for (const coro of task.awaitedBy) {
        const parentId = coro.taskName;
        table.push([
          thread.threadId,
          taskId,
          task.taskName,
          coroStack,
          coro.callStack.map(funcOnly).join(' -> '),
          typeof parentId === 'number' ? (id2name.get(parentId) ?? 'Unknown') : 'Unknown',
          typeof parentId === 'number' ? hexId(parentId) : String(parentId),
        ]);
      }
    }
  }
  return table;
}

/** Python's f-string `{value:<width}`: pads, never truncates. */
function pad(value: string | number, width: number): string {
  return String(value).padEnd(width);
}

/** The `ps` table as CPython prints it: the header, a rule of 180 dashes, one line per row. */
export function formatTaskTable(table: readonly TaskTableRow[]): string {
  const line = (cells: readonly (string | number)[]) => cells.map((cell, i) => pad(cell, TASK_TABLE_WIDTHS[i]!)).join(' ');
  return [line(TASK_TABLE_HEADER), '-'.repeat(180), ...table.map(line)].join('\n');
}

/** The `ps` table as CSV (Python's csv.writer: fields quoted only when they need it, CRLF line ends). */
export function formatTaskTableCsv(table: readonly TaskTableRow[], delimiter = ','): string {
  const field = (value: string | number) => {
    const text = String(value);
    return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [TASK_TABLE_HEADER, ...table].map((row) => `${row.map(field).join(delimiter)}\r\n`).join('');
}

/** CPython's error lines for a cycle (written to stderr by `pstree`). */
export function formatCycleError(error: CycleFoundError): string {
  const names = new Map(error.id2name);
  return [
    'ERROR: await-graph contains cycles - cannot print a tree!',
    '',
    ...error.cycles.map((cycle) => `cycle: ${cycle.map((id) => names.get(id) ?? hexId(id)).join(' → ')}`),
  ].join('\n');
}
