/**
 * Writes weights into a model file in the chosen precision:
 * - `fp32`: float32 initializers;
 * - `fp16`: float16 initializers, cast to float32 once in the main graph (inputs, outputs and arithmetic stay float32,
 *   so the engine and transformers.js feed the file like an fp32 one; ONNX Runtime folds the casts when it loads);
 * - `q8`: the MatMul weights as int8 with one scale per output column, multiplied with dynamically quantised uint8
 *   activations (`DynamicQuantizeLinear` + `MatMulInteger`, as ONNX Runtime's `quantize_dynamic` writes them, which its
 *   CPU provider fuses into one int8 kernel); every other weight stays float32.
 */
import { bytesOf, DT, type GraphBuilder, type Initializers } from './onnx-builder.js';
import type { FloatTensor } from './safetensors.js';
import type { Linear } from './whisper-weights.js';

export const EXPORT_DTYPES = ['fp32', 'fp16', 'q8'] as const;
export type ExportDtype = (typeof EXPORT_DTYPES)[number];
export type Q8Kind = 'integer' | 'dequantize';

/** float32 -> IEEE half (round to nearest even), as bits. */
export function floatToHalf(value: number): number {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rest > mid || (rest === mid && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++;
  e = 0;
  return sign | half;
}

function toHalf(data: Float32Array): Uint16Array {
  const out = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = floatToHalf(data[i] as number);
  return out;
}

/** `[out, in]` -> `[in, out]`. */
export function transpose2d(w: FloatTensor): Float32Array {
  const [rows, cols] = w.shape as [number, number];
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w.data[r * cols + c] as number;
  return out;
}

/** Per-column symmetric int8 quantisation of a `[in, out]` matrix: q = round(w / scale), scale = max|w_col| / 127. */
export function quantizeColumns(w: Float32Array, rows: number, cols: number): { q: Int8Array; scale: Float32Array } {
  const scale = new Float32Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) scale[c] = Math.max(scale[c] as number, Math.abs(w[r * cols + c] as number));
  for (let c = 0; c < cols; c++) scale[c] = (scale[c] as number) > 0 ? (scale[c] as number) / 127 : 1;
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) q[r * cols + c] = Math.max(-127, Math.min(127, Math.round((w[r * cols + c] as number) / (scale[c] as number))));
  return { q, scale };
}

/** Emits weights once per file; every graph (main or branch) refers to them by name. */
export class WeightStore {
  private readonly floats = new Map<string, string>();

  constructor(
    readonly init: Initializers,
    /** The main graph: casts of fp16 weights live here, outside any `If` branch. */
    readonly main: GraphBuilder,
    readonly dtype: ExportDtype,
    /** How q8 MatMuls run: int8 x uint8 (`integer`), or int8 weights dequantised to float32 (`dequantize`). */
    readonly q8Kind: Q8Kind = 'integer',
  ) {}

  /** A float32 value named after `name` holding `data` (stored as fp16 + cast for `fp16`). */
  float(name: string, dims: readonly number[], data: Float32Array): string {
    const known = this.floats.get(name);
    if (known !== undefined) return known;
    let out: string;
    if (this.dtype === 'fp16') {
      const stored = this.init.add(`${name}_fp16`, DT.float16, dims, bytesOf(toHalf(data)));
      out = this.main.op('Cast', [stored], { to: DT.float }, name);
    } else {
      out = this.init.add(name, DT.float, dims, bytesOf(data));
    }
    this.floats.set(name, out);
    return out;
  }

  tensor(name: string, t: FloatTensor): string {
    return this.float(name, t.shape, t.data);
  }

  /** `x @ W^T + b` for a Linear stored `[out, in]`, in graph `g`. */
  linear(g: GraphBuilder, x: string, lin: Linear, name: string): string {
    const [outDim, inDim] = lin.weight.shape as [number, number];
    let y: string;
    if (this.dtype === 'q8') {
      const wName = `${name}.weight_quantized`;
      if (!this.init.has(wName)) {
        const { q, scale } = quantizeColumns(transpose2d(lin.weight), inDim, outDim);
        this.init.add(wName, DT.int8, [inDim, outDim], bytesOf(q));
        this.init.add(`${name}.weight_scale`, DT.float, [outDim], bytesOf(scale));
        this.init.add(`${name}.weight_zero_point`, DT.int8, this.q8Kind === 'integer' ? [] : [outDim], new Uint8Array(this.q8Kind === 'integer' ? 1 : outDim));
      }
      if (this.q8Kind === 'dequantize') {
        const key = `${name}.weight_t`;
        const wf = this.floats.get(key) ?? this.main.op('DequantizeLinear', [wName, `${name}.weight_scale`, `${name}.weight_zero_point`], { axis: 1 }, key);
        this.floats.set(key, wf);
        y = g.op('MatMul', [x, wf]);
        return lin.bias === null ? y : g.op('Add', [this.tensor(`${name}.bias`, lin.bias), y]);
      }
      const [xq, xs, xz] = g.node('DynamicQuantizeLinear', [x], {}, 3) as [string, string, string];
      const acc = g.op('MatMulInteger', [xq, wName, xz, `${name}.weight_zero_point`]);
      const scale = g.op('Mul', [xs, `${name}.weight_scale`]);
      y = g.op('Mul', [g.op('Cast', [acc], { to: DT.float }), scale]);
    } else {
      y = g.op('MatMul', [x, this.float(`${name}.weight_t`, [inDim, outDim], transpose2d(lin.weight))]);
    }
    return lin.bias === null ? y : g.op('Add', [this.tensor(`${name}.bias`, lin.bias), y]);
  }
}
