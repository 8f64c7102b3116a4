/**
 * The prototype's clean-up pipeline as a merge, each step switchable (stt-requirements §10.1): consecutive-repeat
 * removal, word-level prefix trim, n-gram de-duplication, the fixed chop of the first units of every window but the
 * first, and the token-overlap trim; window outputs are then concatenated. For comparison only.
 */
import type { DroppedWord, JoinReport, MergeAlgorithm, MergedWord, MergeResult, WindowTranscript } from '../types.js';
import { validateWindows } from '../validate.js';
import { allTimed, joinWords, monotoneTimes } from '../words.js';
import { dedupeNgrams, prefixTrim, removeConsecutiveRepeats, tokenOverlapTrim } from './heuristics.js';

/** Which prototype heuristics run; each is individually switchable. */
export interface LegacyMergeOptions {
  readonly consecutiveRepeats?: boolean;
  readonly prefixTrim?: boolean;
  readonly ngramDedupe?: boolean;
  /** Largest n of the n-gram de-duplication (6). */
  readonly maxNgram?: number;
  /** Units dropped at the start of every window but the first (the prototype's 3; 0 = off). */
  readonly fixedChop?: number;
  readonly tokenOverlapTrim?: boolean;
}

/** The prototype's last configuration (fixture 4): everything on. */
export const PROTOTYPE_LEGACY: Required<LegacyMergeOptions> = {
  consecutiveRepeats: true,
  prefixTrim: true,
  ngramDedupe: true,
  maxNgram: 6,
  fixedChop: 3,
  tokenOverlapTrim: true,
};

/** The baseline the requirements recommend: the word-level overlap trim only. */
export const RECOMMENDED_LEGACY: Required<LegacyMergeOptions> = {
  consecutiveRepeats: false,
  prefixTrim: true,
  ngramDedupe: false,
  maxNgram: 6,
  fixedChop: 0,
  tokenOverlapTrim: false,
};

function unit(w: MergedWord): string {
  return w.tokenIds !== undefined ? w.tokenIds.join(',') : w.text;
}

function applyStep(words: MergedWord[], keep: readonly number[], dropped: DroppedWord[]): MergedWord[] {
  const set = new Set(keep);
  words.forEach((w, i) => {
    if (!set.has(i)) dropped.push({ windowIndex: w.windowIndex, wordIndex: w.wordIndex, text: w.text, reason: 'legacy-heuristic' });
  });
  return keep.map((i) => words[i] as MergedWord);
}

function cleanChunk(words: MergedWord[], prior: readonly MergedWord[], first: boolean, o: Required<LegacyMergeOptions>): { kept: MergedWord[]; dropped: DroppedWord[] } {
  const dropped: DroppedWord[] = [];
  const priorUnits = prior.map(unit);
  let ws = words;
  if (o.consecutiveRepeats) ws = applyStep(ws, removeConsecutiveRepeats(ws.map(unit)), dropped);
  if (o.prefixTrim && !first) ws = applyStep(ws, prefixTrim(priorUnits, ws.map(unit)), dropped);
  if (o.ngramDedupe) ws = applyStep(ws, dedupeNgrams(ws.map(unit), o.maxNgram), dropped);
  if (o.fixedChop > 0 && !first) ws = applyStep(ws, ws.map((_, i) => i).slice(o.fixedChop), dropped);
  if (o.tokenOverlapTrim && !first) ws = applyStep(ws, tokenOverlapTrim(priorUnits, ws.map(unit)), dropped);
  return { kept: ws, dropped };
}

/** Creates a legacy merge; `name` labels the configuration in the bench. */
export function createLegacyMerge(options: LegacyMergeOptions = {}, name = 'legacy'): MergeAlgorithm {
  const o: Required<LegacyMergeOptions> = { ...PROTOTYPE_LEGACY, ...options };
  return {
    name,
    merge(windows: readonly WindowTranscript[]): MergeResult {
      validateWindows(windows);
      const out: MergedWord[] = [];
      const joins: JoinReport[] = [];
      windows.forEach((w, k) => {
        const words = w.words.map((word, wordIndex) => ({ ...word, windowIndex: k, wordIndex }));
        const { kept, dropped } = cleanChunk(words, out, k === 0, o);
        if (k > 0) joins.push({ leftIndex: k - 1, overlapStartSec: w.startSec, overlapEndSec: windows[k - 1]?.endSec ?? w.startSec, dropped });
        out.push(...kept);
      });
      const timed = windows.every((w) => allTimed(w.words));
      const words = timed ? monotoneTimes(out) : out;
      return { words, text: joinWords(words), joins, timing: timed ? 'decoded' : 'none' };
    },
  };
}
