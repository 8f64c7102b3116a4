/**
 * Band-limited sample-rate conversion: a polyphase FIR for the rational ratio L/M = toRate/fromRate (reduced),
 * with a Kaiser-windowed sinc prototype designed so that the stopband starts exactly at the lower of the two
 * Nyquist frequencies (nothing above it aliases by more than the stopband attenuation). For extreme ratios
 * whose polyphase table would be too large, the same kernel is read from a finely sampled table with linear
 * interpolation.
 */
import { InvalidOptionError } from '../core/errors.js';
import { besselI0, kaiserBeta, kaiserSinc, kaiserTaps } from './kaiser.js';

export interface ResamplerOptions {
  /** Passband edge as a fraction of the lower Nyquist frequency, in (0, 1). Default 0.9 (7.2 kHz for 16 kHz output). */
  readonly passband?: number;
  /** Stopband attenuation in dB, reached at the lower Nyquist frequency. Default 90. */
  readonly attenuationDb?: number;
}

export const DEFAULT_PASSBAND = 0.9;
export const DEFAULT_ATTENUATION_DB = 90;
/** Largest polyphase table (coefficients) before falling back to the interpolated kernel. */
const MAX_TABLE_COEFFICIENTS = 4_000_000;
/** Kernel samples per input sample in the interpolated fallback. */
const FINE_STEPS_PER_SAMPLE = 1024;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function validate(fromRate: number, toRate: number, passband: number, attenuationDb: number): void {
  for (const [name, rate] of [['fromRate', fromRate], ['toRate', toRate]] as const) {
    if (!Number.isInteger(rate) || rate < 1) {
      throw new InvalidOptionError('INVALID_SAMPLE_RATE', `${name} must be a positive integer in Hz, got ${rate}`);
    }
  }
  if (!(passband > 0 && passband < 1)) throw new InvalidOptionError('INVALID_RESAMPLER', `passband must be in (0, 1), got ${passband}`);
  if (!(attenuationDb >= 20 && attenuationDb <= 200)) {
    throw new InvalidOptionError('INVALID_RESAMPLER', `attenuationDb must be in [20, 200], got ${attenuationDb}`);
  }
}

/**
 * A resampler for one rate pair; design once, process many buffers (each processed independently, zeros
 * assumed outside the buffer).
 *
 * @example
 * const r = new Resampler(44100, 16000);
 * const out = r.process(samples44k); // length ceil(n * 16000 / 44100)
 */
