/**
 * Deciding whether an immediate repeat is speech or a decoder artifact. With timing the audio decides: a real
 * repeat advances through the audio; a loop re-uses the same audio or is squeezed into too little of it. Without
 * timing, conservative count rules apply (see `decideUntimed`).
 */
import type { StitchWord } from '../types.js';
import { endsWithBreak, joinWords } from '../words.js';
import { compressionRatio } from './compression.js';
import type { RepeatRun } from './repeat-runs.js';
import type { RemovalKind, ResolvedCleanupOptions } from './types.js';

/** Word indices (into the words given) to remove, and why. */
export interface RunDecision {
  readonly remove: readonly number[];
  readonly kind: RemovalKind;
  readonly reason: string;
  readonly compressionRatio: number;
}

interface Copy {
  /** Word indices of this copy. */
  readonly idx: readonly number[];
  readonly startSec: number;
  readonly endSec: number;
  readonly confidence: number;
}

/** The run's copies, the trailing partial copy (if any) last. */
function describeCopies(words: readonly StitchWord[], run: RepeatRun): Copy[] {
  const n = run.phraseWords;
  const lengths = [...Array.from({ length: run.copies }, () => n), ...(run.partialWords > 0 ? [run.partialWords] : [])];
  return lengths.map((len, c) => {
    const idx = Array.from({ length: len }, (_, k) => run.start + c * n + k);
    const ws = idx.map((i) => words[i] as StitchWord);
    return {
      idx,
      startSec: Math.min(...ws.map((w) => w.startSec ?? 0)),
      endSec: Math.max(...ws.map((w) => w.endSec ?? 0)),
      confidence: ws.reduce((s, w) => s + (w.confidence ?? 1), 0) / ws.length,
    };
  });
}

/** Why a copy cannot be speech: it does not advance through the audio, or is squeezed into too little of it. */
function implausible(copy: Copy, kept: Copy, opts: ResolvedCleanupOptions): string | undefined {
  const n = copy.idx.length;
  const advance = copy.startSec - kept.startSec;
  const needed = Math.max(n * opts.minSecPerWord, opts.minAdvanceFraction * (kept.endSec - kept.startSec));
  if (advance < needed) return `advance ${advance.toFixed(2)} s < ${needed.toFixed(2)} s`;
  const span = copy.endSec - copy.startSec;
  if (n >= 2 && span < n * opts.minSecPerWord) return `${n} words in ${span.toFixed(2)} s`;
  const shared = Math.min(copy.endSec, kept.endSec) - Math.max(copy.startSec, kept.startSec);
  if (n >= 2 && shared > opts.maxSharedFraction * span) return `re-uses ${shared.toFixed(2)} s of the previous copy's audio`;
  return undefined;
}

/**
 * Timed decision. A copy is a loop when its timing is implausible (see `implausible`) and either the phrase has
 * 2+ words or the copy is low-confidence (single words are short, so timestamp jitter alone proves little). Once a
 * run shows a loop, its other copies must also be confident (`>= suspectConfidence`) to stay. Of two copies of the
 * same audio, the more confident stays.
 */
export function decideTimed(words: readonly StitchWord[], run: RepeatRun, opts: ResolvedCleanupOptions): RunDecision | undefined {
  const n = run.phraseWords;
  const ratio = compressionRatio(joinWords(words.slice(run.start, run.start + n * run.copies)));
  const copies = describeCopies(words, run);
  const isLoop = (copy: Copy, kept: Copy): string | undefined => {
    const why = implausible(copy, kept, opts);
    const weak = copy.confidence < opts.suspectConfidence;
    if (why !== undefined && (copy.idx.length >= 2 || weak)) return why;
    return weak && copy.confidence < opts.lowConfidence && ratio > opts.compressionRatioThreshold ? `confidence ${copy.confidence.toFixed(2)}` : undefined;
  };
  const suspicious = copies.some((c, i) => i > 0 && isLoop(c, copies[i - 1] as Copy) !== undefined);
  if (!suspicious) return undefined;
  const removed: number[] = [];
  const notes: string[] = [];
  // The copy kept is a full one (never the trailing partial copy), the most confident.
  const kept = copies.slice(0, run.copies).reduce((best, c) => (c.confidence > best.confidence ? c : best));
  for (const copy of copies) {
    if (copy === kept) continue;
    const [early, late] = copy.startSec < kept.startSec ? [copy, kept] : [kept, copy];
    const weak = copy.confidence < opts.suspectConfidence;
    const why = weak ? `confidence ${copy.confidence.toFixed(2)} in a looping run` : isLoop(late, early);
    if (why === undefined) continue;
    notes.push(why);
    removed.push(...copy.idx);
  }
  if (removed.length === 0) return undefined;
  const kind: RemovalKind = run.copies >= opts.runawayMinCopies ? 'runaway' : 'loop';
  return { remove: removed.sort((a, b) => a - b), kind, reason: `${run.copies} copies of ${n} word(s): ${notes.join('; ')}`, compressionRatio: ratio };
}

