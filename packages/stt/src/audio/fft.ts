/**
 * Complex FFT of any length whose prime factors are 2, 3 and 5 (other primes fall back to a plain DFT
 * butterfly of that radix). Stockham auto-sort formulation: no bit reversal, one ping-pong buffer pair,
 * twiddles precomputed per stage. Used by the real FFT behind the log-mel front end (n = 200 complex for a
 * 400-point real transform), so the per-call path allocates nothing.
 */

interface Stage {
  /** Radix of this stage. */
  readonly radix: number;
  /** Size of the sub-transforms already done before this stage (product of earlier radices). */
  readonly span: number;
  /** Twiddles `[span][radix - 1]` as interleaved (cos, sin) pairs of exp(-2πi·r·k / (span·radix)), k < span. */
  readonly twiddles: Float64Array;
}

/** Splits n into radices, preferring 4, then 2, 3, 5, then any remaining prime. */
export function factorize(n: number): number[] {
  const radices: number[] = [];
  let rest = n;
  for (const p of [4, 2, 3, 5]) {
    while (rest % p === 0) {
      radices.push(p);
      rest /= p;
    }
  }
  for (let p = 7; rest > 1; p += 2) {
    while (rest % p === 0) {
      radices.push(p);
      rest /= p;
    }
  }
  return radices;
}

function buildStages(n: number): Stage[] {
  const stages: Stage[] = [];
  let span = 1;
  for (const radix of factorize(n)) {
    const twiddles = new Float64Array(span * (radix - 1) * 2);
    for (let k = 0; k < span; k++) {
      for (let r = 1; r < radix; r++) {
        const angle = (-2 * Math.PI * r * k) / (span * radix);
        const at = (k * (radix - 1) + (r - 1)) * 2;
        twiddles[at] = Math.cos(angle);
        twiddles[at + 1] = Math.sin(angle);
      }
    }
    stages.push({ radix, span, twiddles });
    span *= radix;
  }
  return stages;
}

/**
 * Forward complex FFT of a fixed length, X[k] = Σ x[t]·exp(-2πi·k·t/n), on separate real/imaginary arrays.
 *
 * @example
 * const fft = new ComplexFft(200);
 * fft.forward(re, im); // in place, re/im: Float64Array(200)
 */
export class ComplexFft {
  readonly size: number;
  private readonly stages: Stage[];
  private readonly bufRe: Float64Array;
  private readonly bufIm: Float64Array;
  private readonly vRe: Float64Array;
  private readonly vIm: Float64Array;
  private readonly dftCos: Float64Array[];
  private readonly dftSin: Float64Array[];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`FFT size must be a positive integer, got ${size}`);
    this.size = size;
    this.stages = buildStages(size);
    this.bufRe = new Float64Array(size);
    this.bufIm = new Float64Array(size);
    const maxRadix = Math.max(1, ...this.stages.map((s) => s.radix));
    this.vRe = new Float64Array(maxRadix);
    this.vIm = new Float64Array(maxRadix);
    this.dftCos = [];
    this.dftSin = [];
    for (const { radix } of this.stages) {
      const c = new Float64Array(radix * radix);
      const s = new Float64Array(radix * radix);
      for (let a = 0; a < radix * radix; a++) {
        const angle = (-2 * Math.PI * ((Math.floor(a / radix) * (a % radix)) % radix)) / radix;
        c[a] = Math.cos(angle);
        s[a] = Math.sin(angle);
      }
      this.dftCos.push(c);
      this.dftSin.push(s);
    }
  }

  /** Transforms `re`/`im` (length `size`) in place. */
  forward(re: Float64Array, im: Float64Array): void {
    let srcRe = re;
    let srcIm = im;
    let dstRe = this.bufRe;
    let dstIm = this.bufIm;
    for (let s = 0; s < this.stages.length; s++) {
      this.stage(s, srcRe, srcIm, dstRe, dstIm);
      const tRe = srcRe;
      const tIm = srcIm;
      srcRe = dstRe;
      srcIm = dstIm;
      dstRe = tRe;
      dstIm = tIm;
    }
    if (srcRe !== re) {
      re.set(srcRe);
      im.set(srcIm);
    }
  }

  private stage(index: number, xRe: Float64Array, xIm: Float64Array, yRe: Float64Array, yIm: Float64Array): void {
    const stage = this.stages[index] as Stage;
    if (stage.radix === 4) stage4(stage, this.size, xRe, xIm, yRe, yIm);
    else if (stage.radix === 2) stage2(stage, this.size, xRe, xIm, yRe, yIm);
    else if (stage.radix === 5) stage5(stage, this.size, xRe, xIm, yRe, yIm);
    else this.stageGeneric(index, xRe, xIm, yRe, yIm);
  }

  private stageGeneric(index: number, xRe: Float64Array, xIm: Float64Array, yRe: Float64Array, yIm: Float64Array): void {
    const { radix, span, twiddles } = this.stages[index] as Stage;
    const m = this.size / radix;
    const vRe = this.vRe;
    const vIm = this.vIm;
    for (let j = 0; j < m; j++) {
      vRe[0] = xRe[j] as number;
      vIm[0] = xIm[j] as number;
      const k = j % span;
      const tw = k * (radix - 1) * 2;
      for (let r = 1; r < radix; r++) {
        const a = xRe[j + r * m] as number;
        const b = xIm[j + r * m] as number;
        const c = twiddles[tw + (r - 1) * 2] as number;
        const d = twiddles[tw + (r - 1) * 2 + 1] as number;
        vRe[r] = a * c - b * d;
        vIm[r] = a * d + b * c;
      }
      this.butterflyGeneric(index, radix, yRe, yIm, (j - k) * radix + k, span);
    }
  }

  private butterflyGeneric(index: number, radix: number, yRe: Float64Array, yIm: Float64Array, out: number, stride: number): void {
    const c = this.dftCos[index] as Float64Array;
    const s = this.dftSin[index] as Float64Array;
    for (let q = 0; q < radix; q++) {
      let sumRe = 0;
      let sumIm = 0;
      for (let r = 0; r < radix; r++) {
        const a = this.vRe[r] as number;
        const b = this.vIm[r] as number;
        const cc = c[q * radix + r] as number;
        const ss = s[q * radix + r] as number;
        sumRe += a * cc - b * ss;
        sumIm += a * ss + b * cc;
      }
      yRe[out + q * stride] = sumRe;
      yIm[out + q * stride] = sumIm;
    }
  }
}