export class Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  /** Upsampling factor L (reduced ratio L/M = toRate/fromRate). */
  readonly up: number;
  /** Downsampling factor M. */
  readonly down: number;
  /** Input samples each output sample depends on. */
  readonly tapsPerPhase: number;
  /** Whether the exact polyphase table is used (false: interpolated kernel). */
  readonly polyphase: boolean;
  private readonly delay: number;
  private readonly table: Float64Array;
  private readonly fineHalfSpan: number;

  constructor(fromRate: number, toRate: number, options: ResamplerOptions = {}) {
    const passband = options.passband ?? DEFAULT_PASSBAND;
    const attenuationDb = options.attenuationDb ?? DEFAULT_ATTENUATION_DB;
    validate(fromRate, toRate, passband, attenuationDb);
    this.fromRate = fromRate;
    this.toRate = toRate;
    const g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    // Prototype filter at F = L·fromRate; everything below in cycles per prototype sample.
    const protoRate = this.up * fromRate;
    const nyquistLow = Math.min(fromRate, toRate) / 2;
    const cutoff = ((1 + passband) / 2) * nyquistLow / protoRate;
    const transition = (1 - passband) * nyquistLow / protoRate;
    const beta = kaiserBeta(attenuationDb);
    const i0Beta = besselI0(beta);
    this.tapsPerPhase = Math.ceil(kaiserTaps(attenuationDb, transition) / this.up);
    const length = this.tapsPerPhase * this.up;
    const halfWidth = length / 2;
    this.delay = Math.floor(length / 2);
    const kernel = (t: number): number => this.up * kaiserSinc(t, cutoff, halfWidth, beta, i0Beta);
    this.polyphase = length <= MAX_TABLE_COEFFICIENTS;
    if (this.polyphase) {
      // table[p·K + k] = h[p + k·L]: the coefficients of phase p, newest input sample first.
      const K = this.tapsPerPhase;
      this.table = new Float64Array(length);
      for (let p = 0; p < this.up; p++) {
        for (let k = 0; k < K; k++) this.table[p * K + k] = kernel(p + k * this.up - this.delay);
      }
      this.fineHalfSpan = 0;
    } else {
      // Kernel as a function of time in input samples, sampled FINE_STEPS_PER_SAMPLE times per sample.
      this.fineHalfSpan = Math.ceil(halfWidth / this.up) + 1;
      const steps = this.fineHalfSpan * FINE_STEPS_PER_SAMPLE + 2;
      this.table = Float64Array.from({ length: steps }, (_, s) => kernel((s / FINE_STEPS_PER_SAMPLE) * this.up));
    }
  }

  /** Output length for an input of `n` samples: ceil(n·L/M). */
  outputLength(n: number): number {
    return Math.ceil((n * this.up) / this.down);
  }

  /** Resamples one buffer. */
  process(input: Float32Array): Float32Array {
    const out = new Float32Array(this.outputLength(input.length));
    this.render(input, 0, input.length, 0, out.length, out, 0);
    return out;
  }

  /**
   * Index of the last input sample output `o` reads (the offline result of `o` is final once that sample is
   * known). Used by {@link StreamingResampler}.
   */
  lastInputOf(o: number): number {
    if (this.polyphase) return Math.floor((this.delay + o * this.down) / this.up);
    return Math.floor((o * this.down) / this.up + this.fineHalfSpan);
  }

  /** Index of the first input sample output `o` reads (may be negative: zeros before the signal). */
  firstInputOf(o: number): number {
    if (this.polyphase) return Math.floor((this.delay + o * this.down) / this.up) - this.tapsPerPhase + 1;
    return Math.ceil((o * this.down) / this.up - this.fineHalfSpan);
  }

  /**
   * Writes outputs `[oFrom, oTo)` to `out[outAt...]`. `x` holds the input samples `[base, base + x.length)` (it
   * must cover every sample those outputs read below `n`); samples outside `[0, n)` are zeros. The arithmetic
   * (terms and their order) is the same whatever `base`, so chunked and whole-buffer runs agree bit for bit.
   */
  render(x: Float32Array, base: number, n: number, oFrom: number, oTo: number, out: Float32Array, outAt: number): void {
    if (this.polyphase) this.renderPolyphase(x, base, n, oFrom, oTo, out, outAt);
    else this.renderInterpolated(x, base, n, oFrom, oTo, out, outAt);
  }

  private renderPolyphase(x: Float32Array, base: number, n: number, oFrom: number, oTo: number, out: Float32Array, outAt: number): void {
    const { up: L, down: M, tapsPerPhase: K, table } = this;
    let q = this.delay + oFrom * M;
    for (let o = oFrom; o < oTo; o++, q += M) {
      const i0 = Math.floor(q / L);
      const tableAt = (q - i0 * L) * K;
      const at = i0 - base;
      let sum = 0;
      if (i0 < n && i0 - K + 1 >= 0) {
        for (let k = 0; k < K; k++) sum += (x[at - k] as number) * (table[tableAt + k] as number);
      } else {
        const kFrom = Math.max(0, i0 - n + 1);
        const kTo = Math.min(K, i0 + 1);
        for (let k = kFrom; k < kTo; k++) sum += (x[at - k] as number) * (table[tableAt + k] as number);
      }
      out[outAt + o - oFrom] = sum;
    }
  }

  private renderInterpolated(x: Float32Array, base: number, n: number, oFrom: number, oTo: number, out: Float32Array, outAt: number): void {
    const { up: L, down: M, table } = this;
    const span = this.fineHalfSpan;
    for (let o = oFrom; o < oTo; o++) {
      // Output o sits at input time o·M/L; sum x[i]·h(o·M/L − i) over |o·M/L − i| < span.
      const center = (o * M) / L;
      const iFrom = Math.max(0, Math.ceil(center - span));
      const iTo = Math.min(n - 1, Math.floor(center + span));
      let sum = 0;
      for (let i = iFrom; i <= iTo; i++) {
        const pos = Math.abs(center - i) * FINE_STEPS_PER_SAMPLE;
        const s = Math.floor(pos);
        const frac = pos - s;
        const h = (table[s] as number) + frac * ((table[s + 1] as number) - (table[s] as number));
        sum += (x[i - base] as number) * h;
      }
      out[outAt + o - oFrom] = sum;
    }
  }
}

/**
 * Resamples mono float32 audio (convenience wrapper around {@link Resampler}).
 *
 * @example
 * const samples16k = resample(samples, 44100, 16000);
 */
export function resample(input: Float32Array, fromRate: number, toRate: number, options: ResamplerOptions = {}): Float32Array {
  if (fromRate === toRate) return input;
  return new Resampler(fromRate, toRate, options).process(input);
}
