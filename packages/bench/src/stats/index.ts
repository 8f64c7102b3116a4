/** Resampling statistics for comparing configurations. */
export { bootstrapInterval, pairedBootstrap, quantile } from './bootstrap.js';
export type { BootstrapOptions, ConfidenceInterval, PairedBootstrapResult, PooledStatistic } from './bootstrap.js';
export { seededRandom } from './random.js';
