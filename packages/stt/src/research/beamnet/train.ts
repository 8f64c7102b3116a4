/**
 * Training of the beam-approximating network (research-features §2.6.1: cross-entropy against beam's token, here
 * over the step's top-k candidates): Adam on mini-batches in a seeded order, the input standardised with the
 * training set's statistics, the epoch with the best validation loss kept. Deterministic for a seed and a dataset.
 */
import { BEAMNET_K, N_FEATURES } from './features.js';
import type { BeamnetExample, ExampleMatrix } from './dataset.js';
import { toMatrix } from './dataset.js';
import { Mlp, seededUniform } from './mlp.js';
import type { DenseLayer } from './mlp.js';

export interface TrainOptions {
  /** Hidden layer sizes. Default [64, 64] (three dense layers). */
  readonly hidden?: readonly number[];
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  /** L2 weight decay (added to the gradient). */
  readonly weightDecay?: number;
  readonly seed?: number;
  /** Called after each epoch. */
  readonly onEpoch?: (e: EpochReport) => void;
}

export interface EpochReport {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationLoss: number;
  readonly validationAccuracy: number;
}

export interface TrainResult {
  /** The network of the best validation epoch, rounded to float32. */
  readonly net: Mlp;
  readonly bestEpoch: number;
  readonly history: readonly EpochReport[];
}

export const DEFAULT_TRAIN_OPTIONS = { hidden: [64, 64], epochs: 40, batchSize: 64, learningRate: 2e-3, weightDecay: 1e-4, seed: 1 } as const;

/**
 * Trains on `train`, selecting the epoch by `validation` (when `validation` has no labelled step, by training loss).
 * @example const { net } = trainBeamnet(split.train, split.validation, { seed: 1 });
 */
export function trainBeamnet(train: readonly BeamnetExample[], validation: readonly BeamnetExample[], options: TrainOptions = {}): TrainResult {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const tr = toMatrix(train);
  const va = toMatrix(validation);
  const trainRows = [...tr.labels.keys()].filter((r) => (tr.labels[r] as number) >= 0);
  if (trainRows.length === 0) throw new RangeError('no labelled training step (every beam token is outside the top-k or unaligned)');
  const net = Mlp.create([N_FEATURES, ...o.hidden, BEAMNET_K], o.seed);
  standardise(net, tr, trainRows);
  const adam = new Adam(net.layers, o.learningRate);
  const rand = seededUniform(o.seed ^ 0x9e3779b9);
  const hasVal = va.labels.some((l) => l >= 0);
  let best: { score: number; epoch: number; params: Float64Array[] } | null = null;
  const history: EpochReport[] = [];
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    shuffle(trainRows, rand);
    let lossSum = 0;
    for (let b = 0; b < trainRows.length; b += o.batchSize) {
      const batch = subset(tr, trainRows.slice(b, b + o.batchSize));
      const { loss, grads } = net.lossAndGradients(batch.x, batch.n, batch.labels, batch.valid);
      lossSum += loss * batch.n;
      adam.step(grads, o.weightDecay);
    }
    const val = hasVal ? evaluate(net, va) : { loss: Number.NaN, accuracy: Number.NaN };
    const report = { epoch, trainLoss: lossSum / trainRows.length, validationLoss: val.loss, validationAccuracy: val.accuracy };
    history.push(report);
    o.onEpoch?.(report);
    const score = hasVal ? val.loss : report.trainLoss;
    if (best === null || score < best.score) best = { score, epoch, params: net.layers.flatMap((l) => [l.weight.slice(), l.bias.slice()]) };
  }
  if (best === null) throw new RangeError('epochs must be >= 1');
  net.layers.forEach((l, i) => {
    l.weight.set(best.params[2 * i] as Float64Array);
    l.bias.set(best.params[2 * i + 1] as Float64Array);
  });
  return { net: net.roundToFloat32(), bestEpoch: best.epoch, history };
}

