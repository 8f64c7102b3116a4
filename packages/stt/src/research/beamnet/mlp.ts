/**
 * A small dense network (research-features §2.5.1: dense layers with ReLU, softmax over the step's top-k candidates,
 * §2.5.5) with its own backward pass. Hand-written: npm has no maintained small autograd/tensor library for Node
 * (TensorFlow.js's last release is from 2024 and pulls tens of MB of backends; brain.js has been in beta for years),
 * and the network is three matrix products. The gradient is checked against finite differences in `mlp.test.ts`.
 *
 * Parameters are float64 while training; `roundToFloat32()` freezes them to the float32 values the ONNX export
 * writes, so the TypeScript forward pass and ONNX Runtime compute from the same numbers.
 */
import { SeededRandom } from '../../decoding/prng.js';

/** Parameters of one dense layer: `y = x W + b`, `W` row-major `[inputs, outputs]`. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weight: Float64Array;
  readonly bias: Float64Array;
}

/** Per-feature standardisation applied before the first layer: `(x - mean) * invStd`. */
export interface InputScaling {
  readonly mean: Float64Array;
  readonly invStd: Float64Array;
}

/** Forward activations kept for the backward pass. */
interface Activations {
  /** Input of each layer (the standardised input first, then each hidden ReLU output), `[n, inputs]`. */
  readonly inputs: Float64Array[];
  /** Output scores `[n, classes]`. */
  readonly scores: Float64Array;
}

/** Gradients, shaped like the layers. */
export interface Gradients {
  readonly weight: Float64Array[];
  readonly bias: Float64Array[];
}

