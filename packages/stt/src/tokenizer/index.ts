/** Whisper's byte-level BPE tokenizer with special and timestamp tokens read from the model files. */
export { loadTokenizer } from './load.js';
export { WhisperTokenizer } from './whisper-tokenizer.js';
export type { DecodeOptions, WhisperTask } from './whisper-tokenizer.js';
export type { LanguageToken } from './special-tokens.js';
export type { TokenSegment } from './segments.js';
export type { TokenGroup } from './token-groups.js';
export { LANGUAGES_WITHOUT_SPACES, pythonStrip } from './token-groups.js';
export { WHISPER_LANGUAGES, languageName, toLanguageCode } from './languages.js';
