// The task registry: every pending Task and ts314 await of this thread, kept on a global so another copy of ts314 and the inspector find it.
import { isMainThread, threadId } from 'node:worker_threads';
import { type CallSiteCapture, type FrameInfo, type ParsedCallSite, parseCallSite } from './frames.js';

/** The key of the registry on `globalThis`; `ts314 ps` evaluates `globalThis[Symbol.for('ts314.asyncio')]` in the target. */
export const REGISTRY_KEY = Symbol.for('ts314.asyncio');
/** The BroadcastChannel on which worker threads answer the main thread's `collect()`. */
export const CHANNEL_NAME = 'ts314.asyncio.v1';
/** How long `collect()` waits for worker threads that have not answered, by default. */
export const COLLECT_TIMEOUT_MS = 500;
/** How long `collect()` listens when no worker thread has announced itself. */
const NO_WORKERS_GRACE_MS = 50;

/** The method every task and future answers the graph walk with (a symbol shared by every copy of ts314). */
export const NODE = Symbol.for('ts314.asyncio.node');

/** What a graph walk needs to know of a task or future. */
export interface NodeInfo {
  readonly kind: 'task' | 'future';
  readonly id: number;
  readonly name: string;
  readonly pending: boolean;
  /** Where the task's body starts: its function's name (a task's stack when it is not in a ts314 await). */
  readonly root: FrameInfo | undefined;
  readonly awaitedBy: Iterable<GraphNode | WaitSite>;
  /** The creation order, to tell a reused runner slot from the task a wait site was captured in. */
  readonly seq: number;
}

export interface GraphNode {
  [NODE](): NodeInfo;
}

/**
 * A ts314 await in progress (`sleep`, `gather`, a TaskGroup's end, a `timeout()` scope): where it was
 * called from, captured raw, and how to interrupt it (cancel, timeout).
 */
export interface WaitSite {
  readonly site: CallSiteCapture;
  readonly seq: number;
  parsed?: ParsedCallSite;
  /** Throws `error` into the waiting task; returns false to decline (the wait has just ended). */
  interrupt?: ((error: unknown) => boolean | undefined) | undefined;
  /** The task it was captured in, once indexed (null: none); see {@link waitsOfTask}. */
  owner?: GraphNode | null;
}

/** One task as CPython's `_remote_debugging.TaskInfo`: id, name, its coroutine stack and who awaits it. */
export interface TaskInfo {
  readonly taskId: number;
  readonly taskName: string;
  readonly coroutineStack: readonly CoroInfo[];
  readonly awaitedBy: readonly CoroInfo[];
}

/** A call stack (innermost first) and, in `awaitedBy`, the id of the awaiting task; in `coroutineStack`, the task's name. */
export interface CoroInfo {
  readonly callStack: readonly FrameInfo[];
  readonly taskName: number | string;
}

/** The pending tasks of one thread (CPython's `AwaitedInfo`): what `ts314 ps` reads. */
export interface AwaitedInfo {
  readonly threadId: number;
  readonly awaitedBy: readonly TaskInfo[];
}

export interface Registry {
  readonly version: 1;
  readonly threadId: number;
  /** Pending tasks by runner slot: the slot number is what a captured stack names. */
  readonly slots: (GraphNode | undefined)[];
  /** Slots free for reuse, so a program makes as many runner functions as it has tasks at once, not in total. */
  readonly freeSlots: number[];
  readonly waits: Set<WaitSite>;
  /** Open waits by task, for those indexed: cancel() and timeouts find a task's waits without a scan of every wait. */
  readonly waitsOf: Map<GraphNode, Set<WaitSite>>;
  /** Waits opened since the last indexing, in order (some may have ended since). */
  readonly unindexed: WaitSite[];
  /** Tasks asked to cancel whose request has not reached a ts314 await yet. */
  pendingInterrupts: number;
  seq: number;
  unnamed: number;
  nextId: number;
  snapshot(): AwaitedInfo;
  /** This thread's snapshot, then the worker threads' (what a `ts314 ps` of an earlier version evaluates). */
  collect(timeoutMs?: number): Promise<AwaitedInfo[]>;
  /** The snapshots of the worker threads that answer within `timeoutMs` (collect() without this thread's). */
  workers(timeoutMs?: number): Promise<AwaitedInfo[]>;
}

