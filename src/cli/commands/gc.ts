// `ts314 gc -- <command>`: runs a Node program with the GC pause monitor preloaded, then reports.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants } from 'node:os';
import { formatReport, summarize, type GCPause } from '../../gc/index.js';
import { parseCommandArgs, UsageError } from '../args.js';

export const summary = 'run a Node program and report its GC pauses (ts314 gc -- node app.js)';

const HELP = `usage: ts314 gc [--json] -- <command> [args...]

Runs a Node program with ts314's GC pause monitor preloaded and, when it exits, prints each
process's pause statistics (count, total, mean, p50, p95, p99, max per kind), the seed notebook's
grade of the longest pause, and an ASCII histogram, to stderr. The program's exit code is kept.

  ts314 gc -- node app.js --flag     run app.js with node
  ts314 gc -- app.js                 same: a .js/.mjs/.cjs path runs with this node
  ts314 gc -- npm test               any command: every Node process it starts is observed

options:
  --json       print the reports as JSON on stdout instead of text on stderr
  -h, --help   show this help`;

interface ProcessReport {
  pid: number;
  argv: string[];
  exitCode: number;
  pauses: GCPause[];
}

function preloadUrl(): { url: string; needsTsx: boolean } {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  return { url: new URL(`../../gc/preload${ext}`, import.meta.url).href, needsTsx: ext === '.ts' };
}

function isNode(command: string): boolean {
  return command === process.execPath || /^node(js)?(\.exe)?$/.test(basename(command));
}

export async function run(argv: string[]): Promise<number> {
  // Without `--`, the command starts at the first argument that is not one of ours.
  const dashes = argv.indexOf('--');
  const split = dashes !== -1 ? dashes : argv.findIndex((a) => !a.startsWith('-'));
  const own = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(dashes !== -1 ? split + 1 : split);
  const { values } = parseCommandArgs('gc', own, { options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (command.length === 0) throw new UsageError('ts314 gc: nothing to run. Usage: ts314 gc -- node app.js [args...]');
  let [program, ...args] = command as [string, ...string[]];
  if (/\.(c|m)?(j|t)s$/.test(program) && !isNode(program)) {
    args = [program, ...args];
    program = process.execPath;
  } else if (isNode(program)) {
    program = process.execPath;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ts314-gc-'));
  const { url, needsTsx } = preloadUrl();
  const imports = `${needsTsx ? '--import=tsx ' : ''}--import=${url}`;
  const env = { ...process.env, TS314_GC_REPORT_DIR: dir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${imports}`.trim() };
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(program, args, { stdio: 'inherit', env });
      child.on('error', (error) => reject(new UsageError(`ts314 gc: cannot run '${program}': ${error.message}`)));
      child.on('exit', (code, signal) => {
        const signo = signal ? (constants.signals as Record<string, number>)[signal] : undefined;
        resolve(code ?? 128 + (signo ?? 0));
      });
    });
    const reports = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ProcessReport)
      .sort((a, b) => a.pid - b.pid);
    if (values.json) {
      console.log(
        JSON.stringify(
          reports.map((r) => ({ ...r, summary: summarize(r.pauses) })),
          null,
          2,
        ),
      );
    } else if (reports.length === 0) {
      console.error('ts314 gc: no Node process reported GC pauses (was the command a Node program?)');
    } else {
      for (const report of reports) {
        const title = `ts314 gc: pid ${report.pid} (${
          report.argv
            .slice(1)
            .map((a) => basename(a))
            .join(' ') || 'node'
        }), exit code ${report.exitCode}`;
        console.error(`\n${title}\n${'='.repeat(title.length)}\n${formatReport(report.pauses)}`);
      }
    }
    return exitCode;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
