// The run header: runtime, machine and options of a run, and its "Available Features" block.
import type { BenchRun } from '../result.js';
import { bytes, duration } from './format.js';
import { join, markup, type Fragment } from './markup.js';

/** "node 20.20.2" from a run. */
export function runLabel(run: BenchRun): string {
  return `${run.runtime.runtime} ${run.runtime.version}`;
}

export function runHeader(run: BenchRun): Fragment {
  const r = run.runtime;
  const o = run.options;
  const facts: [string, string][] = [
    ['runtime', `${r.runtime} ${r.version}${r.v8 ? ` (V8 ${r.v8})` : ''}`],
    ['ts314', r.ts314Version],
    [
      'machine',
      `${run.machine.platform}/${run.machine.arch}, ${run.machine.cpus} × ${run.machine.cpuModel || 'unknown CPU'}, ${bytes(run.machine.totalMemoryBytes)} RAM`,
    ],
    ['parallelism available', String(r.availableParallelism)],
    ['started', run.startedAt],
    ['duration', duration(run.durationMs)],
    [
      'mode',
      `${o.quick ? '--quick' : 'full'}${o.iterations !== null ? `, --iterations ${o.iterations}` : ''}${o.warmup !== null ? `, --warmup ${o.warmup}` : ''}`,
    ],
    ['workers', o.workers.join(', ')],
    ['categories', o.categories.join(', ') || '—'],
  ];
  if (o.filter !== null) facts.push(['filter', o.filter]);
  if (o.files.length > 0) facts.push(['files', o.files.join(', ')]);
  if (run.timerResolutionNs !== undefined) facts.push(['timer resolution', `${run.timerResolutionNs} ns`]);
  const features = Object.entries(run.features).map(
    ([name, on]) => markup`<li class="${on ? 'feature on' : 'feature off'}" data-feature="${name}">${on ? '✓' : '✗'} ${name}</li>`,
  );
  return markup`<dl class="facts">${join(facts.map(([k, v]) => markup`<dt>${k}</dt><dd>${v}</dd>`))}</dl><h3>Available Features</h3><ul class="features">${join(features)}</ul>`;
}
