#!/usr/bin/env node
// The `ts314` command: dispatches to one module per subcommand, each of which only calls the public API.
import { didYouMean } from '../internal/did-you-mean.js';
import { runtimeInfo } from '../runtime/index.js';
import { UsageError } from './args.js';

interface Command {
  readonly summary: string;
  run(argv: string[]): Promise<number>;
}

/** Subcommands load lazily so `ts314 info` does not pay for the benchmark suite. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  info: () => import('./commands/info.js'),
  uuid: () => import('./commands/uuid.js'),
  gc: () => import('./commands/gc.js'),
  bench: () => import('./commands/bench.js'),
  compare: () => import('./commands/compare.js'),
  play: () => import('./commands/play.js'),
  ps: () => import('./commands/ps.js'),
  pstree: () => import('./commands/pstree.js'),
  worker: () => import('./commands/worker.js'),
};

async function usage(): Promise<string> {
  const rows = await Promise.all(Object.entries(COMMANDS).map(async ([name, load]) => `  ${name.padEnd(10)} ${(await load()).summary}`));
  return [
    'usage: ts314 <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `ts314 <command> --help` (or `ts314 help <command>`) for its options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest.length > 0) {
    // `ts314 help bench` is `ts314 bench --help`, so the two can never disagree.
    return (await command(rest[0]!)).run(['--help']);
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    console.log(runtimeInfo().ts314Version);
    return 0;
  }
  return (await command(name)).run(rest);
}

async function command(name: string): Promise<Command> {
  const load = COMMANDS[name];
  if (!load) {
    throw new UsageError(
      `unknown command '${name}'.${didYouMean(name, Object.keys(COMMANDS)) || ` Commands: ${Object.keys(COMMANDS).join(', ')}`}`,
    );
  }
  return load();
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message.startsWith('ts314') ? error.message : `ts314: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
