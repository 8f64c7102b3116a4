/**
 * Runtime parity figures on whisper-dev-random (shared by `scripts/parity-runtime.ts` and the runtime tests; not part of
 * the public API):
 * encoder and first-step logits against OpenAI's reference outputs, incremental vs full-sequence decoding,
 * batched rows vs single rows, merged vs split decoder.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readModelDims } from '../model-dims.js';
import type { EncoderOutput, WhisperModelDims } from '../types.js';
import { loadWhisperModel } from './load-model.js';
import type { DecoderFiles, LoadedWhisperModel } from './load-model.js';
import type { RuntimeSessionOptions } from './session-options.js';

/** The shared development model, `<repo>/../shared/models/whisper-dev-random/` (read at test time, never downloaded). */
export const MODEL_DIR = fileURLToPath(new URL('../../../../../../shared/models/whisper-dev-random/', import.meta.url));
/** Max |difference| allowed for encoder hidden states (values up to ~4.4). */
export const ENCODER_ATOL = 1e-4;
/**
 * Max |difference| allowed for logits, relative to the largest |reference logit| compared.
 * The logits of this model reach ~1100, where one float32 ulp is 1.2e-4, so an absolute 1e-4 cannot hold between
 * two float32 implementations (see docs/runtime.md). 1e-5 relative is 1e-4 per 10 logit units.
 */
export const LOGITS_RTOL = 1e-5;
/**
 * Max |difference| for logits computed by the same ONNX Runtime operations in a different arrangement
 * (batched rows vs single rows with the same steps): batching must not change the numbers.
 */
export const SAME_PATH_ATOL = 1e-4;
/** How `compare` judges: encoder (absolute), logits (relative to scale), logits along the same path (absolute). */
export type CompareKind = 'encoder' | 'logits' | 'logits-same-path';
/** The prompt of `logits_*_w0.bin`: <|startoftranscript|><|en|><|transcribe|><|notimestamps|>. */
export const SOT_PROMPT: readonly number[] = [50258, 50259, 50359, 50363];
/** Prompt positions stored as rows of `logits_*_w0.bin`. */
const REFERENCE_POSITIONS = [0, 3] as const;
/** Tokens fed after the prompt for the incremental checks (ordinary text ids). */
const CONTINUATION: readonly number[] = [2221, 13, 3560, 11, 309];

export interface Figure {
  readonly name: string;
  /** Max |difference|. */
  readonly maxAbs: number;
  /** Max |difference| / max |expected|. */
  readonly scaled: number;
  /** Whether the argmax of every compared row agrees (logits only). */
  readonly argmaxAgree: boolean;
  readonly pass: boolean;
}

export interface ReferenceArray {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** Reads `reference/<name>.bin` with the shape from its `.json`; checks dtype, byte order and size. */
export function readReference(name: string): ReferenceArray {
  const meta = JSON.parse(readFileSync(`${MODEL_DIR}reference/${name}.json`, 'utf8')) as { shape: number[]; dtype: string; byte_order: string; order: string };
  if (meta.dtype !== 'float32' || meta.byte_order !== 'little' || meta.order !== 'C') throw new TypeError(`${name}: unexpected layout`);
  const bytes = readFileSync(`${MODEL_DIR}reference/${name}.bin`);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  if (data.length !== meta.shape.reduce((a, b) => a * b, 1)) throw new TypeError(`${name}: size does not match shape`);
  return { data, shape: meta.shape };
}

export function modelDims(): WhisperModelDims {
  return readModelDims(readFileSync(`${MODEL_DIR}config.json`, 'utf8'), `${MODEL_DIR}config.json`);
}

export function decoderFiles(layout: 'merged' | 'split'): DecoderFiles {
  return layout === 'merged'
    ? { layout, path: `${MODEL_DIR}onnx/decoder_model_merged.onnx` }
    : { layout, path: `${MODEL_DIR}onnx/decoder_model.onnx`, withPastPath: `${MODEL_DIR}onnx/decoder_with_past_model.onnx` };
}

export async function loadDevModel(layout: 'merged' | 'split', sessionOptions: RuntimeSessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 }): Promise<LoadedWhisperModel> {
  return loadWhisperModel({ encoderPath: `${MODEL_DIR}onnx/encoder_model.onnx`, decoder: decoderFiles(layout), dims: modelDims(), sessionOptions });
}

function argmax(a: Float32Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if ((a[i] as number) > (a[best] as number)) best = i;
  return best;
}

