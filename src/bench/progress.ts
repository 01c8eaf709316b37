// Progress of a run on stderr: a bar redrawn in place on a terminal, plain lines in logs, silence on CI.
import type { BenchProgressEvent } from './runner.js';
import { formatDuration } from './table.js';

/** Width of the bar in characters. */
const BAR_WIDTH = 20;

/** How the progress is shown: 'bar' on a TTY, 'lines' otherwise, 'none' when CI is set and stderr is not a TTY. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** The mode the environment calls for. */
export function progressMode(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): ProgressMode {
  if (stream.isTTY) return 'bar';
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0' ? 'none' : 'lines';
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A progress reporter for runBenchmarks' onProgress. The ETA is the remaining count times the mean
 * time of the benchmarks done so far (the budget estimate before the first one ends).
 * @example
 * const progress = createProgress();
 * await runBenchmarks(defs, { onProgress: progress.update });
 * progress.done();
 */
export function createProgress(mode: ProgressMode = progressMode(), stream: NodeJS.WritableStream & { columns?: number } = process.stderr) {
  let spent = 0;
  let finished = 0;
  let drawn = false;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  // The bar is filled by finished benchmarks and the count beside it says the same, so the
  // last benchmark shows `6/7 done` while it runs and a full `7/7 done` bar once it ends.
  const draw = (total: number, text: string) => {
    const filled = Math.round((finished / total) * BAR_WIDTH);
    let line = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${finished}/${total} done${text}`;
    // A pseudo-terminal without a size reports 0 columns: do not cut the line then.
    const columns = stream.columns || 0;
    if (columns > 20 && line.length > columns - 1) line = `${line.slice(0, columns - 2)}…`;
    clear();
    stream.write(line);
    drawn = true;
  };
  return {
    update(event: BenchProgressEvent): void {
      if (mode === 'none') return;
      if (event.type === 'start') {
        if (mode !== 'bar') return;
        const remaining = event.total - event.index;
        const eta = finished > 0 ? (spent / finished) * remaining : event.budgetMs * remaining;
        draw(event.total, `, running ${event.category} › ${event.name}  ETA ${clock(eta)}`);
        return;
      }
      spent += event.elapsedMs;
      finished++;
      const r = event.result;
      const outcome =
        r.status === 'ok' && r.stats
          ? `${formatDuration(r.stats.mean)}/op`
          : r.status === 'skipped'
            ? `skipped: ${r.notes?.[0] ?? ''}`
            : `FAILED: ${r.error?.message.split('\n')[0] ?? ''}`;
      if (mode === 'lines') {
        stream.write(`[${event.index + 1}/${event.total}] ${r.id}  ${outcome}  (${(event.elapsedMs / 1000).toFixed(1)} s)\n`);
      } else {
        if (r.status === 'failed') {
          // Failures stay on screen; successes are summarised by the table at the end.
          clear();
          stream.write(`✗ ${r.id}  ${outcome}\n`);
        }
        draw(event.total, '');
      }
    },
    /** Removes the bar before the table is printed. */
    done(): void {
      clear();
    },
  };
}

/** A progress reporter, as returned by createProgress. */
export type Progress = ReturnType<typeof createProgress>;
