/** Voice activity detection: Silero VAD v5 and an energy fallback behind `FrameVad`, offline regions, online events. */
export type { FrameVad, VadModelName, SpeechEvent, SampleRegion } from './types.js';
export { resolveVadOptions, fromReferenceToolVadOptions, DEFAULT_VAD_OPTIONS, REFERENCE_TOOL_VAD_DEFAULTS } from './options.js';
export type { VadOptions, ResolvedVadOptions, ReferenceToolVadOptions } from './options.js';
export { createSileroVad } from './silero.js';
export type { SileroVadOptions } from './silero.js';
export { createEnergyVad } from './energy.js';
export type { EnergyVadOptions } from './energy.js';
export { regionsFromProbabilities, frameCount } from './regions.js';
export type { Framing } from './regions.js';
export { createSpeechSegmenter } from './segmenter.js';
export type { SpeechSegmenter, SpeechSegmenterOptions } from './segmenter.js';
export { createFrameVad, speechProbabilities, detectSpeech, detectSpeechSamples } from './detect.js';
export type { FrameVadSpec, DetectSpeechOptions } from './detect.js';
export { createVadStream } from './vad-stream.js';
export type { VadStream } from './vad-stream.js';
