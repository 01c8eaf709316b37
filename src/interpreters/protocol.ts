// The messages between an Interpreter and its worker: requests one way, replies the other.
import type { CallableRef } from '../internal/callable.js';
import type { SerializedError } from '../internal/remote-error.js';
import type { EncodedArgs } from '../internal/wire.js';

/** workerData role of an interpreter's worker (see internal/worker-boot.ts BootData.role). */
export const INTERPRETER_ROLE = 'interpreter';

export type Request =
  | { readonly op: 'prepare'; readonly id: number; readonly ns: EncodedArgs }
  | { readonly op: 'exec'; readonly id: number; readonly code: string }
  | { readonly op: 'call'; readonly id: number; readonly ref: CallableRef; readonly args: EncodedArgs };

export type Reply =
  | { readonly id: number; readonly ok: true; readonly value: EncodedArgs }
  /** `phase: 'result'` when the work succeeded but its result could not be sent back. */
  | { readonly id: number; readonly ok: false; readonly error: SerializedError; readonly phase: 'run' | 'result'; readonly path?: string };
