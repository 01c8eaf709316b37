// Report lines `ts314 info` and `ts314 bench` both print: labelled fields and the "Available Features" block, in one wording.
import type { FeatureStatus } from '../runtime/index.js';
import { wrapText } from '../internal/text-wrap.js';

/** Width of the label column of {@link field} (`CPU cores:` and a space or two). */
const LABEL_WIDTH = 14;

/**
 * A labelled line, `Label:       value`, with a long value wrapped to `width` under its start.
 * @example
 * field('CPU cores:', '2 (availableParallelism 2)', 100); // ['CPU cores:    2 (availableParallelism 2)']
 */
export function field(label: string, value: string, width: number): string[] {
  return wrapText(value, Math.max(20, width - LABEL_WIDTH)).map(
    (line, i) => (i === 0 ? label.padEnd(LABEL_WIDTH) : ' '.repeat(LABEL_WIDTH)) + line,
  );
}

/** The mark before each feature: present, missing with something lost, missing with nothing lost. */
export const FEATURE_MARKS = { available: '✓', missing: '✗', notNeeded: '–' } as const;

/** What follows the name: the detail when present, else what ts314 does without it. */
function describe(feature: FeatureStatus): string {
  if (feature.available) return feature.detail ?? 'available';
  return feature.optional ? `absent, not needed: ${feature.fallback}` : `missing → ${feature.fallback}`;
}

/**
 * One entry per feature, wrapped to `width` columns under the description, and a legend line.
 * @example
 * featureLines(Object.values(features()), 100).join('\n');
 * //   ✓ workerThreads  available
 * //   – nativeZstd     absent, not needed: ts314/compression/zstd always uses its bundled libzstd …
 */
export function featureLines(detected: readonly FeatureStatus[], width: number): string[] {
  const nameWidth = Math.max(...detected.map((f) => f.name.length));
  const lines: string[] = [];
  for (const f of detected) {
    const mark = f.available ? FEATURE_MARKS.available : f.optional ? FEATURE_MARKS.notNeeded : FEATURE_MARKS.missing;
    const head = `  ${mark} ${f.name.padEnd(nameWidth)}  `;
    const body = wrapText(describe(f), Math.max(20, width - head.length));
    lines.push(...body.map((line, i) => (i === 0 ? head : ' '.repeat(head.length)) + line));
  }
  const legend = `${FEATURE_MARKS.available} present, ${FEATURE_MARKS.missing} missing (ts314 uses the fallback shown), ${FEATURE_MARKS.notNeeded} absent and not needed`;
  lines.push(...wrapText(legend, width - 2).map((line) => `  ${line}`));
  return lines;
}
