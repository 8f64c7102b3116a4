/** Picks the best finished candidate (OpenAI `MaximumLikelihoodRanker`). */
import type { Candidate } from './hypothesis.js';

/**
 * Length-normalised score: `sumLogprob / length` when `lengthPenalty` is `null`, else the GNMT form
 * `sumLogprob / ((5 + length) / 6) ** lengthPenalty`. `length` counts sampled tokens without the final EOT.
 */
export function rankScore(sumLogprob: number, length: number, lengthPenalty: number | null): number {
  const penalty = lengthPenalty === null ? length : ((5 + length) / 6) ** lengthPenalty;
  return sumLogprob / penalty;
}

/** Index of the best candidate by `rankScore`; the first one on ties (as `np.argmax`). */
export function rankCandidates(candidates: readonly Candidate[], lengthPenalty: number | null): number {
  let best = 0;
  let bestScore = -Infinity;
  candidates.forEach((c, i) => {
    const score = rankScore(c.sumLogprob, c.tokens.length, lengthPenalty);
    // NaN (0 / 0 for an empty candidate) never wins, as in numpy's argmax only when another value exists.
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}
