// What a worker message may move instead of copy, typed from the installed @types/node's own Worker.postMessage.
import type { Worker } from 'node:worker_threads';

/**
 * One item of a worker transfer list (ArrayBuffer, MessagePort …). Derived from `Worker.postMessage`
 * rather than named, because @types/node renamed its alias (`TransferListItem` is gone in 26.x,
 * `Transferable` is missing from old 20.x releases): this compiles under every version a user has.
 */
export type Transferable = NonNullable<Parameters<Worker['postMessage']>[1]>[number];
