/**
 * Second-order Butterworth high-pass (RBJ audio-EQ biquad, Q = 1/√2), optionally run forward and backward for
 * zero phase (then the magnitude response is squared: −6 dB at the cutoff, 24 dB/octave).
 */
import { InvalidOptionError } from '../core/errors.js';

export interface HighPassOptions {
  /** Cutoff (−3 dB point of one pass) in Hz; must be below the Nyquist frequency. The reference tool's default is 100. */
  readonly cutoffHz: number;
  /** Filter forward then backward: no phase shift, squared magnitude. Default false. */
  readonly zeroPhase?: boolean;
}

/** Default cutoff of the reference NPU tool's `--freq-thold`. */
export const DEFAULT_HIGH_PASS_HZ = 100;

interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

function butterworthHighPass(cutoffHz: number, sampleRate: number): Biquad {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
  const a0 = 1 + alpha;
  return { b0: (1 + cos) / 2 / a0, b1: -(1 + cos) / a0, b2: (1 + cos) / 2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Runs the biquad over `x` in place, in the given direction (transposed direct form II, float64 state). */
function run(f: Biquad, x: Float32Array, backward: boolean): void {
  let s1 = 0;
  let s2 = 0;
  const n = x.length;
  for (let step = 0; step < n; step++) {
    const i = backward ? n - 1 - step : step;
    const v = x[i] as number;
    const y = f.b0 * v + s1;
    s1 = f.b1 * v - f.a1 * y + s2;
    s2 = f.b2 * v - f.a2 * y;
    x[i] = y;
  }
}

/**
 * Returns a high-passed copy of mono samples.
 *
 * @example
 * const clean = highPass(samples, 16000, { cutoffHz: 100 });
 */
export function highPass(samples: Float32Array, sampleRate: number, options: HighPassOptions): Float32Array {
  const { cutoffHz } = options;
  if (!(Number.isFinite(cutoffHz) && cutoffHz > 0 && cutoffHz < sampleRate / 2)) {
    throw new InvalidOptionError('INVALID_HIGH_PASS', `high-pass cutoff must be in (0, ${sampleRate / 2}) Hz, got ${cutoffHz}`, {
      hint: `Use e.g. ${DEFAULT_HIGH_PASS_HZ} Hz.`,
    });
  }
  const f = butterworthHighPass(cutoffHz, sampleRate);
  const out = Float32Array.from(samples);
  run(f, out, false);
  if (options.zeroPhase === true) run(f, out, true);
  return out;
}
