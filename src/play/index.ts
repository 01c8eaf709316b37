// ts314/play: the Python 3.14 notebooks' demos as functions returning typed data, their text, JSON and HTML renderings.
export { DEMOS, findDemo, runDemo } from './demos.js';
export type { Demo, DemoName, DemoResult } from './demos.js';
export { DEFAULT_PLAY_QUEUE, DEFAULT_SEED, DEFAULT_WORKERS, QUICK_WORKERS } from './options.js';
export type { DemoOptions, DistributedDemoOptions } from './options.js';
export type { ScalingRow } from './scaling.js';
export { tstrings, mlApiResponse, errorResponse, upperInterpolations, FRAUD_RESULTS } from './tstrings.js';
export type { TstringsResult, FraudResults } from './tstrings.js';
export { piZstd, monteCarloPi, PI_SAMPLES } from './pi-zstd.js';
export type { PiEstimate, PiZstdResult } from './pi-zstd.js';
export {
  indicators,
  computeFeatures,
  copiedFeatures,
  marketData,
  parallelFeatures,
  sharedMarket,
  EXTERNAL_CHUNKS,
  ROWS,
  QUICK_ROWS,
} from './indicators.js';
export type { IndicatorsResult, MarketData, SharedMarket } from './indicators.js';
export { FEATURES, HALO } from './kernels/indicators.js';
export type { Feature } from './kernels/indicators.js';
export { sensors, sensorData, zoneTable, SENSORS, READINGS } from './sensors.js';
export type { SensorsResult, SensorTable, ZoneRow } from './sensors.js';
export { gcDemo } from './gc.js';
export type { GcBatch, GcResult } from './gc.js';
export { factorialDemo } from './factorial.js';
export type { FactorialResult, FactorialRow } from './factorial.js';
export { hybrid, DELAY_SCALE } from './hybrid.js';
export type { HybridResult, HybridRow } from './hybrid.js';
export { featuresDemo } from './features.js';
export type { Degradation, FeaturesResult } from './features.js';
export { renderDemoText, TEXT_WIDTH } from './render-text.js';
export { PLAY_SCHEMA, playRunToJson, validatePlayRun } from './json.js';
export type { PlayDemoRun, PlayRun } from './json.js';
export { renderPlayHtml } from './report.js';
export { PlaySchemaError } from './errors.js';
export type { PlayErrorCode } from './errors.js';
export { InvalidArgumentError } from '../internal/errors.js';
