/**
 * Hand-built transcripts for the writer goldens. They exercise: ties in millisecond rounding (1.0805 s -> 1080 ms,
 * 1.1875 s -> 1188 ms), a cue past one hour (VTT hours), `-->` and tabs inside text, non-ASCII text, leading and
 * trailing spaces, a long pause (> 3 s) between words, and segments of one and of many words.
 */
import type { Segment, Token, Transcript, Word } from '../../core/types.js';

function tokens(ids: readonly number[]): Token[] {
  return ids.map((id, i) => ({ id, text: `t${id}`, logprob: -0.125 * (i + 1) }));
}

interface SegmentSpec {
  readonly startSec: number;
  readonly endSec: number;
  readonly text: string;
  readonly words: readonly Word[];
}

function word(text: string, startSec: number, endSec: number, confidence: number): Word {
  return { text, startSec, endSec, confidence, probability: 1 - (1 - confidence) / 2, timing: 'dtw' };
}

const SPECS: readonly SegmentSpec[] = [
  {
    startSec: 0.0125,
    endSec: 1.0805,
    text: ' And so, my fellow Americans,',
    words: [
      word(' And', 0.0125, 0.25, 0.9),
      word(' so,', 0.25, 0.5, 0.875),
      word(' my', 0.5, 0.625, 0.75),
      word(' fellow', 0.625, 0.875, 0.5),
      word(' Americans,', 0.875, 1.0805, 0.625),
    ],
  },
  {
    startSec: 1.1875,
    endSec: 4.2345,
    text: ' ask not what your country can do for you -->\tnow ',
    words: [
      word(' ask', 1.1875, 1.375, 0.95),
      word(' not', 1.375, 1.5, 0.5),
      word(' what', 1.5, 1.75, 0.25),
      word(' your', 1.75, 2, 0.125),
      word(' country', 2, 2.5, 0.5),
      word(' can', 2.5, 2.75, 0.5),
      word(' do', 2.75, 3, 0.5),
      word(' for', 3, 3.25, 0.5),
      word(' you', 3.25, 3.5, 0.5),
      word(' -->\tnow', 3.5, 4.2345, 0.5),
    ],
  },
  {
    startSec: 9.5,
    endSec: 12,
    text: ' Café, naïve 東京 — ok.',
    words: [word(' Café,', 9.5, 10, 0.5), word(' naïve', 10, 10.75, 0.5), word(' 東京', 10.75, 11.5, 0.5), word(' — ok.', 11.5, 12, 0.5)],
  },
  {
    startSec: 3661.5,
    endSec: 3663.0625,
    text: ' One hour later.',
    words: [word(' One', 3661.5, 3662, 0.5), word(' hour', 3662, 3662.5, 0.5), word(' later.', 3662.5, 3663.0625, 0.5)],
  },
];

function segment(spec: SegmentSpec, id: number, withWords: boolean): Segment {
  const ids = [50364 + id, 440 + id, 2539, 50414 + id];
  const base: Segment = {
    id,
    seek: id === 3 ? 366_000 : id * 100,
    startSec: spec.startSec,
    endSec: spec.endSec,
    text: spec.text,
    tokenIds: ids,
    tokens: tokens(ids.slice(1, -1)),
    temperature: id === 2 ? 0.2 : 0,
    avgLogprob: -0.25 - id / 8,
    compressionRatio: 1.5 + id / 4,
    noSpeechProb: id / 16,
  };
  return withWords ? { ...base, words: spec.words } : base;
}

/** The fixture transcript, with or without word timings. */
export function fixtureTranscript(withWords: boolean): Transcript {
  const segments = SPECS.map((spec, i) => segment(spec, i, withWords));
  return {
    text: SPECS.map((s) => s.text).join(''),
    language: 'en',
    durationSec: 3665.5,
    segments,
  };
}
