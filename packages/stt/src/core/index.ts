export * from './errors.js';
export * from './constants.js';
export type * from './types.js';
