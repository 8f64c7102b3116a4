/** The one interface every scorer implements: text in, clamped per-axis affect and a confidence out. */

/** A scorer's answer for one text. */
export interface AffectScore {
  /** One value per circuit axis (AXES order), each clamped to [-1, 1]. */
  readonly affect: Float64Array;
  /** How much the scorer trusts its answer, in [0, 1]; 0 for empty text or refusals. */
  readonly confidence: number;
  /** Which scorer produced it ('lexicon', 'llm', or 'lexicon-fallback' with the reason). */
  readonly source: 'lexicon' | 'llm' | 'lexicon-fallback';
  readonly fallbackReason?: string;
}

/**
 * Scores language into the circuit axes (spec A4.6). Never a self-report of feelings: numbers only.
 * @example const s = await scorer.score('You are brilliant at this'); s.affect[1] > 0
 */
export interface Scorer {
  readonly name: string;
  score(text: string): Promise<AffectScore>;
}
