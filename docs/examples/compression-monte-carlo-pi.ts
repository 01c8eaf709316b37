// The seed notebook's "Zstd + Numba" demo in TypeScript: estimate π by Monte Carlo, then store a
// 100,000-value dataset compressed with zstd (level 9) and prove it comes back intact.
// Run: node --import tsx docs/examples/compression-monte-carlo-pi.ts
import { compress, decompress } from 'ts314/compression/zstd';
import { available } from 'ts314/compression';

function monteCarloPi(samples: number): number {
  let inside = 0;
  for (let i = 0; i < samples; i++) {
    const x = Math.random();
    const y = Math.random();
    if (x * x + y * y <= 1) inside++;
  }
  return (4 * inside) / samples;
}

/** numpy.random.randn: standard normal values (Box–Muller). */
function randn(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - Math.random()));
    const t = 2 * Math.PI * Math.random();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/** pickle.dumps((results, data)): a JSON header with the results, then the raw float64 bytes. */
function serialize(results: number[], data: Float64Array): Buffer {
  const header = Buffer.from(JSON.stringify({ results, length: data.length }));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  return Buffer.concat([size, header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

function deserialize(bytes: Buffer): { results: number[]; data: Float64Array } {
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString()) as { results: number[]; length: number };
  const body = bytes.subarray(4 + headerLength);
  // Copy into an aligned buffer: a Float64Array view needs an offset divisible by 8.
  const data = new Float64Array(new Uint8Array(body).buffer, 0, header.length);
  return { results: header.results, data };
}

console.log('Zstd + V8 JIT Demo');
console.log('='.repeat(30));
monteCarloPi(1000); // warm up the JIT, as the seed warms up Numba

console.log('Computing π estimates...');
const results: number[] = [];
for (const n of [100_000, 500_000, 1_000_000]) {
  const start = performance.now();
  const estimate = monteCarloPi(n);
  const seconds = (performance.now() - start) / 1000;
  results.push(estimate);
  console.log(`${n.toLocaleString('en').padStart(9)} samples: π ≈ ${estimate.toFixed(6)} (${seconds.toFixed(3)}s)`);
}

console.log('\nGenerating large dataset...');
const largeData = randn(100_000);

const serialized = serialize(results, largeData);
const compressed = compress(serialized, { level: 9 });
const ratio = serialized.length / compressed.length;
console.log(`Original data: ${(serialized.length / 1024).toFixed(1)} KB`);
console.log(`Compressed:    ${(compressed.length / 1024).toFixed(1)} KB`);
console.log(`Compression:   ${ratio.toFixed(2)}x smaller (random doubles barely compress; structured data does far better)`);

const recovered = deserialize(decompress(compressed));
const intact = recovered.data.length === largeData.length && recovered.data.every((v, i) => Object.is(v, largeData[i]));
const sameResults = JSON.stringify(recovered.results) === JSON.stringify(results);
console.log(`Data integrity: ${intact}`);
console.log(`Results match:  ${sameResults}`);
console.log(`zstd backend:   ${available().find((c) => c.codec === 'zstd')?.available ? 'available' : 'missing'}`);
if (!intact || !sameResults) process.exit(1);
console.log('\n✓ Fast computation with the V8 JIT + efficient storage with zstd!');