/**
 * Without timing, confidence still tells a loop copy from speech: when every word has a confidence and one copy is
 * full copy is confident (>= `suspectConfidence`), the copies (and trailing partial copy) below `lowConfidence` are loop copies.
 */
function weakCopies(words: readonly StitchWord[], run: RepeatRun, opts: ResolvedCleanupOptions): number[] {
  const copies = describeCopies(words, run);
  const span = copies.flatMap((c) => c.idx);
  if (!span.every((i) => words[i]?.confidence !== undefined)) return [];
  if (!copies.slice(0, run.copies).some((c) => c.confidence >= opts.suspectConfidence)) return [];
  return copies.filter((c) => c.confidence < opts.lowConfidence).flatMap((c) => c.idx);
}

/** Untimed: copies of the run that fit in `audioSec` at `maxWordsPerSec` beside the other words (>= 1). */
function capacityCopies(words: readonly StitchWord[], run: RepeatRun, opts: ResolvedCleanupOptions): number {
  if (opts.audioSec === null) return Number.POSITIVE_INFINITY;
  const others = words.length - run.phraseWords * run.copies;
  return Math.max(1, Math.floor((opts.audioSec * opts.maxWordsPerSec - others) / run.phraseWords));
}

/**
 * Untimed decision, conservative: low-confidence copies beside a confident one go; a 5-7 word clause keeps at
 * most `maxSpokenCopies` copies (and at most what `audioSec` holds at `maxWordsPerSec`, when the audio length is
 * known), so "I'll work with the prompt" said twice survives extra decoder copies; otherwise runaway
 * (`runawayMinCopies`+ copies, or a long compressible span) always goes; runs with punctuation inside ("We will, we
 * will") stay; 3+ copies of a 2-4 word phrase go; one immediate repeat of a 2..`shortEchoMaxWords`-word phrase is
 * an echo; a repeated passage of `passageMinWords`+ words goes; single words repeated up to `runawayMinCopies - 1`
 * times ("no no no") stay.
 */
export function decideUntimed(words: readonly StitchWord[], run: RepeatRun, opts: ResolvedCleanupOptions): RunDecision | undefined {
  const n = run.phraseWords;
  const total = n * run.copies;
  const ratio = compressionRatio(joinWords(words.slice(run.start, run.start + total)));
  const extra = Array.from({ length: total - n }, (_, k) => run.start + n + k);
  const separated = words.slice(run.start, run.start + total - 1).some((w) => endsWithBreak(w.text));
  const partial = Array.from({ length: run.partialWords }, (_, k) => run.start + total + k);
  const verdict = (kind: RemovalKind, why: string): RunDecision => ({
    remove: kind === 'runaway' || kind === 'loop' ? [...extra, ...partial] : extra,
    kind,
    reason: `${run.copies} copies of ${n} word(s), no timing: ${why}`,
    compressionRatio: ratio,
  });
  const weak = weakCopies(words, run, opts);
  const weakVerdict: RunDecision = { remove: weak, kind: 'loop', reason: `${run.copies} copies of ${n} word(s), no timing: copies with confidence < ${opts.lowConfidence} beside a confident one`, compressionRatio: ratio };
  // A clause a speaker may really repeat: keep what speech plausibly holds (and the audio, when its length is known).
  if (n > opts.shortEchoMaxWords && n < opts.passageMinWords && !separated) {
    if (weak.length > 0) return weakVerdict;
    const keep = Math.max(1, Math.min(opts.maxSpokenCopies, capacityCopies(words, run, opts)));
    if (keep >= run.copies) return undefined;
    return {
      remove: [...Array.from({ length: total - keep * n }, (_, k) => run.start + keep * n + k), ...partial],
      kind: run.copies >= opts.runawayMinCopies ? 'runaway' : 'loop',
      reason: `${run.copies} copies of ${n} word(s), no timing: keeps ${keep} (at most ${opts.maxSpokenCopies} spoken copies${opts.audioSec === null ? '' : ` and what ${opts.audioSec.toFixed(1)} s of audio holds at ${opts.maxWordsPerSec} words/s`})`,
      compressionRatio: ratio,
    };
  }
  if (run.copies >= opts.runawayMinCopies) return verdict('runaway', `>= ${opts.runawayMinCopies} copies`);
  if (total >= 2 * opts.passageMinWords && ratio > opts.compressionRatioThreshold) {
    return verdict('loop', `compression ratio ${ratio.toFixed(2)}`);
  }
  if (weak.length > 0) return weakVerdict;
  if (separated) return undefined;
  if (n >= 2 && run.copies >= 3) return verdict('loop', '3+ copies of a phrase');
  if (n >= 2 && n <= opts.shortEchoMaxWords) return verdict('echo', 'short phrase repeated with no pause');
  if (n >= opts.passageMinWords) return verdict('passage', `${n}-word passage repeated`);
  return undefined;
}
