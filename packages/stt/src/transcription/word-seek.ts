/**
 * The `word_timestamps=True` part of OpenAI's `transcribe()` loop for one window: words for the window's segments,
 * the seek moved to the last word's end, and `hallucination_silence_threshold` (anomalous segments surrounded by
 * silence are dropped and the seek skips the silence before them). Ported in OpenAI's order because every branch
 * moves `seek`.
 */
import { addWordTimestamps, type AlignedWord, type TimedSegment, type WordTiming } from '../alignment/index.js';
import { FRAMES_PER_SECOND } from '../core/constants.js';
import { roundHalfEven } from './seek-clips.js';
import { framesToSec } from './window-segments.js';

/** OpenAI's `punctuation` in `transcribe()`: words that are only these do not count in the anomaly score. */
const PUNCTUATION = '"\'“¿([{-"\'.。,，!！?？:：”)]}、';

/** One window's state when its words are timed. */
export interface WordWindow {
  /** The window's segments (OpenAI `current_segments`), updated in place. */
  readonly segments: TimedSegment[];
  readonly singleTimestampEnding: boolean;
  /** Frame where the window starts (`previous_seek`) and its audio frames (`segment_size`). */
  readonly previousSeek: number;
  readonly segmentFrames: number;
  /** `seek` after the timestamp rules. */
  readonly seek: number;
  readonly contentFrames: number;
  readonly lastSpeechTimestamp: number;
}

export interface WordWindowOptions {
  readonly eot: number;
  readonly prependPunctuations: string;
  readonly appendPunctuations: string;
  readonly hallucinationSilenceThresholdSec: number | null;
}

/** What the loop does next. */
export interface WordWindowOutcome {
  readonly seek: number;
  /** True = OpenAI's `continue`: the window's segments are dropped and nothing else is updated. */
  readonly skipWindow: boolean;
  readonly lastSpeechTimestamp: number;
}

/** OpenAI `get_end`: end of the last word, else of the last segment; `null` without segments. */
export function lastEnd(segments: readonly TimedSegment[]): number | null {
  for (let s = segments.length - 1; s >= 0; s--) {
    const words = (segments[s] as TimedSegment).words;
    if (words.length > 0) return (words[words.length - 1] as AlignedWord).end;
  }
  return segments.length > 0 ? (segments[segments.length - 1] as TimedSegment).end : null;
}

/** OpenAI `word_anomaly_score`: improbable, very short or very long words. */
export function wordAnomalyScore(word: AlignedWord): number {
  const duration = word.end - word.start;
  let score = 0;
  if (word.probability < 0.15) score += 1;
  if (duration < 0.133) score += (0.133 - duration) * 15;
  if (duration > 2.0) score += duration - 2.0;
  return score;
}

/** OpenAI `is_segment_anomaly`: the first 8 non-punctuation words score ≥ 3, or about one per word. */
export function isSegmentAnomaly(segment: TimedSegment | undefined): boolean {
  if (segment === undefined || segment.words.length === 0) return false;
  const words = segment.words.filter((w) => !PUNCTUATION.includes(w.word)).slice(0, 8);
  const score = words.reduce((s, w) => s + wordAnomalyScore(w), 0);
  return score >= 3 || score + 0.01 >= words.length;
}

function nextWordsSegment(segments: readonly TimedSegment[], from: number): TimedSegment | undefined {
  for (let i = from; i < segments.length; i++) if ((segments[i] as TimedSegment).words.length > 0) return segments[i];
  return undefined;
}

/**
 * Runs the word-timestamp steps of one window.
 * @param align OpenAI `find_alignment` on the window's text tokens
 */
export async function timeWindowWords(
  window: WordWindow,
  align: (textTokens: readonly number[]) => Promise<WordTiming[]>,
  options: WordWindowOptions,
): Promise<WordWindowOutcome> {
  const { segments, previousSeek, segmentFrames, contentFrames } = window;
  const timeOffset = framesToSec(previousSeek);
  const windowEndTime = framesToSec(previousSeek + 3000);
  const segmentDuration = framesToSec(segmentFrames);
  const contentDuration = framesToSec(contentFrames);
  let seek = window.seek;
  await addWordTimestamps(segments, align, {
    eot: options.eot,
    prependPunctuations: options.prependPunctuations,
    appendPunctuations: options.appendPunctuations,
    lastSpeechTimestamp: window.lastSpeechTimestamp,
    secondsPerFrame: framesToSec,
  });
  if (!window.singleTimestampEnding) {
    const end = lastEnd(segments);
    if (end !== null && end > timeOffset) seek = roundHalfEven(end * FRAMES_PER_SECOND);
  }
  const threshold = options.hallucinationSilenceThresholdSec;
  if (threshold !== null) {
    if (!window.singleTimestampEnding) {
      const end = lastEnd(segments);
      if (end !== null && end > timeOffset) {
        seek = windowEndTime - end > threshold ? roundHalfEven(end * FRAMES_PER_SECOND) : previousSeek + segmentFrames;
      }
    }
    // A first segment that may be a hallucination: skip the leading silence and decode again from there.
    const first = nextWordsSegment(segments, 0);
    if (first !== undefined && isSegmentAnomaly(first)) {
      const gap = first.start - timeOffset;
      if (gap > threshold) {
        return { seek: previousSeek + roundHalfEven(gap * FRAMES_PER_SECOND), skipWindow: true, lastSpeechTimestamp: window.lastSpeechTimestamp };
      }
    }
    // Skip silence before a possible hallucination surrounded by silence or more hallucinations.
    let halLastEnd = window.lastSpeechTimestamp;
    for (let si = 0; si < segments.length; si++) {
      const segment = segments[si] as TimedSegment;
      if (segment.words.length === 0) continue;
      if (isSegmentAnomaly(segment)) {
        const next = nextWordsSegment(segments, si + 1);
        const halNextStart = next !== undefined ? (next.words[0] as AlignedWord).start : timeOffset + segmentDuration;
        const silenceBefore = segment.start - halLastEnd > threshold || segment.start < threshold || segment.start - timeOffset < 2.0;
        const silenceAfter = halNextStart - segment.end > threshold || isSegmentAnomaly(next) || windowEndTime - segment.end < 2.0;
        if (silenceBefore && silenceAfter) {
          seek = roundHalfEven(Math.max(timeOffset + 1, segment.start) * FRAMES_PER_SECOND);
          if (contentDuration - segment.end < threshold) seek = contentFrames;
          segments.splice(si);
          break;
        }
      }
      halLastEnd = segment.end;
    }
  }
  const end = lastEnd(segments);
  return { seek, skipWindow: false, lastSpeechTimestamp: end ?? window.lastSpeechTimestamp };
}
