/**
 * The merged decoder (`decoder_model_merged.onnx`, optimum / onnx-community layout): one `If` on `use_cache_branch`.
 * - else (first step): self-attention over the fed tokens only, cross-attention K/V projected from
 *   `encoder_hidden_states` and returned as `present.{i}.encoder.*`;
 * - then (later steps): self-attention K/V appended to `past_key_values.{i}.decoder.*`, cross K/V taken from
 *   `past_key_values.{i}.encoder.*`, and `present.{i}.encoder.*` returned empty (`[0, heads, 1, head]`).
 * The causal mask lets query t see keys up to past + t, so several tokens may be fed at once in either branch.
 * Weights are initializers of the main graph, shared by both branches; the tied embedding is stored once and
 * transposed by a `Transpose` node for the logits.
 */
import type { ExportDims } from './dims.js';
import { attend, layerNormCast, mlpBlock, splitHeads } from './graph-parts.js';
import { DT, encodeModel, GraphBuilder, Initializers, tensorProto, valueInfo, type Dim, type ValueInfo } from './onnx-builder.js';
import { WeightStore, type ExportDtype, type Q8Kind } from './weight-store.js';
import type { WhisperWeights } from './whisper-weights.js';

export interface DecoderGraphOptions {
  readonly dtype: ExportDtype;
  /** Adds `cross_attentions.{i}` outputs (softmax weights `[batch, heads, tokens, 1500]`) for word timestamps. */
  readonly crossAttentions: boolean;
  readonly q8Kind?: Q8Kind;
}

type Vi = ValueInfo;

/** Shared weights + the values every branch reads (embedding and its transpose). */
interface DecoderContext {
  readonly w: WeightStore;
  readonly weights: WhisperWeights;
  readonly dims: ExportDims;
  readonly embedding: string;
  readonly embeddingT: string;
  readonly positions: string;
}

interface BranchOut {
  readonly logits: string;
  readonly self: readonly (readonly [string, string])[];
  readonly cross: readonly (readonly [string, string])[];
  readonly attentions: readonly string[];
}

const past = (i: number, part: string): string => `past_key_values.${i}.${part}`;

/** One branch of the merged decoder. */
function branch(ctx: DecoderContext, g: GraphBuilder, withPast: boolean, crossAttentions: boolean): BranchOut {
  const { w, weights, dims } = ctx;
  const i64 = w.init.i64.bind(w.init);
  const d = dims.dModel;
  const heads = dims.decoderHeads;
  const head = d / heads;
  const scalar = (v: number): string => i64([v], []);
  const qLen = g.op('Gather', [g.op('Shape', ['input_ids']), scalar(1)], { axis: 0 });
  const pastLen = withPast ? g.op('Gather', [g.op('Shape', [past(0, 'decoder.key')]), scalar(2)], { axis: 0 }) : scalar(0);
  const kvLen = g.op('Add', [pastLen, qLen]);
  // Causal mask: query t (absolute position past + t) may not see key j > past + t.
  const rows = g.op('Unsqueeze', [g.op('Add', [g.op('Range', [scalar(0), qLen, scalar(1)]), pastLen]), i64([1])]);
  const cols = g.op('Unsqueeze', [g.op('Range', [scalar(0), kvLen, scalar(1)]), i64([0])]);
  const blocked = g.op('Greater', [cols, rows]);
  const pos = g.op('Slice', [ctx.positions, g.op('Unsqueeze', [pastLen, i64([0])]), g.op('Unsqueeze', [kvLen, i64([0])]), i64([0])]);
  let x = g.op('Add', [g.op('Gather', [ctx.embedding, 'input_ids'], { axis: 0 }), pos]);
  const self: (readonly [string, string])[] = [];
  const cross: (readonly [string, string])[] = [];
  const attentions: string[] = [];
  weights.decoderBlocks.forEach((block, i) => {
    const name = `decoder.blocks.${i}`;
    const ln = layerNormCast(g, w, x, block.attnLn, `${name}.attn_ln`);
    const q = splitHeads(g, w, w.linear(g, ln.out, block.attn.query, `${name}.attn.query`), heads, head);
    let k = splitHeads(g, w, w.linear(g, ln.out, block.attn.key, `${name}.attn.key`), heads, head);
    let v = splitHeads(g, w, w.linear(g, ln.out, block.attn.value, `${name}.attn.value`), heads, head);
    if (withPast) {
      k = g.op('Concat', [past(i, 'decoder.key'), k], { axis: 2 });
      v = g.op('Concat', [past(i, 'decoder.value'), v], { axis: 2 });
    }
    self.push([k, v]);
    x = g.op('Add', [ln.residual, attend(g, w, q, k, v, block.attn, `${name}.attn`, d, head, { blocked }).out]);
    const lnc = layerNormCast(g, w, x, block.crossLn, `${name}.cross_attn_ln`);
    const qc = splitHeads(g, w, w.linear(g, lnc.out, block.cross.query, `${name}.cross_attn.query`), heads, head);
    let kc: string;
    let vc: string;
    if (withPast) {
      kc = past(i, 'encoder.key');
      vc = past(i, 'encoder.value');
      const empty = (part: string): string =>
        g.op('Constant', [], { value: { tensor: tensorProto(`${g.prefix}empty_${i}_${part}`, DT.float, [0, heads, 1, head], new Uint8Array(0)) } });
      cross.push([empty('key'), empty('value')]);
    } else {
      kc = splitHeads(g, w, w.linear(g, 'encoder_hidden_states', block.cross.key, `${name}.cross_attn.key`), heads, head);
      vc = splitHeads(g, w, w.linear(g, 'encoder_hidden_states', block.cross.value, `${name}.cross_attn.value`), heads, head);
      cross.push([kc, vc]);
    }
    const att = attend(g, w, qc, kc, vc, block.cross, `${name}.cross_attn`, d, head);
    if (crossAttentions) attentions.push(att.weights);
    x = g.op('Add', [lnc.residual, att.out]);
    x = mlpBlock(g, w, x, block, name);
  });
  const logits = g.op('MatMul', [layerNormCast(g, w, x, weights.decoderLn, 'decoder.ln').out, ctx.embeddingT]);
  return { logits, self, cross, attentions };
}

