/**
 * Word-timestamp parity with OpenAI on the random-weight timestamped fixture
 * (`<repo>/../shared/models/whisper-dev-random_timestamped`): loading it, running our sequential strategy with word
 * timestamps on the reference mel, and comparing tokens, segment bounds and word times with OpenAI's
 * `transcribe(word_timestamps=True, temperature=0)`. Every word time that differs is reported with the smallest DTW
 * decision margin on our path between the two times (a near-tie that float rounding can flip).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createWordAligner, type AlignmentDetail } from '../../alignment/index.js';
import type { Segment } from '../../core/types.js';
import { loadWhisperModel, readModelDims } from '../../runtime/index.js';
import type { LoadedWhisperModel, RuntimeSessionOptions } from '../../runtime/index.js';
import { readGenerationConfig } from '../../runtime/model/index.js';
import { loadTokenizer } from '../../tokenizer/index.js';
import type { WhisperTokenizer } from '../../tokenizer/index.js';
import type { LogMel } from '../../audio/index.js';
import type { LongFormOptions } from '../long-form-options.js';
import { sequentialStrategy } from '../sequential.js';
import type { LongFormResult } from '../strategy.js';
import { OPENAI_TRANSCRIBE_DEFAULTS } from './load-reference.js';

/** `whisper-dev-random_timestamped` folder. */
export const TIMESTAMPED_MODEL_DIR = fileURLToPath(new URL('../../../../../../shared/models/whisper-dev-random_timestamped/', import.meta.url));

export interface RefWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  readonly probability: number;
}
export interface RefWordSegment {
  readonly id: number;
  readonly seek: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokens: readonly number[];
  readonly words: readonly RefWord[];
}
export interface RefWordsFile {
  readonly options: Readonly<Record<string, unknown>>;
  readonly alignment_heads: readonly (readonly [number, number])[];
  readonly text: string;
  readonly segments: readonly RefWordSegment[];
}

export function readWordReference(audio: 'jfk' | 'long'): RefWordsFile {
  return JSON.parse(readFileSync(`${TIMESTAMPED_MODEL_DIR}reference/transcribe_${audio}_words.json`, 'utf8')) as RefWordsFile;
}

export interface TimestampedModel {
  readonly model: LoadedWhisperModel;
  readonly tokenizer: WhisperTokenizer;
  readonly alignmentHeads: readonly (readonly [number, number])[];
}

export async function loadTimestampedModel(sessionOptions: RuntimeSessionOptions = {}): Promise<TimestampedModel> {
  const dir = TIMESTAMPED_MODEL_DIR;
  const model = await loadWhisperModel({
    encoderPath: `${dir}onnx/encoder_model.onnx`,
    decoder: { layout: 'merged', path: `${dir}onnx/decoder_model_merged.onnx` },
    dims: readModelDims(readFileSync(`${dir}config.json`, 'utf8')),
    sessionOptions,
  });
  const generation = await readGenerationConfig(dir);
  return { model, tokenizer: await loadTokenizer(dir), alignmentHeads: generation.alignmentHeads };
}

/** Our options for the reference's `transcribe()` keyword arguments (`language='en'`, `temperature=0.0`, words). */
export function wordOptionsFor(ref: RefWordsFile): LongFormOptions {
  const o = ref.options;
  return {
    ...OPENAI_TRANSCRIBE_DEFAULTS,
    language: typeof o['language'] === 'string' ? o['language'] : null,
    temperatures: [typeof o['temperature'] === 'number' ? o['temperature'] : 0],
    conditionOnPreviousText: o['condition_on_previous_text'] !== false,
    wordTimestamps: o['word_timestamps'] === true,
  };
}

/** Our run with every window's alignment detail kept (by window seek). */
export interface WordRun {
  readonly result: LongFormResult;
  readonly details: Map<number, AlignmentDetail>;
  /** Milliseconds spent in alignment passes and in the rest of the alignment, summed over windows. */
  readonly runMs: number;
  readonly alignMs: number;
  readonly totalMs: number;
}

export async function runWords(tm: TimestampedModel, mel: LogMel, options: LongFormOptions): Promise<WordRun> {
  const details = new Map<number, AlignmentDetail>();
  let runMs = 0;
  let alignMs = 0;
  const words = createWordAligner(tm.model.decoder, tm.tokenizer, tm.alignmentHeads, {
    onAlignment: (d) => {
      details.set(d.seek ?? -1, d);
      runMs += d.runMs;
      alignMs += d.alignMs;
    },
  });
  const ctx = { encoder: tm.model.encoder, decoder: tm.model.decoder, tokenizer: tm.tokenizer, words };
  const t0 = performance.now();
  const audio = { samples: new Float32Array(0), sampleRate: 16_000 };
  const result = await sequentialStrategy.transcribe(ctx, { audio, mel }, options);
  return { result, details, runMs, alignMs, totalMs: performance.now() - t0 };
}

