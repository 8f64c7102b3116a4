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

/**
 * Validates `DecoderStepOptions.logitPositions` against a call of `seqLen` tokens per row; `null` means every
 * position (no selection given, or one that selects all of them in order).
 */
export function checkPositions(positions: readonly number[] | undefined, seqLen: number): readonly number[] | null {
  if (positions === undefined) return null;
  if (positions.length === 0) throw invalid('logitPositions is empty');
  let previous = -1;
  for (const p of positions) {
    if (!Number.isInteger(p) || p <= previous || p >= seqLen) {
      throw invalid(`logitPositions [${positions.join(', ')}] must be strictly increasing integers in 0..${seqLen - 1}`);
    }
    previous = p;
  }
  return positions.length === seqLen ? null : positions;
}

/** Copies `positions` of each of `rows` rows of `src` (`[rows, seqLen, vocab]`) into `dest` (`[rows, positions, vocab]`). */
export function gatherPositions(src: Float32Array, rows: number, seqLen: number, positions: readonly number[], vocab: number, dest: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    positions.forEach((p, j) => {
      const from = (r * seqLen + p) * vocab;
      dest.set(src.subarray(from, from + vocab), (r * positions.length + j) * vocab);
    });
  }
}
