/**
 * Power spectrum of a real frame of even length n through one complex FFT of length n/2 (even samples in the
 * real part, odd samples in the imaginary part, then one split step). Buffers and twiddles are made once.
 */
import { ComplexFft } from './fft.js';

/**
 * |X[k]|² for k = 0..n/2 of a real input of even length n.
 *
 * @example
 * const rfft = new RealPowerSpectrum(400);
 * const power = new Float64Array(201);
 * rfft.compute(frame, power); // frame: Float64Array(400)
 */
export class RealPowerSpectrum {
  /** Real input length n. */
  readonly size: number;
  /** Output bins n/2 + 1. */
  readonly bins: number;
  private readonly half: number;
  private readonly fft: ComplexFft;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || size % 2 !== 0) {
      throw new RangeError(`real FFT size must be even and at least 2, got ${size}`);
    }
    this.size = size;
    this.half = size / 2;
    this.bins = this.half + 1;
    this.fft = new ComplexFft(this.half);
    this.re = new Float64Array(this.half);
    this.im = new Float64Array(this.half);
    this.cos = new Float64Array(this.bins);
    this.sin = new Float64Array(this.bins);
    for (let k = 0; k < this.bins; k++) {
      this.cos[k] = Math.cos((-2 * Math.PI * k) / size);
      this.sin[k] = Math.sin((-2 * Math.PI * k) / size);
    }
  }

  /** Writes |X[k]|² of `frame` (length n) into `power` (length n/2 + 1). */
  compute(frame: Float64Array, power: Float64Array): void {
    const h = this.half;
    const re = this.re;
    const im = this.im;
    for (let m = 0; m < h; m++) {
      re[m] = frame[2 * m] as number;
      im[m] = frame[2 * m + 1] as number;
    }
    this.fft.forward(re, im);
    for (let k = 0; k <= h; k++) {
      const a = k === h ? 0 : k;
      const b = k === 0 ? 0 : h - k;
      const zr = re[a] as number;
      const zi = im[a] as number;
      const cr = re[b] as number;
      const ci = -(im[b] as number);
      // E = (Z[k] + conj Z[h-k]) / 2, O = (Z[k] - conj Z[h-k]) / (2i), X = E + W^k·O.
      const eRe = 0.5 * (zr + cr);
      const eIm = 0.5 * (zi + ci);
      const oRe = 0.5 * (zi - ci);
      const oIm = -0.5 * (zr - cr);
      const wr = this.cos[k] as number;
      const wi = this.sin[k] as number;
      const xRe = eRe + wr * oRe - wi * oIm;
      const xIm = eIm + wr * oIm + wi * oRe;
      power[k] = xRe * xRe + xIm * xIm;
    }
  }
}
