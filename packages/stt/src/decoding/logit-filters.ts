/**
 * Logit filters (OpenAI's `LogitFilter`s plus optional repetition control). Each works on one row of logits
 * (`[vocab]` float32, changed in place) given that row's full token sequence, prompt included.
 */
import { logSumExp } from './math.js';
import { RowScan } from './row-scan.js';

/** Masks or penalises one row of logits in place. */
export interface LogitFilter {
  /**
   * `scan`, when given, is the row's reset `RowScan`: a filter that reads the whole row anyway and runs last may
   * complete it in the same pass (and set `scan.complete`), sparing the token decoder another pass.
   */
  apply(logits: Float32Array, tokens: readonly number[], scan?: RowScan): void;
}

/** Suppresses `blankIds` (`" "` and `<|endoftext|>`) at the first sampled position (OpenAI `SuppressBlank`). */
export class SuppressBlank implements LogitFilter {
  constructor(
    private readonly blankIds: readonly number[],
    private readonly sampleBegin: number,
  ) {}

  apply(logits: Float32Array, tokens: readonly number[]): void {
    if (tokens.length !== this.sampleBegin) return;
    for (const id of this.blankIds) logits[id] = -Infinity;
  }
}

/** Suppresses a fixed set of ids at every step (OpenAI `SuppressTokens`). */
export class SuppressTokens implements LogitFilter {
  constructor(private readonly ids: readonly number[]) {}

  apply(logits: Float32Array): void {
    for (const id of this.ids) logits[id] = -Infinity;
  }
}

/** Token ids the timestamp rules need. */
export interface TimestampRuleTokens {
  readonly eot: number;
  readonly noTimestamps: number;
  readonly timestampBegin: number;
}

/**
 * OpenAI's `ApplyTimestampRules`: timestamps come in pairs (except right before EOT), never decrease, a segment
 * has non-zero length, the first token is a timestamp no later than `maxInitialTimestampIndex`, and when the
 * timestamps' total probability beats every text token, a timestamp is forced.
 */
export class ApplyTimestampRules implements LogitFilter {
  /** Reused one-pass log-sum-exp of the timestamp logits (rows are filtered one at a time). */
  private readonly timestampScan = new RowScan(0);

  constructor(
    private readonly ids: TimestampRuleTokens,
    private readonly sampleBegin: number,
    /** Last allowed initial timestamp as an index (seconds / 0.02); `null` = no limit. */
    private readonly maxInitialTimestampIndex: number | null,
  ) {}

  apply(logits: Float32Array, tokens: readonly number[], scan?: RowScan): void {
    const { eot, noTimestamps, timestampBegin } = this.ids;
    logits[noTimestamps] = -Infinity;
    const sampled = tokens.slice(this.sampleBegin);
    const n = sampled.length;
    const lastWasTimestamp = n >= 1 && (sampled[n - 1] as number) >= timestampBegin;
    const penultimateWasTimestamp = n < 2 || (sampled[n - 2] as number) >= timestampBegin;
    if (lastWasTimestamp) {
      if (penultimateWasTimestamp) logits.fill(-Infinity, timestampBegin);
      else logits.fill(-Infinity, 0, eot);
    }
    const lastTimestamp = findLast(sampled, (t) => t >= timestampBegin);
    if (lastTimestamp !== undefined) {
      // Timestamps never decrease; a segment must have non-zero length unless it just closed a pair.
      const end = lastWasTimestamp && !penultimateWasTimestamp ? lastTimestamp : lastTimestamp + 1;
      logits.fill(-Infinity, timestampBegin, Math.max(timestampBegin, end));
    }
    if (n === 0) {
      logits.fill(-Infinity, 0, timestampBegin);
      if (this.maxInitialTimestampIndex !== null) {
        logits.fill(-Infinity, timestampBegin + this.maxInitialTimestampIndex + 1);
      }
    }
    if (scan === undefined) {
      if (timestampMassWins(logits, timestampBegin)) logits.fill(-Infinity, 0, timestampBegin);
      return;
    }
    // Same rule, fused with the token decoder's scan: the text part of the scan gives the best text logit.
    scan.add(logits, 0, timestampBegin);
    if (marginOf(this.timestampScan.reset().add(logits, timestampBegin).logSumExp(), scan.first) > 0) {
      logits.fill(-Infinity, 0, timestampBegin);
      // Every text logit is now -Infinity: without a top-k they would change nothing, so only the timestamps are scanned.
      if (scan.k === 0) scan.reset().add(logits, timestampBegin);
      else scan.reset().add(logits);
    } else {
      scan.add(logits, timestampBegin);
    }
    scan.complete = true;
  }
}

/** True when the timestamps' total probability exceeds that of the best text token. */
export function timestampMassWins(logits: Float32Array, timestampBegin: number): boolean {
  return timestampRuleMargin(logits, timestampBegin) > 0;
}

/**
 * `logsumexp(logprobs[timestampBegin:]) - max(logprobs[:timestampBegin])`; positive forces a timestamp.
 * The log-partition cancels, so it is computed on the logits (OpenAI subtracts it first; the rounding difference
 * is ~1e-5, far below the smallest recorded margin of this rule, 0.0286).
 */
export function timestampRuleMargin(logits: Float32Array, timestampBegin: number): number {
  const timestampMass = logSumExp(logits, timestampBegin);
  let maxText = -Infinity;
  for (let i = 0; i < timestampBegin; i++) {
    const v = logits[i] as number;
    if (v > maxText) maxText = v;
  }
  return marginOf(timestampMass, maxText);
}

function marginOf(timestampMass: number, maxText: number): number {
  if (timestampMass === -Infinity && maxText === -Infinity) return 0;
  return timestampMass - maxText;
}

function findLast(items: readonly number[], predicate: (t: number) => boolean): number | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const t = items[i] as number;
    if (predicate(t)) return t;
  }
  return undefined;
}

/**
 * Transformers-style repetition penalty on tokens already sampled in this row: a positive logit is divided by
 * `penalty`, a negative one multiplied, so a repeat always becomes less likely (penalty > 1).
 */
export class RepetitionPenalty implements LogitFilter {
  constructor(
    private readonly penalty: number,
    private readonly sampleBegin: number,
  ) {}

  apply(logits: Float32Array, tokens: readonly number[]): void {
    const seen = new Set(tokens.slice(this.sampleBegin));
    for (const id of seen) {
      const v = logits[id] as number;
      logits[id] = v > 0 ? v / this.penalty : v * this.penalty;
    }
  }
}

/** Forbids any token that would complete an n-gram (of size `n`) already present in this row's sampled tokens. */
export class NoRepeatNgram implements LogitFilter {
  constructor(
    private readonly n: number,
    private readonly sampleBegin: number,
  ) {}

  apply(logits: Float32Array, tokens: readonly number[]): void {
    const sampled = tokens.slice(this.sampleBegin);
    const n = this.n;
    if (sampled.length < n) return;
    const head = sampled.slice(sampled.length - (n - 1)).join(',');
    for (let i = 0; i + n <= sampled.length; i++) {
      if (sampled.slice(i, i + n - 1).join(',') === head) logits[sampled[i + n - 1] as number] = -Infinity;
    }
  }
}
