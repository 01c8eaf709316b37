// Deterministic benchmark payloads (JSON sensor records, float64 samples) for `ts314 bench` and the compression benchmarks.

/** Size of each standard payload: the "100 KB" table uses 100 KiB. */
export const PAYLOAD_BYTES = 100 * 1024;

/** mulberry32: a tiny seeded PRNG, so every run and every machine compresses the same bytes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `bytes` of newline-free JSON: an array of sensor readings (id, ISO timestamp, temperature, humidity,
 * status) like the seeds' API responses and logs. Records are added until the next one would not fit,
 * then the array is closed and padded with spaces to exactly `bytes`.
 */
export function jsonSensorRecords(bytes = PAYLOAD_BYTES, seed = 314): Buffer {
  const random = seededRandom(seed);
  const statuses = ['ok', 'ok', 'ok', 'warn', 'ok', 'error'];
  const start = Date.UTC(2025, 0, 1);
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; ; i++) {
    const record = JSON.stringify({
      sensor: `sensor-${String(Math.floor(random() * 64)).padStart(3, '0')}`,
      time: new Date(start + i * 1000).toISOString(),
      temperature: Math.round((20 + random() * 10) * 100) / 100,
      humidity: Math.round((40 + random() * 20) * 10) / 10,
      status: statuses[Math.floor(random() * statuses.length)],
    });
    if (size + record.length + 1 > bytes) break;
    parts.push(record);
    size += record.length + 1;
  }
  const text = `[${parts.join(',')}]`;
  return Buffer.from(text.padEnd(bytes, ' '), 'utf8');
}

/** `bytes` of little-endian float64 values: a noisy random walk, like a sampled measurement series. */
export function float64Series(bytes = PAYLOAD_BYTES, seed = 2718): Buffer {
  const random = seededRandom(seed);
  const values = new Float64Array(Math.floor(bytes / 8));
  let level = 100;
  for (let i = 0; i < values.length; i++) {
    level += (random() - 0.5) * 0.5;
    values[i] = Math.round(level * 1000) / 1000;
  }
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** The standard payloads by name, as the benchmark tables list them. */
export function standardPayloads(): ReadonlyArray<{ readonly name: string; readonly data: Buffer }> {
  return [
    { name: 'JSON sensor records (100 KiB)', data: jsonSensorRecords() },
    { name: 'float64 series (100 KiB)', data: float64Series() },
  ];
}
