// `ts314 uuid`: prints UUIDs like `python -m uuid`, with -n as the count (the issue's spelling).
import { once } from 'node:events';
import { closestMatch, didYouMean } from '../../internal/did-you-mean.js';
import {
  NAMESPACE_DNS,
  NAMESPACE_OID,
  NAMESPACE_URL,
  NAMESPACE_X500,
  UUID,
  uuid1,
  uuid3,
  uuid4String,
  uuid5,
  uuid6,
  uuid7String,
  uuid8,
} from '../../uuid/index.js';
import { parseCommandArgs, UsageError } from '../args.js';

export const summary = 'generate UUIDs (v1, v3, v4, v5, v6, v7, v8), like python -m uuid';

const GENERATORS: Record<string, () => string> = {
  uuid1: () => uuid1().toString(),
  uuid4: uuid4String,
  uuid6: () => uuid6().toString(),
  uuid7: uuid7String,
  uuid8: () => uuid8().toString(),
};
const NAME_BASED = { uuid3, uuid5 };
/** UUIDs per stdout write: large enough to amortize the write, small enough to keep memory flat. */
const OUTPUT_CHUNK = 8192;
const KINDS = ['uuid1', 'uuid3', 'uuid4', 'uuid5', 'uuid6', 'uuid7', 'uuid8'];
const NAMESPACES: Record<string, UUID> = { '@dns': NAMESPACE_DNS, '@url': NAMESPACE_URL, '@oid': NAMESPACE_OID, '@x500': NAMESPACE_X500 };

const HELP = `usage: ts314 uuid [-u KIND] [-n COUNT] [--namespace NS --name NAME]

Generates UUIDs, one per line (default: one uuid4).

options:
  -u, --uuid KIND       ${KINDS.join(', ')} (default uuid4)
  -n, -C, --count N     print N UUIDs (default 1)
      --namespace NS    uuid3/uuid5 namespace: a UUID, or @dns, @url, @oid, @x500
  -N, --name NAME       uuid3/uuid5 name (hashed as UTF-8)
  -h, --help            show this help

Note: python -m uuid spells the count -C/--count and the namespace -n; here -n is the count,
and -C/--count are accepted too.`;

function resolveNamespace(value: string): UUID {
  if (value.startsWith('@')) {
    const known = NAMESPACES[value.toLowerCase()];
    if (known) return known;
    throw new UsageError(
      `ts314 uuid: unknown namespace '${value}'.${didYouMean(value, Object.keys(NAMESPACES)) || ` Namespaces: ${Object.keys(NAMESPACES).join(', ')}`}`,
    );
  }
  try {
    return new UUID(value);
  } catch (error) {
    const guess = closestMatch(`@${value}`, Object.keys(NAMESPACES));
    const hint = guess ? ` Did you mean '${guess}'?` : ' Use a UUID or one of @dns, @url, @oid, @x500.';
    throw new UsageError(`ts314 uuid: --namespace: ${(error as Error).message}.${hint}`);
  }
}

function parseCount(value: string | undefined): number {
  if (value === undefined) return 1;
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count) || count < 1) {
    throw new UsageError(`ts314 uuid: --count must be a positive integer, got '${value}'`);
  }
  return count;
}

export async function run(argv: string[]): Promise<number> {
  // python -m uuid's -C/--count spelling maps onto ours.
  const args = argv.map((arg) =>
    arg === '-C' ? '--count' : arg.startsWith('-C') && !arg.startsWith('--') ? `--count=${arg.slice(2)}` : arg,
  );
  const { values } = parseCommandArgs('uuid', args, {
    options: {
      uuid: { type: 'string', short: 'u' },
      count: { type: 'string', short: 'n' },
      namespace: { type: 'string' },
      name: { type: 'string', short: 'N' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const kind = values.uuid ?? 'uuid4';
  if (!KINDS.includes(kind)) {
    // `-u 7` and `-u v7` are common shorthands; suggest the full name for them too.
    const shorthand = /^v?([1-8])$/.exec(kind);
    const hint = shorthand && KINDS.includes(`uuid${shorthand[1]}`) ? ` Did you mean 'uuid${shorthand[1]}'?` : didYouMean(kind, KINDS);
    throw new UsageError(`ts314 uuid: unknown UUID kind '${kind}'.${hint || ` Kinds: ${KINDS.join(', ')}`}`);
  }
  const count = parseCount(values.count);
  let generate: () => string;
  if (kind === 'uuid3' || kind === 'uuid5') {
    if (values.namespace === undefined || values.name === undefined) {
      throw new UsageError(`ts314 uuid: ${kind} requires both --namespace NS and --name NAME (NS: a UUID or @dns, @url, @oid, @x500)`);
    }
    const id = NAME_BASED[kind](resolveNamespace(values.namespace), values.name).toString();
    generate = () => id;
  } else {
    if (values.namespace !== undefined || values.name !== undefined) {
      throw new UsageError(`ts314 uuid: --namespace and --name only apply to uuid3 and uuid5 (got -u ${kind})`);
    }
    generate = GENERATORS[kind]!;
  }
  // Large counts stream out in chunks, waiting for the pipe to drain, so memory stays flat.
  for (let done = 0; done < count; ) {
    const n = Math.min(OUTPUT_CHUNK, count - done);
    let chunk = '';
    for (let i = 0; i < n; i++) chunk += `${generate()}\n`;
    done += n;
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
  return 0;
}