/** Deterministic uniform [0, 1) numbers: the decoder's own seeded PRNG (mulberry32, `decoding/prng.ts`). */
export function seededUniform(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** Dense layers with ReLU between them and raw scores out. */
export class Mlp {
  constructor(
    readonly layers: readonly DenseLayer[],
    readonly scaling: InputScaling,
  ) {
    layers.forEach((l, i) => {
      if (l.weight.length !== l.inputs * l.outputs || l.bias.length !== l.outputs) throw new RangeError(`layer ${i}: weight/bias sizes do not match ${l.inputs}x${l.outputs}`);
      if (i > 0 && (layers[i - 1] as DenseLayer).outputs !== l.inputs) throw new RangeError(`layer ${i}: ${l.inputs} inputs after ${(layers[i - 1] as DenseLayer).outputs} outputs`);
    });
    if (scaling.mean.length !== this.inputs || scaling.invStd.length !== this.inputs) throw new RangeError('input scaling does not match the first layer');
  }

  /**
   * `sizes` = [inputs, hidden..., classes]; He-uniform weights from `seed`, zero biases, identity scaling.
   * @example const net = Mlp.create([56, 64, 64, 10], 1);
   */
  static create(sizes: readonly number[], seed: number): Mlp {
    if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new RangeError(`bad layer sizes ${sizes.join(',')}`);
    const rand = seededUniform(seed);
    const layers: DenseLayer[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const inputs = sizes[i] as number;
      const outputs = sizes[i + 1] as number;
      const limit = Math.sqrt(6 / inputs);
      const weight = Float64Array.from({ length: inputs * outputs }, () => (rand() * 2 - 1) * limit);
      layers.push({ inputs, outputs, weight, bias: new Float64Array(outputs) });
    }
    const n = sizes[0] as number;
    return new Mlp(layers, { mean: new Float64Array(n), invStd: new Float64Array(n).fill(1) });
  }

  get inputs(): number {
    return (this.layers[0] as DenseLayer).inputs;
  }

  get classes(): number {
    return (this.layers[this.layers.length - 1] as DenseLayer).outputs;
  }

  /** Number of parameters (scaling included). */
  get parameterCount(): number {
    return this.layers.reduce((s, l) => s + l.weight.length + l.bias.length, 2 * this.inputs);
  }

  /** Rounds every parameter to float32 in place (what the ONNX export stores). */
  roundToFloat32(): this {
    for (const a of [this.scaling.mean, this.scaling.invStd, ...this.layers.flatMap((l) => [l.weight, l.bias])]) for (let i = 0; i < a.length; i++) a[i] = Math.fround(a[i] as number);
    return this;
  }

  /** Scores `[n, classes]` of `n` feature rows (`x` is `[n, inputs]`). */
  forward(x: ArrayLike<number>, n: number): Float64Array {
    return this.run(x, n).scores;
  }

  /** Forward pass keeping each layer's input. */
  private run(x: ArrayLike<number>, n: number): Activations {
    const d = this.inputs;
    if (x.length < n * d) throw new RangeError(`forward: ${x.length} values for ${n} rows of ${d}`);
    const input = new Float64Array(n * d);
    const { mean, invStd } = this.scaling;
    for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) input[r * d + c] = ((x[r * d + c] as number) - (mean[c] as number)) * (invStd[c] as number);
    const inputs: Float64Array[] = [input];
    let cur: Float64Array = input;
    this.layers.forEach((layer, li) => {
      const out = dense(cur, n, layer);
      if (li < this.layers.length - 1) {
        for (let i = 0; i < out.length; i++) if ((out[i] as number) < 0) out[i] = 0;
        inputs.push(out);
      }
      cur = out;
    });
    return { inputs, scores: cur };
  }

  /**
   * Mean cross-entropy of the softmax over each row's valid classes (`valid[r * classes + c]` = 1) against
   * `labels[r]`, and its gradient. Rows with label -1 are skipped.
   */
  lossAndGradients(x: ArrayLike<number>, n: number, labels: ArrayLike<number>, valid: ArrayLike<number>): { loss: number; grads: Gradients } {
    const { inputs, scores } = this.run(x, n);
    const k = this.classes;
    const delta = new Float64Array(n * k);
    let loss = 0;
    let used = 0;
    for (let r = 0; r < n; r++) {
      const label = labels[r] as number;
      if (label < 0) continue;
      used++;
      let max = -Infinity;
      for (let c = 0; c < k; c++) if ((valid[r * k + c] as number) > 0) max = Math.max(max, scores[r * k + c] as number);
      let sum = 0;
      for (let c = 0; c < k; c++) if ((valid[r * k + c] as number) > 0) sum += Math.exp((scores[r * k + c] as number) - max);
      const logZ = max + Math.log(sum);
      loss -= (scores[r * k + label] as number) - logZ;
      for (let c = 0; c < k; c++) if ((valid[r * k + c] as number) > 0) delta[r * k + c] = Math.exp((scores[r * k + c] as number) - logZ) - (c === label ? 1 : 0);
    }
    const scale = used === 0 ? 0 : 1 / used;
    for (let i = 0; i < delta.length; i++) delta[i] = (delta[i] as number) * scale;
    const weight: Float64Array[] = [];
    const bias: Float64Array[] = [];
    let g: Float64Array = delta;
    for (let li = this.layers.length - 1; li >= 0; li--) {
      const layer = this.layers[li] as DenseLayer;
      const a = inputs[li] as Float64Array;
      const { inputs: din, outputs: dout } = layer;
      const gw = new Float64Array(din * dout);
      const gb = new Float64Array(dout);
      for (let r = 0; r < n; r++) {
        for (let o = 0; o < dout; o++) {
          const go = g[r * dout + o] as number;
          if (go === 0) continue;
          gb[o] = (gb[o] as number) + go;
          for (let i = 0; i < din; i++) gw[i * dout + o] = (gw[i * dout + o] as number) + (a[r * din + i] as number) * go;
        }
      }
      weight[li] = gw;
      bias[li] = gb;
      if (li > 0) {
        const prev = new Float64Array(n * din);
        for (let r = 0; r < n; r++) {
          for (let i = 0; i < din; i++) {
            if ((a[r * din + i] as number) <= 0) continue; // ReLU gate (a is the ReLU output)
            let s = 0;
            for (let o = 0; o < dout; o++) s += (layer.weight[i * dout + o] as number) * (g[r * dout + o] as number);
            prev[r * din + i] = s;
          }
        }
        g = prev;
      }
    }
    return { loss: loss * scale, grads: { weight, bias } };
  }
}

/** `x [n, inputs] · W + b`. */
function dense(x: Float64Array, n: number, layer: DenseLayer): Float64Array {
  const { inputs: din, outputs: dout, weight, bias } = layer;
  const out = new Float64Array(n * dout);
  for (let r = 0; r < n; r++) {
    const o0 = r * dout;
    for (let o = 0; o < dout; o++) out[o0 + o] = bias[o] as number;
    for (let i = 0; i < din; i++) {
      const xi = x[r * din + i] as number;
      if (xi === 0) continue;
      const w0 = i * dout;
      for (let o = 0; o < dout; o++) out[o0 + o] = (out[o0 + o] as number) + xi * (weight[w0 + o] as number);
    }
  }
  return out;
}
