/**
 * Word helpers shared by the merge algorithms and the cleanup: comparison keys, text assembly, timing checks,
 * and building words from decoder tokens.
 */
import type { Token } from '../core/types.js';
import type { MergedWord, StitchWord, WindowTranscript } from './types.js';

const NON_WORD_CHARS = /[^\p{L}\p{N}']+/gu;
const TRAILING_BREAK = /[,.;:?!]["')\]]*$/;

/**
 * The key two words are compared by: lower case, punctuation removed ("Text." and "text" are equal).
 * A word made only of punctuation keeps its characters ("!"), so it still differs from an empty word.
 */
export function wordKey(text: string): string {
  const key = text.toLowerCase().replace(NON_WORD_CHARS, '');
  return key.length > 0 ? key : text.trim();
}

/** True when the word ends with punctuation that marks a pause or sentence end ("will,", "mean?"). */
export function endsWithBreak(text: string): boolean {
  return TRAILING_BREAK.test(text);
}

const SPECIAL_TOKEN_TEXT = /^<\|[^|]*\|>$/;

/** True for the text of a special token (`<|endoftext|>`, `<|0.00|>`), which is never speech. */
export function isSpecialTokenText(text: string): boolean {
  return SPECIAL_TOKEN_TEXT.test(text.trim());
}

/** Joins words with single spaces, so words from different windows are never glued ("all" + "go" stays "all go"). */
export function joinWords(words: readonly { readonly text: string }[]): string {
  return words
    .map((w) => w.text.trim())
    .filter((t) => t.length > 0)
    .join(' ');
}

/** True when every word has finite `startSec <= endSec`. */
export function allTimed(words: readonly StitchWord[]): boolean {
  return words.every(
    (w) =>
      w.startSec !== undefined &&
      w.endSec !== undefined &&
      Number.isFinite(w.startSec) &&
      Number.isFinite(w.endSec) &&
      w.endSec >= w.startSec,
  );
}

/** Word centre time in seconds; the word must be timed. */
export function centerSec(w: StitchWord): number {
  return ((w.startSec ?? 0) + (w.endSec ?? w.startSec ?? 0)) / 2;
}

/**
 * Gives every word of an untimed window a time by spreading the words evenly over the window's audio
 * (the best guess without timestamps: constant speaking rate). Timed windows are returned unchanged.
 */
export function withEstimatedTimes(window: WindowTranscript): WindowTranscript {
  const n = window.words.length;
  if (n === 0) return window;
  const span = window.endSec - window.startSec;
  const words = window.words.map((w, i) => ({
    ...w,
    startSec: window.startSec + (span * i) / n,
    endSec: window.startSec + (span * (i + 1)) / n,
  }));
  return { ...window, words };
}

/** Removes the times of every word (used when a merge is asked to ignore timing). */
export function withoutTimes(window: WindowTranscript): WindowTranscript {
  return { ...window, words: window.words.map(({ startSec: _s, endSec: _e, ...rest }) => rest) };
}

/**
 * Makes output times non-decreasing: each start is at least the previous start, each end at least its start.
 * Copies kept from different windows can disagree by the timestamp jitter; this keeps the order readable.
 */
export function monotoneTimes(words: readonly MergedWord[]): MergedWord[] {
  let lastStart = Number.NEGATIVE_INFINITY;
  return words.map((w) => {
    if (w.startSec === undefined) return w;
    const startSec = Math.max(w.startSec, lastStart);
    const endSec = Math.max(w.endSec ?? startSec, startSec);
    lastStart = startSec;
    return { ...w, startSec, endSec };
  });
}

/**
 * Groups Whisper text tokens into words: a token whose text starts with whitespace begins a new word; other tokens
 * (sub-word pieces, apostrophes, punctuation) attach to the current word. Times span the word's tokens; confidence is
 * the lowest token confidence (or `exp(logprob)` when a token has no confidence).
 * @example
 * wordsFromTokens([{ id: 1, text: ' I', logprob: 0 }, { id: 2, text: "'m", logprob: 0 }]) // [{ text: "I'm", ... }]
 */
export function wordsFromTokens(tokens: readonly Token[], offsetSec = 0): StitchWord[] {
  const groups: Token[][] = [];
  for (const t of tokens) {
    const current = groups[groups.length - 1];
    if (current === undefined || /^\s/.test(t.text)) groups.push([t]);
    else current.push(t);
  }
  const words: StitchWord[] = [];
  for (const g of groups) {
    const text = g.map((t) => t.text).join('').trim();
    if (text.length === 0) continue;
    const first = g[0];
    const last = g[g.length - 1];
    const confidence = Math.min(...g.map((t) => t.confidence ?? Math.exp(t.logprob)));
    words.push({
      text,
      tokenIds: g.map((t) => t.id),
      confidence,
      ...(first?.startSec === undefined ? {} : { startSec: first.startSec + offsetSec }),
      ...(last?.endSec === undefined ? {} : { endSec: last.endSec + offsetSec }),
    });
  }
  return words;
}
