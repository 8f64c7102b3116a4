/**
 * KV-cache copy measurement: a real beam search (beam 5, log-softmax scores, no end-of-text handling) over
 * whisper-dev-random, counting the bytes `reorder()` copies, against the baseline of copying the whole cache per step
 * (what a deep copy per candidate would cost at least), timed on the same buffers in the same run.
 * Run: `npx tsx packages/stt/scripts/kv-cache-bench.ts [beams] [steps]`
 */
import { performance } from 'node:perf_hooks';
import { kvCacheStats } from '../src/runtime/index.js';
import type { DecoderLogits, KvCache, LoadedWhisperModel } from '../src/runtime/index.js';
import { SOT_PROMPT, loadDevModel, readReference } from '../src/runtime/onnx/parity-checks.js';
import { kvRowView } from '../src/runtime/onnx/kv-cache.js';

const BEAMS = Number(process.argv[2] ?? 5);
const STEPS = Number(process.argv[3] ?? 100);

interface Candidate { readonly parent: number; readonly token: number; readonly score: number }

/** Log-softmax of the last position of row `row`, top `k` (token, logprob). */
function topK(logits: DecoderLogits, row: number, k: number): { token: number; logprob: number }[] {
  const base = (row * logits.seqLen + logits.seqLen - 1) * logits.vocab;
  const x = logits.data.subarray(base, base + logits.vocab);
  let max = -Infinity;
  for (const v of x) max = Math.max(max, v);
  let sum = 0;
  for (const v of x) sum += Math.exp(v - max);
  const lse = max + Math.log(sum);
  const best: { token: number; logprob: number }[] = [];
  for (let t = 0; t < x.length; t++) {
    const lp = (x[t] as number) - lse;
    if (best.length < k || lp > (best[best.length - 1]?.logprob ?? -Infinity)) {
      best.push({ token: t, logprob: lp });
      best.sort((a, b) => b.logprob - a.logprob);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

/** One beam step: picks the best BEAMS (parent, token) pairs. */
function select(logits: DecoderLogits, scores: number[], firstStep: boolean): Candidate[] {
  const rows = firstStep ? 1 : BEAMS;
  const all: Candidate[] = [];
  for (let r = 0; r < rows; r++) for (const c of topK(logits, r, BEAMS)) all.push({ parent: r, token: c.token, score: (scores[r] ?? 0) + c.logprob });
  return all.sort((a, b) => b.score - a.score).slice(0, BEAMS);
}

/** Copies every row of every tensor once (the baseline a per-step whole-cache copy would cost). */
function copyWholeCache(cache: KvCache, tensors: number): number {
  let bytes = 0;
  for (let t = 0; t < tensors; t++) {
    for (let r = 0; r < cache.batch; r++) {
      const row = kvRowView(cache, t, r);
      bytes += row.slice().byteLength;
    }
  }
  return bytes;
}

async function run(model: LoadedWhisperModel): Promise<void> {
  const enc = await model.encoder.encode(readReference('mel_jfk_w0').data, 1);
  const cache = model.decoder.createCache(enc, BEAMS);
  const tensors = 2 * model.decoder.dims.nDecoderLayers;
  let logits = await model.decoder.step(cache, Array.from({ length: BEAMS }, () => SOT_PROMPT));
  let scores = new Array<number>(BEAMS).fill(0);
  let reorderMs = 0, wholeMs = 0, stepMs = 0, wholeBytes = 0, rowsChanged = 0, reorders = 0;
  try {
    for (let s = 0; s < STEPS; s++) {
      const chosen = select(logits, scores, s === 0);
      const parents = chosen.map((c) => c.parent);
      let t0 = performance.now();
      model.decoder.reorder(cache, parents);
      reorderMs += performance.now() - t0;
      t0 = performance.now();
      wholeBytes += copyWholeCache(cache, tensors);
      wholeMs += performance.now() - t0;
      rowsChanged += parents.filter((p, i) => p !== i).length;
      reorders += 1;
      scores = chosen.map((c) => c.score);
      t0 = performance.now();
      logits = await model.decoder.step(cache, chosen.map((c) => [c.token]));
      stepMs += performance.now() - t0;
    }
    const stats = kvCacheStats(cache);
    const reorderBytes = stats?.reorderBytes ?? NaN;
    const cacheBytesFinal = tensors * BEAMS * 4 * kvRowView(cache, 0, 0).length;
    console.log(`beams ${BEAMS}, steps ${STEPS}, final cache length ${cache.length} positions, self-attention cache ${cacheBytesFinal} bytes at the end`);
    console.log(`rows changed by reorders: ${rowsChanged} of ${reorders * BEAMS} (${((100 * rowsChanged) / (reorders * BEAMS)).toFixed(1)}%)`);
    console.log(`reorder bytes copied: total ${reorderBytes}, mean per step ${(reorderBytes / reorders).toFixed(0)}`);
    console.log(`baseline whole-cache copy per step: total ${wholeBytes}, mean per step ${(wholeBytes / reorders).toFixed(0)}`);
    console.log(`ratio reorder/whole-copy bytes: ${(reorderBytes / wholeBytes).toFixed(3)}; time ${(reorderMs / wholeMs).toFixed(3)} (${reorderMs.toFixed(1)} ms vs ${wholeMs.toFixed(1)} ms)`);
    console.log(`one-time tiling of the prompt to ${BEAMS} rows: ${stats?.tileBytes} bytes; buffer allocations: ${stats?.allocations}`);
    console.log(`ONNX Runtime decoder step: ${(stepMs / STEPS).toFixed(2)} ms mean (its Concat writes the whole present cache, ${cacheBytesFinal} bytes at the end, every step)`);
  } finally {
    cache.dispose();
  }
}

const model = await loadDevModel('merged');
try {
  await run(model);
} finally {
  await model.dispose();
}