/** Mean loss and top-1 accuracy over the labelled rows of `m`. */
export function evaluate(net: Mlp, m: ExampleMatrix): { loss: number; accuracy: number } {
  const { loss } = net.lossAndGradients(m.x, m.n, m.labels, m.valid);
  const scores = net.forward(m.x, m.n);
  let right = 0;
  let used = 0;
  for (let r = 0; r < m.n; r++) {
    const label = m.labels[r] as number;
    if (label < 0) continue;
    used++;
    if (argmaxValid(scores, r, m.valid) === label) right++;
  }
  return { loss, accuracy: used === 0 ? Number.NaN : right / used };
}

/** Best valid slot of row `r` (slot 0 on ties: keeping greedy's token wins). */
export function argmaxValid(scores: ArrayLike<number>, r: number, valid: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < BEAMNET_K; c++) if ((valid[r * BEAMNET_K + c] as number) > 0 && (scores[r * BEAMNET_K + c] as number) > (scores[r * BEAMNET_K + best] as number)) best = c;
  return best;
}

function standardise(net: Mlp, m: ExampleMatrix, rows: readonly number[]): void {
  const { mean, invStd } = net.scaling;
  for (let c = 0; c < N_FEATURES; c++) {
    let s = 0;
    for (const r of rows) s += m.x[r * N_FEATURES + c] as number;
    const mu = s / rows.length;
    let v = 0;
    for (const r of rows) v += ((m.x[r * N_FEATURES + c] as number) - mu) ** 2;
    const sd = Math.sqrt(v / rows.length);
    mean[c] = mu;
    // A constant feature is passed through centred (scale 1) rather than divided by ~0.
    invStd[c] = sd > 1e-6 ? 1 / sd : 1;
  }
}

function subset(m: ExampleMatrix, rows: readonly number[]): ExampleMatrix {
  const n = rows.length;
  const x = new Float64Array(n * N_FEATURES);
  const labels = new Int32Array(n);
  const valid = new Uint8Array(n * BEAMNET_K);
  rows.forEach((r, i) => {
    x.set(m.x.subarray(r * N_FEATURES, (r + 1) * N_FEATURES), i * N_FEATURES);
    labels[i] = m.labels[r] as number;
    valid.set(m.valid.subarray(r * BEAMNET_K, (r + 1) * BEAMNET_K), i * BEAMNET_K);
  });
  return { n, x, labels, valid };
}

function shuffle(a: number[], rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
}

/** Adam (β1 0.9, β2 0.999, ε 1e-8) over every layer's weight and bias. */
class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;

  constructor(
    private readonly layers: readonly DenseLayer[],
    private readonly lr: number,
  ) {
    this.m = layers.flatMap((l) => [new Float64Array(l.weight.length), new Float64Array(l.bias.length)]);
    this.v = layers.flatMap((l) => [new Float64Array(l.weight.length), new Float64Array(l.bias.length)]);
  }

  step(grads: { readonly weight: readonly Float64Array[]; readonly bias: readonly Float64Array[] }, weightDecay: number): void {
    this.t++;
    this.layers.forEach((l, i) => {
      this.update(l.weight, grads.weight[i] as Float64Array, 2 * i, weightDecay);
      this.update(l.bias, grads.bias[i] as Float64Array, 2 * i + 1, 0);
    });
  }

  private update(p: Float64Array, g: Float64Array, slot: number, decay: number): void {
    const m = this.m[slot] as Float64Array;
    const v = this.v[slot] as Float64Array;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    for (let i = 0; i < p.length; i++) {
      const gi = (g[i] as number) + decay * (p[i] as number);
      m[i] = 0.9 * (m[i] as number) + 0.1 * gi;
      v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi;
      p[i] = (p[i] as number) - (this.lr * ((m[i] as number) / c1)) / (Math.sqrt((v[i] as number) / c2) + 1e-8);
    }
  }
}
