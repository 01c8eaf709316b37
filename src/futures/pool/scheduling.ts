// The pool's scheduling policy: how many tasks to send a worker at once, learned from how long tasks take.

/** A batch should keep a worker busy about this long: long enough to amortise a message, short enough to balance load. */
export const TARGET_BATCH_MS = 2;
/** Upper bound on tasks per message, so one worker cannot hoard a short queue. */
export const MAX_BATCH = 512;
/** Above this average task time a worker is sent one task at a time (no look-ahead). */
export const LONG_TASK_MS = 50;
/** Tasks per worker before the first results tell us how long tasks take. */
export const INITIAL_BATCH = 4;
/** Weight of the newest batch in the running average: recent enough to follow a change of workload, smooth enough to ignore one slow batch. */
const NEWEST_WEIGHT = 0.3;

export class BatchPolicy {
  readonly #oneAtATime: boolean;
  #avgTaskMs = -1;

  /** Processes run one task at a time: their IPC is slow enough that batching would only delay results. */
  constructor(kind: 'thread' | 'process') {
    this.#oneAtATime = kind === 'process';
  }

  /** A worker reported `count` results that took `ms` to run. */
  record(count: number, ms: number): void {
    if (count === 0) return;
    const per = ms / count;
    this.#avgTaskMs = this.#avgTaskMs < 0 ? per : this.#avgTaskMs * (1 - NEWEST_WEIGHT) + per * NEWEST_WEIGHT;
  }

  /** Tasks per message. */
  batchSize(): number {
    if (this.#oneAtATime) return 1;
    if (this.#avgTaskMs < 0) return INITIAL_BATCH;
    return Math.max(1, Math.min(MAX_BATCH, Math.round(TARGET_BATCH_MS / Math.max(this.#avgTaskMs, 1e-4))));
  }

  /**
   * Tasks a worker may hold at once. Two batches per worker hide the round trip; tasks longer than
   * LONG_TASK_MS go one at a time, so none waits behind a long one while another worker idles.
   */
  perWorker(): number {
    return this.#oneAtATime || this.#avgTaskMs > LONG_TASK_MS ? 1 : this.batchSize() * 2;
  }
}
