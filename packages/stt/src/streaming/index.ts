/** Streaming transcription: LocalAgreement-n policy, VAD gate, streaming input, and the Whisper engine glue. */
export type { StreamWord, WordTimingKind, Hypothesis, EngineRequest, StreamEngine, GateEvent, SpeechGate, StreamEvent, StreamEventType, CommitReason } from './types.js';
export { resolvePolicy, DEFAULT_STREAM_POLICY } from './options.js';
export type { StreamPolicyOptions, ResolvedPolicy } from './options.js';
export { LocalAgreement } from './local-agreement.js';
export { committedPrefixLength } from './committed-prefix.js';
export { segmentTrimPoint } from './trim.js';
export { OnlineProcessor, joinText } from './processor.js';
export type { ProcessorDeps } from './processor.js';
export { frameVadGate, STREAM_VAD_DEFAULTS } from './vad-gate.js';
export { PcmInput } from './pcm-input.js';
export type { PcmChunk, StreamInputFormat } from './pcm-input.js';
export { runStream } from './run-stream.js';
export type { RunStreamOptions } from './run-stream.js';
export { createWhisperStreamEngine, bufferMel, STREAM_MEL_PADDING } from './whisper-engine.js';
export type { WhisperStreamEngine, EngineStats } from './whisper-engine.js';
