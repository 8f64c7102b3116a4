/** The public entry point: load a model once, transcribe many inputs. */
export { createTranscriber } from './transcriber.js';
export type { Transcriber, TranscriberOptions, AudioInput } from './transcriber.js';
export { resolveTranscribeOptions, DEFAULT_TEMPERATURES, DEFAULT_BEST_OF } from './transcribe-options.js';
export type { TranscribeOptions, DecodingMode, ResolvedTranscribeOptions } from './transcribe-options.js';
export { streamParts, streamWith } from './stream.js';
export type { StreamOptions, StreamVadOptions, StreamParts } from './stream.js';
