/**
 * The confidence measures of `stt-requirements.md` §12 for one decoder step, from the step's filtered logits (the
 * ones the decoder chose from). All are derived from a few row statistics so the top-k capture can compute them from
 * the same one-pass scan the decoder makes (`decoding/row-scan.ts`).
 */

/** Names of the per-step measures, in storage order (see docs/research.md, "capture format"). */
export const MEASURE_NAMES = [
  'tokenLogprob',
  'tokenProb',
  'maxProb',
  'entropyConfidence',
  'margin',
  'meanMargin',
  'maxLogit',
  'logPartition',
] as const;

export type MeasureName = (typeof MEASURE_NAMES)[number];

/** The §12 measures of one step. */
export interface StepMeasures {
  /** `log p_y` of the emitted token y (float32, as the decoder sums it). */
  readonly tokenLogprob: number;
  /** `p_y = exp(log p_y)`. */
  readonly tokenProb: number;
  /** `max_j p_j = exp(z_(1) - logZ)`. */
  readonly maxProb: number;
  /** `1 - H(p) / log V` (1 = all mass on one token, 0 = uniform). */
  readonly entropyConfidence: number;
  /** `z_(1) - z_(2)`. */
  readonly margin: number;
  /** `z_(1) - mean of the finite logits` (full-vocabulary mode only; NaN in top-k mode, which never reads the whole row twice). */
  readonly meanMargin: number;
  /** Raw largest logit `z_(1)` (not shift-invariant). */
  readonly maxLogit: number;
  /** `logZ = log Σ_j exp(z_j)` (not shift-invariant). */
  readonly logPartition: number;
}

/** Row statistics the measures are computed from. */
export interface RowSummary {
  /** Largest and second-largest filtered logit. */
  readonly first: number;
  readonly second: number;
  readonly logZ: number;
  readonly entropyConfidence: number;
  /** Mean of the finite logits, or NaN when not computed. */
  readonly meanLogit: number;
}

/** The measures of a step whose emitted token has log-probability `tokenLogprob`. */
export function stepMeasures(row: RowSummary, tokenLogprob: number): StepMeasures {
  return {
    tokenLogprob,
    tokenProb: Math.exp(tokenLogprob),
    maxProb: Math.exp(row.first - row.logZ),
    entropyConfidence: row.entropyConfidence,
    margin: row.first - row.second,
    meanMargin: row.first - row.meanLogit,
    maxLogit: row.first,
    logPartition: row.logZ,
  };
}

/** Mean of the finite values of `logits` (masked `-Infinity` entries excluded); NaN when none is finite. */
export function finiteMean(logits: Float32Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i] as number;
    if (v !== -Infinity) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}
