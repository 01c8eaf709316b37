// ts314/runtime: the runtime report and feature detection (Python's sys/platform and feature flags).
export { runtimeInfo } from './runtime-info.js';
export type { RuntimeInfo, RuntimeName } from './runtime-info.js';
export { features } from './features.js';
export type { FeatureName, FeatureStatus, Features } from './features.js';
