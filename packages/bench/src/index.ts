export * from './metrics/index.js';
export * from './lm/index.js';
export * from './stats/index.js';
export * from './datasets/index.js';
export * from './engines/index.js';
export * from './runner/index.js';
export * from './report/index.js';
