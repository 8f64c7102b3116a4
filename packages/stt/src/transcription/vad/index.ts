/** Transcribing only the speech: VAD in front of a strategy, and the VAD-batched strategy. */
export { createVadStrategy } from './vad-strategy.js';
export { createVadBatchedStrategy, DEFAULT_VAD_BATCHED } from './vad-batched.js';
export type { VadBatchedConfig } from './vad-batched.js';
export type { VadStrategyConfig } from './config.js';
export { collectChunks, SpeechTimestampsMap, restoreSegmentTimes } from './speech-map.js';
export type { SpeechChunk } from './speech-map.js';
