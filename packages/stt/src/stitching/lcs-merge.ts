/**
 * The common baseline: the longest-common-sequence merge of Hugging Face transformers(.js) chunked pipelines.
 * For each pair of consecutive windows it slides the new window's units over the end of the transcript so far,
 * scores each offset by `matches / offset + offset / 10000` (needs 2+ matching positions), and cuts both sides at
 * the midpoint of the best-aligned stretch. Units are words compared by exact text (or by token ids when every word
 * has them), as the original compares token ids. Timing is not used.
 */
import type { DroppedWord, JoinReport, MergeAlgorithm, MergedWord, MergeResult, WindowTranscript } from './types.js';
import { validateWindows } from './validate.js';
import { allTimed, joinWords, monotoneTimes } from './words.js';

function unitKey(w: MergedWord): string {
  return w.tokenIds !== undefined ? w.tokenIds.join(',') : w.text;
}

interface Cut {
  readonly leftMid: number;
  readonly rightMid: number;
}

/** Best alignment offset of `right` against the end of `left`, and the midpoint cut of the aligned stretch. */
export function lcsCut(left: readonly string[], right: readonly string[]): Cut {
  const l = left.length;
  const r = right.length;
  let best = 0;
  let span: [number, number, number, number] = [l, l, 0, 0];
  for (let j = 1; j < l + r; j++) {
    const leftStart = Math.max(0, l - j);
    const leftStop = Math.min(l, l + r - j);
    const rightStart = Math.max(0, j - l);
    let matches = 0;
    for (let k = 0; k < leftStop - leftStart; k++) if (left[leftStart + k] === right[rightStart + k]) matches++;
    const score = matches / j + j / 10_000;
    if (matches > 1 && score > best) {
      best = score;
      span = [leftStart, leftStop, rightStart, Math.min(r, j)];
    }
  }
  const [ls, le, rs, re] = span;
  return { leftMid: Math.floor((ls + le) / 2), rightMid: Math.floor((rs + re) / 2) };
}

function asMerged(w: WindowTranscript, windowIndex: number): MergedWord[] {
  return w.words.map((word, wordIndex) => ({ ...word, windowIndex, wordIndex }));
}

function dropped(words: readonly MergedWord[]): DroppedWord[] {
  return words.map((w) => ({
    windowIndex: w.windowIndex,
    wordIndex: w.wordIndex,
    text: w.text,
    reason: 'outside-cut' as const,
    ...(w.startSec === undefined ? {} : { startSec: w.startSec }),
  }));
}

/** Creates the `lcs` baseline merge. */
export function createLcsMerge(): MergeAlgorithm {
  return {
    name: 'lcs',
    merge(windows: readonly WindowTranscript[]): MergeResult {
      validateWindows(windows);
      const out: MergedWord[] = [];
      const joins: JoinReport[] = [];
      let left = windows[0] === undefined ? [] : asMerged(windows[0], 0);
      windows.slice(1).forEach((w, k) => {
        const right = asMerged(w, k + 1);
        const { leftMid, rightMid } = lcsCut(left.map(unitKey), right.map(unitKey));
        out.push(...left.slice(0, leftMid));
        joins.push({
          leftIndex: k,
          overlapStartSec: w.startSec,
          overlapEndSec: windows[k]?.endSec ?? w.startSec,
          dropped: [...dropped(left.slice(leftMid)), ...dropped(right.slice(0, rightMid))],
        });
        left = right.slice(rightMid);
      });
      out.push(...left);
      const timed = windows.every((w) => allTimed(w.words));
      const words = timed ? monotoneTimes(out) : out;
      return { words, text: joinWords(words), joins, timing: timed ? 'decoded' : 'none' };
    },
  };
}
