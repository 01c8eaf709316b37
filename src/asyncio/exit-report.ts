// The warning a thread gets when its event loop runs out of work while ts314 tasks are pending: Node would end without a word (nodejs/node#25504, #43299).
import { isMainThread, threadId } from 'node:worker_threads';
import type { FrameInfo } from './frames.js';

/** What the warning reads of a task. */
interface PendingTask {
  readonly name: string;
  readonly id: number;
  getStack(): FrameInfo[];
}

/** The warning's code: `node --disable-warning=TS314_PENDING_TASKS` silences it (Node 21.3+; `--no-warnings` everywhere). */
export const PENDING_TASKS_WARNING = 'TS314_PENDING_TASKS';
/** How many tasks the warning lists; the rest are counted. */
const LISTED = 20;
/** Set on `globalThis` by the first copy of ts314/asyncio that installs the listener, so two copies warn once. */
const INSTALLED = Symbol.for('ts314.asyncio.pendingAtExit');

function describe(task: PendingTask): string {
  const stack: FrameInfo[] = task.getStack();
  const chain = stack.map((frame) => frame.funcname).join(' -> ');
  // The outermost frame with a location is where the task's own function is suspended.
  const located = stack.findLast((frame) => frame.lineno > 0);
  const where = located ? ` at ${located.filename}:${located.lineno}` : '';
  return `  ${task.name} (id=0x${task.id.toString(16)}): ${chain}${where}`;
}

/**
 * The text of the warning for `tasks` (pending when the loop ran dry), or undefined when there are none.
 * Python's loop would wait on them for ever (and `python -m asyncio ps` would show them); Node ends the
 * thread, so their code after the await never runs, `finally` blocks included.
 */
export function pendingTasksMessage(tasks: readonly PendingTask[]): string | undefined {
  if (tasks.length === 0) return undefined;
  const where = isMainThread ? 'The event loop' : `The event loop of worker thread ${threadId}`;
  const count = tasks.length === 1 ? '1 ts314 task' : `${tasks.length} ts314 tasks`;
  const lines = [
    `${where} ran out of work with ${count} still pending: ${tasks.length === 1 ? 'it awaits' : 'they await'} something that can never settle, so ${tasks.length === 1 ? 'it' : 'they'} will never finish`,
    ...tasks.slice(0, LISTED).map(describe),
  ];
  if (tasks.length > LISTED) lines.push(`  … and ${tasks.length - LISTED} more`);
  return lines.join('\n');
}

/**
 * Installs the `beforeExit` listener (once per thread). `beforeExit` comes only when the loop is empty,
 * not on `process.exit()` or a fatal error. A task is reported when it is still pending at the next
 * `beforeExit` after the one that first found it: the loop is given one more turn in between, because
 * another `beforeExit` listener may just have scheduled what the task waits for (a queue it closes).
 */
export function warnOfPendingTasksAtExit(pendingTasks: () => Iterable<PendingTask>): void {
  const global = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (global[INSTALLED]) return;
  Object.defineProperty(globalThis, INSTALLED, { value: true, enumerable: false, configurable: true });
  const reported = new WeakSet<PendingTask>();
  let seen = new Set<PendingTask>();
  process.on('beforeExit', () => {
    const pending = [...pendingTasks()].filter((task) => !reported.has(task));
    const stuck = pending.filter((task) => seen.has(task));
    seen = new Set(pending.filter((task) => !seen.has(task)));
    if (seen.size > 0) setImmediate(nothing);
    for (const task of stuck) reported.add(task);
    const message = pendingTasksMessage(stuck);
    if (message !== undefined) process.emitWarning(message, { type: 'PendingTasksWarning', code: PENDING_TASKS_WARNING });
  });
}

function nothing(): void {}
