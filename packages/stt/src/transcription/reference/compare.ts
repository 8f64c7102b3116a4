/**
 * Comparison of our decodes with OpenAI's reference outputs: identical tokens and decisions, numbers within a
 * tolerance, and the two documented exceptions (random samples at T > 0; recorded near-ties).
 */
import type { WindowResult } from '../../decoding/index.js';
import type { LongFormResult, WindowRecord } from '../strategy.js';
import type { RefAttempt, RefDecodeCase, RefSegment, RefTranscribeFile, RefWindow } from './reference-types.js';

/** Tolerance on avg_logprob, no_speech_prob and language probabilities. */
export const PARITY_TOLERANCE = 1e-3;
/**
 * A decision whose recorded margin is below this may flip between PyTorch and ONNX Runtime: 2x the largest
 * logit difference between the two runtimes in the reference's `parity.json` (9.52e-3).
 */
export const NEAR_TIE_MARGIN = 0.02;

/** Outcome of one comparison: hard failures, and explained exceptions. */
export interface ParityReport {
  readonly name: string;
  readonly checks: number;
  readonly failures: string[];
  readonly notes: string[];
  /** Largest |ours - reference| per compared quantity (`avg_logprob`, `no_speech_prob`, ...). */
  readonly worst: Readonly<Record<string, number>>;
}

class Checker {
  checks = 0;
  readonly failures: string[] = [];
  readonly notes: string[] = [];
  readonly worst: Record<string, number> = {};
  constructor(readonly name: string) {}

  equal(what: string, ours: unknown, ref: unknown): boolean {
    this.checks++;
    const ok = JSON.stringify(ours) === JSON.stringify(ref);
    if (!ok) this.failures.push(`${what}: ours ${short(ours)} vs reference ${short(ref)}`);
    return ok;
  }

  close(what: string, ours: number, ref: number, tol = PARITY_TOLERANCE): void {
    this.checks++;
    const quantity = what.replace(/^(segment|window) \d+( \(seek \d+\))?( attempt \d+)? /, '');
    this.worst[quantity] = Math.max(this.worst[quantity] ?? 0, Math.abs(ours - ref));
    if (!(Math.abs(ours - ref) <= tol)) this.failures.push(`${what}: ours ${ours} vs reference ${ref} (|diff| > ${tol})`);
  }

  report(): ParityReport {
    return { name: this.name, checks: this.checks, failures: this.failures, notes: this.notes, worst: this.worst };
  }
}

