/** Graded attention masks (research section 5) on the fixed-shape decoder. */
export { MaskedStaticDecoder } from './masked-decoder.js';
export { fillMask, needsBias, needsConfidence, strategyName, checkStrategy, parseMaskStrategy, MIN_CONFIDENCE } from './strategies.js';
export type { MaskStrategy } from './strategies.js';
export { runMaskSweep, tokenAgreement } from './experiment.js';
export type { Agreement, MaskCase, MaskSweepRow } from './experiment.js';
