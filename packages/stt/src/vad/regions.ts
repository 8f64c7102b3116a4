/**
 * Speech regions from per-frame probabilities: a line-by-line port of faster-whisper's `get_speech_timestamps`
 * (faster_whisper/vad.py; itself adapted from silero-vad), kept literal so that its regions are reproduced exactly:
 * hysteresis between `threshold` and `negThreshold`, `minSilenceDurationMs` before a region ends, splitting at
 * `maxSpeechDurationS` (at the last silence of at least 98 ms when there is one), dropping regions not longer than
 * `minSpeechDurationMs`, then `speechPadMs` on each side (half the gap when two regions are closer than two pads).
 */
import type { ResolvedVadOptions } from './options.js';
import type { SampleRegion } from './types.js';

/** Framing of the probabilities: frame `i` covers samples `[i * frameSamples, (i + 1) * frameSamples)`. */
export interface Framing {
  readonly sampleRate: number;
  readonly frameSamples: number;
}

/** Sample counts derived from the options, as faster-whisper computes them (floats, not rounded). */
export interface SampleLimits {
  readonly minSpeech: number;
  readonly pad: number;
  readonly maxSpeech: number;
  readonly minSilence: number;
  /** Silence length that counts as a place to split an over-long region (98 ms). */
  readonly minSilenceAtMaxSpeech: number;
}

export function sampleLimits(options: ResolvedVadOptions, framing: Framing): SampleLimits {
  const sr = framing.sampleRate;
  const pad = (sr * options.speechPadMs) / 1000;
  return {
    minSpeech: (sr * options.minSpeechDurationMs) / 1000,
    pad,
    maxSpeech: sr * options.maxSpeechDurationS - framing.frameSamples - 2 * pad,
    minSilence: (sr * options.minSilenceDurationMs) / 1000,
    minSilenceAtMaxSpeech: (sr * 98) / 1000,
  };
}

/** Number of frames faster-whisper evaluates for `totalSamples`: it always pads, so a whole last frame adds one. */
export function frameCount(totalSamples: number, frameSamples: number): number {
  return Math.floor(totalSamples / frameSamples) + 1;
}

/**
 * Regions `[start, end)` in samples of a stream of `totalSamples` samples.
 * @param probs one probability per frame (normally `frameCount(totalSamples, frameSamples)` of them)
 */
export function regionsFromProbabilities(probs: ArrayLike<number>, totalSamples: number, options: ResolvedVadOptions, framing: Framing): SampleRegion[] {
  const w = framing.frameSamples;
  const { minSpeech, pad, maxSpeech, minSilence, minSilenceAtMaxSpeech } = sampleLimits(options, framing);
  const { threshold, negThreshold } = options;
  const speeches: { start: number; end: number }[] = [];
  let triggered = false;
  let start: number | null = null;
  let tempEnd = 0;
  let prevEnd = 0;
  let nextStart = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] as number;
    const at = w * i;
    if (p >= threshold && tempEnd !== 0) {
      tempEnd = 0;
      if (nextStart < prevEnd) nextStart = at;
    }
    if (p >= threshold && !triggered) {
      triggered = true;
      start = at;
      continue;
    }
    if (triggered && start !== null && at - start > maxSpeech) {
      if (prevEnd !== 0) {
        speeches.push({ start, end: prevEnd });
        start = null;
        if (nextStart < prevEnd) triggered = false;
        else start = nextStart;
        prevEnd = nextStart = tempEnd = 0;
      } else {
        speeches.push({ start, end: at });
        start = null;
        prevEnd = nextStart = tempEnd = 0;
        triggered = false;
        continue;
      }
    }
    if (p < negThreshold && triggered) {
      if (tempEnd === 0) tempEnd = at;
      if (at - tempEnd > minSilenceAtMaxSpeech) prevEnd = tempEnd;
      if (at - tempEnd < minSilence) continue;
      if (start !== null && tempEnd - start > minSpeech) speeches.push({ start, end: tempEnd });
      start = null;
      prevEnd = nextStart = tempEnd = 0;
      triggered = false;
      continue;
    }
  }
  if (start !== null && totalSamples - start > minSpeech) speeches.push({ start, end: totalSamples });
  for (let i = 0; i < speeches.length; i++) {
    const speech = speeches[i] as { start: number; end: number };
    if (i === 0) speech.start = Math.trunc(Math.max(0, speech.start - pad));
    const next = speeches[i + 1];
    if (next !== undefined) {
      const silence = next.start - speech.end;
      if (silence < 2 * pad) {
        speech.end += Math.floor(silence / 2);
        next.start = Math.trunc(Math.max(0, next.start - Math.floor(silence / 2)));
      } else {
        speech.end = Math.trunc(Math.min(totalSamples, speech.end + pad));
        next.start = Math.trunc(Math.max(0, next.start - pad));
      }
    } else {
      speech.end = Math.trunc(Math.min(totalSamples, speech.end + pad));
    }
  }
  return speeches;
}
