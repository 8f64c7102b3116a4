/**
 * OpenAI's `pad_or_trim` for samples and for log-mel frames, plus frame slicing for long-form windows.
 */
import { N_FRAMES, N_SAMPLES } from '../core/constants.js';
import { InvalidOptionError } from '../core/errors.js';
import type { LogMel } from './log-mel.js';

function checkLength(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidOptionError('INVALID_LENGTH', `${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Zero-pads or cuts samples to `length` (default N_SAMPLES = 30 s at 16 kHz).
 *
 * @example
 * const window = logMelSpectrogram(padOrTrimSamples(audio.samples)); // OpenAI's decode convention
 */
export function padOrTrimSamples(samples: Float32Array, length: number = N_SAMPLES): Float32Array {
  checkLength('length', length);
  if (samples.length === length) return samples;
  if (samples.length > length) return samples.slice(0, length);
  const out = new Float32Array(length);
  out.set(samples);
  return out;
}

/** Frames `[startFrame, startFrame + count)` of a mel, clipped to its end (OpenAI's `mel[:, seek:seek+count]`). */
export function sliceMelFrames(mel: LogMel, startFrame: number, count: number): LogMel {
  checkLength('startFrame', startFrame);
  checkLength('count', count);
  const from = Math.min(startFrame, mel.nFrames);
  const nFrames = Math.min(count, mel.nFrames - from);
  const data = new Float32Array(mel.nMels * nFrames);
  for (let m = 0; m < mel.nMels; m++) {
    const row = m * mel.nFrames + from;
    data.set(mel.data.subarray(row, row + nFrames), m * nFrames);
  }
  return { data, nMels: mel.nMels, nFrames };
}

/**
 * Zero-pads (in the log-mel domain, as OpenAI does) or cuts a mel to `nFrames` frames (default N_FRAMES = 3000).
 *
 * @example
 * const input = padOrTrimMel(sliceMelFrames(fullMel, seek, N_FRAMES)); // [80, 3000] encoder input
 */
export function padOrTrimMel(mel: LogMel, nFrames: number = N_FRAMES): LogMel {
  checkLength('nFrames', nFrames);
  if (mel.nFrames === nFrames) return mel;
  const data = new Float32Array(mel.nMels * nFrames);
  const keep = Math.min(nFrames, mel.nFrames);
  for (let m = 0; m < mel.nMels; m++) {
    const row = m * mel.nFrames;
    data.set(mel.data.subarray(row, row + keep), m * nFrames);
  }
  return { data, nMels: mel.nMels, nFrames };
}
