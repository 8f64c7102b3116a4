export { Wells } from './wells.js';
export { accumulatePairs } from './pairwise.js';
export { accumulateSoftBoundary } from './boundary.js';
export { Wind } from './wind.js';
export type { WindSettings } from './wind.js';
export { computeLanguage } from './language.js';
export { computeDrives } from './drive.js';
