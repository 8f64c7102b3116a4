/** Decoding of one 30 s window: prompt, logit filters, token decoders (greedy, sampling, beam), ranking. */
export { decodeWindow, languageTokenOf } from './decode-window.js';
export type { WindowResult, WindowDecodeContext } from './decode-window.js';
export type { DecodeHooks, WindowHook, WindowHookInfo, BeamCandidate, BeamCostFn } from './decode-hooks.js';
export type { LogitFilter } from './logit-filters.js';
export { DEFAULT_WINDOW_DECODE_OPTIONS } from './options.js';
export type { WindowDecodeOptions, TokenStrategy, SamplingStrategy, BeamStrategy } from './options.js';
export type { DecodingTokenizer } from './tokenizer-view.js';
export type { StepInfo, Hypothesis } from './hypothesis.js';
export { detectLanguage, languageFromLogits } from './language.js';
export type { LanguageDetection } from './language.js';
export { compressionRatio } from './compression.js';
export { buildPrompt, pythonTail } from './prompt.js';
export type { PromptLayout } from './prompt.js';
export { suppressedTokenIds } from './suppress.js';
export { timestampRuleMargin } from './logit-filters.js';
export { rankScore } from './ranker.js';
