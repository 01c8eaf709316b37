// Where a task is suspended: call sites captured raw at a ts314 await (cheap), parsed into frames only when someone looks.
import { fileURLToPath } from 'node:url';

/** One frame of a call stack, as CPython's `_remote_debugging.FrameInfo`: function, file, line. */
export interface FrameInfo {
  readonly funcname: string;
  /** An absolute path (a file URL becomes a path); empty when V8 gave no location. */
  readonly filename: string;
  /** 1-based; 0 when unknown. */
  readonly lineno: number;
  /** V8 reported the frame as an async function resumed after an `await` (`at async f (…)`). */
  readonly async: boolean;
}

/**
 * The prefix of the function name every task's body runs under: V8 prints it in stack traces
 * (`at async ts314-task-7 (…)`), which is how a captured stack tells which task it belongs to
 * without async_hooks.
 */
export const TASK_FRAME_PREFIX = 'ts314-task-';

/** A raw capture: V8 records the frames when it is made and formats `stack` only when read. */
export interface CallSiteCapture {
  stack?: string;
}

/**
 * How many frames a capture keeps. V8's default of 10 counts async frames too; a task nested a few
 * helpers deep would lose the frame that names it.
 */
const CAPTURE_FRAMES = 64;

/** Captures the current (async) stack above `below`, unformatted. */
// biome-ignore lint/complexity/noBannedTypes: Error.captureStackTrace takes any function
export function captureCallSite(below: Function): CallSiteCapture {
  const holder: CallSiteCapture = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = CAPTURE_FRAMES;
  Error.captureStackTrace(holder, below);
  Error.stackTraceLimit = limit;
  return holder;
}

/** A parsed capture: its frames, innermost first, and the task whose body it ran in (if any). */
export interface ParsedCallSite {
  readonly frames: readonly FrameInfo[];
  readonly taskId: number | undefined;
}

const LINE = /^\s*at (async )?(?:(.*?) \((.*)\)|(.*))$/;
const LOCATION = /^(.*):(\d+):\d+$/;
/** Frames that are machinery rather than user code: TypeScript's and esbuild's down-levelling helpers for `await using`. */
const HELPERS = new Set([
  '__callDispose',
  '__disposeResources',
  '__using',
  '__addDisposableResource',
  'next',
  'step',
  'fulfilled',
  'rejected',
  '__awaiter',
  'Generator.next',
]);

/**
 * ts314's own file whose methods a task waits in (`await using tg` ending): V8 prints a private or
 * symbol-named method without its class (`#aexit`), and Node adds the class only when source maps
 * are on. Its frames always get the class, as CPython prints `TaskGroup._aexit`.
 */
const TASK_GROUP_FILE = fileURLToPath(new URL('./task-group', import.meta.url));

/** `name` with its class when the frame is in ts314's TaskGroup and V8 left the class out. */
function qualified(name: string, path: string): string {
  if ((name[0] === '#' || name[0] === '[') && path.startsWith(TASK_GROUP_FILE) && path.lastIndexOf('.') === TASK_GROUP_FILE.length)
    return `TaskGroup.${name}`;
  return name;
}

function toPath(location: string): string {
  if (location.startsWith('file://')) {
    try {
      return fileURLToPath(location);
    } catch {
      return location;
    }
  }
  return location;
}

function cleanName(raw: string): string {
  let name = raw.replace(/ \[as [^\]]*\]$/, '');
  if (name.startsWith('new ')) name = name.slice(4);
  if (name.startsWith('Object.') || name.startsWith('Module.')) name = name.slice(name.indexOf('.') + 1);
  // Node 20 polyfills Symbol.asyncDispose with the description 'nodejs.asyncDispose'; later Nodes have the real one.
  return name.replace('[nodejs.asyncDispose]', '[Symbol.asyncDispose]').replace('[nodejs.dispose]', '[Symbol.dispose]');
}

/** The frames of a stack's lines, innermost first, up to the frame of a task's runner, and that task. */
function parseLines(stack: string): ParsedCallSite {
  const frames: FrameInfo[] = [];
  let taskId: number | undefined;
  const lines = stack.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const m = LINE.exec(lines[i]!);
    if (!m) continue;
    const name = cleanName(m[2] ?? '');
    const marker = name.indexOf(TASK_FRAME_PREFIX);
    if (marker !== -1) {
      taskId = Number(name.slice(marker + TASK_FRAME_PREFIX.length));
      break;
    }
    const location = m[3] ?? m[4] ?? '';
    if (name === '' || HELPERS.has(name) || location.startsWith('node:') || location === 'native' || location.startsWith('index '))
      continue;
    const at = LOCATION.exec(location);
    const filename = at ? toPath(at[1]!) : '';
    frames.push({ funcname: qualified(name, filename), filename, lineno: at ? Number(at[2]) : 0, async: m[1] !== undefined });
  }
  return { frames, taskId };
}

/**
 * Parsed frames by the text of a stack above its task's runner frame: tasks suspended at the same
 * place differ only in that frame, so 100,000 tasks in one `sleep` line are parsed once, not 100,000 times.
 */
const framesAbove = new Map<string, readonly FrameInfo[]>();
/** Distinct places kept; past it the cache starts over (a program rarely waits in more places at once). */
const FRAMES_ABOVE_LIMIT = 4096;

/** A runner's frame at the prefix: its slot, and nothing but an optional alias before the location. */
const RUNNER_NAME = new RegExp(`${TASK_FRAME_PREFIX}(\\d+)(?: \\[as [^\\]]*\\])? \\(`, 'y');

/** Parses a capture (formatting it now, with source maps if the process enabled them). */
export function parseCallSite(capture: CallSiteCapture): ParsedCallSite {
  const stack = capture.stack ?? '';
  const marker = stack.indexOf(TASK_FRAME_PREFIX);
  const lineStart = marker === -1 ? -1 : stack.lastIndexOf('\n', marker);
  let runner: RegExpExecArray | null = null;
  if (lineStart > 0) {
    RUNNER_NAME.lastIndex = marker;
    runner = RUNNER_NAME.exec(stack);
  }
  // The prefix elsewhere than in a function's name (a path): the slow way.
  if (runner === null) return parseLines(stack);
  const above = stack.slice(0, lineStart);
  let frames = framesAbove.get(above);
  if (frames === undefined) {
    frames = parseLines(above).frames;
    if (framesAbove.size >= FRAMES_ABOVE_LIMIT) framesAbove.clear();
    framesAbove.set(above, frames);
  }
  return { frames, taskId: Number(runner[1]) };
}
