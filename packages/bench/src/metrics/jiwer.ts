/**
 * jiwer-shaped functions: `wer(reference, hypothesis)` and friends, **reference first**, as in jiwer
 * (`jiwer.wer(reference, hypothesis)`), for people porting Python evaluation code.
 *
 * NOTE the argument order: `compare(hypothesis, reference)` (the bench's full metrics record, bench requirements
 * §1: "the computed transcript and the reference") takes the hypothesis FIRST, the opposite of jiwer. It is kept,
 * not swapped: both arguments are plain strings, so swapping the order would silently turn every existing caller's
 * WER into a different number (WER is not symmetric) with no type error to catch it. These functions are the
 * jiwer-compatible entry points instead.
 *
 * Like jiwer's `wer_default` transform, the default here does no normalisation (`none`: whitespace split only, case
 * and punctuation count); pass `{ normalizer: 'whisper-english' }` (or any name) to normalise first. A list of
 * sentences is pooled as jiwer pools it (total errors / total reference words).
 */
import { InvalidOptionError } from '@cephalon/stt';
import { compareCorpus, type CorpusComparison } from './corpus.js';
import type { CompareOptions } from './compare.js';

/** One text or a list of sentences (same length on both sides). */
export type TextOrSentences = string | readonly string[];

export type JiwerOptions = Omit<CompareOptions, 'alignment'>;

function pairsOf(reference: TextOrSentences, hypothesis: TextOrSentences): { reference: string; hypothesis: string }[] {
  const refs = typeof reference === 'string' ? [reference] : reference;
  const hyps = typeof hypothesis === 'string' ? [hypothesis] : hypothesis;
  if (refs.length !== hyps.length) {
    throw new InvalidOptionError('sentence_count_mismatch', `${refs.length} reference sentence(s) but ${hyps.length} hypothesis sentence(s)`, {
      hint: 'Give as many hypothesis sentences as reference sentences (jiwer requires the same).',
      details: { references: refs.length, hypotheses: hyps.length },
    });
  }
  return refs.map((r, i) => ({ reference: r, hypothesis: hyps[i] as string }));
}

/**
 * jiwer's `process_words`: every measure and count of the pooled alignment (reference first).
 * @example processWords('the cat sat', 'the cat sit').words.substitutions // 1
 */
export function processWords(reference: TextOrSentences, hypothesis: TextOrSentences, options: JiwerOptions & { readonly alignment?: boolean } = {}): CorpusComparison {
  return compareCorpus(pairsOf(reference, hypothesis), { normalizer: 'none', ...options });
}

/**
 * Word error rate, jiwer-shaped: reference first.
 * @example wer('hello world', 'hello word') // 0.5
 */
export function wer(reference: TextOrSentences, hypothesis: TextOrSentences, options: JiwerOptions = {}): number {
  return processWords(reference, hypothesis, options).words.wer;
}

/** Match error rate (reference first). */
export function mer(reference: TextOrSentences, hypothesis: TextOrSentences, options: JiwerOptions = {}): number {
  return processWords(reference, hypothesis, options).words.mer;
}

/** Word information lost (reference first). */
export function wil(reference: TextOrSentences, hypothesis: TextOrSentences, options: JiwerOptions = {}): number {
  return processWords(reference, hypothesis, options).words.wil;
}

/** Word information preserved (reference first). */
export function wip(reference: TextOrSentences, hypothesis: TextOrSentences, options: JiwerOptions = {}): number {
  return processWords(reference, hypothesis, options).words.wip;
}

/** Character error rate (reference first; spaces count, as in jiwer). */
export function cer(reference: TextOrSentences, hypothesis: TextOrSentences, options: JiwerOptions = {}): number {
  return processWords(reference, hypothesis, options).chars.cer;
}
