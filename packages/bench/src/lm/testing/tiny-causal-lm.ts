/**
 * Test support: a random-weight causal LM as an ONNX file, and the same model computed directly in float64.
 * Graph: emb = Gather(E [vocab, hidden], input_ids) * attention_mask; h = CumSum(emb, axis = 1) (token t sees
 * tokens 0..t of its window); logits = MatMul(h, W [hidden, vocab]) -> [batch, seq, vocab].
 */
import { intAttribute, model, node, tensor, valueInfo, FLOAT, INT64 } from './onnx-writer.js';
import { seededRandom } from '../../stats/random.js';

export interface TinyLmWeights {
  readonly vocab: number;
  readonly hidden: number;
  /** [vocab, hidden] row-major float32. */
  readonly embedding: Float32Array;
  /** [hidden, vocab] row-major float32. */
  readonly projection: Float32Array;
}

/** Seeded uniform weights in [-1, 1). */
export function tinyLmWeights(vocab: number, hidden: number, seed: number): TinyLmWeights {
  const rand = seededRandom(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
  return { vocab, hidden, embedding: fill(vocab * hidden), projection: fill(hidden * vocab) };
}

/** The ONNX file bytes of the tiny LM. */
export function tinyLmOnnx(w: TinyLmWeights): Uint8Array {
  const graph = [
    node('Gather', ['E', 'input_ids'], ['emb'], [intAttribute('axis', 0)]),
    node('Cast', ['attention_mask'], ['mask_f'], [intAttribute('to', FLOAT)]),
    node('Unsqueeze', ['mask_f', 'last_axis'], ['mask_3d']),
    node('Mul', ['emb', 'mask_3d'], ['emb_masked']),
    node('CumSum', ['emb_masked', 'seq_axis'], ['mixed']),
    node('MatMul', ['mixed', 'W'], ['logits']),
    tensor(5, 'E', [w.vocab, w.hidden], w.embedding),
    tensor(5, 'W', [w.hidden, w.vocab], w.projection),
    tensor(5, 'seq_axis', [], BigInt64Array.of(1n)),
    tensor(5, 'last_axis', [1], BigInt64Array.of(-1n)),
    valueInfo(11, 'input_ids', INT64, ['batch', 'seq']),
    valueInfo(11, 'attention_mask', INT64, ['batch', 'seq']),
    valueInfo(12, 'logits', FLOAT, ['batch', 'seq', w.vocab]),
  ];
  return model(graph);
}

/** Direct float64 NLL of `window[t]` given `window[0..t-1]`, with the cumulative sum restarting at the window. */
export function directWindowNll(w: TinyLmWeights, window: readonly number[], firstScored: number): number {
  const h = new Float64Array(w.hidden);
  let nll = 0;
  for (let t = 0; t < window.length - 1; t += 1) {
    const tok = window[t] ?? 0;
    for (let k = 0; k < w.hidden; k += 1) h[k] = (h[k] ?? 0) + (w.embedding[tok * w.hidden + k] ?? 0);
    if (t + 1 < firstScored) continue;
    const logits = Array.from({ length: w.vocab }, (_, v) => {
      let s = 0;
      for (let k = 0; k < w.hidden; k += 1) s += (h[k] ?? 0) * (w.projection[k * w.vocab + v] ?? 0);
      return s;
    });
    const max = Math.max(...logits);
    const lse = Math.log(logits.reduce((a, x) => a + Math.exp(x - max), 0)) + max;
    nll += lse - (logits[window[t + 1] ?? 0] ?? 0);
  }
  return nll;
}
