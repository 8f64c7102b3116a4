/**
 * Beam search with OpenAI's `BeamSearchDecoder` semantics: each live beam offers its `beamSize + 1` best tokens;
 * candidates are ranked by raw float32 sum of log-probabilities (stable order on ties, first insertion wins);
 * finished ones (ending in EOT) are collected until `round(beamSize * patience)` exist; the best `beamSize`
 * unfinished ones live on.
 */
import type { BeamCandidate, BeamCostFn } from './decode-hooks.js';
import type { Candidate, DecoderUpdate, Hypothesis, StepInfo, TokenDecoder } from './hypothesis.js';
import { toCandidate } from './hypothesis.js';
import { tokenLogprob } from './math.js';
import type { RowScan } from './row-scan.js';

/** One (beam, token) candidate; its token arrays are built only if it lives on or finishes. */
interface Scored {
  /** The token sequence joined with ',' (OpenAI's dict key). */
  readonly key: string;
  readonly source: number;
  readonly token: number;
  readonly sumLogprob: number;
  readonly step: StepInfo;
}

export class BeamSearchDecoder implements TokenDecoder {
  /** Finished sequences by key, in insertion order (a Python dict). */
  private readonly finished = new Map<string, Hypothesis>();
  private readonly maxCandidates: number;
  /** Each live beam offers this many of its best tokens. */
  readonly topK: number;

  constructor(
    private readonly beamSize: number,
    patience: number,
    private readonly eot: number,
    /** Research cost term (`WindowHook.beamCost`); absent = OpenAI's beam search. */
    private readonly cost?: BeamCostFn,
  ) {
    this.maxCandidates = Math.round(beamSize * patience);
    this.topK = beamSize + 1;
  }

  update(rows: readonly Hypothesis[], logits: readonly Float32Array[], scans: readonly RowScan[]): DecoderUpdate {
    const ordered = [...this.expand(rows, logits, scans).values()].sort((a, b) => b.sumLogprob - a.sumLogprob);
    const live: Hypothesis[] = [];
    const parents: number[] = [];
    const newlyFinished: Scored[] = [];
    for (const cand of ordered) {
      if (cand.token === this.eot) newlyFinished.push(cand);
      else {
        live.push(grow(rows, cand));
        parents.push(cand.source);
        if (live.length === this.beamSize) break;
      }
    }
    for (const cand of newlyFinished) {
      if (this.finished.size >= this.maxCandidates) break;
      this.finished.set(cand.key, grow(rows, cand));
    }
    return { rows: live, parents, completed: this.finished.size >= this.maxCandidates };
  }

  /** Every (beam, top token) candidate keyed by its token sequence; a repeated key keeps its first position. */
  private expand(rows: readonly Hypothesis[], logits: readonly Float32Array[], scans: readonly RowScan[]): Map<string, Scored> {
    if (this.cost !== undefined) return this.expandWithCost(rows, logits, scans, this.cost);
    const scores = new Map<string, Scored>();
    rows.forEach((row, source) => {
      const rowLogits = logits[source] as Float32Array;
      const scan = scans[source] as RowScan;
      const prefixKey = row.tokens.join(',');
      // log-softmax is monotonic: the top tokens of the logits are the top tokens of the log-probabilities.
      const stats = scan.stats(rowLogits.length);
      for (const { index: token } of scan.top) {
        const step = { logprob: tokenLogprob(rowLogits, stats, token), confidence: stats.entropyConfidence, margin: stats.margin };
        const key = `${prefixKey},${token}`;
        scores.set(key, { key, source, token, sumLogprob: Math.fround(row.sumLogprob + step.logprob), step });
      }
    });
    return scores;
  }

  /** `expand` with the research cost term: the same candidates, each score lowered by its cost. */
  private expandWithCost(rows: readonly Hypothesis[], logits: readonly Float32Array[], scans: readonly RowScan[], cost: BeamCostFn): Map<string, Scored> {
    const candidates: BeamCandidate[] = [];
    rows.forEach((_, source) => {
      const rowLogits = logits[source] as Float32Array;
      const scan = scans[source] as RowScan;
      const stats = scan.stats(rowLogits.length);
      for (const { index: token } of scan.top) {
        candidates.push({ source, token, step: { logprob: tokenLogprob(rowLogits, stats, token), confidence: stats.entropyConfidence, margin: stats.margin } });
      }
    });
    const costs = cost(rows, candidates);
    const scores = new Map<string, Scored>();
    const prefixKeys = rows.map((row) => row.tokens.join(','));
    candidates.forEach(({ source, token, step }, i) => {
      const key = `${prefixKeys[source] as string},${token}`;
      const sumLogprob = Math.fround((rows[source] as Hypothesis).sumLogprob + step.logprob - (costs[i] as number));
      scores.set(key, { key, source, token, sumLogprob, step });
    });
    return scores;
  }

  finalize(rows: readonly Hypothesis[], sampleBegin: number): Candidate[] {
    if (this.finished.size < this.beamSize) {
      const order = rows.map((_, j) => j).sort((a, b) => (rows[a] as Hypothesis).sumLogprob - (rows[b] as Hypothesis).sumLogprob);
      for (const j of order.reverse()) {
        const row = rows[j] as Hypothesis;
        const tokens = [...row.tokens, this.eot];
        this.finished.set(tokens.join(','), { ...row, tokens });
        if (this.finished.size >= this.beamSize) break;
      }
    }
    return [...this.finished.values()].map((hyp) => toCandidate(hyp, sampleBegin, this.eot));
  }
}

/** The hypothesis of a candidate: its parent's tokens and steps plus the new token. */
function grow(rows: readonly Hypothesis[], cand: Scored): Hypothesis {
  const parent = rows[cand.source] as Hypothesis;
  return { tokens: [...parent.tokens, cand.token], sumLogprob: cand.sumLogprob, steps: [...parent.steps, cand.step] };
}
