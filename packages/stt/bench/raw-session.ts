/**
 * The benchmark baseline: the merged decoder driven by a bare `ort.InferenceSession.run`, doing only what any caller
 * of ONNX Runtime must do per token (feed one token per row and the previous call's `present.*` tensors as
 * `past_key_values.*`). Same model file and session options as the library; no filters, no token choice, no copies
 * into our own buffers, ORT allocates every output.
 */
import * as ort from 'onnxruntime-node';
import type { EncoderOutput, RuntimeSessionOptions, WhisperModelDims } from '../src/index.js';
import { resolveSessionOptions, toOrtOptions } from '../src/runtime/onnx/session-options.js';

type Feeds = Record<string, ort.Tensor>;

const LAYER_RE = /^present\.(\d+)\.(decoder|encoder)\.(key|value)$/;

export class RawDecoderSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly dims: WhisperModelDims,
  ) {}

  /** Opens `decoder_model_merged.onnx` with the library's own translation of `options` into ORT options. */
  static async open(path: string, dims: WhisperModelDims, options: RuntimeSessionOptions): Promise<RawDecoderSession> {
    return new RawDecoderSession(await ort.InferenceSession.create(path, toOrtOptions(resolveSessionOptions(options))), dims);
  }

  /**
   * Feeds `prompt` (once, batch 1, then its self-attention presents repeated to `rows`) and then `tokens` one per
   * call as `[rows, 1]`, each call feeding back the previous presents. Returns the number of `run` calls.
   */
  async decode(encoded: EncoderOutput, prompt: readonly number[], tokens: readonly number[], rows: number): Promise<number> {
    const { dModel, nAudioCtx, nDecoderHeads } = this.dims;
    const headDim = dModel / nDecoderHeads;
    const first: Feeds = {
      input_ids: ids(prompt, 1),
      encoder_hidden_states: new ort.Tensor('float32', encoded.data, [1, nAudioCtx, dModel]),
      use_cache_branch: new ort.Tensor('bool', [false], [1]),
    };
    const emptyPast = new ort.Tensor('float32', new Float32Array(0), [1, nDecoderHeads, 0, headDim]);
    for (const name of this.session.inputNames) if (name.startsWith('past_key_values.')) first[name] = emptyPast;
    const out = await this.session.run(first);
    const self: Feeds = {};
    const cross: Feeds = {};
    for (const name of this.session.outputNames) {
      const m = LAYER_RE.exec(name);
      const value = out[name];
      if (m === null || !(value instanceof ort.Tensor)) continue;
      const past = `past_key_values.${m[1]}.${m[2]}.${m[3]}`;
      if (m[2] === 'encoder') cross[past] = value;
      else self[past] = rows === 1 ? value : repeatRows(value, rows);
    }
    const fetches = this.session.outputNames.filter((n) => !n.includes('.encoder.'));
    const emptyHidden = new ort.Tensor('float32', new Float32Array(0), [rows, 0, dModel]);
    const useCache = new ort.Tensor('bool', [true], [1]);
    let calls = 1;
    for (const token of tokens) {
      const feeds: Feeds = { input_ids: ids(Array<number>(rows).fill(token), rows), encoder_hidden_states: emptyHidden, use_cache_branch: useCache, ...cross, ...self };
      const next = await this.session.run(feeds, fetches);
      calls++;
      for (const name of Object.keys(self)) self[name] = next[name.replace('past_key_values.', 'present.')] as ort.Tensor;
    }
    return calls;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** `input_ids` int64: `[1, ids.length]` when `rows` is 1 and `ids` is a prompt, else `[rows, 1]`. */
function ids(tokens: readonly number[], rows: number): ort.Tensor {
  const data = BigInt64Array.from(tokens, (t) => BigInt(t));
  return new ort.Tensor('int64', data, rows === 1 ? [1, tokens.length] : [rows, 1]);
}

/** A batch-1 tensor repeated to `rows` rows. */
function repeatRows(t: ort.Tensor, rows: number): ort.Tensor {
  const src = t.data as Float32Array;
  const out = new Float32Array(src.length * rows);
  for (let r = 0; r < rows; r++) out.set(src, r * src.length);
  return new ort.Tensor('float32', out, [rows, ...t.dims.slice(1)]);
}
