// sql() against real databases: classic injection payloads go in as parameters and come back as the same data.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import pg from 'pg';
import { installPeers, loadPeer } from '../../bench/peers/load.js';
import { sql, t } from '../../src/templatelib/index.js';
import { SQL_PAYLOADS } from './fixtures/sql-payloads.js';
import { startPostgres, type TempPostgres } from './helpers/postgres.js';

const require = createRequire(import.meta.url);

/** A synchronous SQLite handle: node:sqlite where this Node has it, else better-sqlite3 (a bench peer, installed on demand). */
interface Sqlite {
  driver: string;
  exec(text: string): void;
  run(text: string, values: unknown[]): void;
  all(text: string, values: unknown[]): Record<string, unknown>[];
  close(): void;
}

interface NodeSqlite {
  DatabaseSync: new (
    path: string,
  ) => { exec(s: string): void; prepare(s: string): { run(...v: unknown[]): unknown; all(...v: unknown[]): unknown[] }; close(): void };
}

function builtinSqlite(): NodeSqlite | undefined {
  try {
    return require('node:sqlite') as NodeSqlite;
  } catch (e) {
    // Node 20 has no node:sqlite; 22.5–22.12 only behind --experimental-sqlite.
    if ((e as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_BUILTIN_MODULE') throw e;
    return undefined;
  }
}

const builtin = builtinSqlite();
// Without node:sqlite, better-sqlite3 comes from the bench peers: installed here, outside any test's timeout
// (a minute or more of compiling when `npm run bench:peers` has not run yet).
if (!builtin) installPeers();

function openSqlite(): Sqlite {
  if (builtin) {
    const db = new builtin.DatabaseSync(':memory:');
    return {
      driver: 'node:sqlite',
      exec: (text) => db.exec(text),
      run: (text, values) => void db.prepare(text).run(...values),
      all: (text, values) => db.prepare(text).all(...values) as Record<string, unknown>[],
      close: () => db.close(),
    };
  }
  const Database = loadPeer<typeof import('better-sqlite3')>('better-sqlite3');
  const db = new Database(':memory:');
  return {
    driver: 'better-sqlite3',
    exec: (text) => void db.exec(text),
    run: (text, values) => void db.prepare(text).run(...values),
    all: (text, values) => db.prepare(text).all(...values) as Record<string, unknown>[],
    close: () => db.close(),
  };
}

test('SQLite: every injection payload round-trips as data through INSERT, WHERE = and IN (…)', (t_) => {
  const db = openSqlite();
  t_.diagnostic(`SQLite driver: ${db.driver}`);
  try {
    db.exec('CREATE TABLE payloads (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const table = sql.identifier('payloads');
    SQL_PAYLOADS.forEach((payload, id) => {
      const q = sql(t`INSERT INTO ${table} (id, body) VALUES (${id}, ${payload})`, { dialect: 'sqlite' });
      assert.equal(q.text, 'INSERT INTO "payloads" (id, body) VALUES (?, ?)', 'only placeholders reach the SQL text');
      assert.deepEqual(q.values, [id, payload]);
      db.run(q.text, q.values);
    });
    SQL_PAYLOADS.forEach((payload, id) => {
      const eq = sql(t`SELECT id, body FROM ${table} WHERE body = ${payload}`, { dialect: 'sqlite' });
      assert.deepEqual(
        db.all(eq.text, eq.values).map((r) => ({ ...r })),
        [{ id, body: payload }],
        `${db.driver}: ${payload}`,
      );
      const within = sql(t`SELECT COUNT(*) AS n FROM ${table} WHERE body IN (${[payload, 'nothing']}) AND id = ${id}`, {
        dialect: 'sqlite',
      });
      assert.equal(Number(db.all(within.text, within.values)[0]!.n), 1);
    });
    const count = sql(t`SELECT COUNT(*) AS n FROM ${table}`, { dialect: 'sqlite' });
    assert.equal(Number(db.all(count.text, count.values)[0]!.n), SQL_PAYLOADS.length, 'no payload dropped or added rows');
  } finally {
    db.close();
  }
});

test('SQLite: identifiers with quotes and payload-like names are quoted, not executed', () => {
  const db = openSqlite();
  try {
    const name = 'odd"; DROP TABLE x; --';
    db.exec('CREATE TABLE x (a INTEGER)');
    const create = sql(t`CREATE TABLE ${sql.identifier(name)} (${sql.identifier('col"1')} TEXT)`, { dialect: 'sqlite' });
    db.exec(create.text);
    const insert = sql(t`INSERT INTO ${sql.identifier(name)} VALUES (${'v'})`, { dialect: 'sqlite' });
    db.run(insert.text, insert.values);
    const rows = db.all(sql(t`SELECT ${sql.identifier('col"1')} AS c FROM ${sql.identifier(name)}`, { dialect: 'sqlite' }).text, []);
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [{ c: 'v' }],
    );
    assert.equal(db.all("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'x'", [])[0]!.n, 1);
  } finally {
    db.close();
  }
});

let server: TempPostgres | undefined;
let client: pg.Client | undefined;

before(async () => {
  server = startPostgres();
  client = new pg.Client({ host: server.socketDir, port: server.port, user: server.user, database: 'postgres' });
  await client.connect();
});

after(async () => {
  await client?.end();
  server?.stop();
});

test('PostgreSQL: every injection payload round-trips as data, nested fragments renumbered', async () => {
  const db = client!;
  const table = sql.identifier('public', 'payloads');
  await db.query(sql(t`CREATE TABLE ${table} (id int PRIMARY KEY, body text NOT NULL)`).text);
  const storable = SQL_PAYLOADS.filter((p) => !p.includes('\u0000'));
  for (const [id, payload] of storable.entries()) {
    const q = sql(t`INSERT INTO ${table} (id, body) VALUES (${id}, ${payload})`, { dialect: 'postgres' });
    await db.query(q.text, q.values);
  }
  for (const [id, payload] of storable.entries()) {
    const cond = t`body = ${payload}`;
    const q = sql(
      t`SELECT id, body FROM ${table} WHERE id IN (${[id, -1]}) AND ${sql.join([cond, t`length(body) = ${payload.length}`], ' AND ')}`,
      { dialect: 'postgres' },
    );
    assert.match(q.text, /IN \(\$1, \$2\) AND body = \$3 AND length\(body\) = \$4$/);
    const { rows } = await db.query(q.text, q.values);
    assert.deepEqual(rows, [{ id, body: payload }], payload);
  }
  const ids = storable.map((_, i) => i);
  const anyQ = sql(t`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY(${sql.param(ids)})`);
  assert.deepEqual((await db.query(anyQ.text, anyQ.values)).rows, [{ n: storable.length }]);
});

test('PostgreSQL: a NUL payload is rejected by the server as a value, never run as SQL', async () => {
  const db = client!;
  const payload = SQL_PAYLOADS.find((p) => p.includes('\u0000'))!;
  const q = sql(t`SELECT ${payload}::text AS v`);
  await assert.rejects(db.query(q.text, q.values), /invalid byte sequence|0x00/);
  assert.deepEqual((await db.query('SELECT 1 AS ok')).rows, [{ ok: 1 }]);
});

test('PostgreSQL: quoted identifiers with quotes and spaces work', async () => {
  const db = client!;
  const name = sql.identifier('we"ird name');
  await db.query(sql(t`CREATE TABLE ${name} (${sql.identifier('Mixed Case')} int)`).text);
  const ins = sql(t`INSERT INTO ${name} VALUES (${42})`);
  await db.query(ins.text, ins.values);
  assert.deepEqual((await db.query(sql(t`SELECT ${sql.identifier('Mixed Case')} AS v FROM ${name}`).text)).rows, [{ v: 42 }]);
});
