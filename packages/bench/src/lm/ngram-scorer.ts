/**
 * Back-off n-gram scoring with KenLM's conventions: each text is one sentence, `<s>` is context only, every
 * word and the closing `</s>` are scored; a word outside the vocabulary is scored as `<unk>` and counted as
 * an OOV (reported apart, as KenLM's "Perplexity excluding OOVs").
 *
 * log10 p(w | h) = log10 p(h w)                    if the n-gram `h w` is listed
 *                = backoff(h) + log10 p(w | h')   otherwise (h' drops the oldest word; backoff(h) = 0 if h unlisted)
 */
import { loadArpa, NGRAM_SEPARATOR, type ArpaModel } from './arpa.js';
import type { LanguageModelScorer, TextScore } from './types.js';

export const SENTENCE_START = '<s>';
export const SENTENCE_END = '</s>';
export const UNKNOWN_WORD = '<unk>';
/** KenLM's log10 probability for `<unk>` when the model does not list it. */
export const DEFAULT_UNKNOWN_LOG10_PROB = -100;

const LN_10 = Math.log(10);
const WHITESPACE = /\s+/u;

/** Options of {@link createArpaScorer}. */
export interface ArpaScorerOptions {
  /** Name reported with results. Default: the file path (or `arpa`). */
  readonly name?: string;
  /** log10 probability of an OOV word when the model has no `<unk>`. Default -100 (KenLM). */
  readonly unknownLogProb?: number;
}

/** Per-word detail of one scored sentence. */
export interface NgramWordScore {
  /** The word as scored (`<unk>` for OOVs is not substituted here: this is the text's word). */
  readonly word: string;
  readonly log10Prob: number;
  /** Length of the n-gram that matched (1 = unigram). */
  readonly ngramLength: number;
  readonly oov: boolean;
}

/** log10 p(word | history) and the matched n-gram length. `history` is oldest-first. */
export function ngramLog10Prob(model: ArpaModel, history: readonly string[], word: string, unknownLogProb = DEFAULT_UNKNOWN_LOG10_PROB): [number, number] {
  const maxContext = Math.min(model.order - 1, history.length);
  let backoff = 0;
  for (let len = maxContext; len >= 0; len -= 1) {
    const context = history.slice(history.length - len);
    const entry = model.ngrams.get([...context, word].join(NGRAM_SEPARATOR));
    if (entry !== undefined) return [backoff + entry.logProb, len + 1];
    if (len > 0) backoff += model.ngrams.get(context.join(NGRAM_SEPARATOR))?.backoff ?? 0;
  }
  return [backoff + unknownLogProb, 0];
}

/**
 * Scores one sentence word by word (`</s>` last).
 * @example scoreSentence(model, 'the cat') // [{ word: 'the', ... }, { word: 'cat', ... }, { word: '</s>', ... }]
 */
export function scoreSentence(model: ArpaModel, text: string, unknownLogProb = DEFAULT_UNKNOWN_LOG10_PROB): NgramWordScore[] {
  const words = text.split(WHITESPACE).filter((w) => w.length > 0);
  const history: string[] = [SENTENCE_START];
  const out: NgramWordScore[] = [];
  for (const word of [...words, SENTENCE_END]) {
    const oov = !model.vocabulary.has(word);
    const token = oov ? UNKNOWN_WORD : word;
    const [log10Prob, ngramLength] = ngramLog10Prob(model, history, token, unknownLogProb);
    out.push({ word, log10Prob, ngramLength, oov });
    history.push(token);
    if (history.length > model.order - 1) history.shift();
  }
  return out;
}

/** Totals of {@link scoreSentence} in nats. */
export function ngramTextScore(model: ArpaModel, text: string, unknownLogProb = DEFAULT_UNKNOWN_LOG10_PROB): TextScore {
  const scores = scoreSentence(model, text, unknownLogProb);
  let nll = 0;
  let oovNll = 0;
  let oovs = 0;
  for (const s of scores) {
    const n = -s.log10Prob * LN_10;
    nll += n;
    if (s.oov) {
      oovs += 1;
      oovNll += n;
    }
  }
  return { nll, tokens: scores.length, words: scores.length - 1, oovs, oovNll };
}

/**
 * A {@link LanguageModelScorer} over an ARPA model (a parsed model or a file path).
 * @example const lm = createArpaScorer('lm/3gram.arpa'); await scorePerplexity(texts, [lm]);
 */
export function createArpaScorer(model: ArpaModel | string, options: ArpaScorerOptions = {}): LanguageModelScorer {
  const parsed = typeof model === 'string' ? loadArpa(model) : model;
  const unknownLogProb = options.unknownLogProb ?? DEFAULT_UNKNOWN_LOG10_PROB;
  return {
    name: options.name ?? (typeof model === 'string' ? model : 'arpa'),
    tokenizer: 'whitespace words (ARPA vocabulary, OOV -> <unk>)',
    window: null,
    boundaryPolicy: `each text one sentence: ${SENTENCE_START} as context, ${SENTENCE_END} scored (order ${parsed.order})`,
    score: (text) => Promise.resolve(ngramTextScore(parsed, text, unknownLogProb)),
    dispose: () => Promise.resolve(),
  };
}
