/**
 * Test material for VAD with known answers: espeak-ng utterances placed on a seeded timeline of silences, with the
 * ground truth of each utterance refined to the espeak audio's own non-silent extent (espeak pads with digital
 * silence), optional seeded white noise at a given RMS level; and the scores (10 ms frame F1, boundary errors).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '../../src/audio/index.js';
import type { SpeechRegion } from '../../src/core/types.js';
import { mulberry32 as prng } from '../../src/tokenizer/parity/text-generator.js';

export const SAMPLE_RATE = 16_000;

/** Sentences without commas (espeak pauses at commas; an utterance should be one stretch of speech). */
export const SENTENCES: readonly string[] = [
  'The quick brown fox jumps over the lazy dog',
  'Please call Stella and ask her to bring these things',
  'A rainbow is a division of white light into many beautiful colors',
  'The museum opens at nine in the morning',
  'We will meet again next week to finish the plan',
  'Turn left at the second light and park near the bakery',
  'She sells sea shells by the sea shore',
  'The train to the airport leaves every twenty minutes',
  'Remember to water the plants before you go',
  'Nobody expected the weather to change so quickly',
  'The old bridge was closed for repairs last summer',
  'Two cups of flour and one egg make a simple dough',
  'Our team finished the project ahead of schedule',
  'The library has a large collection of old maps',
  'Could you repeat the last number please',
  'The children played in the park until sunset',
  'He forgot his umbrella on the bus again',
  'This road leads to a small village by the lake',
  'The meeting was moved to Thursday afternoon',
  'Fresh bread smells wonderful in the early morning',
  'The engine stopped just before we reached the hill',
  'Every evening the birds gather on the roof',
  'I would like a glass of water',
  'Yes',
  'Thank you very much',
];

/** Renders `text` with espeak-ng, resampled to 16 kHz mono 16-bit by sox. */
export function speak(text: string, voice: string, wordsPerMinute: number, dir: string): Float32Array {
  const raw = join(dir, 'raw.wav');
  const wav = join(dir, 'utt.wav');
  execFileSync('espeak-ng', ['-v', voice, '-s', String(wordsPerMinute), '-w', raw, text], { stdio: 'pipe' });
  // -G: guard against clipping in the resampler (espeak's output peaks near full scale); -D: no dither (repeatable).
  execFileSync('sox', ['-G', '-D', raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', wav], { stdio: 'pipe' });
  return decodeWav(readFileSync(wav)).samples;
}

/** First and last sample louder than -60 dBFS: the utterance's own extent inside espeak's padding. */
export function nonSilentExtent(samples: Float32Array, floor = 1e-3): [number, number] {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first] as number) <= floor) first++;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last] as number) <= floor) last--;
  return [first, last + 1];
}

export interface Timeline {
  readonly samples: Float32Array;
  /** Ground truth: each utterance's non-silent extent on the timeline, in seconds. */
  readonly truth: readonly SpeechRegion[];
  /** RMS level of the speech alone, dBFS. */
  readonly speechDbfs: number;
}

export interface TimelineOptions {
  readonly utterances: number;
  readonly seed: number;
  /** Gap range between utterances, seconds. */
  readonly minGapSec?: number;
  readonly maxGapSec?: number;
}

