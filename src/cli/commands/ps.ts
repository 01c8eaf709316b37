// `ts314 ps PID`: the pending ts314/asyncio tasks of a running Node process, as CPython 3.14's `python -m asyncio ps` table.
import { buildTaskTable, formatTaskTable, formatTaskTableCsv, getAllAwaitedBy, InspectError } from '../../asyncio/index.js';
import { parseCommandArgs, UsageError } from '../args.js';

export const summary = "list a running Node process's async tasks (python -m asyncio ps)";

const HELP = `usage: ts314 ps [--retries N] [--timeout S] [--format table|json|csv] PID

Prints the pending ts314/asyncio tasks of Node process PID, in every thread, as CPython 3.14's
\`python -m asyncio ps\` does: thread id, task id, task name, coroutine stack (innermost first),
and one row per awaiting task with its stack, name and id (0x0 for a task nobody awaits).

The target needs no flags: SIGUSR1 opens its inspector on 127.0.0.1, the task registry is read,
and the inspector is closed again. The target's stderr shows "Debugger listening on …". The target
must use ts314/asyncio (or be started with --import ts314/asyncio). A target whose event loop is
blocked still shows its main thread's tasks, with a warning that its worker threads could not answer.

options:
  --retries N    try again up to N times if reading fails (default 0)
  --timeout S    seconds to wait for the inspector and the read, per attempt (default 10)
  --format F     table (default), json or csv
  -h, --help     show this help`;

/** Parses the options `ps` and `pstree` share; returns the pid, retries, timeout and format. */
export function parseInspectArgs(
  command: string,
  argv: string[],
  formats: readonly string[],
): { pid: number; retries: number; timeoutMs: number | undefined; format: string; help: boolean } {
  const { values, positionals } = parseCommandArgs(command, argv, {
    options: {
      retries: { type: 'string' },
      timeout: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) return { pid: 0, retries: 0, timeoutMs: undefined, format: formats[0]!, help: true };
  if (positionals.length !== 1)
    throw new UsageError(`ts314 ${command}: expected one PID, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  const pid = Number(positionals[0]);
  if (!Number.isInteger(pid) || pid <= 0)
    throw new UsageError(`ts314 ${command}: PID must be a positive whole number, got '${positionals[0]}'`);
  const retries = values.retries === undefined ? 0 : Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0)
    throw new UsageError(`ts314 ${command}: --retries must be a whole number >= 0, got '${values.retries}'`);
  const seconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0))
    throw new UsageError(`ts314 ${command}: --timeout must be a number of seconds > 0, got '${values.timeout}'`);
  const format = values.format ?? formats[0]!;
  if (!formats.includes(format)) throw new UsageError(`ts314 ${command}: --format must be one of ${formats.join(', ')}, got '${format}'`);
  return { pid, retries, timeoutMs: seconds === undefined ? undefined : seconds * 1000, format, help: false };
}

/** Prints an InspectError the way the CLI reports failures and returns the exit status. */
export function reportInspectError(command: string, error: unknown): number {
  if (error instanceof InspectError) {
    console.error(`ts314 ${command}: ${error.message}`);
    return 1;
  }
  throw error;
}

/** The tasks of every thread of `pid`, or the exit status after reporting why they could not be read. */
export async function readThreads(
  command: string,
  pid: number,
  options: { retries: number; timeoutMs: number | undefined },
): Promise<Awaited<ReturnType<typeof getAllAwaitedBy>> | number> {
  try {
    return await getAllAwaitedBy(pid, { ...options, onWarning: (message) => console.error(`ts314 ${command}: warning: ${message}`) });
  } catch (error) {
    return reportInspectError(command, error);
  }
}

export async function run(argv: string[]): Promise<number> {
  const { pid, retries, timeoutMs, format, help } = parseInspectArgs('ps', argv, ['table', 'json', 'csv']);
  if (help) {
    console.log(HELP);
    return 0;
  }
  const threads = await readThreads('ps', pid, { retries, timeoutMs });
  if (typeof threads === 'number') return threads;
  const table = buildTaskTable(threads);
  if (format === 'table') console.log(formatTaskTable(table));
  else if (format === 'csv') process.stdout.write(formatTaskTableCsv(table));
  else {
    const keys = ['tid', 'taskId', 'taskName', 'coroutineStack', 'awaiterChain', 'awaiterName', 'awaiterId'] as const;
    console.log(
      JSON.stringify(
        table.map((row) => Object.fromEntries(keys.map((key, i) => [key, row[i]]))),
        null,
        2,
      ),
    );
  }
  return 0;
}
