/**
 * From the DTW path to words (OpenAI's `find_alignment` tail and `merge_punctuations`, whisper/timing.py).
 */
import { pythonStrip } from '../tokenizer/index.js';
import type { DtwPath } from './dtw.js';

/** Audio frames per second of the alignment grid (OpenAI `TOKENS_PER_SECOND`: one per encoder position, 20 ms). */
export const ALIGNMENT_FRAMES_PER_SECOND = 50;

/** OpenAI `transcribe()`'s default `prepend_punctuations`. */
export const DEFAULT_PREPEND_PUNCTUATIONS = '"\'“¿([{-';
/** OpenAI `transcribe()`'s default `append_punctuations`. */
export const DEFAULT_APPEND_PUNCTUATIONS = '"\'.。,，!！?？:：”)]}、';

/** One word of a window, times relative to the window start (OpenAI `WordTiming`). Mutable while the heuristics run. */
export interface WordTiming {
  word: string;
  tokens: number[];
  start: number;
  end: number;
  probability: number;
}

/** A word's text and tokens (what the tokenizer's `splitToWordTokens` returns). */
export interface WordTokens {
  readonly text: string;
  readonly tokens: readonly number[];
}

/**
 * Word timings from a DTW path over `1 + textTokens` rows.
 * @param words the tokenizer's words of `textTokens + [<|endoftext|>]` (the last one is the end-of-text group)
 * @param tokenProbs probability of each text token
 */
export function wordTimingsFromPath(path: DtwPath, words: readonly WordTokens[], tokenProbs: readonly number[]): WordTiming[] {
  if (words.length <= 1) return [];
  const { textIndices, timeIndices } = path;
  // Time at which the path enters each row.
  const jumpTimes: number[] = [];
  for (let k = 0; k < textIndices.length; k++) {
    if (k === 0 || textIndices[k] !== textIndices[k - 1]) jumpTimes.push((timeIndices[k] as number) / ALIGNMENT_FRAMES_PER_SECOND);
  }
  const out: WordTiming[] = [];
  let boundary = 0;
  for (let w = 0; w < words.length - 1; w++) {
    const word = words[w] as WordTokens;
    const next = boundary + word.tokens.length;
    let sum = 0;
    for (let i = boundary; i < next; i++) sum += tokenProbs[i] as number;
    out.push({
      word: word.text,
      tokens: [...word.tokens],
      start: jumpTimes[boundary] as number,
      end: jumpTimes[next] as number,
      probability: sum / (next - boundary),
    });
    boundary = next;
  }
  return out;
}

/**
 * OpenAI's `merge_punctuations`: a prepended mark (a word ` x` with `x` in `prepended`) joins the following word,
 * an appended mark (a word in `appended`, substring test as in Python) joins the previous word; the emptied word
 * keeps its place with no text and no tokens.
 */
export function mergePunctuations(alignment: WordTiming[], prepended: string, appended: string): void {
  let i = alignment.length - 2;
  let j = alignment.length - 1;
  while (i >= 0) {
    const previous = alignment[i] as WordTiming;
    const following = alignment[j] as WordTiming;
    if (previous.word.startsWith(' ') && prepended.includes(pythonStrip(previous.word))) {
      following.word = previous.word + following.word;
      following.tokens = [...previous.tokens, ...following.tokens];
      previous.word = '';
      previous.tokens = [];
    } else {
      j = i;
    }
    i--;
  }
  i = 0;
  j = 1;
  while (j < alignment.length) {
    const previous = alignment[i] as WordTiming;
    const following = alignment[j] as WordTiming;
    if (!previous.word.endsWith(' ') && appended.includes(following.word)) {
      previous.word = previous.word + following.word;
      previous.tokens = [...previous.tokens, ...following.tokens];
      following.word = '';
      following.tokens = [];
    } else {
      i = j;
    }
    j++;
  }
}

/**
 * Probability of each text token from the alignment pass's logits, as OpenAI computes it: softmax over the
 * vocabulary below `<|endoftext|>` at the position before the token.
 * @param logits `[seqLen, vocab]`
 * @param firstRow row of the logits that predicts `textTokens[0]` (the `<|notimestamps|>` position)
 */
export function textTokenProbabilities(logits: Float32Array, vocab: number, firstRow: number, textTokens: readonly number[], eot: number): number[] {
  return textTokens.map((token, k) => {
    const row = logits.subarray((firstRow + k) * vocab, (firstRow + k) * vocab + eot);
    let max = -Infinity;
    for (let v = 0; v < row.length; v++) if ((row[v] as number) > max) max = row[v] as number;
    let sum = 0;
    for (let v = 0; v < row.length; v++) sum += Math.exp((row[v] as number) - max);
    // PyTorch returns float32 probabilities.
    return Math.fround(Math.exp((row[token] as number) - max) / sum);
  });
}
