/**
 * @cephalon/stt — local Whisper speech-to-text on ONNX Runtime.
 * This file is the curated public API; internals are not exported.
 */
export * from './core/index.js';
export * from './runtime/index.js';
export * from './runtime/model/index.js';
export * from './runtime/hub/index.js';
export * from './text/index.js';
export * from './tokenizer/index.js';
export * from './stitching/index.js';
export * from './audio/index.js';
export { createTranscriber, resolveTranscribeOptions, DEFAULT_TEMPERATURES, DEFAULT_BEST_OF } from './api/index.js';
export type { Transcriber, TranscriberOptions, AudioInput, TranscribeOptions, DecodingMode, ResolvedTranscribeOptions } from './api/index.js';
export { decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS, detectLanguage, languageFromLogits, compressionRatio } from './decoding/index.js';
export type { WindowDecodeOptions, WindowResult, WindowDecodeContext, TokenStrategy, DecodingTokenizer, StepInfo, LanguageDetection, DecodeHooks, WindowHook, WindowHookInfo, LogitFilter } from './decoding/index.js';
export { sequentialStrategy, decodeWithFallback, fallbackReasons, shouldSkipWindow, DEFAULT_THRESHOLDS, splitWindow } from './transcription/index.js';
export type { LongFormStrategy, LongFormInput, LongFormResult, LongFormHooks, LongFormOptions, ProgressEvent, LanguageEvent, QualityThresholds, TranscriptionContext, WindowRecord, Attempt } from './transcription/index.js';
export * from './writers/index.js';
export { createChunkedOverlapStrategy, transcribeChunkedOverlap, planWindows, DEFAULT_CHUNKED_OVERLAP } from './transcription/chunked-overlap/index.js';
export type { ChunkedOverlapOptions, ChunkedOverlapResult, ChunkedOverlapStrategyOptions, StitchReport, WindowSpec, WindowDecoder } from './transcription/chunked-overlap/index.js';
export * from './vad/index.js';
export { createVadStrategy, createVadBatchedStrategy, DEFAULT_VAD_BATCHED, collectChunks, SpeechTimestampsMap, restoreSegmentTimes } from './transcription/vad/index.js';
export type { VadBatchedConfig, VadStrategyConfig, SpeechChunk } from './transcription/vad/index.js';
export * from './streaming/index.js';
export { streamParts, streamWith } from './api/index.js';
export type { StreamOptions, StreamVadOptions, StreamParts } from './api/index.js';
export { createWordAligner, defaultAlignmentHeads, DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_PREPEND_PUNCTUATIONS } from './alignment/index.js';
export type { AlignmentDetail, WordAligner, WordAlignerOptions, WordTiming } from './alignment/index.js';
export * from './export/index.js';
export * from './research/index.js';