/** Builds the clean timeline: silence (exact zeros) around the utterances, gaps drawn uniformly. */
export function buildTimeline(options: TimelineOptions): Timeline {
  const random = prng(options.seed);
  const minGap = options.minGapSec ?? 0.3;
  const maxGap = options.maxGapSec ?? 5;
  const voices = ['en-us', 'en-gb', 'en-gb-scotland', 'en-gb-x-rp'];
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-vad-'));
  const pieces: { at: number; samples: Float32Array; extent: [number, number] }[] = [];
  let at = Math.round(1.0 * SAMPLE_RATE);
  try {
    for (let i = 0; i < options.utterances; i++) {
      const text = SENTENCES[Math.floor(random() * SENTENCES.length)] as string;
      const voice = voices[Math.floor(random() * voices.length)] as string;
      const samples = speak(text, voice, 140 + Math.floor(random() * 60), dir);
      const extent = nonSilentExtent(samples);
      // Place the utterance so that its audible part starts `at`; the gap is measured between audible parts.
      pieces.push({ at: at - extent[0], samples, extent });
      at += extent[1] - extent[0] + Math.round((minGap + random() * (maxGap - minGap)) * SAMPLE_RATE);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const total = at + SAMPLE_RATE;
  const out = new Float32Array(total);
  let energy = 0;
  let count = 0;
  const truth: SpeechRegion[] = [];
  for (const p of pieces) {
    for (let k = p.extent[0]; k < p.extent[1]; k++) {
      const x = p.samples[k] as number;
      out[p.at + k] = x;
      energy += x * x;
      count++;
    }
    truth.push({ startSec: (p.at + p.extent[0]) / SAMPLE_RATE, endSec: (p.at + p.extent[1]) / SAMPLE_RATE });
  }
  return { samples: out, truth, speechDbfs: 10 * Math.log10(energy / count) };
}

/** A copy of `samples` plus seeded Gaussian white noise at `rmsDbfs` (RMS level, dBFS). */
export function withWhiteNoise(samples: Float32Array, rmsDbfs: number, seed: number): Float32Array {
  const random = prng(seed);
  const sigma = 10 ** (rmsDbfs / 20);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i += 2) {
    // Box-Muller: two independent normals per pair of uniforms.
    const u = Math.max(random(), 1e-12);
    const v = random();
    const r = sigma * Math.sqrt(-2 * Math.log(u));
    out[i] = (samples[i] as number) + r * Math.cos(2 * Math.PI * v);
    if (i + 1 < samples.length) out[i + 1] = (samples[i + 1] as number) + r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Frame-level speech labels at `frameSec` (a frame is speech when its centre lies in a region). */
export function frameLabels(regions: readonly SpeechRegion[], durationSec: number, frameSec = 0.01): Uint8Array {
  const n = Math.floor(durationSec / frameSec);
  const labels = new Uint8Array(n);
  for (const r of regions) {
    const from = Math.max(0, Math.ceil(r.startSec / frameSec - 0.5));
    const to = Math.min(n, Math.ceil(r.endSec / frameSec - 0.5));
    labels.fill(1, from, to);
  }
  return labels;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Per truth region: |detected start - true start| and |detected end - true end| in seconds (Infinity if missed). */
  readonly boundaryErrors: readonly (readonly [number, number])[];
  readonly maxBoundaryErrorSec: number;
  readonly boundariesWithin: (limitSec: number) => number;
}

/**
 * 10 ms frame F1 of speech, and boundary errors: each true region's detected start is the start of the first detected
 * region overlapping it, its end the end of the last one overlapping it (a split inside an utterance is not a boundary).
 */
export function score(truth: readonly SpeechRegion[], detected: readonly SpeechRegion[], durationSec: number): Scores {
  const t = frameLabels(truth, durationSec);
  const d = frameLabels(detected, durationSec);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 1 && d[i] === 1) tp++;
    else if (d[i] === 1) fp++;
    else if (t[i] === 1) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const boundaryErrors = truth.map((r): [number, number] => {
    const overlapping = detected.filter((x) => x.endSec > r.startSec && x.startSec < r.endSec);
    const first = overlapping[0];
    const last = overlapping[overlapping.length - 1];
    if (first === undefined || last === undefined) return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    return [Math.abs(first.startSec - r.startSec), Math.abs(last.endSec - r.endSec)];
  });
  const all = boundaryErrors.flat();
  return {
    precision,
    recall,
    f1,
    boundaryErrors,
    maxBoundaryErrorSec: all.length === 0 ? 0 : Math.max(...all),
    boundariesWithin: (limit) => all.filter((e) => e <= limit).length,
  };
}

/** pocketsphinx_continuous `-time yes` word entries (fillers, `<s>`, `</s>` and `<sil>` left out), in time order. */
export function pocketsphinxWords(listing: string): SpeechRegion[] {
  const words: SpeechRegion[] = [];
  for (const line of listing.split('\n')) {
    const m = /^(\S+) (\d+\.\d+) (\d+\.\d+) [\d.]+$/.exec(line.trim());
    if (m === null) continue;
    const token = m[1] as string;
    if (token === '<s>' || token === '</s>' || token === '<sil>' || token.startsWith('[') || token.startsWith('++')) continue;
    words.push({ startSec: Number(m[2]), endSec: Number(m[3]) });
  }
  return words.sort((a, b) => a.startSec - b.startSec);
}

/** Words merged into regions across pauses shorter than `mergeSec`. */
export function mergeWords(words: readonly SpeechRegion[], mergeSec: number): SpeechRegion[] {
  const out: SpeechRegion[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (last !== undefined && w.startSec - last.endSec < mergeSec) out[out.length - 1] = { startSec: last.startSec, endSec: Math.max(last.endSec, w.endSec) };
    else out.push(w);
  }
  return out;
}

/**
 * Words merged across pauses shorter than `mergeSec`, where a pause is measured on the signal: the longest run of
 * 10 ms frames inside the recogniser's gap whose level is below `quietDb` (the recogniser's word edges are coarse:
 * it can put a 200 ms pause where the voice is back after 110 ms). A long enough quiet run splits the regions there.
 */
export function mergeWordsOnQuiet(words: readonly SpeechRegion[], samples: Float32Array, mergeSec: number, quietDb: number): SpeechRegion[] {
  const frame = SAMPLE_RATE / 100;
  const quiet = (f: number): boolean => {
    let e = 0;
    for (let i = f * frame; i < (f + 1) * frame && i < samples.length; i++) e += (samples[i] as number) ** 2;
    return 10 * Math.log10(e / frame + 1e-20) < quietDb;
  };
  const out: SpeechRegion[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (last === undefined) {
      out.push(w);
      continue;
    }
    let best: [number, number] = [0, 0];
    let runStart = -1;
    const from = Math.floor(last.endSec * 100);
    const to = Math.ceil(w.startSec * 100);
    for (let f = from; f <= to; f++) {
      if (f < to && quiet(f)) {
        if (runStart < 0) runStart = f;
      } else if (runStart >= 0) {
        if (f - runStart > best[1] - best[0]) best = [runStart, f];
        runStart = -1;
      }
    }
    if ((best[1] - best[0]) / 100 < mergeSec) out[out.length - 1] = { startSec: last.startSec, endSec: Math.max(last.endSec, w.endSec) };
    else {
      out[out.length - 1] = { startSec: last.startSec, endSec: best[0] / 100 };
      out.push({ startSec: best[1] / 100, endSec: w.endSec });
    }
  }
  return out;
}

/** Level in dB of the `p`-quantile of 10 ms frame energies: the noise floor at low `p`. */
export function frameLevelQuantile(samples: Float32Array, p: number): number {
  const frame = SAMPLE_RATE / 100;
  const levels: number[] = [];
  for (let f = 0; (f + 1) * frame <= samples.length; f++) {
    let e = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) e += (samples[i] as number) ** 2;
    levels.push(10 * Math.log10(e / frame + 1e-20));
  }
  levels.sort((a, b) => a - b);
  return levels[Math.min(levels.length - 1, Math.floor(p * levels.length))] ?? -120;
}
