// The async call graph of a task or future: capture, format and print it as CPython 3.14's asyncio.graph does.
import { checkOptionKeys, optionalInteger } from '../internal/validate.js';
import { InvalidArgumentError } from './errors.js';
import { captureCallSite, type FrameInfo, parseCallSite } from './frames.js';
import { Future } from './future.js';
import { hexId } from './hex-id.js';
import { type GraphNode, NODE, registry, taskOfSite, type WaitSite } from './registry.js';
import { currentTask, type Task } from './task.js';

/** One frame of a call stack (Python's `FrameCallGraphEntry`). */
export interface FrameCallGraphEntry {
  readonly frame: FrameInfo;
}

/** A future, where it is suspended (innermost frame first) and who awaits it (Python's `FutureCallGraph`). */
export interface FutureCallGraph {
  readonly future: Future<unknown>;
  readonly callStack: readonly FrameCallGraphEntry[];
  readonly awaitedBy: readonly FutureCallGraph[];
}

export interface CallGraphOptions {
  /** Frames to skip from the top when the graph is of the current task; 1 (the default) starts at the caller. */
  readonly depth?: number | undefined;
  /**
   * Keep at most `abs(limit)` frames of each stack: positive keeps those closest to where the graph
   * was captured, negative the outermost; 0 captures no stacks, only who awaits whom. Python's rule.
   */
  readonly limit?: number | undefined;
}

function checkOptions(options: CallGraphOptions | undefined, where: string): { depth: number; limit: number | undefined } {
  checkOptionKeys(options, ['depth', 'limit'], where);
  const context = { where };
  const depth = optionalInteger(options?.depth, 'depth', 1, context, 1);
  const limit =
    options?.limit === undefined || options.limit === null
      ? undefined
      : optionalInteger(options.limit, 'limit', 0, context, -(2 ** 31), 2 ** 31);
  return { depth, limit };
}

/** Python's `_build_graph_for_future`: the stack as it stands, outermost first, sliced, then innermost first. */
function graphOf(node: GraphNode, limit: number | undefined, seen: Set<unknown>): FutureCallGraph {
  const info = node[NODE]();
  let stack = limit === 0 || info.kind !== 'task' ? [] : (node as Task).getStack().reverse();
  if (limit !== undefined) stack = limit > 0 ? stack.slice(0, limit) : limit < 0 ? stack.slice(limit) : stack;
  stack.reverse();
  return {
    future: node as Future<unknown>,
    callStack: stack.map((frame) => ({ frame })),
    awaitedBy: awaitersOf(info.awaitedBy, limit, seen),
  };
}

function awaitersOf(entries: Iterable<GraphNode | WaitSite>, limit: number | undefined, seen: Set<unknown>): FutureCallGraph[] {
  const reg = registry();
  const out: FutureCallGraph[] = [];
  for (const entry of entries) {
    let node: GraphNode | undefined;
    if (NODE in entry) node = entry;
    else {
      entry.parsed ??= parseCallSite(entry.site);
      node = taskOfSite(reg, entry.parsed, entry.seq);
    }
    if (node === undefined || seen.has(node) || !node[NODE]().pending) continue;
    seen.add(node);
    out.push(graphOf(node, limit, seen));
    seen.delete(node);
  }
  return out;
}

/**
 * The async call graph of `future`, or of the current task when omitted (Python's
 * `asyncio.capture_call_graph`); undefined outside any task. For the current task the stack is
 * captured here, from the caller (skip more with `depth`); for another task it is where that task is
 * suspended — the ts314 await it is in, else its function.
 * @example
 * const graph = captureCallGraph(task, { limit: 2 });
 */
export function captureCallGraph(future?: Future<unknown>, options?: CallGraphOptions): FutureCallGraph | undefined {
  const { depth, limit } = checkOptions(options, 'captureCallGraph()');
  return capture(future, depth, limit, captureCallGraph);
}

function capture(
  future: Future<unknown> | undefined,
  depth: number,
  limit: number | undefined,
  below: (...args: never) => unknown,
): FutureCallGraph | undefined {
  if (future !== undefined && !(future instanceof Future)) {
    throw new InvalidArgumentError(`captureCallGraph(): ${typeof future} object does not appear to be compatible with asyncio.Future`);
  }
  const current = currentTask();
  if (future === undefined) {
    if (current === undefined) return undefined;
    future = current;
  } else if (future !== current) {
    return graphOf(future, limit, new Set([future]));
  }
  let stack: FrameInfo[] = limit === 0 ? [] : [...parseCallSite(captureCallSite(below)).frames.slice(depth - 1)];
  if (limit !== undefined && limit !== 0) {
    const keep = -limit;
    stack = keep > 0 ? stack.slice(0, keep) : stack.slice(keep);
  }
  return {
    future,
    callStack: stack.map((frame) => ({ frame })),
    awaitedBy: awaitersOf(future[NODE]().awaitedBy, limit, new Set([future])),
  };
}

/** Python's `repr()` of a str: single quotes unless the text has one and no double quote. */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

function render(graph: FutureCallGraph, buf: string[], level: number): void {
  const add = (line: string) => buf.push(`${'    '.repeat(level)}${line}`);
  const info = (graph.future as unknown as GraphNode)[NODE]();
  if (info.kind === 'task') add(`* Task(name=${pyRepr(info.name)}, id=${hexId(info.id)})`);
  else add(`* Future(id=${hexId(info.id)})`);
  if (graph.callStack.length > 0) {
    add('  + Call stack:');
    for (const { frame } of graph.callStack) {
      add(`  |   File ${pyRepr(frame.filename)}, line ${frame.lineno}, in ${frame.async ? 'async ' : ''}${frame.funcname}()`);
    }
  }
  if (graph.awaitedBy.length > 0) {
    add('  + Awaited by:');
    for (const parent of graph.awaitedBy) render(parent, buf, level + 1);
  }
}

/**
 * The call graph as CPython 3.14's `format_call_graph` writes it (`* Task(name='…', id=0x…)`,
 * `+ Call stack:`, `|   File '…', line N, in async f()`, `+ Awaited by:`); '' outside any task.
 */
export function formatCallGraph(future?: Future<unknown>, options?: CallGraphOptions): string {
  const { depth, limit } = checkOptions(options, 'formatCallGraph()');
  const graph = capture(future, depth, limit, formatCallGraph);
  if (graph === undefined) return '';
  const buf: string[] = [];
  render(graph, buf, 0);
  return buf.join('\n');
}

export interface PrintCallGraphOptions extends CallGraphOptions {
  /** Where to write; standard output by default. */
  readonly file?: { write(text: string): unknown } | undefined;
}

/** Writes {@link formatCallGraph} and a newline (Python's `print_call_graph`). */
export function printCallGraph(future?: Future<unknown>, options?: PrintCallGraphOptions): void {
  const { file, ...rest } = options ?? {};
  const { depth, limit } = checkOptions(rest, 'printCallGraph()');
  const graph = capture(future, depth, limit, printCallGraph);
  const buf: string[] = [];
  if (graph !== undefined) render(graph, buf, 0);
  (file ?? process.stdout).write(`${buf.join('\n')}\n`);
}
