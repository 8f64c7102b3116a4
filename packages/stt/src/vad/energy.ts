/**
 * A model-free energy detector with the `FrameVad` interface: the frame's RMS level in dBFS mapped to a probability
 * by a logistic around `thresholdDbfs`. It cannot tell speech from noise: any sound louder than the threshold is
 * "speech" (the acceptance script shows it failing under white noise at -30 dBFS).
 */
import { InvalidOptionError } from '../core/errors.js';
import type { FrameVad } from './types.js';

export interface EnergyVadOptions {
  /** Level in dBFS where the probability is 0.5 (default -45). */
  readonly thresholdDbfs?: number;
  /** dB over which the probability goes from 0.27 to 0.73 (default 6). */
  readonly slopeDb?: number;
  /** Samples per frame (default 512, Silero's at 16 kHz). */
  readonly frameSamples?: number;
  /** Sample rate (default 16000). */
  readonly sampleRate?: number;
}

function check(field: string, value: number, ok: boolean, hint: string): number {
  if (!ok) throw new InvalidOptionError('INVALID_VAD_OPTION', `energy vad option ${field}: ${value} is not valid`, { hint, details: { option: field } });
  return value;
}

/**
 * Creates the energy detector (stateless, so `reset()` does nothing).
 * @example const vad = createEnergyVad({ thresholdDbfs: -40 });
 */
export function createEnergyVad(options: EnergyVadOptions = {}): FrameVad {
  const threshold = options.thresholdDbfs ?? -45;
  const slope = options.slopeDb ?? 6;
  const frameSamples = options.frameSamples ?? 512;
  const sampleRate = options.sampleRate ?? 16000;
  check('thresholdDbfs', threshold, Number.isFinite(threshold) && threshold < 0, 'give a level below 0 dBFS, e.g. -45');
  check('slopeDb', slope, Number.isFinite(slope) && slope > 0, 'give a positive number of dB, e.g. 6');
  check('frameSamples', frameSamples, Number.isInteger(frameSamples) && frameSamples > 0, 'give a whole number of samples, e.g. 512');
  check('sampleRate', sampleRate, Number.isInteger(sampleRate) && sampleRate > 0, 'give a rate in Hz, e.g. 16000');
  return {
    sampleRate,
    frameSamples,
    probability(frame: Float32Array): Promise<number> {
      let sum = 0;
      for (let i = 0; i < frame.length; i++) {
        const x = frame[i] as number;
        sum += x * x;
      }
      const db = 10 * Math.log10(sum / Math.max(1, frame.length) + 1e-20);
      return Promise.resolve(1 / (1 + Math.exp(-(db - threshold) / slope)));
    },
    reset(): void {},
    dispose(): Promise<void> {
      return Promise.resolve();
    },
  };
}