// Stockham stage of radix p over sub-transforms of size `span` (s): input butterfly j = j0 + k reads
// x[j + r·m] (m = n/p) and, after the twiddle exp(-2πi·r·k/(s·p)), writes y[o0 + k + q·s] with o0 = (j0/s)·s·p.

function stage2(stage: Stage, n: number, xRe: Float64Array, xIm: Float64Array, yRe: Float64Array, yIm: Float64Array): void {
  const { span: s, twiddles: tw } = stage;
  const m = n / 2;
  for (let j0 = 0, o0 = 0; j0 < m; j0 += s, o0 += 2 * s) for (let k = 0; k < s; k++) {
    const j = j0 + k;
    const o = o0 + k;
    const c = tw[2 * k] as number;
    const d = tw[2 * k + 1] as number;
    const aRe = xRe[j] as number;
    const aIm = xIm[j] as number;
    const xr = xRe[j + m] as number;
    const xi = xIm[j + m] as number;
    const bRe = xr * c - xi * d;
    const bIm = xr * d + xi * c;
    yRe[o] = aRe + bRe;
    yIm[o] = aIm + bIm;
    yRe[o + s] = aRe - bRe;
    yIm[o + s] = aIm - bIm;
  }
}

function stage4(stage: Stage, n: number, xRe: Float64Array, xIm: Float64Array, yRe: Float64Array, yIm: Float64Array): void {
  const { span: s, twiddles: tw } = stage;
  const m = n / 4;
  for (let j0 = 0, o0 = 0; j0 < m; j0 += s, o0 += 4 * s) for (let k = 0; k < s; k++) {
    const j = j0 + k;
    const o = o0 + k;
    const t = k * 6;
    const r0 = xRe[j] as number;
    const i0 = xIm[j] as number;
    let xr = xRe[j + m] as number;
    let xi = xIm[j + m] as number;
    let c = tw[t] as number;
    let d = tw[t + 1] as number;
    const r1 = xr * c - xi * d;
    const i1 = xr * d + xi * c;
    xr = xRe[j + 2 * m] as number;
    xi = xIm[j + 2 * m] as number;
    c = tw[t + 2] as number;
    d = tw[t + 3] as number;
    const r2 = xr * c - xi * d;
    const i2 = xr * d + xi * c;
    xr = xRe[j + 3 * m] as number;
    xi = xIm[j + 3 * m] as number;
    c = tw[t + 4] as number;
    d = tw[t + 5] as number;
    const r3 = xr * c - xi * d;
    const i3 = xr * d + xi * c;
    const aRe = r0 + r2;
    const aIm = i0 + i2;
    const bRe = r0 - r2;
    const bIm = i0 - i2;
    const cRe = r1 + r3;
    const cIm = i1 + i3;
    const dRe = r1 - r3;
    const dIm = i1 - i3;
    yRe[o] = aRe + cRe;
    yIm[o] = aIm + cIm;
    // X1 = b − i·d, X3 = b + i·d
    yRe[o + s] = bRe + dIm;
    yIm[o + s] = bIm - dRe;
    yRe[o + 2 * s] = aRe - cRe;
    yIm[o + 2 * s] = aIm - cIm;
    yRe[o + 3 * s] = bRe - dIm;
    yIm[o + 3 * s] = bIm + dRe;
  }
}

