/** Token sequences as the token decoders grow them. */
import type { RowScan } from './row-scan.js';

/** What we record about one sampled token. */
export interface StepInfo {
  /** `log_softmax(filtered logits)[token]` (OpenAI's per-token log-probability, temperature not applied). */
  readonly logprob: number;
  /** `1 - H(p) / log(V)` of the filtered distribution at this step. */
  readonly confidence: number;
  /** Top-1 minus top-2 filtered logit at this step. */
  readonly margin: number;
}

/** One row of the decoder batch: the full token sequence (prompt included) and its float32 running score. */
export interface Hypothesis {
  readonly tokens: readonly number[];
  /** Sum of sampled tokens' log-probabilities, accumulated in float32 as OpenAI does. */
  readonly sumLogprob: number;
  /** One entry per sampled token (EOT included when it was sampled). */
  readonly steps: readonly StepInfo[];
}

/** A finished sequence offered to the ranker: sampled tokens only, without the final EOT. */
export interface Candidate {
  readonly tokens: readonly number[];
  readonly sumLogprob: number;
  /** Step info of `tokens` (same length). */
  readonly steps: readonly StepInfo[];
}

/** Result of one token-decoder update. */
export interface DecoderUpdate {
  readonly rows: readonly Hypothesis[];
  /** For each new row, the old row its cache must come from; `null` = rows kept in place. */
  readonly parents: readonly number[] | null;
  /** Every row is done. */
  readonly completed: boolean;
}

/** Chooses next tokens (OpenAI `TokenDecoder`). A fresh instance per window decode. */
export interface TokenDecoder {
  /** How many of each row's largest logits `update` reads from its `RowScan` (0: argmax only). */
  readonly topK: number;
  /**
   * `logits[i]` is row `i`'s filtered logits (`[vocab]`); `scans[i]` is a complete `RowScan` of it (with `topK`),
   * made once per step by the loop (or by the timestamp rule in the same pass).
   */
  update(rows: readonly Hypothesis[], logits: readonly Float32Array[], scans: readonly RowScan[]): DecoderUpdate;
  /** The candidates to rank, with `sampleBegin` = prompt length. */
  finalize(rows: readonly Hypothesis[], sampleBegin: number): Candidate[];
}

/** Sampled tokens of `tokens` up to (not including) the first `eot` at or after `sampleBegin`. */
export function toCandidate(hyp: Hypothesis, sampleBegin: number, eot: number): Candidate {
  const sampled = hyp.tokens.slice(sampleBegin);
  const end = sampled.indexOf(eot);
  const tokens = end === -1 ? sampled : sampled.slice(0, end);
  return { tokens, sumLogprob: hyp.sumLogprob, steps: hyp.steps.slice(0, tokens.length) };
}
