// Starts a throwaway PostgreSQL cluster (Debian's server binaries) in a temp dir, on a private unix socket.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir.js';

export interface TempPostgres {
  /** Directory holding the unix socket: pass as `host` to pg. */
  socketDir: string;
  port: number;
  user: string;
  stop(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root))
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql: install the Debian `postgresql` package (.ci/run does)',
    );
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no initdb under /usr/lib/postgresql/*/bin');
  return join(root, versions[0]!, 'bin');
}

/** initdb refuses to run as root, so as root the cluster runs as the `postgres` OS user. */
export function startPostgres(): TempPostgres {
  const bin = binDir();
  const tmp = tempDir('pg');
  const dir = tmp.path;
  const asRoot = process.getuid?.() === 0;
  let uid = -1;
  let gid = -1;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (file: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, file), ...args], { stdio: 'pipe', cwd: dir })
      : execFileSync(join(bin, file), args, { stdio: 'pipe', cwd: dir });
  const data = join(dir, 'data');
  // A port only names the socket file (.s.PGSQL.<port>) since TCP is off; random avoids clashes anyway.
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off`,
      'start',
    ]);
  } catch (error) {
    tmp.remove();
    throw error;
  }
  let stopped = false;
  return {
    socketDir: dir,
    port,
    user: 'postgres',
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        tmp.remove();
      }
    },
  };
}
