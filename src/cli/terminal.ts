// How wide the CLI's output may be: COLUMNS, else the terminal's width, else a default that suits logs and CI.

/** Columns used when neither COLUMNS nor a terminal says: wide enough for the tables, narrow enough for logs. */
export const DEFAULT_COLUMNS = 100;

/** Narrower than this, tables cannot show a name and a number; such widths are raised to it. */
export const MIN_COLUMNS = 40;

/**
 * The width to lay output out in, looked up as Python's `shutil.get_terminal_size()` does: the
 * COLUMNS environment variable when it is a positive integer, then the terminal's own width when
 * stdout is one, then DEFAULT_COLUMNS (pipes, files, CI logs).
 */
export function terminalWidth(
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const fromEnv = Number(env.COLUMNS);
  const width =
    env.COLUMNS !== undefined && /^\s*\d+\s*$/.test(env.COLUMNS) && fromEnv > 0
      ? fromEnv
      : stream.isTTY && typeof stream.columns === 'number' && stream.columns > 0
        ? stream.columns
        : DEFAULT_COLUMNS;
  return Math.max(MIN_COLUMNS, width);
}
