/**
 * OpenAI's `add_word_timestamps` (whisper/timing.py): aligns the text tokens of one window's segments, clips words
 * that run too long at sentence and segment boundaries, merges punctuation, and moves segment bounds to the words.
 * Ported step by step (same float arithmetic, same order) because `transcribe()`'s seek depends on the result.
 */
import { pythonRound } from './python-round.js';
import { mergePunctuations, type WordTiming } from './word-timing.js';

/** A word as `transcribe()` reports it: absolute times rounded to 0.01 s. `tokens` is an addition. */
export interface AlignedWord {
  word: string;
  start: number;
  end: number;
  probability: number;
  tokens: readonly number[];
}

/** One segment of the window being timed; `start`, `end` and `words` are updated in place. */
export interface TimedSegment {
  /** Mel frame of the window (OpenAI `seek`). */
  readonly seek: number;
  start: number;
  end: number;
  /** Segment tokens, timestamps included. */
  readonly tokens: readonly number[];
  words: AlignedWord[];
}

export interface AddWordTimestampsOptions {
  readonly eot: number;
  readonly prependPunctuations: string;
  readonly appendPunctuations: string;
  /** End of the last word before this window (seconds). */
  readonly lastSpeechTimestamp: number;
  /** Seconds per mel frame (OpenAI `HOP_LENGTH / SAMPLE_RATE`), for the window offset. */
  readonly secondsPerFrame: (frames: number) => number;
}

const SENTENCE_END_MARKS = '.。!！?？';

/** numpy `median` of a non-empty list. */
function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * @param align OpenAI `find_alignment` for the window's text tokens (window-relative times)
 */
export async function addWordTimestamps(
  segments: TimedSegment[],
  align: (textTokens: readonly number[]) => Promise<WordTiming[]>,
  options: AddWordTimestampsOptions,
): Promise<void> {
  if (segments.length === 0) return;
  const textPerSegment = segments.map((s) => s.tokens.filter((t) => t < options.eot));
  const alignment = await align(textPerSegment.flat());
  const durations = alignment.map((t) => t.end - t.start).filter((d) => d !== 0);
  const medianDuration = Math.min(0.7, durations.length > 0 ? median(durations) : 0);
  const maxDuration = medianDuration * 2;

  // Truncate long words at sentence boundaries.
  if (durations.length > 0) {
    for (let i = 1; i < alignment.length; i++) {
      const t = alignment[i] as WordTiming;
      if (t.end - t.start > maxDuration) {
        if (SENTENCE_END_MARKS.includes(t.word)) t.end = t.start + maxDuration;
        else if (SENTENCE_END_MARKS.includes((alignment[i - 1] as WordTiming).word)) t.start = t.end - maxDuration;
      }
    }
  }
  mergePunctuations(alignment, options.prependPunctuations, options.appendPunctuations);

  const timeOffset = options.secondsPerFrame((segments[0] as TimedSegment).seek);
  let lastSpeech = options.lastSpeechTimestamp;
  let wordIndex = 0;
  segments.forEach((segment, s) => {
    const textTokens = textPerSegment[s] as number[];
    let savedTokens = 0;
    const words: AlignedWord[] = [];
    while (wordIndex < alignment.length && savedTokens < textTokens.length) {
      const timing = alignment[wordIndex] as WordTiming;
      if (timing.word !== '') {
        words.push({
          word: timing.word,
          start: pythonRound(timeOffset + timing.start, 2),
          end: pythonRound(timeOffset + timing.end, 2),
          probability: timing.probability,
          tokens: timing.tokens,
        });
      }
      savedTokens += timing.tokens.length;
      wordIndex++;
    }
    if (words.length > 0) clipAtSegmentBounds(segment, words, lastSpeech, medianDuration, maxDuration);
    if (words.length > 0) lastSpeech = segment.end;
    segment.words = words;
  });
}

/** The segment-boundary part of `add_word_timestamps`: first word after a pause, then the segment's own bounds. */
function clipAtSegmentBounds(segment: TimedSegment, words: AlignedWord[], lastSpeech: number, medianDuration: number, maxDuration: number): void {
  const first = words[0] as AlignedWord;
  const second = words[1];
  if (
    first.end - lastSpeech > medianDuration * 4 &&
    (first.end - first.start > maxDuration || (second !== undefined && second.end - first.start > maxDuration * 2))
  ) {
    if (second !== undefined && second.end - second.start > maxDuration) {
      const boundary = Math.max(second.end / 2, second.end - maxDuration);
      first.end = second.start = boundary;
    }
    first.start = Math.max(0, first.end - maxDuration);
  }
  if (segment.start < first.end && segment.start - 0.5 > first.start) {
    first.start = Math.max(0, Math.min(first.end - medianDuration, segment.start));
  } else {
    segment.start = first.start;
  }
  const last = words[words.length - 1] as AlignedWord;
  if (segment.end > last.start && segment.end + 0.5 < last.end) {
    last.end = Math.max(last.start + medianDuration, segment.end);
  } else {
    segment.end = last.end;
  }
}
