/**
 * Loads a Whisper encoder + decoder from plain ONNX file paths.
 */
import type { WhisperDecoder, WhisperEncoder, WhisperModelDims } from '../types.js';
import { OnnxWhisperDecoder } from './decoder.js';
import type { DecoderSession } from './decoder.js';
import { OnnxWhisperEncoder } from './encoder.js';
import { assertFirstStepIo, assertWithPastIo, readDecoderIo, readEncoderIo } from './io-names.js';
import { acquireSession } from './session-cache.js';
import type { SessionLease } from './session-cache.js';
import { resolveSessionOptions } from './session-options.js';
import type { ResolvedSessionOptions } from './session-options.js';
import { isStaticStep, StaticWhisperDecoder } from './static-decoder.js';
import { ModelCorruptError } from '../../core/errors.js';
import type { RuntimeSessionOptions } from './session-options.js';

/** The decoder files: one merged file (`use_cache_branch`), or a first-step file plus a with-past file. */
export type DecoderFiles =
  | { readonly layout: 'merged'; readonly path: string }
  | { readonly layout: 'split'; readonly path: string; readonly withPastPath: string }
  /** The fixed-shape (NPU) format: `decoder_step_model.onnx` + `cross_kv_model.onnx` (see docs/npu.md). */
  | { readonly layout: 'static'; readonly path: string; readonly crossKvPath: string; readonly maskFloor?: number };

export interface LoadWhisperModelOptions {
  /** `encoder_model.onnx`. */
  readonly encoderPath: string;
  readonly decoder: DecoderFiles;
  /** From `readModelDims(config.json)`. */
  readonly dims: WhisperModelDims;
  readonly sessionOptions?: RuntimeSessionOptions;
}

/** A loaded model. `dispose()` releases its sessions (shared sessions close when their last user releases them). */
export interface LoadedWhisperModel {
  readonly encoder: WhisperEncoder;
  readonly decoder: WhisperDecoder;
  dispose(): Promise<void>;
}

async function decoderSession(lease: SessionLease, dims: WhisperModelDims): Promise<DecoderSession> {
  return { session: lease.session, file: lease.path, io: readDecoderIo(lease.session, lease.path, dims.nDecoderLayers) };
}

/**
 * Opens the sessions (reusing any already open for the same file and options), reads their input/output names,
 * and returns the encoder and decoder. Throws `ModelNotFoundError`, `ModelCorruptError`, `RuntimeError` or
 * `InvalidOptionError`; nothing stays open after a failure.
 *
 * @example
 * const dims = readModelDims(readFileSync(`${dir}/config.json`, 'utf8'));
 * const model = await loadWhisperModel({
 *   encoderPath: `${dir}/onnx/encoder_model.onnx`,
 *   decoder: { layout: 'merged', path: `${dir}/onnx/decoder_model_merged.onnx` },
 *   dims,
 *   sessionOptions: { intraOpNumThreads: 4 },
 * });
 * const enc = await model.encoder.encode(mel, 1);
 * const cache = model.decoder.createCache(enc, 1);
 * try { const logits = await model.decoder.step(cache, [[50258, 50259, 50359, 50363]]); } finally { cache.dispose(); }
 * await model.dispose();
 */
export async function loadWhisperModel(options: LoadWhisperModelOptions): Promise<LoadedWhisperModel> {
  const resolved = resolveSessionOptions(options.sessionOptions);
  const { dims, decoder } = options;
  if (decoder.layout === 'static') return loadStaticModel(options.encoderPath, decoder, dims, resolved);
  const paths = decoder.layout === 'merged' ? [options.encoderPath, decoder.path] : [options.encoderPath, decoder.path, decoder.withPastPath];
  const leases: SessionLease[] = [];
  const releaseAll = async (): Promise<void> => {
    await Promise.all(leases.splice(0).map((l) => l.release()));
  };
  try {
    for (const path of paths) leases.push(await acquireSession(path, resolved));
    const [encLease, firstLease, pastLease = firstLease] = leases as [SessionLease, SessionLease, SessionLease?];
    const encoder = new OnnxWhisperEncoder(dims, encLease.session, encLease.path, readEncoderIo(encLease.session, encLease.path));
    const first = await decoderSession(firstLease, dims);
    const withPast = pastLease === firstLease ? first : await decoderSession(pastLease, dims);
    assertFirstStepIo(first.io, first.file);
    assertWithPastIo(withPast.io, withPast.file);
    return {
      encoder,
      decoder: new OnnxWhisperDecoder(dims, decoder.layout, first, withPast),
      dispose: releaseAll,
    };
  } catch (error) {
    await releaseAll();
    throw error;
  }
}

/** Loads the fixed-shape format: the step's cache length and head sizes come from its input shapes. */
async function loadStaticModel(encoderPath: string, decoder: Extract<DecoderFiles, { layout: 'static' }>, dims: WhisperModelDims, resolved: ResolvedSessionOptions): Promise<LoadedWhisperModel> {
  const leases: SessionLease[] = [];
  const releaseAll = async (): Promise<void> => {
    await Promise.all(leases.splice(0).map((l) => l.release()));
  };
  try {
    for (const path of [encoderPath, decoder.crossKvPath, decoder.path]) leases.push(await acquireSession(path, resolved));
    const [encLease, crossLease, stepLease] = leases as [SessionLease, SessionLease, SessionLease];
    const step = stepLease.session;
    const shape = (name: string): readonly (number | string)[] => {
      const m = step.inputMetadata.find((x) => x.name === name);
      return m !== undefined && m.isTensor ? m.shape : [];
    };
    const [, heads, cacheLength, headDim] = shape('past_key_values.0.decoder.key');
    if (!isStaticStep(step.inputNames) || typeof heads !== 'number' || typeof cacheLength !== 'number' || typeof headDim !== 'number') {
      throw new ModelCorruptError('MODEL_IO_UNEXPECTED', `${stepLease.path}: not a fixed-shape decoder step (needs input_ids, attention_mask, position_ids and fixed past_key_values.N.decoder.* shapes)`, {
        hint: 'Export it with `cephalon export --static`.',
        details: { file: stepLease.path },
      });
    }
    const encoder = new OnnxWhisperEncoder(dims, encLease.session, encLease.path, readEncoderIo(encLease.session, encLease.path));
    return {
      encoder,
      decoder: new StaticWhisperDecoder(dims, crossLease.session, step, { heads, cacheLength, headDim }, decoder.maskFloor ?? 0),
      dispose: releaseAll,
    };
  } catch (error) {
    await releaseAll();
    throw error;
  }
}
