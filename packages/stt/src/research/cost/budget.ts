/**
 * The audio side of the ledger (research section 3.3, steps 1-4): frame-wise voiced/silent decisions from a `FrameVad`
 * (the energy detector = RMS level against a threshold, or Silero), then voiced runs and the silent runs between them.
 */
import { InvalidOptionError } from '../../core/errors.js';
import { createEnergyVad, speechProbabilities } from '../../vad/index.js';
import type { FrameVad } from '../../vad/index.js';

/** What the audio says about one window. */
export interface AudioBudget {
  /** Voiced runs (at least `minVoicedMs` long). */
  readonly voicedRuns: number;
  /** Silent runs between two voiced runs (at least `minPauseMs` long); leading/trailing silence is not a pause. */
  readonly pauses: number;
  /** Total duration of the voiced runs. */
  readonly voicedSec: number;
  /** Frames looked at and their duration. */
  readonly frames: number;
  readonly frameSec: number;
}

export interface BudgetOptions {
  /** Detector (default: the energy detector at -40 dBFS, 20 ms frames). */
  readonly vad?: FrameVad;
  /** Shorter voiced runs are ignored (default 60 ms). */
  readonly minVoicedMs?: number;
  /** Shorter silent runs do not count as pauses (default 120 ms). */
  readonly minPauseMs?: number;
}

/**
 * Voiced runs and pauses of `samples` (16 kHz mono).
 * @example const b = await estimateAudioBudget(samples); // { voicedRuns: 9, pauses: 4, voicedSec: 2.1, ... }
 */
export async function estimateAudioBudget(samples: Float32Array, options: BudgetOptions = {}): Promise<AudioBudget> {
  const minVoicedMs = options.minVoicedMs ?? 60;
  const minPauseMs = options.minPauseMs ?? 120;
  for (const [field, v] of [['minVoicedMs', minVoicedMs], ['minPauseMs', minPauseMs]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new InvalidOptionError('INVALID_COST_OPTION', `cost budget option ${field}: ${v} is not valid`, { hint: 'give a non-negative number of milliseconds', details: { option: field } });
  }
  const vad = options.vad ?? createEnergyVad({ thresholdDbfs: -40, frameSamples: 320 });
  const probs = await speechProbabilities(vad, samples);
  const frameSec = vad.frameSamples / vad.sampleRate;
  return runsOf(probs, frameSec, minVoicedMs / 1000, minPauseMs / 1000);
}

/** Run segmentation of per-frame speech probabilities (voiced = p > 0.5). */
export function runsOf(probs: ArrayLike<number>, frameSec: number, minVoicedSec: number, minPauseSec: number): AudioBudget {
  const runs: { voiced: boolean; frames: number }[] = [];
  for (let i = 0; i < probs.length; i++) {
    const voiced = (probs[i] as number) > 0.5;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.voiced === voiced) last.frames++;
    else runs.push({ voiced, frames: 1 });
  }
  // Voiced runs too short to be speech become silence (merged with their neighbours).
  const merged: { voiced: boolean; frames: number }[] = [];
  for (const r of runs) {
    const voiced = r.voiced && r.frames * frameSec >= minVoicedSec;
    const last = merged[merged.length - 1];
    if (last !== undefined && last.voiced === voiced) last.frames += r.frames;
    else merged.push({ voiced, frames: r.frames });
  }
  let voicedRuns = 0;
  let voicedFrames = 0;
  let pauses = 0;
  merged.forEach((r, i) => {
    if (r.voiced) {
      voicedRuns++;
      voicedFrames += r.frames;
    } else if (i > 0 && i < merged.length - 1 && r.frames * frameSec >= minPauseSec) pauses++;
  });
  return { voicedRuns, pauses, voicedSec: voicedFrames * frameSec, frames: probs.length, frameSec };
}
