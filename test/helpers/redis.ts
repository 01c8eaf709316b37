// Starts a throwaway redis-server (Debian's) on a free loopback port, with an append-only file so a restart keeps the jobs.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tempDir } from './temp-dir.js';

export interface TempRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /**
   * Stops the server (SIGTERM: it writes its data first) and starts it again on the same port and
   * data; with `wipe`, without its data (a broker that restarted without persistence).
   */
  restart(downMs?: number, options?: { wipe?: boolean }): Promise<void>;
  /** Stops the server, keeping its data directory until stop(). */
  kill(): Promise<void>;
  /**
   * A broker that dies mid-conversation: frozen (SIGSTOP) for `frozenMs`, so the commands clients send
   * meanwhile are on the wire unanswered, then killed (SIGKILL).
   */
  crash(frozenMs: number): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the kernel's pick, released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

function binary(): string {
  for (const path of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(path)) return path;
  throw new Error('redis-server not found: install the Debian `redis-server` package (.ci/run does)');
}

export async function startRedis(): Promise<TempRedis> {
  const bin = binary();
  const dir = tempDir('redis');
  const port = await freePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const proc = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--appendonly', 'yes', '--appendfsync', 'no', '--save', ''],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (/Ready to accept connections/.test(log)) {
          proc.stdout!.off('data', onData);
          proc.stdout!.resume();
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.resume();
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${log}`)));
      proc.once('error', reject);
    });
  }

  /** Ends the running server by `stop`, and waits for it to exit. */
  async function end(stop: (proc: ChildProcess) => Promise<void> | void): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = once(proc, 'exit');
    await stop(proc);
    await exited;
  }

  const kill = () => end((proc) => void proc.kill('SIGTERM'));

  const crash = (frozenMs: number) =>
    end(async (proc) => {
      proc.kill('SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, frozenMs));
      proc.kill('SIGKILL');
    });

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    kill,
    crash,
    async restart(downMs = 0, { wipe = false } = {}) {
      await kill();
      if (wipe) for (const entry of readdirSync(dir.path)) rmSync(dir.join(entry), { recursive: true, force: true });
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async stop() {
      await kill();
      dir.remove();
    },
  };
}
