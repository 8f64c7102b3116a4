/**
 * The `timed` merge: aligns the two copies of each overlap word by word (text and time), then keeps, column by
 * column, the copy that is farther from its window's cut edge and more confident. Words that only one window has
 * are kept when that window heard the moment better than the other (an edge-cut word is restored from the other
 * window; an echo, stutter or half-heard word at an edge is dropped). Without timestamps, word times are estimated
 * from word positions and the same rules apply with a wider time tolerance.
 */
import { alignWords } from './align.js';
import { coverage, wordTrust, type TrustOptions, type WindowPlace } from './trust.js';
import type { DroppedWord, JoinReport, MergeAlgorithm, MergedWord, MergeOptions, MergeResult, WindowTranscript } from './types.js';
import { validateWindows } from './validate.js';
import { joinByText, DEFAULT_TEXT_JOIN, type TextJoinOptions } from './text-join.js';
import { cleanWindowHead, type HeadOptions } from './window-head.js';
import { allTimed, centerSec, isSpecialTokenText, joinWords, monotoneTimes, withEstimatedTimes, withoutTimes, wordKey } from './words.js';

/** Settings of the timed merge; all optional. */
export interface TimedMergeOptions extends Partial<TrustOptions>, Partial<HeadOptions> {
  /** Words this many seconds outside the overlap are aligned too (catches echoes and shifted copies). */
  readonly contextSec?: number;
  /** Largest time difference, in seconds, for two copies to be the same spoken word (decoded times). */
  readonly maxShiftSec?: number;
  /** The same with estimated times (no timestamps), which are coarser. */
  readonly maxShiftSecEstimated?: number;
  /**
   * Without decoded times, join each window pair by a text alignment of the overlap (`text-join.ts`) and use
   * estimated times only when no overlap is found (default true; false = estimated times for every join).
   */
  readonly textAlignWithoutTimes?: boolean;
  /** Settings of that text alignment. */
  readonly textJoin?: TextJoinOptions;
}

type Resolved = Required<TimedMergeOptions>;

/** Default timed-merge settings. */
export const DEFAULT_TIMED_MERGE: Resolved = {
  edgeRampSec: 1,
  edgeTouchSec: 0.12,
  touchFactor: 0.1,
  defaultConfidence: 0.9,
  warmupSec: 2,
  maxEchoWords: 8,
  echoMaxSecPerWord: 0.15,
  contextSec: 1.5,
  maxShiftSec: 0.6,
  maxShiftSecEstimated: 2.5,
  textAlignWithoutTimes: true,
  textJoin: DEFAULT_TEXT_JOIN,
};

function dropOf(w: MergedWord, reason: DroppedWord['reason']): DroppedWord {
  return { windowIndex: w.windowIndex, wordIndex: w.wordIndex, text: w.text, reason, ...(w.startSec === undefined ? {} : { startSec: w.startSec }) };
}

interface JoinInput {
  readonly acc: readonly MergedWord[];
  readonly next: readonly MergedWord[];
  readonly left: WindowPlace;
  readonly right: WindowPlace;
  readonly places: readonly WindowPlace[];
  readonly maxShift: number;
}

/** Joins the next window's words onto the transcript so far; returns the new transcript and the dropped words. */
function join(input: JoinInput, o: Resolved): { words: MergedWord[]; dropped: DroppedWord[] } {
  const { acc, next, left, right, places } = input;
  let i0 = acc.length;
  while (i0 > 0 && centerSec(acc[i0 - 1] as MergedWord) >= right.window.startSec - o.contextSec) i0--;
  let j1 = 0;
  while (j1 < next.length && centerSec(next[j1] as MergedWord) <= left.window.endSec + o.contextSec) j1++;
  const tail = acc.slice(i0);
  const head = next.slice(0, j1);
  const cols = alignWords(tail, head, { timed: true, maxEchoShiftSec: input.maxShift, maxSubShiftSec: input.maxShift });
  const kept: MergedWord[] = [];
  const dropped: DroppedWord[] = [];
  const trustOf = (w: MergedWord): number => wordTrust(w, places[w.windowIndex] ?? left, o);
  for (const col of cols) {
    const a = col.a === undefined ? undefined : tail[col.a];
    const b = col.b === undefined ? undefined : head[col.b];
    if (a !== undefined && b !== undefined) {
      const keepA = trustOf(a) >= trustOf(b);
      const reason = wordKey(a.text) === wordKey(b.text) ? 'duplicate' : 'less-trusted';
      kept.push(keepA ? a : b);
      dropped.push(dropOf(keepA ? b : a, reason));
    } else if (a !== undefined) {
      const other = coverage(right, centerSec(a), o) * o.defaultConfidence;
      if (trustOf(a) >= other) kept.push(a);
      else dropped.push(dropOf(a, 'less-trusted'));
    } else if (b !== undefined) {
      const other = coverage(left, centerSec(b), o) * o.defaultConfidence;
      if (trustOf(b) > other) kept.push(b);
      else dropped.push(dropOf(b, 'less-trusted'));
    }
  }
  return { words: [...acc.slice(0, i0), ...kept, ...next.slice(j1)], dropped };
}

