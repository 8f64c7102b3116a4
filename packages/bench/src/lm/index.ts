/** Language-model perplexity: ARPA back-off n-grams (KenLM conventions) and ONNX causal LMs. */
export type { LanguageModelScorer, TextScore, WindowSpec } from './types.js';
export { parseArpa, loadArpa, type ArpaModel, type ArpaEntry } from './arpa.js';
export { createArpaScorer, scoreSentence, ngramLog10Prob, ngramTextScore, type ArpaScorerOptions, type NgramWordScore } from './ngram-scorer.js';
export { createOnnxCausalLmScorer, scoringWindows, DEFAULT_STRIDE, type OnnxCausalLmOptions, type ScoringWindow } from './onnx-causal-lm.js';
export { functionTokenizer, wordLevelTokenizer, loadTokenizerJson, type TextTokenizer } from './tokenizers.js';
export { byteLevelBpeTokenizer } from './bpe-tokenizer.js';
export { scorePerplexity, perplexityFigures, type PerplexityResult, type PerplexityFigures, type PerplexityOptions } from './perplexity.js';
export { parseLmArg, resolveLmPaths, loadLanguageModel, loadLanguageModels, LM_TEXT_MODES, type LmSpec, type ArpaLmSpec, type OnnxLmSpec, type LmTextMode, type LanguageModelInfo, type LoadedLanguageModel } from './lm-spec.js';
