/**
 * The pieces every Whisper graph is made of, written with the same operations as PyTorch's ONNX export of OpenAI's
 * model (decomposed LayerNorm, erf GELU, query and key each scaled by head_size^-0.25), so that ONNX Runtime computes
 * the same float32 numbers as the published files.
 */
import { DT, type GraphBuilder } from './onnx-builder.js';
import type { WeightStore } from './weight-store.js';
import type { Attention, Linear, Norm } from './whisper-weights.js';

/**
 * LayerNorm over the last axis, eps 1e-5, between the two float->float `Cast`s PyTorch's export writes around it.
 * Those casts change no value, but they decide which fusions ONNX Runtime applies (e.g. no SkipLayerNormalization
 * across them), so keeping them makes the exported graphs compute bit-for-bit what the published ones compute.
 * Returns the normalised value and the cast input, which the block's residual adds to (as in the published graphs).
 */
export function layerNormCast(g: GraphBuilder, w: WeightStore, input: string, norm: Norm, name: string, output?: string): { out: string; residual: string } {
  const x = g.op('Cast', [input], { to: DT.float });
  return { out: g.op('Cast', [layerNorm(g, w, x, norm, name)], { to: DT.float }, output), residual: x };
}

/** LayerNorm over the last axis, eps 1e-5. */
export function layerNorm(g: GraphBuilder, w: WeightStore, x: string, norm: Norm, name: string): string {
  const i = w.init;
  const mean = g.op('ReduceMean', [x], { axes: [-1] });
  const centred = g.op('Sub', [x, mean]);
  const variance = g.op('ReduceMean', [g.op('Pow', [centred, i.f32([2])])], { axes: [-1] });
  const normed = g.op('Div', [centred, g.op('Sqrt', [g.op('Add', [variance, i.f32([1e-5])])])]);
  return g.op('Add', [g.op('Mul', [normed, w.tensor(`${name}.weight`, norm.weight)]), w.tensor(`${name}.bias`, norm.bias)]);
}

/** Exact (erf) GELU: x * (1 + erf(x / sqrt 2)) * 0.5. */
export function gelu(g: GraphBuilder, w: WeightStore, x: string): string {
  const i = w.init;
  const erf = g.op('Erf', [g.op('Div', [x, i.f32([Math.SQRT2])])]);
  return g.op('Mul', [g.op('Mul', [x, g.op('Add', [erf, i.f32([1])])]), i.f32([0.5])]);
}

/** `[B, T, d]` -> `[B, heads, T, head]`. */
export function splitHeads(g: GraphBuilder, w: WeightStore, x: string, heads: number, head: number): string {
  return g.op('Transpose', [g.op('Reshape', [x, w.init.i64([0, 0, heads, head])])], { perm: [0, 2, 1, 3] });
}

/** `[B, heads, T, head]` -> `[B, T, d]`. */
export function mergeHeads(g: GraphBuilder, w: WeightStore, x: string, d: number): string {
  return g.op('Reshape', [g.op('Transpose', [x], { perm: [0, 2, 1, 3] }), w.init.i64([0, 0, d])]);
}

export interface AttentionOut {
  /** After the output projection, `[B, T, d]`. */
  readonly out: string;
  /** The softmax weights, `[B, heads, Tq, Tk]`. */
  readonly weights: string;
}

/**
 * Scaled dot-product attention of split-head q/k/v (`[B, heads, T, head]`), then the output projection.
 * `mask` (bool, true = blocked) is broadcast onto the scores; `additiveMask` (float, 0 or -inf) is added to them.
 */
export function attend(
  g: GraphBuilder,
  w: WeightStore,
  q: string,
  k: string,
  v: string,
  attn: Attention,
  name: string,
  d: number,
  head: number,
  mask: { readonly blocked?: string; readonly additive?: string } = {},
  weightsName?: string,
  castAfterSoftmax = false,
  scaleFrom?: { readonly projected: string; readonly heads: number },
): AttentionOut {
  // The encoder of the published export computes head_size^-0.25 from the projection's shape at run time; doing the
  // same keeps ONNX Runtime from folding the scales into the MatMul (FusedMatMul), which rounds differently.
  const scale =
    scaleFrom === undefined
      ? w.init.f32([head ** -0.25])
      : g.op('Pow', [
          g.op('Cast', [g.op('Div', [g.op('Gather', [g.op('Shape', [scaleFrom.projected]), w.init.i64([2], [])], { axis: 0 }), w.init.i64([scaleFrom.heads], [])])], { to: DT.float }),
          w.init.f32([-0.25]),
        ]);
  let scores = g.op('MatMul', [g.op('Mul', [q, scale]), g.op('Transpose', [g.op('Mul', [k, scale])], { perm: [0, 1, 3, 2] })]);
  if (mask.blocked !== undefined) scores = g.op('Where', [mask.blocked, w.init.f32([-Infinity]), scores]);
  if (mask.additive !== undefined) scores = g.op('Add', [scores, mask.additive]);
  const weights = g.op('Softmax', [g.op('Cast', [scores], { to: DT.float })], { axis: -1 }, weightsName);
  const probs = castAfterSoftmax ? g.op('Cast', [weights], { to: DT.float }) : weights;
  const ctx = mergeHeads(g, w, g.op('MatMul', [probs, v]), d);
  return { out: w.linear(g, ctx, attn.out, `${name}.out`), weights };
}

/** Pre-norm MLP block with its residual: x + fc2(gelu(fc1(ln(x)))). */
export function mlpBlock(g: GraphBuilder, w: WeightStore, x: string, block: { mlpLn: Norm; fc1: Linear; fc2: Linear }, name: string): string {
  const h = layerNormCast(g, w, x, block.mlpLn, `${name}.mlp_ln`);
  const y = w.linear(g, gelu(g, w, w.linear(g, h.out, block.fc1, `${name}.fc1`)), block.fc2, `${name}.fc2`);
  return g.op('Add', [h.residual, y]);
}
