/** Glue between a window's decode and its word timing: `TimedSegment`s in, library `Word`s out. */
import type { AlignedWord, TimedSegment, WordAligner } from '../alignment/index.js';
import { InvalidOptionError } from '../core/errors.js';
import type { Word } from '../core/types.js';
import type { TranscriptionContext } from './strategy.js';
import type { DecodingTokenizer, WindowResult } from '../decoding/index.js';
import type { WindowSegment } from './window-segments.js';

/** OpenAI `tokenizer.sot_sequence`: `<|startoftranscript|>`, then language and task on multilingual models. */
export function sotSequence(tokenizer: DecodingTokenizer, language: string, task: 'transcribe' | 'translate'): number[] {
  if (!tokenizer.isMultilingual) return [tokenizer.sot];
  const lang = tokenizer.languages.find((l) => l.code === language);
  return [tokenizer.sot, ...(lang === undefined ? [] : [lang.id]), task === 'translate' ? tokenizer.translate : tokenizer.transcribe];
}

/** The window's segments as OpenAI's `current_segments` dicts (times and tokens, no words yet). */
export function timedSegments(seek: number, ranges: readonly WindowSegment[], result: WindowResult): TimedSegment[] {
  return ranges.map((r) => ({ seek, start: r.startSec, end: r.endSec, tokens: result.tokens.slice(r.tokenStart, r.tokenEnd), words: [] }));
}

/** Entropy confidence of each text token of `ranges`, in order (the order the aligner consumes them). */
export function textConfidences(ranges: readonly WindowSegment[], result: WindowResult, eot: number): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    for (let i = r.tokenStart; i < r.tokenEnd; i++) {
      if ((result.tokens[i] as number) < eot) out.push(result.steps[i]?.confidence ?? 0);
    }
  }
  return out;
}

/**
 * Library words of each timed segment: DTW times, OpenAI's probability, and the minimum entropy confidence of
 * the word's tokens (consumed in order from `confidences`).
 */
export function toLibraryWords(segments: readonly TimedSegment[], confidences: readonly number[]): Word[][] {
  let cursor = 0;
  return segments.map((s) =>
    s.words.map((w: AlignedWord) => {
      let confidence = 1;
      for (let k = 0; k < w.tokens.length; k++) confidence = Math.min(confidence, confidences[cursor + k] ?? 1);
      cursor += w.tokens.length;
      return { text: w.word, startSec: w.start, endSec: w.end, probability: w.probability, confidence, timing: 'dtw' as const };
    }),
  );
}

/** The context's word aligner for `wordTimestamps: true`, checked before any decoding (typed errors naming the fix). */
export function requireWordAligner(ctx: TranscriptionContext): WordAligner {
  if (ctx.words === undefined) {
    throw new InvalidOptionError('INVALID_OPTION', 'option wordTimestamps: this transcription context has no word aligner', {
      hint: 'Create the transcriber with createTranscriber() (it adds one), or pass ctx.words = createWordAligner(...).',
      details: { option: 'wordTimestamps' },
    });
  }
  ctx.words.assertAvailable();
  return ctx.words;
}
