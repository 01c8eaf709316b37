// The engine under ts314/distributed: BullMQ (an optional peer), loaded lazily, on Redis or PostgreSQL from one connection string.
import { didYouMean } from '../internal/did-you-mean.js';
import { InvalidArgumentError } from '../internal/errors.js';
import { DistributedUnavailableError } from './errors.js';

/** Where the queue lives: a Redis server (`redis://`, `rediss://`) or a PostgreSQL >= 13 database (`postgres://`). */
export type BrokerKind = 'redis' | 'postgres';

const SCHEMES: Record<string, BrokerKind> = {
  'redis:': 'redis',
  'rediss:': 'redis',
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
};

/**
 * BullMQ's connection options for one executor or worker: Redis reconnects quickly (a broker restart
 * costs well under a second) until `stopped()` says the owner gave up, so a broker that never
 * answered leaves no reconnect timer keeping the process alive.
 */
export function connectionOptions(connection: BrokerConnection, stopped: () => boolean): Record<string, unknown> {
  if (connection.kind !== 'redis') return { ...connection.options };
  return { ...connection.options, retryStrategy: (times: number) => (stopped() ? null : Math.min(50 * times, 500)) };
}

/** A parsed connection string: what BullMQ's classes take, plus a printable form without the password. */
export interface BrokerConnection {
  readonly kind: BrokerKind;
  /** The connection string with any password replaced by `***`. */
  readonly display: string;
  /** BullMQ's `connection` option (ioredis options, or a node-postgres config with `migrate: true`). */
  readonly options: Record<string, unknown>;
}

/** Reads `redis://[user:pass@]host[:port][/db]` or `postgres://…`; InvalidArgumentError names what is wrong. */
export function parseConnection(connection: unknown, where: string): BrokerConnection {
  if (typeof connection !== 'string' || connection.length === 0) {
    throw new InvalidArgumentError(
      `${where}: connection must be a connection string such as 'redis://127.0.0.1:6379' or 'postgres://user@host/db', got ${
        connection === undefined ? 'nothing' : typeof connection === 'string' ? 'an empty string' : typeof connection
      }`,
    );
  }
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    throw new InvalidArgumentError(
      `${where}: connection ${JSON.stringify(connection)} is not a URL; write it as 'redis://host:port' or 'postgres://user@host/db'`,
    );
  }
  const kind = SCHEMES[url.protocol];
  if (kind === undefined) {
    const scheme = url.protocol.slice(0, -1);
    const hint =
      didYouMean(
        scheme,
        Object.keys(SCHEMES).map((s) => s.slice(0, -1)),
      ) || ' Schemes: redis, rediss, postgres, postgresql.';
    throw new InvalidArgumentError(`${where}: unknown broker scheme '${scheme}:' in ${JSON.stringify(connection)}.${hint}`);
  }
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  const display = shown.href;
  if (kind === 'postgres') return { kind, display, options: { connectionString: connection, migrate: true } };
  if (url.pathname.length > 1 && !/^\/\d+$/.test(url.pathname))
    throw new InvalidArgumentError(`${where}: a Redis database is a number (redis://host:port/0), got '${url.pathname.slice(1)}'`);
  const port = url.port === '' ? 6379 : Number(url.port);
  return {
    kind,
    display,
    options: {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
      port,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      // Workers' blocking connections need it; commands wait through a broker restart instead of failing.
      maxRetriesPerRequest: null,
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: BullMQ's classes, typed where they are used
type AnyClass = new (...args: any[]) => any;

/** The BullMQ classes ts314 uses, and the backend factory for PostgreSQL. */
export interface Engine {
  readonly Queue: AnyClass;
  readonly Worker: AnyClass;
  readonly QueueEvents: AnyClass;
  /** BullMQ's last constructor argument: undefined for Redis, createPostgresBackend for PostgreSQL. */
  readonly factory: unknown;
}

const INSTALL: Record<BrokerKind, string> = { redis: 'npm install bullmq ioredis', postgres: 'npm install bullmq pg' };

function missing(error: unknown, kind: BrokerKind, packageName: string): DistributedUnavailableError {
  return new DistributedUnavailableError(
    `ts314/distributed needs the '${packageName}' package for a ${kind === 'redis' ? 'Redis' : 'PostgreSQL'} broker, and it is not installed: run \`${INSTALL[kind]}\` (optional peer dependencies of ts314)`,
    { packageName, cause: error },
  );
}

function notFound(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const message = String((error as Error).message);
  return /'(bullmq|ioredis|pg)'/.exec(message)?.[1] ?? /Cannot find (?:package|module) '([^'/]+)/.exec(message)?.[1];
}

const engines = new Map<BrokerKind, Promise<Engine>>();

/** Imports BullMQ (and checks its driver) once per process; DistributedUnavailableError says how to install what is missing. */
export function loadEngine(kind: BrokerKind): Promise<Engine> {
  let engine = engines.get(kind);
  if (!engine) {
    engine = (async () => {
      const driver = kind === 'redis' ? 'ioredis' : 'pg';
      try {
        await import(driver);
      } catch (error) {
        throw missing(error, kind, notFound(error) ?? driver);
      }
      let bullmq: Record<string, unknown>;
      try {
        bullmq = (await import('bullmq')) as unknown as Record<string, unknown>;
      } catch (error) {
        throw missing(error, kind, notFound(error) ?? 'bullmq');
      }
      return {
        Queue: bullmq.Queue as AnyClass,
        Worker: bullmq.Worker as AnyClass,
        QueueEvents: bullmq.QueueEvents as AnyClass,
        factory: kind === 'postgres' ? bullmq.createPostgresBackend : undefined,
      };
    })();
    engine.catch(() => engines.delete(kind));
    engines.set(kind, engine);
  }
  return engine;
}

/** BullMQ's job ids may not contain ':'; a queue name may not either (it is part of every key). */
export function checkQueueName(queue: unknown, where: string): string {
  if (typeof queue !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(queue))
    throw new InvalidArgumentError(
      `${where}: queue must be a name of letters, digits, '_', '.' or '-' (1 to 100 characters), got ${typeof queue === 'string' ? JSON.stringify(queue) : typeof queue}`,
    );
  return queue;
}
