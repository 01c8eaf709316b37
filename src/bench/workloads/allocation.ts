// The seeds' allocation workload (GC notebook): batches of rows with nested objects, processed, then collected.
import { collect } from '../../gc/index.js';

interface Row {
  readonly id: number;
  readonly value: number;
  readonly category: string;
  readonly timestamp: number;
  readonly nested: { readonly id: number; readonly data: readonly number[] };
}

const CATEGORIES = ['A', 'B', 'C', 'D'];

function createDataset(size: number, random: () => number): Row[] {
  return Array.from({ length: size }, (_, i) => ({
    id: i,
    value: random() * 2 - 1,
    category: CATEGORIES[(random() * 4) | 0]!,
    timestamp: 1_704_067_200_000 + i * 1000,
    nested: { id: i, data: Array.from({ length: 10 }, () => random()) },
  }));
}

/** Like the seed's process_data_batch: temporary arrays (rolling means) and a result holding references. */
function processBatch(rows: readonly Row[]): number {
  const processed: Float64Array[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const rolling = new Float64Array(rows.length);
    let sum = 0;
    for (let i = 0; i < rows.length; i++) {
      sum += rows[i]!.value - (i >= 1000 ? rows[i - 1000]!.value : 0);
      rolling[i] = i >= 999 ? sum / 1000 : 0;
    }
    processed.push(rolling.map(Math.abs));
  }
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.category] = (counts[row.category] ?? 0) + 1;
  return rows.reduce((s, r) => s + r.value, 0) / rows.length + processed.length + Object.keys(counts).length;
}

/**
 * One run of the seed's GC workload: `batches` datasets of `rows` rows kept alive until the end, each
 * processed and followed by the seed's explicit `gc.collect()`. Returns a checksum of every result.
 */
export function allocationWorkload(batches: number, rows: number, random: () => number = Math.random): number {
  const datasets: Row[][] = [];
  let checksum = 0;
  for (let batch = 0; batch < batches; batch++) {
    const data = createDataset(rows, random);
    datasets.push(data);
    checksum += processBatch(data);
    collect();
  }
  return checksum + datasets.reduce((n, d) => n + d.length, 0);
}