function parsed(wait: WaitSite): ParsedCallSite {
  wait.parsed ??= parseCallSite(wait.site);
  return wait.parsed;
}

/**
 * A capture's frames as the stack of `task`: a body that is an anonymous closure (`() => play(track)`)
 * is left out, as Python shows the coroutine it calls, not the call that made it.
 */
export function framesFor(info: NodeInfo, site: ParsedCallSite): readonly FrameInfo[] {
  const frames = site.frames;
  return info.root?.funcname === '<anonymous>' && frames.length > 1 ? frames.slice(0, -1) : frames;
}

/** The task a capture was taken in: the slot its stack names, if the task now in that slot is older than the capture. */
export function taskOfSite(registry: Registry, site: ParsedCallSite, seq: number): GraphNode | undefined {
  if (site.taskId === undefined) return undefined;
  const node = registry.slots[site.taskId];
  return node !== undefined && node[NODE]().seq <= seq ? node : undefined;
}

function snapshotOf(registry: Registry): AwaitedInfo {
  const latest = new Map<GraphNode, readonly FrameInfo[]>();
  for (const wait of registry.waits) {
    const site = parsed(wait);
    const task = taskOfSite(registry, site, wait.seq);
    if (task) latest.set(task, framesFor(task[NODE](), site));
  }
  const stackOf = (node: GraphNode, info: NodeInfo): readonly FrameInfo[] => latest.get(node) ?? (info.root ? [info.root] : []);
  const awaiters = (entries: Iterable<GraphNode | WaitSite>, out: CoroInfo[], seen: Set<unknown>): void => {
    for (const entry of entries) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      if (NODE in entry) {
        const info = entry[NODE]();
        if (!info.pending) continue;
        if (info.kind === 'task') out.push({ callStack: stackOf(entry, info), taskName: info.id });
        else awaiters(info.awaitedBy, out, seen);
      } else {
        const site = parsed(entry);
        const task = taskOfSite(registry, site, entry.seq);
        if (task) {
          const info = task[NODE]();
          out.push({ callStack: framesFor(info, site), taskName: info.id });
        }
      }
    }
  };
  const tasks: TaskInfo[] = [];
  for (const node of pendingTasks(registry)) {
    const info = node[NODE]();
    const awaitedBy: CoroInfo[] = [];
    awaiters(info.awaitedBy, awaitedBy, new Set([node]));
    tasks.push({
      taskId: info.id,
      taskName: info.name,
      coroutineStack: [{ callStack: stackOf(node, info), taskName: info.name }],
      awaitedBy,
    });
  }
  return { threadId: registry.threadId, awaitedBy: tasks };
}

interface ChannelMessage {
  readonly type: 'hello' | 'bye' | 'collect' | 'snapshot';
  readonly threadId: number;
  readonly requestId?: string;
  readonly info?: AwaitedInfo;
}

function create(): Registry {
  const workers = new Set<number>();
  const registry: Registry = {
    version: 1,
    threadId,
    slots: [],
    freeSlots: [],
    waits: new Set(),
    waitsOf: new Map(),
    unindexed: [],
    pendingInterrupts: 0,
    seq: 0,
    unnamed: 0,
    nextId: 0,
    snapshot: () => snapshotOf(registry),
    collect: async (timeoutMs = COLLECT_TIMEOUT_MS) => [registry.snapshot(), ...(await collectWorkers(registry, workers, timeoutMs))],
    workers: (timeoutMs = COLLECT_TIMEOUT_MS) => collectWorkers(registry, workers, timeoutMs),
  };
  if (typeof BroadcastChannel === 'function') {
    // Unref'd: listening must never keep a thread alive.
    const channel = new BroadcastChannel(CHANNEL_NAME);
    (channel as unknown as { unref?: () => void }).unref?.();
    channel.onmessage = (event) => {
      const message = (event as unknown as { data: ChannelMessage }).data;
      if (message.type === 'hello') workers.add(message.threadId);
      else if (message.type === 'bye') workers.delete(message.threadId);
      else if (message.type === 'collect' && !isMainThread) {
        channel.postMessage({
          type: 'snapshot',
          threadId,
          requestId: message.requestId,
          info: registry.snapshot(),
        } satisfies ChannelMessage);
      }
    };
    if (!isMainThread) {
      channel.postMessage({ type: 'hello', threadId } satisfies ChannelMessage);
      process.once('exit', () => channel.postMessage({ type: 'bye', threadId } satisfies ChannelMessage));
    }
  }
  return registry;
}

