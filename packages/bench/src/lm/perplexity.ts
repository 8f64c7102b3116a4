/**
 * Perplexity of texts under several language models in one run:
 * PPL = exp( (1/N) · Σ -ln p(w_t | w_<t) ), pooled over all texts (total NLL / total scored tokens).
 */
import type { LanguageModelScorer, TextScore, WindowSpec } from './types.js';

/** Perplexities of one text or of all texts; null where undefined (no scored token or word), never 0. */
export interface PerplexityFigures {
  /** Total negative log-likelihood in nats. */
  readonly nll: number;
  readonly tokens: number;
  readonly words: number;
  readonly oovs: number;
  /** OOV words / words; null without words. */
  readonly oovRate: number | null;
  /** exp(nll / tokens): the model's own perplexity (depends on its tokenizer). */
  readonly perTokenPerplexity: number | null;
  /** exp(nll / words): the same likelihood per whitespace word, comparable across tokenizers. */
  readonly perWordPerplexity: number | null;
  /** KenLM's "excluding OOVs": exp((nll - oovNll) / (tokens - oovs)). */
  readonly perTokenPerplexityExcludingOov: number | null;
}

/** Result of one LM over the texts. */
export interface PerplexityResult extends PerplexityFigures {
  /** The LM's name, tokenizer, window and boundary policy, so a number is traceable. */
  readonly lm: string;
  readonly tokenizer: string;
  readonly window: WindowSpec | null;
  readonly boundaryPolicy: string;
  /** Per-text figures, in input order. */
  readonly perText: readonly PerplexityFigures[];
}

/** Options of {@link scorePerplexity}. */
export interface PerplexityOptions {
  /** Called after each text of each LM. */
  readonly onProgress?: (event: { lm: string; done: number; total: number }) => void;
}

const ratioExp = (nll: number, n: number): number | null => (n > 0 ? Math.exp(nll / n) : null);

/** Perplexity figures of (summed) scores. */
export function perplexityFigures(s: TextScore): PerplexityFigures {
  return {
    nll: s.nll,
    tokens: s.tokens,
    words: s.words,
    oovs: s.oovs,
    oovRate: s.words > 0 ? s.oovs / s.words : null,
    perTokenPerplexity: ratioExp(s.nll, s.tokens),
    perWordPerplexity: ratioExp(s.nll, s.words),
    perTokenPerplexityExcludingOov: ratioExp(s.nll - s.oovNll, s.tokens - s.oovs),
  };
}

function sum(scores: readonly TextScore[]): TextScore {
  return scores.reduce(
    (a, s) => ({ nll: a.nll + s.nll, tokens: a.tokens + s.tokens, words: a.words + s.words, oovs: a.oovs + s.oovs, oovNll: a.oovNll + s.oovNll }),
    { nll: 0, tokens: 0, words: 0, oovs: 0, oovNll: 0 },
  );
}

/**
 * Scores every text under every LM (one after the other, each loaded once) and pools per LM.
 * @example
 * const [ngram, gpt2] = await scorePerplexity(['the cat sat'], [createArpaScorer('3gram.arpa'), gpt2Scorer]);
 * ngram.perWordPerplexity; gpt2.perTokenPerplexity;
 */
export async function scorePerplexity(
  texts: readonly string[],
  lms: readonly LanguageModelScorer[],
  options: PerplexityOptions = {},
): Promise<PerplexityResult[]> {
  const results: PerplexityResult[] = [];
  for (const lm of lms) {
    const scores: TextScore[] = [];
    for (const text of texts) {
      scores.push(await lm.score(text));
      options.onProgress?.({ lm: lm.name, done: scores.length, total: texts.length });
    }
    results.push({
      lm: lm.name,
      tokenizer: lm.tokenizer,
      window: lm.window,
      boundaryPolicy: lm.boundaryPolicy,
      ...perplexityFigures(sum(scores)),
      perText: scores.map(perplexityFigures),
    });
  }
  return results;
}
