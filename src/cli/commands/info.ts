// `ts314 info`: the runtime report and the "Available Features" block, as text or JSON.
import { features, runtimeInfo } from '../../runtime/index.js';
import { parseCommandArgs } from '../args.js';
import { featureLines, field } from '../report-lines.js';
import { terminalWidth } from '../terminal.js';

export const summary = 'runtime, cores, memory and the features ts314 detected';

const HELP = `usage: ts314 info [--json]

Prints the runtime, CPU cores, memory and the features ts314 detected, each marked ✓ (present),
✗ (missing: the fallback ts314 uses is shown) or – (absent and not needed).

options:
  --json       the same report as JSON
  -h, --help   show this help`;

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('info', argv, {
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const info = runtimeInfo();
  const detected = features();
  if (values.json) {
    console.log(JSON.stringify({ runtime: info, features: detected }, null, 2));
    return 0;
  }
  const width = terminalWidth();
  const lines = [
    `ts314 ${info.ts314Version}`,
    ...field('Runtime:', `${info.runtime} ${info.version}${info.v8 ? ` (V8 ${info.v8})` : ''}`, width),
    ...field('Platform:', `${info.platform} ${info.arch}${info.cpuModel ? `, ${info.cpuModel.trim()}` : ''}`, width),
    ...field('CPU cores:', `${info.cpuCount} (availableParallelism ${info.availableParallelism})`, width),
    ...field(
      'Memory:',
      `${gib(info.memory.totalBytes)} total, ${gib(info.memory.freeBytes)} free` +
        (info.memory.constrainedBytes ? `, limited to ${gib(info.memory.constrainedBytes)}` : ''),
      width,
    ),
    '',
    'Available Features:',
    ...featureLines(Object.values(detected), width),
  ];
  console.log(lines.join('\n'));
  return 0;
}
