/**
 * A session for a small feed-forward network with one float32 input `[n, inputs]` and one float32 output
 * `[n, outputs]` (the research rescoring networks, e.g. the beam-approximating one): loaded from bytes or a file,
 * run on a caller-owned buffer without copying it in.
 */
import * as ort from 'onnxruntime-node';
import { ModelCorruptError } from '../../core/errors.js';
import { resolveSessionOptions, toOrtOptions } from './session-options.js';
import type { RuntimeSessionOptions } from './session-options.js';

/** An open dense network. */
export interface DenseNetSession {
  readonly inputs: number;
  readonly outputs: number;
  /** Scores of `n` rows of `x` (`[n, inputs]`, read in place); the result is a fresh `[n, outputs]` array. */
  run(x: Float32Array, n: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/**
 * Opens a network whose only input is `[batch, inputs]` float32 and first output `[batch, outputs]` float32.
 * Throws `ModelCorruptError` when ONNX Runtime rejects it or its shapes are not of that form.
 * @example
 * const net = await openDenseNet(onnxBytes);
 * const scores = await net.run(features, 1);
 */
export async function openDenseNet(model: Uint8Array | string, options: RuntimeSessionOptions = {}): Promise<DenseNetSession> {
  const what = typeof model === 'string' ? model : 'network bytes';
  let session: ort.InferenceSession;
  try {
    const ortOptions = toOrtOptions(resolveSessionOptions(options));
    session = typeof model === 'string' ? await ort.InferenceSession.create(model, ortOptions) : await ort.InferenceSession.create(model, ortOptions);
  } catch (cause) {
    throw new ModelCorruptError('MODEL_FILE_CORRUPT', `${what} does not load in ONNX Runtime: ${cause instanceof Error ? cause.message : String(cause)}`, {
      hint: 'Re-export the network.',
      cause,
      details: { file: what },
    });
  }
  const input = session.inputMetadata[0];
  const output = session.outputMetadata[0];
  const width = (m: typeof input | typeof output): number => (m !== undefined && m.isTensor && m.shape.length === 2 && typeof m.shape[1] === 'number' ? m.shape[1] : -1);
  const inputs = width(input);
  const outputs = width(output);
  if (session.inputNames.length !== 1 || inputs < 1 || outputs < 1 || input === undefined || output === undefined) {
    await session.release();
    throw new ModelCorruptError('MODEL_FILE_CORRUPT', `${what} is not a dense network with one [batch, inputs] input and a [batch, outputs] output`, {
      hint: 'Export the network with the research exporter.',
      details: { file: what },
    });
  }
  const inputName = input.name;
  const outputName = output.name;
  return {
    inputs,
    outputs,
    async run(x, n) {
      if (x.length < n * inputs) throw new RangeError(`dense net: ${x.length} values for ${n} rows of ${inputs}`);
      const feed = new ort.Tensor('float32', x.length === n * inputs ? x : x.subarray(0, n * inputs), [n, inputs]);
      const out = await session.run({ [inputName]: feed }, [outputName]);
      const t = out[outputName] as ort.Tensor;
      const data = (t.data as Float32Array).slice();
      t.dispose();
      return data;
    },
    async dispose() {
      await session.release();
    },
  };
}
