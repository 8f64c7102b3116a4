/** Datasets: NeMo JSONL manifests, audio folders with .txt references, and the synthetic speech generator. */
export type { Dataset, Utterance } from './types.js';
export { parseManifest, readManifest, writeManifest, type ManifestEntry } from './manifest.js';
export { readAudioFolder, AUDIO_EXTENSIONS } from './folder.js';
export { audioDurationSec, wavDurationFromHeader } from './wav-info.js';
export { readScripts, generateScripts, scriptLines, DEFAULT_SCRIPT_PROMPT, type LlmScriptOptions } from './synth/text-source.js';
export { planAugmentations, parseAugmentArgs, soxEffects, validateAugment, type AugmentOptions, type AugmentPlan } from './synth/augment.js';
export { addNoise, mixNoise, encodeWav16 } from './synth/noise.js';
export { synthesizeDataset, DEFAULT_TTS_COMMAND, type SynthesizeOptions } from './synth/synthesize.js';
export { readTranscriptPairs } from './transcript-pairs.js';
