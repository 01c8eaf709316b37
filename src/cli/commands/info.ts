// `ts314 info`: the runtime report and the "Available Features" block, as text or JSON.
import { features, runtimeInfo } from '../../runtime/index.js';
import { parseCommandArgs } from '../args.js';

export const summary = 'runtime, cores, memory and the features ts314 detected';

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('info', argv, {
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('usage: ts314 info [--json]\n\nPrints the runtime report and the features ts314 detected.');
    return 0;
  }
  const info = runtimeInfo();
  const detected = features();
  if (values.json) {
    console.log(JSON.stringify({ runtime: info, features: detected }, null, 2));
    return 0;
  }
  const lines = [
    `ts314 ${info.ts314Version}`,
    `Runtime:      ${info.runtime} ${info.version}${info.v8 ? ` (V8 ${info.v8})` : ''}`,
    `Platform:     ${info.platform} ${info.arch}${info.cpuModel ? `, ${info.cpuModel.trim()}` : ''}`,
    `CPU cores:    ${info.cpuCount} (availableParallelism ${info.availableParallelism})`,
    `Memory:       ${gib(info.memory.totalBytes)} total, ${gib(info.memory.freeBytes)} free` +
      (info.memory.constrainedBytes ? `, limited to ${gib(info.memory.constrainedBytes)}` : ''),
    '',
    'Available Features:',
  ];
  const width = Math.max(...Object.values(detected).map((f) => f.name.length));
  for (const feature of Object.values(detected)) {
    const state = feature.available ? `YES${feature.detail ? ` (${feature.detail})` : ''}` : `NO  → ${feature.fallback}`;
    lines.push(`  - ${feature.name.padEnd(width)}  ${state}`);
  }
  console.log(lines.join('\n'));
  return 0;
}
