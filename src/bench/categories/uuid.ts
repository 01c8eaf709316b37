// The uuid category: ts314/uuid v4 and v7 ×1000 against the `uuid` npm package (when installed) and crypto.randomUUID.
import { randomUUID } from 'node:crypto';
import { uuid4, uuid4String, uuid7, uuid7String } from '../../uuid/index.js';
import type { BenchDefinition } from '../definition.js';
import { define } from './define.js';

/** The issue's ×1000: one call generates this many UUIDs, and stats are per UUID. */
const PER_CALL = 1_000;

/** Consumes each UUID cheaply (a character from the random part) so no generation can be skipped. */
function loop(generate: () => string): () => number {
  return () => {
    let sum = 0;
    for (let i = 0; i < PER_CALL; i++) sum += generate().charCodeAt(30);
    return sum;
  };
}

interface UuidPackage {
  readonly v4: () => string;
  readonly v7: () => string;
}

/**
 * The `uuid` package is the reference, but not a dependency of ts314: it is loaded from wherever the
 * user's project resolves it, and without it the reference rows are left out rather than faked.
 */
async function loadUuidPackage(): Promise<UuidPackage | undefined> {
  try {
    const mod = (await import('uuid')) as Partial<UuidPackage>;
    return typeof mod.v4 === 'function' && typeof mod.v7 === 'function' ? (mod as UuidPackage) : undefined;
  } catch {
    return undefined;
  }
}

/** Said on the rows that stand in for the missing reference, so the table does not hide its absence. */
const NO_UUID_PACKAGE =
  "the `uuid` npm package is not installed here (npm install uuid): crypto.randomUUID() is v4's reference and v7 has none";

function row(
  group: string,
  name: string,
  generate: () => string,
  baseline: boolean,
  library: string,
  notes?: readonly string[],
): BenchDefinition {
  return define({ name, group, params: { library }, baseline, opsPerCall: PER_CALL, fn: loop(generate), ...(notes ? { notes } : {}) });
}

/** The uuid category's benchmarks for a run. */
export async function load(): Promise<BenchDefinition[]> {
  const npm = await loadUuidPackage();
  const v4 = `uuid4 ×${PER_CALL}`;
  const v7 = `uuid7 ×${PER_CALL}`;
  const out = [
    row(v4, 'ts314 uuid4String()', uuid4String, false, 'ts314'),
    row(v4, 'ts314 uuid4().toString()', () => uuid4().toString(), false, 'ts314'),
    // Without the package, Node's own generator is v4's reference.
    row(v4, 'crypto.randomUUID()', randomUUID, npm === undefined, 'node:crypto', npm === undefined ? [NO_UUID_PACKAGE] : undefined),
  ];
  if (npm) out.push(row(v4, 'uuid (npm) v4()', npm.v4, true, 'uuid'));
  out.push(
    row(v7, 'ts314 uuid7String()', uuid7String, false, 'ts314', npm === undefined ? [NO_UUID_PACKAGE] : undefined),
    row(v7, 'ts314 uuid7().toString()', () => uuid7().toString(), false, 'ts314'),
  );
  if (npm) out.push(row(v7, 'uuid (npm) v7()', npm.v7, true, 'uuid'));
  return out;
}
