/**
 * Which 30 s windows the experiment decodes: every source is cut into disjoint blocks (`blockSec`; a short file is
 * one block), each block is one "audio" of the train/validation split, and each block gives windows starting at
 * several offsets inside it (the block's audio from the offset to the block's end, zero-padded to 30 s as OpenAI
 * decodes a single window). Windows of one block share audio, so they always fall on the same side of the split.
 */
import { logMelSpectrogram } from '../../audio/log-mel.js';
import { padOrTrimSamples } from '../../audio/pad-or-trim.js';
import { SAMPLE_RATE } from '../../core/constants.js';

/** A recording: an id and where it can be loaded from again (for evaluation). */
export interface AudioSource {
  readonly id: string;
  readonly path: string;
}

/** One window of one block. */
export interface WindowSpec {
  /** Source id. */
  readonly source: string;
  /** Block id (`source` or `source#k`): the unit of the split. */
  readonly audio: string;
  /** `audio@offsetSec`. */
  readonly window: string;
  readonly startSample: number;
  readonly endSample: number;
}

export interface WindowPlanOptions {
  /** Block length in seconds (a source longer than this is cut). Default 30. */
  readonly blockSec?: number;
  /** Window starts inside each block, in seconds. Default [0, 2.5, 5, 7.5]. */
  readonly offsetsSec?: readonly number[];
  /** Windows with less audio than this after the offset are skipped. Default 1 s. */
  readonly minSec?: number;
}

export const DEFAULT_WINDOW_PLAN = { blockSec: 30, offsetsSec: [0, 2.5, 5, 7.5], minSec: 1 } as const;

/** Plans the windows of one source of `samples` samples. */
export function planWindows(source: string, samples: number, options: WindowPlanOptions = {}): WindowSpec[] {
  const o = { ...DEFAULT_WINDOW_PLAN, ...options };
  if (!(o.blockSec > 0) || o.offsetsSec.some((s) => !(s >= 0))) throw new RangeError('blockSec must be > 0 and offsets >= 0');
  const block = Math.round(o.blockSec * SAMPLE_RATE);
  const nBlocks = Math.max(1, Math.ceil(samples / block));
  const out: WindowSpec[] = [];
  for (let k = 0; k < nBlocks; k++) {
    const audio = nBlocks === 1 ? source : `${source}#${k}`;
    const b0 = k * block;
    const b1 = Math.min(samples, b0 + block);
    for (const off of o.offsetsSec) {
      const start = b0 + Math.round(off * SAMPLE_RATE);
      if (b1 - start < o.minSec * SAMPLE_RATE) continue;
      out.push({ source, audio, window: `${audio}@${off}`, startSample: start, endSample: b1 });
    }
  }
  return out;
}

/** The window's log-mel (`[80, 3000]`), as OpenAI's `decode` on a single padded window. */
export function windowMel(samples: Float32Array, w: WindowSpec): Float32Array {
  return logMelSpectrogram(padOrTrimSamples(samples.subarray(w.startSample, w.endSample))).data;
}
