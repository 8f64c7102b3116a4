/**
 * Repetition cleanup: collapses decoder loops, runaway repeats and untrimmed join duplicates, and leaves repetition
 * that is in the audio alone. Every removal is reported. Runs passes until nothing changes, so it is idempotent.
 */
import type { StitchWord } from '../types.js';
import { allTimed, joinWords, wordKey } from '../words.js';
import { compressionRatio } from './compression.js';
import { decideTimed, decideUntimed, type RunDecision } from './decide.js';
import { passageRepeatAt, type PassageRepeat } from './passages.js';
import { repeatRunAt } from './repeat-runs.js';
import { strayCopyAt } from './stray-copies.js';
import { DEFAULT_CLEANUP, type CleanupOptions, type Removal, type ResolvedCleanupOptions } from './types.js';

/** Cleaned words (a subset of the input, in order) and the audit trail. */
export interface CleanupResult<W extends StitchWord = StitchWord> {
  readonly words: readonly W[];
  readonly removals: readonly Removal[];
  /** Whether timing drove the decisions (all words timed and `useTiming`). */
  readonly timed: boolean;
}

const MAX_PASSES = 64;

interface Indexed<W> {
  readonly w: W;
  readonly orig: number;
}

function decidePassage(words: readonly StitchWord[], p: PassageRepeat, timed: boolean): RunDecision | undefined {
  const first = words.slice(p.start, p.secondStart);
  const second = words.slice(p.secondStart, p.secondEnd);
  const ratio = compressionRatio(joinWords(words.slice(p.start, p.secondEnd)));
  const sim = `similarity ${p.similarity.toFixed(2)}`;
  const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);
  if (!timed) {
    return { remove: range(p.secondStart, p.secondEnd), kind: 'passage', reason: `${first.length}-word passage repeated, no timing, ${sim}`, compressionRatio: ratio };
  }
  const s1 = Math.min(...first.map((w) => w.startSec ?? 0));
  const e1 = Math.max(...first.map((w) => w.endSec ?? 0));
  const s2 = Math.min(...second.map((w) => w.startSec ?? 0));
  const e2 = Math.max(...second.map((w) => w.endSec ?? 0));
  const shared = Math.min(e1, e2) - Math.max(s1, s2);
  if (shared < 0.5 * Math.min(e1 - s1, e2 - s2)) return undefined;
  // Keep the copy that looks more like speech: more audio per word (a squeezed copy is the loop) and more confident.
  const conf = (ws: readonly StitchWord[]): number => ws.reduce((s, w) => s + (w.confidence ?? 1), 0) / ws.length;
  const speechLike = (ws: readonly StitchWord[], a: number, b: number): number => Math.min(1, (b - a) / ws.length / 0.2) * conf(ws);
  const dropFirst = speechLike(first, s1, e1) < speechLike(second, s2, e2);
  return {
    remove: dropFirst ? range(p.start, p.secondStart) : range(p.secondStart, p.secondEnd),
    kind: 'passage',
    reason: `${first.length}-word passage repeated over the same audio (${shared.toFixed(2)} s shared), ${sim}`,
    compressionRatio: ratio,
  };
}

function toRemoval<W extends StitchWord>(items: readonly Indexed<W>[], d: RunDecision, phrase: string, copies: number): Removal {
  const removed = d.remove.map((i) => items[i] as Indexed<W>);
  const ws = removed.map((x) => x.w);
  const confs = ws.filter((w) => w.confidence !== undefined).map((w) => w.confidence ?? 0);
  const starts = ws.filter((w) => w.startSec !== undefined).map((w) => w.startSec ?? 0);
  const ends = ws.filter((w) => w.endSec !== undefined).map((w) => w.endSec ?? 0);
  return {
    kind: d.kind,
    wordIndices: removed.map((x) => x.orig),
    removedText: joinWords(ws),
    phrase,
    copies,
    reason: d.reason,
    compressionRatio: d.compressionRatio,
    ...(starts.length > 0 ? { startSec: Math.min(...starts), endSec: Math.max(...ends) } : {}),
    ...(confs.length > 0 ? { meanConfidence: confs.reduce((a, b) => a + b, 0) / confs.length } : {}),
  };
}

function onePass<W extends StitchWord>(items: readonly Indexed<W>[], opts: ResolvedCleanupOptions, timed: boolean, minPhrase: number): Removal[] {
  const words = items.map((x) => x.w);
  const keys = words.map((w) => wordKey(w.text));
  const removals: Removal[] = [];
  let i = 0;
  while (i < items.length) {
    const run = repeatRunAt(keys, i, opts.maxPhraseWords, minPhrase);
    if (run !== undefined) {
      const d = timed ? decideTimed(words, run, opts) : decideUntimed(words, run, opts);
      if (d !== undefined) {
        removals.push(toRemoval(items, d, joinWords(words.slice(i, i + run.phraseWords)), run.copies));
        i += run.phraseWords * run.copies;
        continue;
      }
    }
    const stray = timed && minPhrase === 1 ? strayCopyAt(words, keys, i, opts) : undefined;
    if (stray !== undefined) {
      removals.push(toRemoval(items, { remove: [i], kind: 'loop', reason: stray, compressionRatio: 1 }, words[i]?.text ?? '', 2));
      i++;
      continue;
    }
    const p = passageRepeatAt(keys, i, opts);
    const d = p === undefined ? undefined : decidePassage(words, p, timed);
    if (p !== undefined && d !== undefined) {
      removals.push(toRemoval(items, d, joinWords(words.slice(p.start, p.secondStart)), 2));
      i = p.secondEnd;
      continue;
    }
    i++;
  }
  return removals;
}

/**
 * Collapses decoder loops in `words` and reports each removal. Genuine repetition (which takes audio time, or is
 * separated by punctuation in untimed text) stays.
 * @example
 * const { words, removals } = cleanupRepetitions(merged.words);
 * for (const r of removals) console.log(r.kind, r.removedText, r.reason);
 */
export function cleanupRepetitions<W extends StitchWord>(words: readonly W[], options: CleanupOptions = {}): CleanupResult<W> {
  const opts: ResolvedCleanupOptions = { ...DEFAULT_CLEANUP, ...options };
  const timed = opts.useTiming && words.length > 0 && allTimed(words);
  if (!opts.enabled) return { words: [...words], removals: [], timed };
  let items: Indexed<W>[] = words.map((w, orig) => ({ w, orig }));
  const removals: Removal[] = [];
  // Long passages first (a duplicated join), then short phrases, so an echo inside a passage copy cannot hide it.
  for (let pass = 0, minPhrase = opts.passageMinWords; pass < MAX_PASSES; pass++) {
    const found = onePass(items, opts, timed, minPhrase);
    if (found.length === 0 && minPhrase === 1) break;
    if (found.length === 0) {
      minPhrase = 1;
      continue;
    }
    removals.push(...found);
    const gone = new Set(found.flatMap((r) => r.wordIndices));
    items = items.filter((x) => !gone.has(x.orig));
  }
  return { words: items.map((x) => x.w), removals, timed };
}

/** Cleanup of plain text (no timing): splits on whitespace, cleans, joins with single spaces. */
export function cleanupText(text: string, options: CleanupOptions = {}): { readonly text: string; readonly removals: readonly Removal[] } {
  const words = text.split(/\s+/).filter((t) => t.length > 0).map((t) => ({ text: t }));
  const r = cleanupRepetitions(words, { ...options, useTiming: false });
  return { text: joinWords(r.words), removals: r.removals };
}