/** The snapshot of each worker thread that answers within `timeoutMs` (at once when every known worker has), by thread id. */
async function collectWorkers(registry: Registry, workers: Set<number>, timeoutMs: number): Promise<AwaitedInfo[]> {
  if (typeof BroadcastChannel !== 'function') return [];
  const requestId = `${process.pid}-${Date.now()}-${Math.random()}`;
  const answers = new Map<number, AwaitedInfo>();
  const channel = new BroadcastChannel(CHANNEL_NAME);
  await new Promise<void>((resolve) => {
    // Workers announce themselves when their registry starts; with none known, a short grace for any missed.
    const timer = setTimeout(resolve, workers.size === 0 ? Math.min(timeoutMs, NO_WORKERS_GRACE_MS) : timeoutMs);
    channel.onmessage = (event) => {
      const message = (event as unknown as { data: ChannelMessage }).data;
      if (message.type !== 'snapshot' || message.requestId !== requestId || !message.info) return;
      answers.set(message.threadId, message.info);
      if (workers.size > 0 && [...workers].every((id) => answers.has(id))) {
        clearTimeout(timer);
        resolve();
      }
    };
    channel.postMessage({ type: 'collect', threadId: registry.threadId, requestId } satisfies ChannelMessage);
  });
  channel.close();
  return [...answers.values()].sort((a, b) => a.threadId - b.threadId);
}

/** The pending tasks of a registry, in creation order (slots are reused, so slot order is not it). */
export function pendingTasks(reg: Registry): GraphNode[] {
  const found: GraphNode[] = [];
  for (const node of reg.slots) if (node !== undefined) found.push(node);
  return found.sort((a, b) => a[NODE]().seq - b[NODE]().seq);
}

/** This thread's registry, created by the first copy of ts314/asyncio that asks for it. */
export function registry(): Registry {
  const global = globalThis as unknown as Record<symbol, Registry | undefined>;
  let found = global[REGISTRY_KEY];
  if (found === undefined) {
    found = create();
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: found, enumerable: false, configurable: true });
  }
  return found;
}

/** Records a ts314 await in progress; the caller removes it with {@link closeWait} when the await settles. */
export function openWait(reg: Registry, site: CallSiteCapture, interrupt?: (error: unknown) => boolean | undefined): WaitSite {
  const wait: WaitSite = { site, seq: ++reg.seq, interrupt };
  addWait(reg, wait);
  return wait;
}

/** Adds an await in progress made by the caller (a sleep is its own wait site). */
export function addWait(reg: Registry, wait: WaitSite): void {
  reg.waits.add(wait);
  const unindexed = reg.unindexed;
  unindexed.push(wait);
  // Most waits end before anything asks whose they are: keep the list to about the waits still open.
  if (unindexed.length > 2 * reg.waits.size + 1024) {
    let kept = 0;
    for (const open of unindexed) if (reg.waits.has(open)) unindexed[kept++] = open;
    unindexed.length = kept;
  }
}

export function closeWait(reg: Registry, wait: WaitSite): void {
  reg.waits.delete(wait);
  const owner = wait.owner;
  if (owner) {
    const waits = reg.waitsOf.get(owner);
    waits?.delete(wait);
    if (waits?.size === 0) reg.waitsOf.delete(owner);
  }
}

/**
 * The open waits of `task`, oldest first. Each wait is parsed once, the first time anything asks, so
 * cancelling every task of a group is linear in the waits rather than quadratic.
 */
export function waitsOfTask(reg: Registry, task: GraphNode): ReadonlySet<WaitSite> | undefined {
  for (const wait of reg.unindexed) {
    if (!reg.waits.has(wait)) continue;
    const owner = taskOfSite(reg, parsed(wait), wait.seq) ?? null;
    wait.owner = owner;
    if (owner === null) continue;
    let waits = reg.waitsOf.get(owner);
    if (waits === undefined) {
      waits = new Set();
      reg.waitsOf.set(owner, waits);
    }
    waits.add(wait);
  }
  reg.unindexed.length = 0;
  return reg.waitsOf.get(task);
}
