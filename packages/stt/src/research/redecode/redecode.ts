/**
 * Targeted re-decoding of low-confidence spans (research-features.md §1.3): mark steps with a `LowConfidenceRule` on a
 * captured greedy decode, join adjacent marks into spans widened to whole words, and for each span (left to right)
 * build candidates — "what if" the k-th alternative at the span's step of smallest top-1/top-2 margin is forced and the decoder goes
 * on, beam search restricted to the span from the cached prefix, greedy under different prior context — splice each
 * into the current transcript, score every spliced sequence exactly (one teacher-forced call), and keep the best by
 * log-probability, by a caller's language model, or both.
 */
import { InvalidOptionError } from '../../core/errors.js';
import type { WindowResult } from '../../decoding/index.js';
import { rankScore } from '../../decoding/ranker.js';
import type { CapturedDecode } from '../capture/collector.js';
import { evidenceAt, measuresAt } from '../capture/inspect.js';
import { lowConfidenceReasons, validateRule } from '../capture/rules.js';
import type { LowConfidenceRule } from '../capture/rules.js';
import { decodeFrom, scoreSequence } from './span-decode.js';
import type { SpanDecodeContext } from './span-decode.js';

/** A language-model score of a candidate text (higher = better, e.g. natural-log probability); supplied by the caller. */
export type LmScorer = (text: string) => number | Promise<number>;

export interface RedecodeOptions {
  readonly rule: LowConfidenceRule;
  /** "What if" candidates: the 2nd .. `alternatives`-th most likely tokens at the span's smallest-margin step (0 or 1 = off). */
  readonly alternatives: number;
  /** Beam search restricted to the span, with this many beams (0 = off). */
  readonly spanBeam: number;
  /** Other previous-text prompts to decode the span under greedily (each is one candidate); empty = off. */
  readonly priorContexts?: readonly (readonly number[])[];
  /**
   * Tokens decoded past the span's end in every candidate before the rest of the current sequence is appended (so a
   * changed span can rejoin it); `'end'` = candidates continue to EOT (or the window's sample length) and replace
   * everything after the span. Default 0.
   */
  readonly tail?: number | 'end';
  /** How candidates are ranked: the window's length-normalised log-probability, the LM, or their sum. */
  readonly rank: 'logprob' | 'lm' | 'both';
  readonly lm?: LmScorer;
  /** Weight of the LM score in `'both'` (default 1). */
  readonly lmWeight?: number;
  /** At most this many spans per window (the least confident first are not preferred: spans go left to right); default all. */
  readonly maxSpans?: number;
}

/** How one candidate came about. */
export type CandidateKind = 'original' | 'what-if' | 'span-beam' | 'prior-context';

export interface SpanCandidate {
  readonly kind: CandidateKind;
  /** For what-if: the rank of the forced alternative (2 = second most likely). */
  readonly alternative?: number;
  /** The full sampled sequence of the window with this candidate spliced in. */
  readonly tokens: readonly number[];
  readonly sumLogprob: number;
  readonly lmScore: number | null;
  readonly score: number;
}

export interface SpanReport {
  /** Step range `[start, end)` of the span in the sequence as it was when the span was processed. */
  readonly start: number;
  readonly end: number;
  /** The step of the span with the smallest top-1/top-2 margin (where alternatives are forced). */
  readonly pivot: number;
  readonly reasons: readonly string[];
  readonly candidates: readonly SpanCandidate[];
  /** Index of the winner in `candidates` (0 = the original kept). */
  readonly chosen: number;
}

export interface RedecodeResult {
  /** Sampled tokens after re-decoding (without EOT). */
  readonly tokens: readonly number[];
  readonly sumLogprob: number;
  readonly spans: readonly SpanReport[];
  /** Marked spans not re-decoded because an earlier span's winner had already replaced their tokens. */
  readonly skippedSpans: number;
  /** Batched decoder calls spent on candidates (prefix call included) and on exact scoring. */
  readonly extraCalls: number;
  readonly scoringCalls: number;
  /** Σ rows per candidate call (a beam call on 5 rows counts 5), scoring calls excluded. */
  readonly extraRowSteps: number;
}

