/** Default-off research features on the decoder's hooks (`../shared/docs/research-features.md`). */
export * from './cost/index.js';
export * from './masks/index.js';
export { loadResearchModel, encodeFirstWindow } from './model-folder.js';
export type { ResearchModel } from './model-folder.js';
export * from './capture/index.js';
export * from './redecode/index.js';
export * from './beamnet/index.js';
