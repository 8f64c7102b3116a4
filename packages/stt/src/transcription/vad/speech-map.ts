/**
 * Transcribing only the speech: faster-whisper's `collect_chunks` (speech regions cut out and concatenated, packed
 * into chunks of at most `maxSamples`), and `SpeechTimestampsMap` + `restore_speech_timestamps` (a time on the
 * concatenated speech mapped back to the original timeline by adding the silence removed before its region).
 * Times are rounded to 2 decimals, as faster-whisper's map does.
 */
import type { Segment, Token, Word } from '../../core/types.js';
import type { SampleRegion } from '../../vad/index.js';

/** One packed chunk: its audio and where its regions came from. */
export interface SpeechChunk {
  readonly samples: Float32Array;
  /** Start of the chunk on the concatenated-speech timeline, in samples. */
  readonly offset: number;
  /** The original regions in the chunk, in order. */
  readonly regions: readonly SampleRegion[];
}

/**
 * Packs `regions` of `audio` into chunks of at most `maxSamples` (a region longer than that gets a chunk of its own),
 * as faster-whisper's `collect_chunks`. No regions: no chunks (faster-whisper returns one empty chunk; here nothing
 * is decoded either way).
 */
export function collectChunks(audio: Float32Array, regions: readonly SampleRegion[], maxSamples = Number.POSITIVE_INFINITY): SpeechChunk[] {
  const out: SpeechChunk[] = [];
  let current: SampleRegion[] = [];
  let length = 0;
  let offset = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    const samples = new Float32Array(length);
    let at = 0;
    for (const r of current) {
      samples.set(audio.subarray(r.start, r.end), at);
      at += r.end - r.start;
    }
    out.push({ samples, offset, regions: current });
    offset += length;
    current = [];
    length = 0;
  };
  for (const r of regions) {
    if (length + (r.end - r.start) > maxSamples) flush();
    current.push(r);
    length += r.end - r.start;
  }
  flush();
  return out;
}

/** Maps times on the concatenated speech back to the original audio (faster-whisper's `SpeechTimestampsMap`). */
export class SpeechTimestampsMap {
  /** End of each region on the concatenated timeline, in samples. */
  private readonly chunkEndSample: number[] = [];
  /** Seconds of silence removed before each region. */
  private readonly silenceBefore: number[] = [];

  constructor(
    regions: readonly SampleRegion[],
    private readonly sampleRate: number,
    private readonly precision = 2,
  ) {
    let previousEnd = 0;
    let silent = 0;
    for (const r of regions) {
      silent += r.start - previousEnd;
      previousEnd = r.end;
      this.chunkEndSample.push(r.end - silent);
      this.silenceBefore.push(silent / sampleRate);
    }
  }

  /** Index of the region holding concatenated time `sec` (an end exactly at a region end stays in it). */
  chunkIndex(sec: number, isEnd = false): number {
    const sample = Math.trunc(sec * this.sampleRate);
    if (isEnd) {
      const exact = this.chunkEndSample.indexOf(sample);
      if (exact >= 0) return exact;
    }
    let lo = 0;
    let hi = this.chunkEndSample.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.chunkEndSample[mid] as number) <= sample) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, this.chunkEndSample.length - 1);
  }

  /** Original time of concatenated time `sec`, in region `index` (default: the region holding it). */
  originalTime(sec: number, index?: number, isEnd = false): number {
    const i = index ?? this.chunkIndex(sec, isEnd);
    const scale = 10 ** this.precision;
    return Math.round(((this.silenceBefore[i] as number) + sec) * scale) / scale;
  }
}

function mapToken(t: Token, map: SpeechTimestampsMap): Token {
  if (t.startSec === undefined || t.endSec === undefined) return t;
  const i = map.chunkIndex((t.startSec + t.endSec) / 2);
  return { ...t, startSec: map.originalTime(t.startSec, i), endSec: map.originalTime(t.endSec, i) };
}

/**
 * Segments on the concatenated timeline -> the original one (faster-whisper's `restore_speech_timestamps`): with
 * words, each word is mapped within the region of its middle and the segment spans its words; otherwise start and
 * end are mapped on their own (an end at a region's end stays in that region). Timed tokens follow their words' rule.
 */
export function restoreSegmentTimes(segments: readonly Segment[], map: SpeechTimestampsMap): Segment[] {
  return segments.map((s) => {
    const tokens = s.tokens.map((t) => mapToken(t, map));
    if (s.words !== undefined && s.words.length > 0) {
      const words: Word[] = s.words.map((w) => {
        const i = map.chunkIndex((w.startSec + w.endSec) / 2);
        return { ...w, startSec: map.originalTime(w.startSec, i), endSec: map.originalTime(w.endSec, i) };
      });
      return { ...s, tokens, words, startSec: (words[0] as Word).startSec, endSec: (words[words.length - 1] as Word).endSec };
    }
    return { ...s, tokens, startSec: map.originalTime(s.startSec), endSec: map.originalTime(s.endSec, undefined, true) };
  });
}
