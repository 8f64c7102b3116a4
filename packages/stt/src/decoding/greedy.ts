/** Greedy (temperature 0) and temperature sampling, as OpenAI's `GreedyDecoder`. */
import type { Candidate, DecoderUpdate, Hypothesis, StepInfo, TokenDecoder } from './hypothesis.js';
import { toCandidate } from './hypothesis.js';
import { tokenLogprob } from './math.js';
import type { RowStats } from './math.js';
import type { RowScan } from './row-scan.js';
import { sampleCategorical } from './prng.js';
import type { SeededRandom } from './prng.js';

/** Step info of `token` under the filtered `logits`. */
export function describeStep(logits: Float32Array, stats: RowStats, token: number): StepInfo {
  return { logprob: tokenLogprob(logits, stats, token), confidence: stats.entropyConfidence, margin: stats.margin };
}

/**
 * Each row picks `argmax(logits)` (temperature 0) or a sample of `softmax(logits / T)`; its log-probability is
 * taken from `log_softmax(logits)` (no temperature) and added in float32. A row that has ended keeps
 * receiving EOT and its score stops changing.
 */
export class GreedyDecoder implements TokenDecoder {
  readonly topK = 0;

  constructor(
    private readonly temperature: number,
    private readonly eot: number,
    private readonly random: SeededRandom | null,
  ) {}

  update(rows: readonly Hypothesis[], logits: readonly Float32Array[], scans: readonly RowScan[]): DecoderUpdate {
    const next = rows.map((row, i) => {
      const rowLogits = logits[i] as Float32Array;
      if (row.tokens[row.tokens.length - 1] === this.eot) return { ...row, tokens: [...row.tokens, this.eot] };
      const stats = (scans[i] as RowScan).stats(rowLogits.length);
      const token = this.temperature === 0 || this.random === null ? stats.argmax : sampleCategorical(rowLogits, this.temperature, this.random);
      const step = describeStep(rowLogits, stats, token);
      return {
        tokens: [...row.tokens, token],
        sumLogprob: Math.fround(row.sumLogprob + step.logprob),
        steps: [...row.steps, step],
      };
    });
    const completed = next.every((row) => row.tokens[row.tokens.length - 1] === this.eot);
    return { rows: next, parents: null, completed };
  }

  finalize(rows: readonly Hypothesis[], sampleBegin: number): Candidate[] {
    return rows.map((row) => toCandidate(row, sampleBegin, this.eot));
  }
}
