/**
 * Validation and tensor building for decoder calls (token rows, empty pasts, tiling).
 */
import * as ort from 'onnxruntime-node';
import { RuntimeError } from '../../core/errors.js';
import type { WhisperModelDims } from '../types.js';

function invalid(problem: string): RuntimeError {
  return new RuntimeError('DECODER_INPUT_INVALID', `decoder step: ${problem}`, {
    hint: 'Pass one token row per cache row, all rows the same length, ids inside the vocabulary.',
  });
}

/** Checks `tokens` (`[batch, seqLen]`) against the cache and returns `seqLen`. */
export function checkTokens(tokens: readonly (readonly number[])[], batch: number, length: number, dims: WhisperModelDims): number {
  if (tokens.length !== batch) throw invalid(`got ${tokens.length} token rows for a cache of ${batch} rows`);
  const seqLen = tokens[0]?.length ?? 0;
  if (seqLen === 0) throw invalid('token rows are empty');
  for (const row of tokens) {
    if (row.length !== seqLen) throw invalid(`token rows differ in length (${seqLen} and ${row.length})`);
    for (const id of row) {
      if (!Number.isInteger(id) || id < 0 || id >= dims.vocabSize) throw invalid(`token id ${id} is outside 0..${dims.vocabSize - 1}`);
    }
  }
  if (length + seqLen > dims.nTextCtx) {
    throw new RuntimeError('DECODER_CONTEXT_FULL', `decoder context full: ${length} cached + ${seqLen} new positions > ${dims.nTextCtx}`, {
      hint: 'Stop decoding at the model context (nTextCtx) or shorten the prompt.',
    });
  }
  return seqLen;
}

/** True when every row equals the first (the shared prompt of all beams). */
export function rowsIdentical(tokens: readonly (readonly number[])[]): boolean {
  const [first] = tokens;
  return first !== undefined && tokens.every((row) => row.every((id, i) => id === first[i]));
}

/** `input_ids` int64 `[rows, seqLen]` from the first `rows` token rows. */
export function idsTensor(tokens: readonly (readonly number[])[], rows: number, seqLen: number): ort.Tensor {
  const ids = new BigInt64Array(rows * seqLen);
  for (let r = 0; r < rows; r++) {
    const row = tokens[r] ?? [];
    for (let t = 0; t < seqLen; t++) ids[r * seqLen + t] = BigInt(row[t] ?? 0);
  }
  return new ort.Tensor('int64', ids, [rows, seqLen]);
}

/** A float32 tensor with no elements, e.g. the zero-length past `[rows, heads, 0, headDim]` of a first step. */
export function emptyTensor(dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', new Float32Array(0), dims);
}

/** `rows` copies of `data` back to back (used once per window when rows differ but share one encoder output). */
export function tileRows(data: Float32Array, rows: number): Float32Array {
  const out = new Float32Array(data.length * rows);
  for (let r = 0; r < rows; r++) out.set(data, r * data.length);
  return out;
}

/** The `use_cache_branch` input of a merged decoder. */
export function cacheBranchTensor(useCache: boolean): ort.Tensor {
  return new ort.Tensor('bool', [useCache], [1]);
}