/** Graph outputs of a branch: a subgraph output must be a value produced inside it, so each gets an Identity. */
function branchOutputs(g: GraphBuilder, out: BranchOut, names: readonly string[]): string[] {
  const values = [out.logits, ...out.self.flatMap(([k, v], i) => [k, v, ...(out.cross[i] ?? [])]), ...out.attentions];
  return values.map((v, i) => g.op('Identity', [v], {}, `${g.prefix}${names[i] ?? ''}`));
}

/** Output names in optimum's order: logits, then per layer decoder.key/value and encoder.key/value, then cross_attentions. */
export function decoderOutputNames(nLayers: number, crossAttentions: boolean): string[] {
  const names = ['logits'];
  for (let i = 0; i < nLayers; i++) for (const p of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) names.push(`present.${i}.${p}`);
  if (crossAttentions) for (let i = 0; i < nLayers; i++) names.push(`cross_attentions.${i}`);
  return names;
}

/** Builds and encodes `decoder_model_merged.onnx`. */
export function buildMergedDecoder(weights: WhisperWeights, dims: ExportDims, options: DecoderGraphOptions): Uint8Array {
  const init = new Initializers();
  const main = new GraphBuilder('/decoder/', init);
  const w = new WeightStore(init, main, options.dtype, options.q8Kind);
  const embedding = w.tensor('decoder.token_embedding.weight', weights.tokenEmbedding);
  const ctx: DecoderContext = {
    w,
    weights,
    dims,
    embedding,
    embeddingT: main.op('Transpose', [embedding], { perm: [1, 0] }),
    positions: w.tensor('decoder.positional_embedding', weights.decoderPositions),
  };
  const heads = dims.decoderHeads;
  const head = dims.dModel / heads;
  const names = decoderOutputNames(dims.decoderLayers, options.crossAttentions);
  const thenG = new GraphBuilder('/then/', init);
  const elseG = new GraphBuilder('/else/', init);
  const thenOut = branchOutputs(thenG, branch(ctx, thenG, true, options.crossAttentions), names);
  const elseOut = branchOutputs(elseG, branch(ctx, elseG, false, options.crossAttentions), names);
  const shapes = (withPast: boolean): Vi[] =>
    names.map((n) => {
      if (n === 'logits') return valueInfo(n, DT.float, ['batch_size', withPast ? 1 : 'decoder_sequence_length', dims.vocabSize]);
      if (n.startsWith('cross_attentions')) return valueInfo(n, DT.float, ['batch_size', heads, 'decoder_sequence_length', 'encoder_sequence_length_out']);
      if (n.endsWith('decoder.key') || n.endsWith('decoder.value')) return valueInfo(n, DT.float, ['batch_size', heads, 'past_decoder_sequence_length + 1', head]);
      return valueInfo(n, DT.float, withPast ? [0, heads, 1, head] : ['batch_size', heads, 'encoder_sequence_length_out', head]);
    });
  const rename = (vis: Vi[], outs: string[]): Vi[] => vis.map((vi, i) => Object.assign(vi, { name: outs[i] as string }));
  const thenGraph = thenG.graph('use_cache', [], rename(shapes(true), thenOut), false);
  const elseGraph = elseG.graph('first_step', [], rename(shapes(false), elseOut), false);
  main.node('If', ['use_cache_branch'], { then_branch: { graph: thenGraph }, else_branch: { graph: elseGraph } }, names);
  const inputs: Vi[] = [
    valueInfo('input_ids', DT.int64, ['batch_size', 'decoder_sequence_length']),
    valueInfo('encoder_hidden_states', DT.float, ['batch_size', 'encoder_sequence_length / 2', dims.dModel]),
  ];
  for (let i = 0; i < dims.decoderLayers; i++) {
    for (const part of ['decoder.key', 'decoder.value']) inputs.push(valueInfo(past(i, part), DT.float, ['batch_size', heads, 'past_decoder_sequence_length', head]));
    for (const part of ['encoder.key', 'encoder.value']) inputs.push(valueInfo(past(i, part), DT.float, ['batch_size', heads, 'encoder_sequence_length_out', head]));
  }
  inputs.push(valueInfo('use_cache_branch', DT.bool, [1]));
  const outputs = names.map((n): Vi => {
    const dimsOf: Dim[] = n === 'logits' ? ['batch_size', 'decoder_sequence_length', dims.vocabSize] : n.startsWith('cross_attentions') ? ['batch_size', heads, 'decoder_sequence_length', 'encoder_sequence_length_out'] : n.includes('.decoder.') ? ['batch_size', heads, 'past_decoder_sequence_length + 1', head] : ['batch_size', heads, 'encoder_sequence_length_out', head];
    return valueInfo(n, DT.float, dimsOf);
  });
  const graph = main.graph('whisper_decoder_merged', inputs, outputs, true);
  return encodeModel(graph, `Whisper merged decoder (${options.dtype}${options.crossAttentions ? ', cross-attentions' : ''}), written by cephalon export`);
}