function prepare(windows: readonly WindowTranscript[], options: MergeOptions): { ws: WindowTranscript[]; timing: MergeResult['timing'] } {
  const decoded = (options.useTiming ?? true) && windows.every((w) => allTimed(w.words));
  if (decoded) return { ws: [...windows], timing: 'decoded' };
  return { ws: windows.map((w) => withEstimatedTimes(withoutTimes(w))), timing: 'estimated' };
}

/** Words the previous window is expected to have in its overlap with window `k` (at its own word rate). */
function expectedOverlapWords(ws: readonly WindowTranscript[], k: number): number {
  const left = ws[k - 1];
  const right = ws[k];
  if (left === undefined || right === undefined) return 0;
  const overlap = Math.max(0, left.endSec - right.startSec);
  return (overlap * left.words.length) / Math.max(1e-9, left.endSec - left.startSec);
}

/**
 * Creates the `timed` merge (the default).
 * @example
 * const merged = createTimedMerge({ edgeRampSec: 1.5 }).merge(windows);
 */
export function createTimedMerge(options: TimedMergeOptions = {}): MergeAlgorithm {
  const o: Resolved = { ...DEFAULT_TIMED_MERGE, ...options };
  return {
    name: 'timed',
    merge(windows: readonly WindowTranscript[], mergeOptions: MergeOptions = {}): MergeResult {
      validateWindows(windows);
      const { ws, timing } = prepare(windows, mergeOptions);
      const last = ws.length - 1;
      const places: WindowPlace[] = ws.map((window, i) => ({ window, cutStart: i > 0, cutEnd: i < last }));
      const leaked: DroppedWord[] = [];
      const wordsOf = (k: number): MergedWord[] => {
        const all = (ws[k]?.words ?? []).map((w, wordIndex) => ({ ...w, windowIndex: k, wordIndex }));
        leaked.push(...all.filter((w) => isSpecialTokenText(w.text)).map((w) => dropOf(w, 'special-token')));
        return all.filter((w) => !isSpecialTokenText(w.text));
      };
      let acc = wordsOf(0);
      const joins: JoinReport[] = [];
      for (let k = 1; k <= last; k++) {
        const right = places[k] as WindowPlace;
        const left = places[k - 1] as WindowPlace;
        let next = wordsOf(k);
        const dropped: DroppedWord[] = leaked.splice(0);
        if (timing === 'decoded') {
          const head = cleanWindowHead(next, acc, right.window.startSec, o);
          next = head.words;
          dropped.push(...head.dropped);
        }
        const maxShift = timing === 'decoded' ? o.maxShiftSec : o.maxShiftSecEstimated;
        const byText = timing !== 'decoded' && o.textAlignWithoutTimes ? joinByText(acc, next, expectedOverlapWords(ws, k), o.textJoin) : undefined;
        const joined = byText ?? join({ acc, next, left, right, places, maxShift }, o);
        acc = joined.words;
        dropped.push(...joined.dropped);
        joins.push({ leftIndex: k - 1, overlapStartSec: right.window.startSec, overlapEndSec: left.window.endSec, dropped });
      }
      const words = timing === 'decoded' ? monotoneTimes(acc) : acc.map(({ startSec: _s, endSec: _e, ...w }) => w);
      return { words, text: joinWords(words), joins, timing };
    },
  };
}