/** True when token `id` begins a word: specials, timestamps, and text starting with a space. */
function startsWord(ctx: SpanDecodeContext, id: number): boolean {
  if (id >= ctx.tokenizer.eot) return true;
  return /^\s/.test(ctx.tokenizer.decode([id]));
}

/** Marked step ranges of `decode` (adjacent marks joined), widened to whole words of `tokens`. */
export function lowConfidenceSpans(ctx: SpanDecodeContext, decode: CapturedDecode, tokens: readonly number[], rule: LowConfidenceRule, topK: number): { start: number; end: number; pivot: number; reasons: string[] }[] {
  const spans: { start: number; end: number; pivot: number; reasons: string[] }[] = [];
  const n = Math.min(tokens.length, decode.steps);
  for (let i = 0; i < n; i++) {
    const reasons = lowConfidenceReasons(rule, evidenceAt(decode, i, topK));
    if (reasons.length === 0) continue;
    let start = i;
    while (start > 0 && !startsWord(ctx, tokens[start] as number)) start--;
    let end = i + 1;
    while (end < tokens.length && !startsWord(ctx, tokens[end] as number)) end++;
    const last = spans[spans.length - 1];
    if (last !== undefined && start <= last.end) {
      last.end = Math.max(last.end, end);
      if (measuresAt(decode, i).margin < measuresAt(decode, last.pivot).margin) last.pivot = i;
      for (const r of reasons) if (!last.reasons.includes(r)) last.reasons.push(r);
    } else {
      spans.push({ start, end, pivot: i, reasons: [...reasons] });
    }
  }
  return spans;
}

function check(options: RedecodeOptions): void {
  validateRule(options.rule, 'redecode.rule');
  const bad = (field: string, hint: string) => {
    throw new InvalidOptionError('INVALID_OPTION', `option redecode.${field}: out of range`, { hint, details: { option: `redecode.${field}` } });
  };
  if (!Number.isInteger(options.alternatives) || options.alternatives < 0) bad('alternatives', 'an integer >= 0 (2 = also try the second most likely token)');
  if (!Number.isInteger(options.spanBeam) || options.spanBeam < 0) bad('spanBeam', 'an integer >= 0 (0 = off)');
  if (options.rank !== 'logprob' && options.lm === undefined) bad('lm', `rank '${options.rank}' needs an lm scorer`);
}

/**
 * Re-decodes the low-confidence spans of one greedy window decode.
 *
 * @example
 * const capture = new LogitCapture({ topK: 5 }, tokenizer.eot);
 * const greedy = await decodeWindow({ decoder, tokenizer, hooks: capture }, encoded, options);
 * const r = await redecodeWindow({ decoder, tokenizer, encoder: encoded, options, prompt: greedy.promptTokens }, greedy,
 *   capture.decodes[0], 5, { rule: { tokenProbBelow: 0.5 }, alternatives: 3, spanBeam: 5, rank: 'logprob' });
 * r.tokens; r.spans; r.extraCalls;
 */
