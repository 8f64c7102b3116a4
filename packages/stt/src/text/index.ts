/** Text normalisers (Whisper's English and basic normalisers and simple ones), named and versioned. */
export type { TextNormalizer, NormalizerId } from './types.js';
export { WHISPER_NORMALIZERS_VERSION } from './types.js';
export { createBasicNormalizer, type BasicNormalizerOptions } from './basic-normalizer.js';
export { createEnglishNormalizer, type EnglishNormalizerOptions } from './english-normalizer.js';
export { normalizeEnglishNumbers } from './number-normalizer.js';
export { loadSpellingMap, spellingMapFromJson, applySpellings, type SpellingMap } from './spelling-normalizer.js';
export { removeSymbols, removeSymbolsAndDiacritics } from './symbols.js';
export {
  NORMALIZER_NAMES,
  getNormalizer,
  isNormalizerName,
  LOWER_PUNCT_NORMALIZER,
  IDENTITY_NORMALIZER,
  BUNDLED_SPELLINGS_PATH,
  type NormalizerName,
  type NormalizerLookupOptions,
} from './registry.js';
