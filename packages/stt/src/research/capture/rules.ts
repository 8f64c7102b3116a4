/**
 * Rules that mark a step as low-confidence (research-features.md §1.3.1): thresholds on the §12 measures and
 * "top-3 logits within X". A step is marked when any rule that is set fires.
 */
import { InvalidOptionError } from '../../core/errors.js';

export interface LowConfidenceRule {
  /** Mark when the emitted token's probability is below this. */
  readonly tokenProbBelow?: number;
  /** Mark when the largest probability is below this. */
  readonly maxProbBelow?: number;
  /** Mark when the entropy-normalised confidence is below this. */
  readonly entropyConfidenceBelow?: number;
  /** Mark when the top-1 minus top-2 logit margin is below this. */
  readonly marginBelow?: number;
  /** Mark when the top-3 logits lie within this of each other (`z_(1) - z_(3) < X`; needs top-k ≥ 3). */
  readonly top3Within?: number;
}

/** The default: token probability below 0.5 or top-1/top-2 margin below 1 (a factor e between the two best). */
export const DEFAULT_LOW_CONFIDENCE_RULE: LowConfidenceRule = Object.freeze({ tokenProbBelow: 0.5, marginBelow: 1 });

/** What a rule can look at for one step (absent values make their rule not fire). */
export interface StepEvidence {
  readonly tokenProb: number;
  readonly maxProb?: number;
  readonly entropyConfidence?: number;
  readonly margin?: number;
  /** `z_(1) - z_(3)`, when the top-3 logits are known. */
  readonly top3Spread?: number;
}

/** Which rules fire for `step` (names of the `LowConfidenceRule` fields); empty = confident. */
export function lowConfidenceReasons(rule: LowConfidenceRule, step: StepEvidence): (keyof LowConfidenceRule)[] {
  const out: (keyof LowConfidenceRule)[] = [];
  const below = (value: number | undefined, limit: number | undefined) => value !== undefined && limit !== undefined && value < limit;
  if (below(step.tokenProb, rule.tokenProbBelow)) out.push('tokenProbBelow');
  if (below(step.maxProb, rule.maxProbBelow)) out.push('maxProbBelow');
  if (below(step.entropyConfidence, rule.entropyConfidenceBelow)) out.push('entropyConfidenceBelow');
  if (below(step.margin, rule.marginBelow)) out.push('marginBelow');
  if (below(step.top3Spread, rule.top3Within)) out.push('top3Within');
  return out;
}

/** Checks a rule's numbers (finite, probabilities in [0, 1]) and that at least one is set. */
export function validateRule(rule: LowConfidenceRule, option = 'lowConfidence'): LowConfidenceRule {
  const entries = Object.entries(rule).filter(([, v]) => v !== undefined) as [keyof LowConfidenceRule, number][];
  if (entries.length === 0) {
    throw new InvalidOptionError('INVALID_OPTION', `option ${option}: no rule set`, { hint: 'set e.g. tokenProbBelow: 0.5', details: { option } });
  }
  for (const [name, v] of entries) {
    const isProb = name === 'tokenProbBelow' || name === 'maxProbBelow' || name === 'entropyConfidenceBelow';
    if (!Number.isFinite(v) || (isProb && (v < 0 || v > 1)) || (!isProb && v < 0)) {
      throw new InvalidOptionError('INVALID_OPTION', `option ${option}.${name}: ${String(v)} is out of range`, {
        hint: isProb ? 'a probability in [0, 1]' : 'a logit difference >= 0',
        details: { option: `${option}.${name}` },
      });
    }
  }
  return rule;
}
