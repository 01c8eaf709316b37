// Deterministic benchmark payloads: they now ship with `ts314 bench` (src/bench/workloads/payloads.ts).
export { PAYLOAD_BYTES, float64Series, jsonSensorRecords, seededRandom, standardPayloads } from '../../src/bench/workloads/payloads.js';
