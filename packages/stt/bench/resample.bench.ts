/**
 * Resampler quality and speed: passband ripple and stopband (aliasing / image) rejection measured with pure
 * tones, for the polyphase Kaiser resampler and a naive linear-interpolation baseline, then the speed of both
 * on 60 s of 44.1 kHz audio. Run: `npm run bench:resample`.
 */
import { Resampler } from '../src/index.js';

type Convert = (x: Float32Array) => Float32Array;
const OUT_RATE = 16_000;
const AMPLITUDE = 0.5;
/** Seconds of tone per measurement. */
const TONE_SEC = 0.25;
/** The resampler's default passband edge, as a fraction of the lower Nyquist frequency. */
const PASSBAND = 0.9;

function tone(freqHz: number, rate: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => AMPLITUDE * Math.sin((2 * Math.PI * freqHz * i) / rate));
}

/** Linear interpolation between neighbouring input samples (no anti-alias filter): the baseline. */
function linear(fromRate: number): Convert {
  return (x) => {
    const n = Math.ceil((x.length * OUT_RATE) / fromRate);
    const out = new Float32Array(n);
    for (let o = 0; o < n; o++) {
      const t = (o * fromRate) / OUT_RATE;
      const i = Math.floor(t);
      const a = x[i] ?? 0;
      const b = x[i + 1] ?? 0;
      out[o] = a + (t - i) * (b - a);
    }
    return out;
  };
}

/** Middle half of the output, away from edge transients. */
function middle(y: Float32Array): Float32Array {
  return y.subarray(Math.floor(y.length / 4), Math.floor((3 * y.length) / 4));
}

/** Least-squares amplitude of a tone at `freqHz` in `y` (sin and cos fitted jointly). */
function fittedAmplitude(y: Float32Array, freqHz: number): { amplitude: number; residualRms: number } {
  let ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
  for (let i = 0; i < y.length; i++) {
    const s = Math.sin((2 * Math.PI * freqHz * i) / OUT_RATE);
    const c = Math.cos((2 * Math.PI * freqHz * i) / OUT_RATE);
    const v = y[i] as number;
    ss += s * s; cc += c * c; sc += s * c; ys += v * s; yc += v * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  let res = 0;
  for (let i = 0; i < y.length; i++) {
    const fit = a * Math.sin((2 * Math.PI * freqHz * i) / OUT_RATE) + b * Math.cos((2 * Math.PI * freqHz * i) / OUT_RATE);
    res += ((y[i] as number) - fit) ** 2;
  }
  return { amplitude: Math.hypot(a, b), residualRms: Math.sqrt(res / y.length) };
}

const db = (ratio: number): number => 20 * Math.log10(Math.max(ratio, 1e-12));

interface Quality {
  rippleDb: number;
  worstImageDb: number;
  worstAliasDb: number;
}

/**
 * Passband ripple (max − min gain over tones from 100 Hz to the passband edge, 0.9 × the lower Nyquist), worst
 * spurious output of those tones (images when upsampling, distortion and noise; dB re the tone) and worst
 * leakage of input tones above 8 kHz, which can only come out as aliases (dB re the tone).
 */
function measure(fromRate: number, convert: Convert): Quality {
  const n = Math.round(fromRate * TONE_SEC);
  let lo = Infinity, hi = -Infinity, image = -Infinity, alias = -Infinity;
  const passEdge = (PASSBAND * Math.min(fromRate, OUT_RATE)) / 2;
  for (let f = 100; f <= passEdge; f += 100) {
    const { amplitude, residualRms } = fittedAmplitude(middle(convert(tone(f, fromRate, n))), f);
    lo = Math.min(lo, db(amplitude / AMPLITUDE));
    hi = Math.max(hi, db(amplitude / AMPLITUDE));
    image = Math.max(image, db((residualRms * Math.SQRT2) / AMPLITUDE));
  }
  for (let f = 8000; f < fromRate / 2; f += 250) {
    const y = middle(convert(tone(f, fromRate, n)));
    let sum = 0;
    for (const v of y) sum += v * v;
    alias = Math.max(alias, db((Math.sqrt(sum / y.length) * Math.SQRT2) / AMPLITUDE));
  }
  return { rippleDb: hi - lo, worstImageDb: image, worstAliasDb: alias };
}

function timeIt(fn: () => void, repeats = 3): number {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(v > -1 && v < 1 ? 5 : 1).padStart(10) : '       n/a';
}

function main(): number {
  console.log(`polyphase design: Kaiser-windowed sinc, passband to ${PASSBAND} x lower Nyquist, stopband from the lower Nyquist at -90 dB`);
  console.log('rate -> 16 kHz   method     ripple dB   in-band spurious dB   >8 kHz leakage dB');
  for (const rate of [44100, 48000, 22050, 8000]) {
    const poly = new Resampler(rate, OUT_RATE);
    const rows: [string, Convert][] = [['polyphase', (x) => poly.process(x)], ['linear', linear(rate)]];
    for (const [name, convert] of rows) {
      const q = measure(rate, convert);
      console.log(`${String(rate).padStart(6)}           ${name.padEnd(10)}${fmt(q.rippleDb)}  ${fmt(q.worstImageDb)}            ${fmt(q.worstAliasDb)}`);
    }
  }
  const input = tone(997, 44100, 44100 * 60);
  const poly = new Resampler(44100, OUT_RATE);
  const a = poly.process(input);
  const b = linear(44100)(input);
  const check = fittedAmplitude(middle(a), 997);
  const ok = a.length === b.length && Math.abs(check.amplitude - AMPLITUDE) < 1e-4;
  const tPoly = timeIt(() => poly.process(input));
  const tLinear = timeIt(() => linear(44100)(input));
  console.log(`\n60 s of 44.1 kHz -> 16 kHz (best of 3): polyphase ${tPoly.toFixed(0)} ms (${poly.tapsPerPhase} taps/output), linear ${tLinear.toFixed(0)} ms, ratio ${(tPoly / tLinear).toFixed(1)}x; realtime factor ${(60000 / tPoly).toFixed(0)}x`);
  console.log(`answer check: lengths ${a.length} = ${b.length}, 997 Hz amplitude ${check.amplitude.toFixed(6)} (expected ${AMPLITUDE}): ${ok ? 'ok' : 'FAIL'}`);
  return ok ? 0 : 1;
}

process.exitCode = main();
