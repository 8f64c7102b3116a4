/** The ONNX Runtime backend of `runtime/`: the only code that imports onnxruntime-node. */
export { loadWhisperModel } from './load-model.js';
export type { DecoderFiles, LoadWhisperModelOptions, LoadedWhisperModel } from './load-model.js';
export { resolveSessionOptions } from './session-options.js';
export type { ExecutionProviderName, GraphOptimizationLevel, RuntimeSessionOptions } from './session-options.js';
export type { DecoderLayout } from './decoder.js';
export type { KvCacheStats } from './kv-cache.js';
export { kvCacheStats } from './cache-stats.js';
export { openSileroVadSession, sileroVadModelPath } from './silero-vad.js';
export type { SileroVadSession, SileroVadSessionOptions } from './silero-vad.js';
export { openGraph } from './graph-runner.js';
export { openDenseNet } from './dense-net.js';
export type { DenseNetSession } from './dense-net.js';
export type { GraphFeed, GraphOutput, GraphRunner } from './graph-runner.js';
export { PROTOTYPE_MASK_FLOOR, StaticWhisperDecoder, isStaticStep } from './static-decoder.js';
export type { StaticMaskPolicy } from './static-decoder.js';
export { startOrtRunTimer, stopOrtRunTimer } from './run-timer.js';
export type { OrtRunTimes } from './run-timer.js';
