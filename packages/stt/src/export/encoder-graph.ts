/** The encoder graph: `input_features [batch, n_mels, 3000]` -> `last_hidden_state [batch, 1500, d_model]`. */
import type { ExportDims } from './dims.js';
import { gelu, attend, layerNormCast, mlpBlock, splitHeads } from './graph-parts.js';
import { DT, encodeModel, GraphBuilder, Initializers, valueInfo } from './onnx-builder.js';
import { WeightStore, type ExportDtype, type Q8Kind } from './weight-store.js';
import type { WhisperWeights } from './whisper-weights.js';

/** Builds and encodes `encoder_model.onnx`. `batch` fixes the batch size (1 for the static format), else dynamic. */
export function buildEncoder(weights: WhisperWeights, dims: ExportDims, dtype: ExportDtype, batch: number | null = null, q8Kind: Q8Kind = 'integer'): Uint8Array {
  const init = new Initializers();
  const g = new GraphBuilder('/encoder/', init);
  const w = new WeightStore(init, g, dtype, q8Kind);
  const d = dims.dModel;
  const heads = dims.encoderHeads;
  const head = d / heads;
  const b = batch ?? 'batch_size';
  const conv = (x: string, c: WhisperWeights['conv1'], name: string, stride: number): string =>
    g.op('Conv', [x, w.tensor(`${name}.weight`, c.weight), w.tensor(`${name}.bias`, c.bias as NonNullable<typeof c.bias>)], {
      dilations: [1],
      group: 1,
      kernel_shape: [3],
      pads: [1, 1],
      strides: [stride],
    });
  let x = gelu(g, w, conv('input_features', weights.conv1, 'encoder.conv1', 1));
  x = gelu(g, w, conv(x, weights.conv2, 'encoder.conv2', 2));
  x = g.op('Add', [g.op('Transpose', [x], { perm: [0, 2, 1] }), w.tensor('encoder.positional_embedding', weights.encoderPositions)]);
  x = g.op('Cast', [x], { to: DT.float });
  weights.encoderBlocks.forEach((block, i) => {
    const name = `encoder.blocks.${i}`;
    const ln = layerNormCast(g, w, x, block.attnLn, `${name}.attn_ln`);
    const qProjected = w.linear(g, ln.out, block.attn.query, `${name}.attn.query`);
    const q = splitHeads(g, w, qProjected, heads, head);
    const k = splitHeads(g, w, w.linear(g, ln.out, block.attn.key, `${name}.attn.key`), heads, head);
    const v = splitHeads(g, w, w.linear(g, ln.out, block.attn.value, `${name}.attn.value`), heads, head);
    x = g.op('Add', [ln.residual, attend(g, w, q, k, v, block.attn, `${name}.attn`, d, head, {}, undefined, true, { projected: qProjected, heads }).out]);
    x = mlpBlock(g, w, x, block, name);
  });
  layerNormCast(g, w, x, weights.encoderLn, 'encoder.ln_post', 'last_hidden_state');
  const graph = g.graph(
    'whisper_encoder',
    [valueInfo('input_features', DT.float, [b, dims.nMels, 2 * dims.nAudioCtx])],
    [valueInfo('last_hidden_state', DT.float, [b, batch === null ? 'encoder_sequence_length / 2' : dims.nAudioCtx, d])],
    true,
  );
  return encodeModel(graph, `Whisper encoder (${dtype}), written by cephalon export`);
}
