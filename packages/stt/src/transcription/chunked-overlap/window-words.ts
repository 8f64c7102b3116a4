/**
 * Words of one decoded window, with window-relative times: within each timestamp segment the text tokens share
 * the segment's time span in proportion to their characters (Whisper gives segment times, not word times).
 * Without timestamps the words carry no times.
 */
import type { TimedSegment } from '../../alignment/index.js';
import type { Token } from '../../core/types.js';
import type { DecodingTokenizer, WindowResult } from '../../decoding/index.js';
import { wordsFromTokens, type StitchWord } from '../../stitching/index.js';
import { framesToSec, splitWindow } from '../window-segments.js';

/** A window's words and, aligned with them, each word's tokens (for building segments later). */
export interface WindowWords {
  readonly words: readonly StitchWord[];
  readonly tokens: readonly (readonly Token[])[];
  /** OpenAI's word probability from the alignment pass, when the window was aligned. */
  readonly probabilities?: readonly number[];
}

function textTokens(result: WindowResult, from: number, to: number, tokenizer: DecodingTokenizer): Token[] {
  const out: Token[] = [];
  for (let i = from; i < to; i++) {
    const id = result.tokens[i] as number;
    const step = result.steps[i];
    if (id >= tokenizer.eot || step === undefined) continue;
    out.push({ id, text: tokenizer.decode([id]), logprob: step.logprob, confidence: step.confidence, margin: step.margin });
  }
  return out;
}

/** Spreads `[startSec, endSec]` over `tokens` by character count. */
function timeTokens(tokens: readonly Token[], startSec: number, endSec: number): Token[] {
  const total = tokens.reduce((s, t) => s + Math.max(1, t.text.trim().length), 0);
  let done = 0;
  return tokens.map((t) => {
    const a = startSec + ((endSec - startSec) * done) / total;
    done += Math.max(1, t.text.trim().length);
    return { ...t, startSec: a, endSec: startSec + ((endSec - startSec) * done) / total };
  });
}

/** Groups tokens into words and keeps each word's tokens next to it. */
function group(tokens: readonly Token[]): WindowWords {
  const words = wordsFromTokens(tokens);
  const perWord: Token[][] = [];
  let k = 0;
  for (const w of words) {
    const n = w.tokenIds?.length ?? 0;
    // wordsFromTokens skips whitespace-only tokens; advance past them so ids line up.
    while (k < tokens.length && tokens[k]?.id !== w.tokenIds?.[0]) k++;
    perWord.push(tokens.slice(k, k + n));
    k += n;
  }
  return { words, tokens: perWord };
}

/**
 * The words of `result` (a window of `segmentFrames` mel frames); times relative to the window start when the
 * window was decoded with timestamps.
 */
export function windowWords(result: WindowResult, tokenizer: DecodingTokenizer, segmentFrames: number, timed: boolean): WindowWords {
  if (!timed) return group(textTokens(result, 0, result.tokens.length, tokenizer));
  const split = splitWindow(result.tokens, tokenizer.timestampBegin, 0, segmentFrames);
  const tokens = split.segments.flatMap((s) => timeTokens(textTokens(result, s.tokenStart, s.tokenEnd, tokenizer), s.startSec, s.endSec));
  return group(tokens);
}

/**
 * The words of a window whose segments were timed by cross-attention alignment (`timed`, absolute times from
 * `addWordTimestamps`), made relative to the window start `seek`. Each word keeps its tokens in order.
 */
export function alignedWindowWords(result: WindowResult, tokenizer: DecodingTokenizer, seek: number, timed: readonly TimedSegment[], segmentFrames: number): WindowWords {
  const split = splitWindow(result.tokens, tokenizer.timestampBegin, 0, segmentFrames);
  const tokens = split.segments.flatMap((s) => textTokens(result, s.tokenStart, s.tokenEnd, tokenizer));
  const offset = framesToSec(seek);
  const words: StitchWord[] = [];
  const perWord: Token[][] = [];
  const probabilities: number[] = [];
  let k = 0;
  for (const w of timed.flatMap((s) => s.words)) {
    const own = tokens.slice(k, k + w.tokens.length);
    k += w.tokens.length;
    const text = w.word.trim();
    if (text.length === 0) continue;
    words.push({
      text,
      tokenIds: [...w.tokens],
      confidence: Math.min(...own.map((t) => t.confidence ?? Math.exp(t.logprob))),
      startSec: w.start - offset,
      endSec: w.end - offset,
    });
    perWord.push(own);
    probabilities.push(w.probability);
  }
  return { words, tokens: perWord, probabilities };
}
