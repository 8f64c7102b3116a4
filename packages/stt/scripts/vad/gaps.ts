/**
 * Why a gap between two utterances is or is not split: the detector's probabilities inside each true gap, read with
 * faster-whisper's rule. A region ends at the first frame with P < negThreshold (`temp_end`) once a later frame with
 * P < negThreshold starts at least `minSilenceDurationMs` after it, with no frame at P >= threshold in between.
 * With 32 ms frames and 200 ms that is 7 frame steps: frames spanning 256 ms from the first silent frame's start.
 */
import type { ResolvedVadOptions } from '../../src/vad/index.js';
import type { SpeechRegion } from '../../src/core/types.js';
import { SAMPLE_RATE } from './timeline.js';

export interface GapReading {
  /** Audible gap (truth), seconds. */
  readonly gapSec: number;
  /** From the audible end to the start of the first frame after it with P < negThreshold (NaN: none in the gap). */
  readonly decaySec: number;
  /** Silence faster-whisper's rule credits: from that frame's start to the start of the last P < negThreshold frame
   * before P >= threshold again. */
  readonly creditedSec: number;
  readonly split: boolean;
}

/** One reading per gap between consecutive truth regions. */
export function readGaps(probs: Float32Array, frameSamples: number, truth: readonly SpeechRegion[], options: ResolvedVadOptions): GapReading[] {
  const out: GapReading[] = [];
  for (let i = 1; i < truth.length; i++) {
    const end = Math.round((truth[i - 1] as SpeechRegion).endSec * SAMPLE_RATE);
    const next = Math.round((truth[i] as SpeechRegion).startSec * SAMPLE_RATE);
    let f = Math.ceil(end / frameSamples);
    while (f * frameSamples < next && (probs[f] as number) >= options.negThreshold) f++;
    if (f * frameSamples >= next) {
      out.push({ gapSec: (next - end) / SAMPLE_RATE, decaySec: Number.NaN, creditedSec: 0, split: false });
      continue;
    }
    const first = f;
    let last = f;
    for (let g = f; g < probs.length && (probs[g] as number) < options.threshold; g++) if ((probs[g] as number) < options.negThreshold) last = g;
    const creditedSec = ((last - first) * frameSamples) / SAMPLE_RATE;
    out.push({
      gapSec: (next - end) / SAMPLE_RATE,
      decaySec: (first * frameSamples - end) / SAMPLE_RATE,
      creditedSec,
      split: creditedSec * 1000 >= options.minSilenceDurationMs,
    });
  }
  return out;
}

/** One line: the decay after the audible ends, and each gap that is not split. */
export function describeGaps(readings: readonly GapReading[], options: ResolvedVadOptions): string {
  const decays = readings.map((r) => r.decaySec).filter((d) => Number.isFinite(d)).sort((a, b) => a - b);
  const ms = (s: number): string => `${Math.round(s * 1000)} ms`;
  const median = decays[Math.floor(decays.length / 2)] ?? Number.NaN;
  const unsplit = readings.filter((r) => !r.split);
  return (
    `P < ${options.negThreshold.toFixed(2)} first at ${ms(median)} (median; max ${ms(decays[decays.length - 1] ?? Number.NaN)}) after an audible end; ` +
    `${readings.length - unsplit.length}/${readings.length} gaps split` +
    unsplit.map((r) => `; gap ${r.gapSec.toFixed(2)} s not split: P < ${options.negThreshold.toFixed(2)} from +${Number.isFinite(r.decaySec) ? ms(r.decaySec) : 'never'}, silence credited ${ms(r.creditedSec)} < ${options.minSilenceDurationMs} ms`).join('')
  );
}
