/**
 * Scoring a stitched transcript of a simulated run: word errors against the reference, and exact
 * duplicated / dropped word counts from each output word's provenance (which reference word it stands for).
 */
import { wordKey, type MergedWord } from '@cephalon/stt';
import type { Provenance, SimWindow } from './simulate.js';

export interface Counts {
  /** Word errors (S + D + I) against the reference, words compared by `wordKey` (lower case, no punctuation). */
  readonly errors: number;
  readonly referenceWords: number;
  /** Output words beyond the first for a reference word. */
  readonly duplicated: number;
  /** Reference words with no output word. */
  readonly dropped: number;
  /** Genuine-repeat reference words present before the cleanup and gone after it. */
  readonly falseRemovals: number;
  /** Loop copies left in the output (a loop word whose reference word is also present elsewhere). */
  readonly loopWordsLeft: number;
}

export const ZERO: Counts = { errors: 0, referenceWords: 0, duplicated: 0, dropped: 0, falseRemovals: 0, loopWordsLeft: 0 };

export function add(a: Counts, b: Counts): Counts {
  return {
    errors: a.errors + b.errors,
    referenceWords: a.referenceWords + b.referenceWords,
    duplicated: a.duplicated + b.duplicated,
    dropped: a.dropped + b.dropped,
    falseRemovals: a.falseRemovals + b.falseRemovals,
    loopWordsLeft: a.loopWordsLeft + b.loopWordsLeft,
  };
}

export function provenanceOf(words: readonly MergedWord[], windows: readonly SimWindow[]): Provenance[] {
  return words.map((w) => windows[w.windowIndex]?.provenance[w.wordIndex] ?? { kind: 'word', refIndex: -1 });
}

function occurrences(prov: readonly Provenance[], refCount: number): number[] {
  const c = new Array<number>(refCount).fill(0);
  for (const p of prov) if (p.refIndex >= 0) c[p.refIndex] = (c[p.refIndex] ?? 0) + 1;
  return c;
}

export interface ScoreInput {
  readonly text: string;
  readonly referenceText: string;
  readonly referenceCount: number;
  readonly prov: readonly Provenance[];
  /** Provenance before the cleanup (same as `prov` when no cleanup ran). */
  readonly provBeforeCleanup: readonly Provenance[];
  readonly genuine: ReadonlySet<number>;
}

/**
 * Word-level Levenshtein distance (S + D + I) in O(n * m) time and O(m) memory. The bench's `compare` also computes
 * character measures, which are too slow for 30 cases x 8 pipelines of 700-word transcripts; the fixtures use it.
 */
export function wordErrors(hyp: readonly string[], ref: readonly string[]): number {
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hyp.length; j++) {
      cur.push(Math.min((prev[j - 1] ?? 0) + (ref[i - 1] === hyp[j - 1] ? 0 : 1), (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  return prev[hyp.length] ?? 0;
}

const words = (text: string): string[] => text.split(/\s+/).filter((t) => t.length > 0).map(wordKey).filter((k) => /[\p{L}\p{N}]/u.test(k));

export function score(input: ScoreInput): Counts {
  const ref = words(input.referenceText);
  const occ = occurrences(input.prov, input.referenceCount);
  const before = occurrences(input.provBeforeCleanup, input.referenceCount);
  let falseRemovals = 0;
  for (const i of input.genuine) if ((before[i] ?? 0) > 0 && (occ[i] ?? 0) === 0) falseRemovals++;
  return {
    errors: wordErrors(words(input.text), ref),
    referenceWords: ref.length,
    duplicated: occ.reduce((s, c) => s + Math.max(0, c - 1), 0),
    dropped: occ.filter((c) => c === 0).length,
    falseRemovals,
    loopWordsLeft: input.prov.filter((p) => p.kind === 'loop' && (occ[p.refIndex] ?? 0) > 1).length,
  };
}