/** One word time that differs from the reference. */
export interface WordTimeDifference {
  readonly segment: number;
  readonly word: string;
  readonly which: 'start' | 'end';
  readonly ours: number;
  readonly reference: number;
  /** Smallest DTW decision margin on our path between the two times (null when no detail was recorded). */
  readonly margin: number | null;
}

export interface WordParityReport {
  readonly name: string;
  readonly segments: number;
  readonly referenceSegments: number;
  readonly tokenMismatches: readonly string[];
  readonly boundaryMismatches: readonly string[];
  readonly words: number;
  readonly wordCountMismatches: readonly string[];
  /** Word start/end times compared, and how many are equal. */
  readonly times: number;
  readonly timesEqual: number;
  readonly differences: readonly WordTimeDifference[];
  readonly worstProbability: number;
  readonly textMismatches: readonly string[];
}

const TIME_EPS = 1e-9;

function marginBetween(detail: AlignmentDetail | undefined, seek: number, a: number, b: number): number | null {
  const margins = detail?.path.margins;
  if (detail === undefined || margins === undefined) return null;
  const offset = (seek * 160) / 16_000;
  const lo = Math.round((Math.min(a, b) - offset) * 50) - 1;
  const hi = Math.round((Math.max(a, b) - offset) * 50) + 1;
  const stride = detail.cost.cols + 1;
  let best = Infinity;
  const { textIndices, timeIndices } = detail.path;
  for (let k = 0; k < timeIndices.length; k++) {
    const j = timeIndices[k] as number;
    if (j < lo || j > hi) continue;
    best = Math.min(best, margins[((textIndices[k] as number) + 1) * stride + j + 1] as number);
  }
  return Number.isFinite(best) ? best : null;
}

/** Compares our run with the reference. */
export function compareWords(name: string, ref: RefWordsFile, run: WordRun): WordParityReport {
  const ours = run.result.segments;
  const tokenMismatches: string[] = [];
  const boundaryMismatches: string[] = [];
  const wordCountMismatches: string[] = [];
  const textMismatches: string[] = [];
  const differences: WordTimeDifference[] = [];
  let words = 0;
  let times = 0;
  let timesEqual = 0;
  let worstProbability = 0;
  const n = Math.max(ours.length, ref.segments.length);
  for (let i = 0; i < n; i++) {
    const r = ref.segments[i];
    const o: Segment | undefined = ours[i];
    if (r === undefined || o === undefined) {
      boundaryMismatches.push(`segment ${i}: ${r === undefined ? 'extra in ours' : 'missing in ours'}`);
      continue;
    }
    if (r.tokens.length !== o.tokenIds.length || r.tokens.some((t, k) => t !== o.tokenIds[k])) tokenMismatches.push(`segment ${i}: tokens differ`);
    if (r.seek !== o.seek || Math.abs(r.start - o.startSec) > TIME_EPS || Math.abs(r.end - o.endSec) > TIME_EPS) {
      boundaryMismatches.push(`segment ${i}: seek/start/end ${r.seek}/${r.start}/${r.end} vs ours ${o.seek}/${o.startSec}/${o.endSec}`);
    }
    if (r.text !== o.text) textMismatches.push(`segment ${i}: text differs`);
    const ow = o.words ?? [];
    if (ow.length !== r.words.length) wordCountMismatches.push(`segment ${i}: ${ow.length} words vs ${r.words.length}`);
    r.words.forEach((rw, k) => {
      words++;
      const w = ow[k];
      for (const which of ['start', 'end'] as const) {
        times++;
        const ref = rw[which];
        const mine = w === undefined ? Number.NaN : which === 'start' ? w.startSec : w.endSec;
        if (w !== undefined && w.text === rw.word && Math.abs(ref - mine) <= TIME_EPS) timesEqual++;
        else differences.push({ segment: i, word: rw.word, which, ours: mine, reference: ref, margin: marginBetween(run.details.get(r.seek), r.seek, ref, mine) });
      }
      if (w !== undefined) worstProbability = Math.max(worstProbability, Math.abs(w.probability - rw.probability));
    });
  }
  return {
    name,
    segments: ours.length,
    referenceSegments: ref.segments.length,
    tokenMismatches,
    boundaryMismatches,
    words,
    wordCountMismatches,
    times,
    timesEqual,
    differences,
    worstProbability,
    textMismatches,
  };
}