function short(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function firstDifference(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** The smallest recorded margin that could explain a divergence at token `k` (greedy: that step; beam: any step). */
function explainingMargin(k: number, greedy?: readonly number[], beam?: readonly number[]): number | undefined {
  if (greedy !== undefined) return greedy[k];
  if (beam !== undefined && beam.length > 0) return Math.min(...beam);
  return undefined;
}

/**
 * Token sequences: identical, or diverging at a recorded near-tie (noted, and the caller stops comparing what
 * follows). Returns true when everything after may be compared.
 */
function compareTokens(c: Checker, what: string, ours: readonly number[], ref: readonly number[], margins: { greedy: readonly number[] | undefined; beam: readonly number[] | undefined }): boolean {
  const k = firstDifference(ours, ref);
  c.checks++;
  if (k === -1) return true;
  const margin = explainingMargin(k, margins.greedy, margins.beam);
  if (margin !== undefined && margin < NEAR_TIE_MARGIN) {
    c.notes.push(`${what}: tokens diverge at index ${k} where the reference margin is ${margin} < ${NEAR_TIE_MARGIN} (near-tie; rest not compared)`);
  } else {
    c.failures.push(`${what}: tokens differ at index ${k} (ours ${ours[k]}, reference ${ref[k]}; reference margin ${margin ?? 'n/a'})`);
  }
  return false;
}

function compareProbs(c: Checker, what: string, ours: Readonly<Record<string, number>> | null, ref: Readonly<Record<string, number>>): void {
  if (ours === null) {
    c.equal(what, 'none', 'probabilities');
    return;
  }
  let worst = 0;
  for (const [code, p] of Object.entries(ref)) {
    const d = Math.abs((ours[code] ?? Number.NaN) - p);
    worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
  }
  c.close(`${what} (max |diff| over ${Object.keys(ref).length} languages)`, worst, 0);
}

/** One `decode_<audio>.json` case against our window decode. */
export function compareDecodeCase(name: string, ref: RefDecodeCase, ours: WindowResult): ParityReport {
  const c = new Checker(name);
  c.equal('prompt', ours.promptTokens, ref.initial_tokens);
  c.equal('language', ours.language, ref.language);
  if (ref.language_detection !== undefined) compareProbs(c, 'language probabilities', ours.languageDetection?.probs ?? null, ref.language_detection.probs);
  c.close('no_speech_prob', ours.noSpeechProb, ref.no_speech_prob);
  const margins = { greedy: ref.trace?.map((t) => t.margin), beam: ref.beam_keep_step_margins };
  if (!compareTokens(c, 'tokens', ours.tokens, ref.tokens, margins)) return c.report();
  c.equal('text', ours.text, ref.text);
  c.close('avg_logprob', ours.avgLogprob, ref.avg_logprob);
  c.equal('compression_ratio', ours.compressionRatio, ref.compression_ratio);
  return c.report();
}

/** Compares one attempt; returns false when the rest of the transcription may legitimately differ. */
function compareAttempt(c: Checker, what: string, ours: WindowRecord['attempts'][number] | undefined, ref: RefAttempt): boolean {
  if (ours === undefined) return c.equal(`${what} exists`, 'missing', 'attempt');
  c.equal(`${what} temperature`, ours.result.temperature, ref.temperature);
  if (ref.temperature > 0) {
    c.notes.push(`${what}: sampled at T=${ref.temperature} (random; not comparable, comparison stops here)`);
    return false;
  }
  const margins = { greedy: ref.step_margins, beam: ref.beam_keep_step_margins };
  if (!compareTokens(c, `${what} tokens`, ours.result.tokens, ref.tokens, margins)) return false;
  c.close(`${what} avg_logprob`, ours.result.avgLogprob, ref.avg_logprob);
  c.close(`${what} no_speech_prob`, ours.result.noSpeechProb, ref.no_speech_prob);
  c.equal(`${what} compression_ratio`, ours.result.compressionRatio, ref.compression_ratio);
  c.equal(`${what} text`, ours.result.text, ref.text);
  c.equal(`${what} needs fallback`, ours.failedBecause.length > 0, ref.needs_fallback);
  return true;
}

/** Compares one window; returns false when comparison must stop after it. */
function compareWindow(c: Checker, i: number, ours: WindowRecord | undefined, ref: RefWindow): boolean {
  const what = `window ${i} (seek ${ref.seek})`;
  if (ours === undefined) return c.equal(`${what} exists`, 'missing', 'window');
  c.equal(`${what} seek`, ours.seek, ref.seek);
  c.equal(`${what} segment_frames`, ours.segmentFrames, ref.segment_frames);
  c.equal(`${what} prompt`, ours.attempts[0]?.result.promptTokens, ref.prompt_tokens);
  for (const [j, refAttempt] of ref.attempts.entries()) {
    if (!compareAttempt(c, `${what} attempt ${j}`, ours.attempts[j], refAttempt)) return false;
  }
  c.equal(`${what} attempts`, ours.attempts.length, ref.attempts.length);
  c.equal(`${what} skipped as silence`, ours.skippedAsSilence, ref.skipped_as_silence);
  if (ref.seek_after !== null) c.equal(`${what} seek after`, ours.seekAfter, ref.seek_after);
  return true;
}

function compareSegment(c: Checker, ours: LongFormResult['segments'][number] | undefined, ref: RefSegment): void {
  const what = `segment ${ref.id}`;
  if (ours === undefined) {
    c.equal(`${what} exists`, 'missing', 'segment');
    return;
  }
  c.equal(`${what} seek/start/end`, [ours.seek, ours.startSec, ours.endSec], [ref.seek, ref.start, ref.end]);
  c.equal(`${what} tokens`, ours.tokenIds, ref.tokens);
  c.equal(`${what} text`, ours.text, ref.text);
  c.equal(`${what} temperature`, ours.temperature, ref.temperature);
  c.close(`${what} avg_logprob`, ours.avgLogprob, ref.avg_logprob);
  c.close(`${what} no_speech_prob`, ours.noSpeechProb, ref.no_speech_prob);
}

/**
 * A `transcribe_long_<variant>.json` file against our long-form result. With `maxWindows`, only the first windows
 * (and the segments they produced) are compared, for a run that was clipped to them.
 */
export function compareTranscription(name: string, ref: RefTranscribeFile, ours: LongFormResult, maxWindows = Infinity): ParityReport {
  const c = new Checker(name);
  c.equal('language', ours.language, ref.language);
  compareProbs(c, 'language probabilities', ours.languageProbs, ref.language_detection.probs);
  let comparableUntilSeek = ref.windows[maxWindows]?.seek ?? Infinity;
  for (const [i, refWindow] of ref.windows.slice(0, maxWindows).entries()) {
    if (!compareWindow(c, i, ours.windows[i], refWindow)) {
      comparableUntilSeek = refWindow.seek;
      break;
    }
  }
  const refSegments = ref.segments.filter((s) => s.seek < comparableUntilSeek);
  refSegments.forEach((s) => compareSegment(c, ours.segments[s.id], s));
  if (comparableUntilSeek === Infinity) {
    c.equal('windows', ours.windows.length, ref.windows.length);
    c.equal('segments', ours.segments.length, ref.segments.length);
    c.equal('text', ours.text, ref.text);
  } else {
    c.notes.push(`${refSegments.length} of ${ref.segments.length} segments compared (those before seek ${comparableUntilSeek})`);
  }
  return c.report();
}