const C1 = Math.cos((2 * Math.PI) / 5);
const C2 = Math.cos((4 * Math.PI) / 5);
const S1 = Math.sin((2 * Math.PI) / 5);
const S2 = Math.sin((4 * Math.PI) / 5);

function stage5(stage: Stage, n: number, xRe: Float64Array, xIm: Float64Array, yRe: Float64Array, yIm: Float64Array): void {
  const { span: s, twiddles: tw } = stage;
  const m = n / 5;
  for (let j0 = 0, o0 = 0; j0 < m; j0 += s, o0 += 5 * s) for (let k = 0; k < s; k++) {
    const j = j0 + k;
    const o = o0 + k;
    const t = k * 8;
    const r0 = xRe[j] as number;
    const i0 = xIm[j] as number;
    let xr = xRe[j + m] as number;
    let xi = xIm[j + m] as number;
    const r1 = xr * (tw[t] as number) - xi * (tw[t + 1] as number);
    const i1 = xr * (tw[t + 1] as number) + xi * (tw[t] as number);
    xr = xRe[j + 2 * m] as number;
    xi = xIm[j + 2 * m] as number;
    const r2 = xr * (tw[t + 2] as number) - xi * (tw[t + 3] as number);
    const i2 = xr * (tw[t + 3] as number) + xi * (tw[t + 2] as number);
    xr = xRe[j + 3 * m] as number;
    xi = xIm[j + 3 * m] as number;
    const r3 = xr * (tw[t + 4] as number) - xi * (tw[t + 5] as number);
    const i3 = xr * (tw[t + 5] as number) + xi * (tw[t + 4] as number);
    xr = xRe[j + 4 * m] as number;
    xi = xIm[j + 4 * m] as number;
    const r4 = xr * (tw[t + 6] as number) - xi * (tw[t + 7] as number);
    const i4 = xr * (tw[t + 7] as number) + xi * (tw[t + 6] as number);
    const aRe = r1 + r4;
    const aIm = i1 + i4;
    const bRe = r1 - r4;
    const bIm = i1 - i4;
    const cRe = r2 + r3;
    const cIm = i2 + i3;
    const dRe = r2 - r3;
    const dIm = i2 - i3;
    yRe[o] = r0 + aRe + cRe;
    yIm[o] = i0 + aIm + cIm;
    const t1Re = r0 + C1 * aRe + C2 * cRe;
    const t1Im = i0 + C1 * aIm + C2 * cIm;
    const t2Re = r0 + C2 * aRe + C1 * cRe;
    const t2Im = i0 + C2 * aIm + C1 * cIm;
    // X1 = t1 − i(S1·b + S2·d), X2 = t2 − i(S2·b − S1·d); X4, X3 are their mirrors.
    const u1Re = S1 * bIm + S2 * dIm;
    const u1Im = -(S1 * bRe + S2 * dRe);
    const u2Re = S2 * bIm - S1 * dIm;
    const u2Im = -(S2 * bRe - S1 * dRe);
    yRe[o + s] = t1Re + u1Re;
    yIm[o + s] = t1Im + u1Im;
    yRe[o + 4 * s] = t1Re - u1Re;
    yIm[o + 4 * s] = t1Im - u1Im;
    yRe[o + 2 * s] = t2Re + u2Re;
    yIm[o + 2 * s] = t2Im + u2Im;
    yRe[o + 3 * s] = t2Re - u2Re;
    yIm[o + 3 * s] = t2Im - u2Im;
  }
}