/** Compares `actual` and `expected` row by row (`rowLength` values per row). */
export function compare(name: string, actual: Float32Array, expected: Float32Array, rowLength: number, kind: CompareKind): Figure {
  if (actual.length !== expected.length) throw new RangeError(`${name}: ${actual.length} values vs ${expected.length} expected`);
  let maxAbs = 0;
  let maxRef = 0;
  for (let i = 0; i < actual.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs((actual[i] as number) - (expected[i] as number)));
    maxRef = Math.max(maxRef, Math.abs(expected[i] as number));
  }
  let argmaxAgree = true;
  for (let r = 0; r < actual.length / rowLength && kind !== 'encoder'; r++) {
    const span = [r * rowLength, (r + 1) * rowLength] as const;
    argmaxAgree &&= argmax(actual.subarray(...span)) === argmax(expected.subarray(...span));
  }
  const scaled = maxAbs / Math.max(maxRef, Number.MIN_VALUE);
  const within = kind === 'encoder' ? maxAbs <= ENCODER_ATOL : kind === 'logits-same-path' ? maxAbs <= SAME_PATH_ATOL : scaled <= LOGITS_RTOL;
  const pass = Number.isFinite(maxAbs) && within && argmaxAgree;
  return { name, maxAbs, scaled, argmaxAgree, pass };
}

/** Picks the given positions (rows of `seqLen`) out of `[seqLen, vocab]` logits. */
function rowsAt(logits: Float32Array, positions: readonly number[], vocab: number): Float32Array {
  const out = new Float32Array(positions.length * vocab);
  positions.forEach((p, i) => out.set(logits.subarray(p * vocab, (p + 1) * vocab), i * vocab));
  return out;
}

/** Encoder and first-step logits of one reference window against OpenAI's outputs. */
export async function referenceFigures(model: LoadedWhisperModel, audio: 'jfk' | 'long', layout: string): Promise<Figure[]> {
  const { vocabSize } = model.decoder.dims;
  const mel = readReference(`mel_${audio}_w0`);
  const enc = await model.encoder.encode(mel.data, 1);
  const refEncoder = readReference(`encoder_${audio}_w0`);
  const figures = [compare(`encoder ${audio}_w0`, enc.data, refEncoder.data, enc.dims[2], 'encoder')];
  const expected = readReference(`logits_${audio}_w0`).data;
  const pytorchEnc: EncoderOutput = { batch: 1, data: refEncoder.data, dims: [1, enc.dims[1], enc.dims[2]] };
  for (const [label, input] of [['', enc], [' (reference encoder)', pytorchEnc]] as const) {
    const cache = model.decoder.createCache(input, 1);
    try {
      const logits = await model.decoder.step(cache, [SOT_PROMPT]);
      figures.push(compare(`logits ${audio}_w0 ${layout}${label}`, rowsAt(logits.data, REFERENCE_POSITIONS, vocabSize), expected, vocabSize, 'logits'));
    } finally {
      cache.dispose();
    }
  }
  return figures;
}

/** Decoding the prompt then CONTINUATION one token at a time vs feeding the whole sequence at once. */
export async function incrementalFigure(model: LoadedWhisperModel, layout: string): Promise<Figure> {
  const { vocabSize } = model.decoder.dims;
  const enc = await model.encoder.encode(readReference('mel_jfk_w0').data, 1);
  const all = [...SOT_PROMPT, ...CONTINUATION];
  const full = model.decoder.createCache(enc, 1);
  const incr = model.decoder.createCache(enc, 1);
  try {
    const whole = (await model.decoder.step(full, [all])).data.slice();
    const got = new Float32Array(all.length * vocabSize);
    got.set((await model.decoder.step(incr, [SOT_PROMPT])).data);
    for (let i = SOT_PROMPT.length; i < all.length; i++) {
      got.set((await model.decoder.step(incr, [[all[i] as number]])).data, i * vocabSize);
    }
    return compare(`incremental vs full sequence ${layout}`, got, whole, vocabSize, 'logits');
  } finally {
    full.dispose();
    incr.dispose();
  }
}

/** Three beams decoded as one batch (shared batch-1 encoder, one reorder) vs each row alone with the same steps. */
export async function batchedFigure(model: LoadedWhisperModel, layout: string): Promise<Figure> {
  const { vocabSize } = model.decoder.dims;
  const enc = await model.encoder.encode(readReference('mel_long_w0').data, 1);
  const histories: number[][] = [[...SOT_PROMPT, 400, 401], [...SOT_PROMPT, 400, 402], [...SOT_PROMPT, 500, 403]];
  const batched = model.decoder.createCache(enc, 3);
  const got = new Float32Array(3 * vocabSize);
  const want = new Float32Array(3 * vocabSize);
  try {
    await model.decoder.step(batched, [SOT_PROMPT, SOT_PROMPT, SOT_PROMPT]);
    await model.decoder.step(batched, [[400], [500], [600]]);
    model.decoder.reorder(batched, [0, 0, 1]);
    await model.decoder.step(batched, [[401], [402], [403]]);
    got.set((await model.decoder.step(batched, [[7], [8], [9]])).data);
    for (const [row, history] of histories.entries()) {
      const alone = model.decoder.createCache(enc, 1);
      try {
        await model.decoder.step(alone, [SOT_PROMPT]);
        for (const id of history.slice(SOT_PROMPT.length)) await model.decoder.step(alone, [[id]]);
        want.set((await model.decoder.step(alone, [[7 + row]])).data, row * vocabSize);
      } finally {
        alone.dispose();
      }
    }
  } finally {
    batched.dispose();
  }
  return compare(`batched beams vs rows alone ${layout}`, got, want, vocabSize, 'logits-same-path');
}
