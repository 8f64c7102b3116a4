/**
 * The fixed-shape (NPU) format (requirements sections 4-6): every tensor has a fixed shape.
 * - `encoder_model.onnx`: `input_features [1, n_mels, 3000]` -> `last_hidden_state [1, 1500, d]`;
 * - `cross_kv_model.onnx`: `encoder_hidden_states [1, 1500, d]` -> `present_key_values.{i}.encoder.key/value
 *   [1, heads, 1500, head]`, computed once per window (feed them back as `past_key_values.{i}.encoder.*`);
 * - `decoder_step_model.onnx`: one token: `input_ids [1, 1]` int64, `attention_mask [1, N]` int64, `position_ids [1]`
 *   int64, the cross K/V, and the preallocated self-attention cache `past_key_values.{i}.decoder.key/value
 *   [1, heads, N, head]` -> `logits [1, 1, vocab]` and the new position's `present_key_values.{i}.decoder.key/value
 *   [1, heads, 1, head]`, which the caller writes into slot `position_ids` of its cache.
 * Inside the step the new key/value replace slot `position_ids` of the cache (a `Where` on a one-hot of the position,
 * no dynamic indexing), then attention runs over all N slots with the padding mask (1 = attend): with the exact mask
 * (ones for slots 0..position) this is the same computation as the dynamic decoder.
 */
import type { ExportDims } from './dims.js';
import { attend, layerNormCast, mlpBlock, splitHeads } from './graph-parts.js';
import { DT, encodeModel, GraphBuilder, Initializers, valueInfo } from './onnx-builder.js';
import { WeightStore, type ExportDtype, type Q8Kind } from './weight-store.js';
import type { WhisperWeights } from './whisper-weights.js';

/** Cache length of the prototype (section 5); the default is the model's text context. */
export const PROTOTYPE_CACHE_LENGTH = 224;

/** Builds `cross_kv_model.onnx`. */
export function buildCrossKv(weights: WhisperWeights, dims: ExportDims, dtype: ExportDtype, q8Kind?: Q8Kind): Uint8Array {
  const init = new Initializers();
  const g = new GraphBuilder('/cross_kv/', init);
  const w = new WeightStore(init, g, dtype, q8Kind);
  const heads = dims.decoderHeads;
  const head = dims.dModel / heads;
  const outputs = [];
  for (let i = 0; i < dims.decoderLayers; i++) {
    const block = weights.decoderBlocks[i];
    if (block === undefined) throw new Error(`decoder block ${i} missing`);
    const name = `decoder.blocks.${i}.cross_attn`;
    for (const [part, lin] of [['key', block.cross.key], ['value', block.cross.value]] as const) {
      const out = `present_key_values.${i}.encoder.${part}`;
      g.op('Identity', [splitHeads(g, w, w.linear(g, 'encoder_hidden_states', lin, `${name}.${part}`), heads, head)], {}, out);
      outputs.push(valueInfo(out, DT.float, [1, heads, dims.nAudioCtx, head]));
    }
  }
  const graph = g.graph('whisper_cross_kv', [valueInfo('encoder_hidden_states', DT.float, [1, dims.nAudioCtx, dims.dModel])], outputs, true);
  return encodeModel(graph, `Whisper cross-attention K/V projector (${dtype}, fixed shapes), written by cephalon export`);
}

/**
 * Builds `decoder_step_model.onnx` with a self-attention cache of `cacheLength` slots. `attentionBias` (research, default
 * off) adds a float input `attention_bias [1, N]` added to the self-attention scores after the mask's blocking.
 */
