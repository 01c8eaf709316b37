// Benchmark workloads run inside workers: the factorial kernels now ship with `ts314 bench` (src/bench/workloads).
export { checksum, factorial, factorialNaive, oddProduct, popcount } from '../../src/bench/workloads/factorial.js';
