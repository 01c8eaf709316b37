// Benchmark peers that compile from source (better-sqlite3, zstd-napi): kept off the default install, installed into bench/peers/ on first use.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const PEERS_DIR = fileURLToPath(new URL('./', import.meta.url));
const requirePeer = createRequire(new URL('./package.json', import.meta.url));

/** The peers bench/peers/package.json lists. */
export type PeerName = 'better-sqlite3' | 'zstd-napi';

/**
 * Installs bench/peers/ from its lockfile unless it is there already (`npm run bench:peers` does the same):
 * about a minute and a half of compiling here, once, since neither peer's prebuilt download is reachable.
 */
export function installPeers(): void {
  if (existsSync(new URL('./node_modules/.package-lock.json', import.meta.url))) return;
  console.error('bench peers: installing better-sqlite3 and zstd-napi into bench/peers/ (they compile from source; once)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEERS_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A peer's module, installing the peers first when needed; throws when it cannot be installed or loaded. */
export function loadPeer<T>(name: PeerName): T {
  installPeers();
  return requirePeer(name) as T;
}
