/**
 * Runs any ONNX file with named feeds and returns named float32 outputs: for checking freshly exported graphs against
 * published ones (the exporter's parity script and tests) without going through the Whisper decoder wrapper.
 */
import * as ort from 'onnxruntime-node';
import { ModelCorruptError } from '../../core/errors.js';
import { resolveSessionOptions, toOrtOptions } from './session-options.js';
import type { RuntimeSessionOptions } from './session-options.js';

/** One input tensor. */
export type GraphFeed =
  | { readonly type: 'float32'; readonly data: Float32Array; readonly dims: readonly number[] }
  | { readonly type: 'int64'; readonly data: BigInt64Array; readonly dims: readonly number[] }
  | { readonly type: 'bool'; readonly data: Uint8Array; readonly dims: readonly number[] };

/** One float32 output. */
export interface GraphOutput {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** An open ONNX file. */
export interface GraphRunner {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Input element types and shapes (symbolic dims as strings), as ONNX Runtime reports them. */
  readonly inputs: readonly { readonly name: string; readonly type: string; readonly shape: readonly (number | string)[] }[];
  run(feeds: Readonly<Record<string, GraphFeed>>): Promise<Record<string, GraphOutput>>;
  dispose(): Promise<void>;
}

/**
 * Opens `path` with ONNX Runtime (which validates the graph). Throws `ModelCorruptError` when it does not load.
 * @example
 * const enc = await openGraph('out/onnx/encoder_model.onnx');
 * const { last_hidden_state } = await enc.run({ input_features: { type: 'float32', data: mel, dims: [1, 80, 3000] } });
 */
export async function openGraph(path: string, options: RuntimeSessionOptions = {}): Promise<GraphRunner> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, toOrtOptions(resolveSessionOptions(options)));
  } catch (cause) {
    throw new ModelCorruptError('MODEL_FILE_CORRUPT', `${path} does not load in ONNX Runtime: ${cause instanceof Error ? cause.message : String(cause)}`, {
      hint: 'Re-export the model.',
      cause,
      details: { file: path },
    });
  }
  const inputs = session.inputMetadata.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape] } : { name: m.name, type: 'non-tensor', shape: [] }));
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    inputs,
    async run(feeds) {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, f] of Object.entries(feeds)) {
        ortFeeds[name] = f.type === 'bool' ? new ort.Tensor('bool', f.data, [...f.dims]) : new ort.Tensor(f.type, f.data, [...f.dims]);
      }
      const out = await session.run(ortFeeds);
      const result: Record<string, GraphOutput> = {};
      for (const [name, t] of Object.entries(out)) {
        if (t.type === 'float32') result[name] = { data: (t.data as Float32Array).slice(), dims: [...t.dims] };
        t.dispose();
      }
      return result;
    },
    async dispose() {
      await session.release();
    },
  };
}
