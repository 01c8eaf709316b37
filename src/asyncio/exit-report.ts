// The warning a thread gets when its event loop runs out of work while ts314 tasks are pending: Node would end without a word (nodejs/node#25504, #43299).
import { isMainThread, threadId } from 'node:worker_threads';
import { hexId } from './hex-id.js';
import { registry, type TaskInfo } from './registry.js';

/** The warning's code: `node --disable-warning=TS314_PENDING_TASKS` silences it (Node 20.11+; `--no-warnings` everywhere). */
export const PENDING_TASKS_WARNING = 'TS314_PENDING_TASKS';
/** How many tasks the warning lists; the rest are counted. */
const LISTED = 20;
/** Set on `globalThis` by the first copy of ts314/asyncio that installs the listener, so two copies warn once. */
const INSTALLED = Symbol.for('ts314.asyncio.pendingAtExit');

/** A task as `ts314 ps` shows it: name, id, stack innermost first, where its function waits, who awaits it. */
function describe(task: TaskInfo, names: ReadonlyMap<number, string>): string {
  const stack = task.coroutineStack[0]?.callStack ?? [];
  const chain = stack.map((frame) => frame.funcname).join(' -> ');
  // The outermost frame with a location is where the task's own function is suspended.
  const located = stack.findLast((frame) => frame.lineno > 0);
  const where = located ? ` at ${located.filename}:${located.lineno}` : '';
  const awaiters = [...new Set(task.awaitedBy.map(({ taskName: id }) => names.get(id as number) ?? hexId(id as number)))];
  const awaited = awaiters.length > 0 ? `, awaited by ${awaiters.join(', ')}` : '';
  return `  ${task.taskName} (id=${hexId(task.taskId)}): ${chain}${where}${awaited}`;
}

/**
 * The text of the warning for `tasks` (pending when the loop ran dry), or undefined when there are none.
 * Python's loop would wait on them for ever (and `python -m asyncio ps` would show them); Node ends the
 * thread, so their code after the await never runs, `finally` blocks included.
 */
function pendingTasksMessage(tasks: readonly TaskInfo[], names: ReadonlyMap<number, string>): string | undefined {
  if (tasks.length === 0) return undefined;
  const where = isMainThread ? 'The event loop' : `The event loop of worker thread ${threadId}`;
  const one = tasks.length === 1;
  const lines = [
    `${where} ran out of work with ${one ? '1 ts314 task' : `${tasks.length} ts314 tasks`} still pending: ${one ? 'it awaits' : 'they await'} something that can never settle, so ${one ? 'it' : 'they'} will never finish`,
    ...tasks.slice(0, LISTED).map((task) => describe(task, names)),
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
export function warnOfPendingTasksAtExit(): void {
  const global = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (global[INSTALLED]) return;
  Object.defineProperty(globalThis, INSTALLED, { value: true, enumerable: false, configurable: true });
  const reg = registry();
  const reported = new Set<number>();
  let seen = new Set<number>();
  process.on('beforeExit', () => {
    if (!reg.slots.some((task) => task !== undefined)) {
      seen.clear();
      return;
    }
    const tasks = reg.snapshot().awaitedBy;
    const pending = tasks.filter((task) => !reported.has(task.taskId));
    const stuck = pending.filter((task) => seen.has(task.taskId));
    seen = new Set(pending.filter((task) => !seen.has(task.taskId)).map((task) => task.taskId));
    if (seen.size > 0) setImmediate(nothing);
    for (const task of stuck) reported.add(task.taskId);
    const message = pendingTasksMessage(stuck, new Map(tasks.map((task) => [task.taskId, task.taskName])));
    if (message !== undefined) process.emitWarning(message, { type: 'PendingTasksWarning', code: PENDING_TASKS_WARNING });
  });
}

function nothing(): void {}