export function buildDecoderStep(weights: WhisperWeights, dims: ExportDims, dtype: ExportDtype, cacheLength: number, q8Kind?: Q8Kind, attentionBias = false): Uint8Array {
  const init = new Initializers();
  const g = new GraphBuilder('/decoder_step/', init);
  const w = new WeightStore(init, g, dtype, q8Kind);
  const d = dims.dModel;
  const heads = dims.decoderHeads;
  const head = d / heads;
  const n = cacheLength;
  const embedding = w.tensor('decoder.token_embedding.weight', weights.tokenEmbedding);
  const embeddingT = g.op('Transpose', [embedding], { perm: [1, 0] });
  const positions = w.tensor('decoder.positional_embedding', weights.decoderPositions);
  // [1, 1, d]: token embedding + position embedding.
  let x = g.op('Add', [g.op('Gather', [embedding, 'input_ids'], { axis: 0 }), g.op('Gather', [positions, 'position_ids'], { axis: 0 })]);
  // One-hot of the position over the cache slots, [1, 1, N, 1]; and the blocked slots, [1, 1, 1, N].
  const slot = g.op('Reshape', [g.op('Equal', [w.init.i64(Array.from({ length: n }, (_, i) => i)), 'position_ids']), w.init.i64([1, 1, n, 1])]);
  const blocked = g.op('Reshape', [g.op('Equal', ['attention_mask', w.init.i64([0], [])]), w.init.i64([1, 1, 1, n])]);
  const outputs = [valueInfo('logits', DT.float, [1, 1, dims.vocabSize])];
  const inputs = [
    valueInfo('input_ids', DT.int64, [1, 1]),
    valueInfo('attention_mask', DT.int64, [1, n]),
    valueInfo('position_ids', DT.int64, [1]),
  ];
  let additive: string | undefined;
  if (attentionBias) {
    inputs.push(valueInfo('attention_bias', DT.float, [1, n]));
    additive = g.op('Reshape', ['attention_bias', w.init.i64([1, 1, 1, n])]);
  }
  weights.decoderBlocks.forEach((block, i) => {
    const name = `decoder.blocks.${i}`;
    const ln = layerNormCast(g, w, x, block.attnLn, `${name}.attn_ln`);
    const q = splitHeads(g, w, w.linear(g, ln.out, block.attn.query, `${name}.attn.query`), heads, head);
    const k = splitHeads(g, w, w.linear(g, ln.out, block.attn.key, `${name}.attn.key`), heads, head);
    const v = splitHeads(g, w, w.linear(g, ln.out, block.attn.value, `${name}.attn.value`), heads, head);
    g.op('Identity', [k], {}, `present_key_values.${i}.decoder.key`);
    g.op('Identity', [v], {}, `present_key_values.${i}.decoder.value`);
    const keys = g.op('Where', [slot, k, `past_key_values.${i}.decoder.key`]);
    const values = g.op('Where', [slot, v, `past_key_values.${i}.decoder.value`]);
    x = g.op('Add', [ln.residual, attend(g, w, q, keys, values, block.attn, `${name}.attn`, d, head, additive === undefined ? { blocked } : { blocked, additive }).out]);
    const lnc = layerNormCast(g, w, x, block.crossLn, `${name}.cross_attn_ln`);
    const qc = splitHeads(g, w, w.linear(g, lnc.out, block.cross.query, `${name}.cross_attn.query`), heads, head);
    x = g.op('Add', [lnc.residual, attend(g, w, qc, `past_key_values.${i}.encoder.key`, `past_key_values.${i}.encoder.value`, block.cross, `${name}.cross_attn`, d, head).out]);
    x = mlpBlock(g, w, x, block, name);
    for (const part of ['key', 'value']) inputs.push(valueInfo(`past_key_values.${i}.encoder.${part}`, DT.float, [1, heads, dims.nAudioCtx, head]));
    for (const part of ['key', 'value']) inputs.push(valueInfo(`past_key_values.${i}.decoder.${part}`, DT.float, [1, heads, n, head]));
    for (const part of ['key', 'value']) outputs.push(valueInfo(`present_key_values.${i}.decoder.${part}`, DT.float, [1, heads, 1, head]));
  });
  g.op('MatMul', [layerNormCast(g, w, x, weights.decoderLn, 'decoder.ln').out, embeddingT], {}, 'logits');
  const graph = g.graph('whisper_decoder_step', inputs, outputs, true);
  return encodeModel(graph, `Whisper one-token decoder step (${dtype}, fixed shapes, cache length ${n}), written by cephalon export`);
}