export async function redecodeWindow(ctx: SpanDecodeContext, greedy: WindowResult, decode: CapturedDecode, topK: number, options: RedecodeOptions): Promise<RedecodeResult> {
  check(options);
  const { tokenizer } = ctx;
  const toEnd = options.tail === 'end';
  const tail = toEnd ? 0 : ((options.tail as number | undefined) ?? 0);
  const sampleLen = ctx.options.sampleLen ?? Math.floor(ctx.decoder.dims.nTextCtx / 2);
  const lengthPenalty = ctx.options.lengthPenalty;
  let current: readonly number[] = greedy.tokens;
  let currentSum = greedy.sumLogprob;
  let extraCalls = 0;
  let scoringCalls = 0;
  let extraRowSteps = 0;
  let skippedSpans = 0;
  const reports: SpanReport[] = [];
  // Spans are found on the original decode; `shift` moves them when an earlier span changed the length.
  const spans = lowConfidenceSpans(ctx, decode, greedy.tokens, options.rule, topK).slice(0, options.maxSpans ?? Infinity);
  let shift = 0;
  for (const span of spans) {
    const start = span.start + shift;
    const end = span.end + shift;
    const pivot = span.pivot + shift;
    // A span whose tokens an earlier winner replaced (e.g. with `tail: 'end'`) has no capture any more: skipped.
    const original = greedy.tokens.slice(span.start, span.end);
    if (end > current.length || start < 0 || current.slice(start, end).some((t, j) => t !== original[j])) {
      skippedSpans++;
      continue;
    }
    const suffix = toEnd ? [] : current.slice(end + tail);
    const pieces: { kind: CandidateKind; alternative?: number; tokens: readonly number[] }[] = [];
    const spanLen = toEnd ? sampleLen - start : end - start + tail;
    const run = async (forced: readonly number[], strategy: Parameters<typeof decodeFrom>[2], maxNew: number, c: SpanDecodeContext = ctx) => {
      const r = await decodeFrom(c, forced, strategy, maxNew);
      extraCalls += r.calls;
      extraRowSteps += r.rowSteps;
      return r.ended ? r.tokens : [...r.tokens, ...suffix];
    };
    const greedyStrategy = { kind: 'sampling', temperature: 0, bestOf: 1 } as const;
    for (let k = 1; k < options.alternatives; k++) {
      const alt = decode.topIds[span.pivot * topK + k];
      const original = decode.topIds[span.pivot * topK];
      if (alt === undefined || alt < 0 || k >= topK) break;
      // The k-th alternative other than the token that was emitted.
      const id = alt === current[pivot] ? original : alt;
      if (id === undefined || id < 0 || id === current[pivot]) continue;
      const forced = [...current.slice(0, pivot), id];
      pieces.push({ kind: 'what-if', alternative: k + 1, tokens: await run(forced, greedyStrategy, toEnd ? sampleLen - pivot - 1 : end + tail - pivot - 1) });
    }
    if (options.spanBeam > 0) {
      pieces.push({ kind: 'span-beam', tokens: await run(current.slice(0, start), { kind: 'beam', beamSize: options.spanBeam, patience: 1 }, spanLen) });
    }
    for (const prior of options.priorContexts ?? []) {
      // Decode the span under another previous-text prompt (same window otherwise), then score it under the original.
      const other = { ...ctx, prompt: [...(prior.length > 0 ? [tokenizer.sotPrev, ...prior] : []), ...ctx.prompt.slice(ctx.prompt.indexOf(tokenizer.sot))] };
      pieces.push({ kind: 'prior-context', tokens: await run(current.slice(0, start), greedyStrategy, spanLen, other) });
    }
    const seen = new Set<string>([current.join(',')]);
    const candidates: SpanCandidate[] = [];
    const lmOf = async (tokens: readonly number[]) => (options.lm === undefined || options.rank === 'logprob' ? null : await options.lm(tokenizer.decode(tokens.filter((t) => t < tokenizer.eot))));
    const scoreOf = (sum: number, n: number, lm: number | null) =>
      options.rank === 'logprob' ? rankScore(sum, n, lengthPenalty) : options.rank === 'lm' ? (lm as number) : rankScore(sum, n, lengthPenalty) + (options.lmWeight ?? 1) * (lm as number);
    const originalLm = await lmOf(current);
    candidates.push({ kind: 'original', tokens: current, sumLogprob: currentSum, lmScore: originalLm, score: scoreOf(currentSum, current.length, originalLm) });
    for (const p of pieces) {
      const key = p.tokens.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      const sum = await scoreSequence(ctx, p.tokens);
      scoringCalls++;
      const lm = await lmOf(p.tokens);
      candidates.push({ kind: p.kind, ...(p.alternative === undefined ? {} : { alternative: p.alternative }), tokens: p.tokens, sumLogprob: sum, lmScore: lm, score: scoreOf(sum, p.tokens.length, lm) });
    }
    let chosen = 0;
    candidates.forEach((c, i) => {
      if (c.score > (candidates[chosen] as SpanCandidate).score) chosen = i;
    });
    const winner = candidates[chosen] as SpanCandidate;
    shift += winner.tokens.length - current.length;
    current = winner.tokens;
    currentSum = winner.sumLogprob;
    reports.push({ start, end, pivot, reasons: span.reasons, candidates, chosen });
  }
  return { tokens: current, sumLogprob: currentSum, spans: reports, skippedSpans, extraCalls, scoringCalls, extraRowSteps };
}
