/**
 * A scripted world for testing the streaming policy without a model: a word timeline, an engine that "hears"
 * the timeline words lying inside the buffer and garbles those in its last `garbleSec` (differently on every
 * call, so a garbled word can never be agreed on), and a voice detector that knows where the words are.
 */
import { SAMPLE_RATE } from '../../core/constants.js';
import type { FrameVad } from '../../vad/index.js';
import type { EngineRequest, Hypothesis, StreamEngine, StreamWord } from '../types.js';

export interface TimelineWord {
  readonly text: string;
  readonly startSec: number;
  readonly endSec: number;
  /** The engine ends a segment after this word. */
  readonly segmentEnd: boolean;
}

export interface Timeline {
  readonly words: readonly TimelineWord[];
  readonly durationSec: number;
}

/** Includes repeats ("the the") on purpose: a real repetition must survive deduplication. */
const VOCABULARY = ['the', 'a', 'cat', 'sat', 'on', 'mat', 'and', 'then', 'it', 'ran', 'away', 'over', 'hill', 'quickly', 'Stop.', 'go,', "don't", 'never', 'again', 'yes'];

/** xorshift32 in [0, 1). */
function prng(seed: number): () => number {
  let s = (seed >>> 0) || 0x9e3779b9;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

/**
 * A random timeline: `nWords` words of 0.15–0.6 s, mostly 0–0.25 s apart with a pause of 0.6–3 s now and then,
 * segments of 2–8 words, 0–2 s of silence before and `tailSec` after.
 */
export function makeTimeline(seed: number, nWords: number, tailSec = 1): Timeline {
  const rand = prng(seed);
  const words: TimelineWord[] = [];
  let t = rand() * 2;
  let untilSegmentEnd = 2 + Math.floor(rand() * 7);
  for (let i = 0; i < nWords; i++) {
    const text = VOCABULARY[Math.floor(rand() * VOCABULARY.length)] as string;
    const dur = 0.15 + rand() * 0.45;
    const startSec = Math.round(t * 1000) / 1000;
    const endSec = Math.round((t + dur) * 1000) / 1000;
    untilSegmentEnd--;
    const segmentEnd = untilSegmentEnd === 0 || i === nWords - 1;
    if (segmentEnd) untilSegmentEnd = 2 + Math.floor(rand() * 7);
    words.push({ text, startSec, endSec, segmentEnd });
    t = endSec + (rand() < 0.12 ? 0.6 + rand() * 2.4 : rand() * 0.25);
  }
  const last = words[words.length - 1];
  return { words, durationSec: (last?.endSec ?? t) + tailSec };
}

/** One engine call as the scripted engine saw it. */
export interface ScriptedCall {
  readonly offsetSec: number;
  readonly endSec: number;
  readonly prompt: string;
}

export class ScriptedEngine implements StreamEngine {
  readonly calls: ScriptedCall[] = [];

  constructor(private readonly timeline: Timeline, private readonly garbleSec = 0.5) {}

  transcribe(request: EngineRequest): Promise<Hypothesis> {
    const call = this.calls.length;
    const endSec = request.offsetSec + request.audio.length / SAMPLE_RATE;
    this.calls.push({ offsetSec: request.offsetSec, endSec, prompt: request.prompt });
    const words: StreamWord[] = [];
    const segmentEnds: number[] = [];
    for (const w of this.timeline.words) {
      // A word cut by the buffer start is not heard at all: losing it would show in the committed words.
      if (w.startSec < request.offsetSec - 1e-9 || w.startSec >= endSec) continue;
      const clear = w.endSec <= endSec - this.garbleSec + 1e-9;
      words.push({ text: clear ? w.text : `${w.text}~garbled${call}`, startSec: w.startSec, endSec: Math.min(w.endSec, endSec), timing: 'estimated' });
      if (clear && w.segmentEnd) segmentEnds.push(w.endSec);
    }
    const last = words[words.length - 1];
    if (last !== undefined && segmentEnds[segmentEnds.length - 1] !== last.endSec) segmentEnds.push(last.endSec);
    return Promise.resolve({ words, segmentEnds });
  }
}

/** A `FrameVad` that knows the timeline: probability 1 for a frame that overlaps a word, else 0. */
export class ScriptedVad implements FrameVad {
  readonly sampleRate = SAMPLE_RATE;
  readonly frameSamples = 512;
  private frame = 0;

  constructor(private readonly timeline: Timeline) {}

  probability(): Promise<number> {
    const a = (this.frame * this.frameSamples) / SAMPLE_RATE;
    const b = ((this.frame + 1) * this.frameSamples) / SAMPLE_RATE;
    this.frame++;
    return Promise.resolve(this.timeline.words.some((w) => w.startSec < b && w.endSec > a) ? 1 : 0);
  }

  reset(): void {
    this.frame = 0;
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
