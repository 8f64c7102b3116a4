/**
 * `npx tsx packages/stt/bench/export-dtype.bench.ts [size]`: speed of the exporter's weight formats on ONNX Runtime CPU
 * (2 threads): fp32, fp16 (weights stored as float16), q8 as DynamicQuantizeLinear + MatMulInteger ("integer") and q8 as
 * int8 weights + DequantizeLinear ("dequantize"), on a random model of a published size (default tiny; cached in
 * .cache/models/). Per format: encoder ms per 30 s window and decoder ms per one-token step (greedy, 64 steps),
 * medians of 3 alternating rounds, and the ratio to fp32. Random weights: the figures are about cost, not accuracy.
 */
import { existsSync } from 'node:fs';
import { exportRandomWhisper } from '../src/export/export-model.js';
import type { ExportDtype, Q8Kind } from '../src/export/weight-store.js';
import { openGraph } from '../src/runtime/onnx/graph-runner.js';
import type { GraphFeed, GraphOutput, GraphRunner } from '../src/runtime/onnx/graph-runner.js';
import { DEV_MODEL_DIR, readReferenceMel } from '../src/transcription/reference/load-reference.js';

const size = process.argv[2] ?? 'tiny';
const STEPS = 64;
const ROUNDS = 3;
const variants: { label: string; dtype: ExportDtype; q8Kind?: Q8Kind; suffix: string }[] = [
  { label: 'fp32', dtype: 'fp32', suffix: '' },
  { label: 'fp16', dtype: 'fp16', suffix: '_fp16' },
  { label: 'q8 integer', dtype: 'q8', q8Kind: 'integer', suffix: '_quantized' },
  { label: 'q8 dequantize', dtype: 'q8', q8Kind: 'dequantize', suffix: '_quantized' },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function argmaxLast(logits: GraphOutput): number {
  const v = logits.dims[2] as number;
  const off = logits.data.length - v;
  let best = 0;
  for (let i = 1; i < v; i++) if ((logits.data[off + i] as number) > (logits.data[off + best] as number)) best = i;
  return best;
}

async function measure(enc: GraphRunner, dec: GraphRunner, mel: Float32Array, heads: number, head: number): Promise<{ encMs: number; stepMs: number }> {
  let t0 = performance.now();
  const hidden = (await enc.run({ input_features: { type: 'float32', data: mel, dims: [1, 80, 3000] } }))['last_hidden_state'] as GraphOutput;
  const encMs = performance.now() - t0;
  const feeds: Record<string, GraphFeed> = {
    input_ids: { type: 'int64', data: BigInt64Array.from([50258n, 50259n, 50359n, 50363n]), dims: [1, 4] },
    encoder_hidden_states: { type: 'float32', data: hidden.data, dims: hidden.dims },
    use_cache_branch: { type: 'bool', data: new Uint8Array([0]), dims: [1] },
  };
  for (const n of dec.inputNames) if (n.startsWith('past_key_values.')) feeds[n] = { type: 'float32', data: new Float32Array(0), dims: [1, heads, 0, head] };
  let out = await dec.run(feeds);
  t0 = performance.now();
  for (let step = 0; step < STEPS; step++) {
    feeds['input_ids'] = { type: 'int64', data: BigInt64Array.from([BigInt(argmaxLast(out['logits'] as GraphOutput))]), dims: [1, 1] };
    feeds['use_cache_branch'] = { type: 'bool', data: new Uint8Array([1]), dims: [1] };
    for (const [name, t] of Object.entries(out)) {
      if (!name.startsWith('present.') || (step > 0 && name.includes('.encoder.'))) continue;
      feeds[name.replace('present.', 'past_key_values.')] = { type: 'float32', data: t.data, dims: t.dims };
    }
    out = await dec.run(feeds);
  }
  return { encMs, stepMs: (performance.now() - t0) / STEPS };
}

const mel = readReferenceMel('mel_long_w0.bin').data;
const runners: { label: string; enc: GraphRunner; dec: GraphRunner }[] = [];
let heads = 0;
let head = 0;
for (const v of variants) {
  const out = `.cache/models/random-${size}-${v.label.replace(' ', '-')}`;
  if (!existsSync(`${out}/onnx/decoder_model_merged${v.suffix}.onnx`)) {
    await exportRandomWhisper(size, { out, dtype: v.dtype, tokenizerFrom: DEV_MODEL_DIR, ...(v.q8Kind === undefined ? {} : { q8Kind: v.q8Kind }) });
  }
  const opts = { intraOpNumThreads: 2 };
  runners.push({ label: v.label, enc: await openGraph(`${out}/onnx/encoder_model${v.suffix}.onnx`, opts), dec: await openGraph(`${out}/onnx/decoder_model_merged${v.suffix}.onnx`, opts) });
  const meta = runners[runners.length - 1]?.dec.inputs.find((i) => i.name === 'past_key_values.0.decoder.key');
  heads = Number(meta?.shape[1]);
  head = Number(meta?.shape[3]);
}
const results = new Map<string, { enc: number[]; step: number[] }>(runners.map((r) => [r.label, { enc: [], step: [] }]));
for (let round = 0; round < ROUNDS; round++) {
  for (const r of runners) {
    const m = await measure(r.enc, r.dec, mel, heads, head);
    results.get(r.label)?.enc.push(m.encMs);
    results.get(r.label)?.step.push(m.stepMs);
  }
}
const base = results.get('fp32');
console.log(`random ${size}, ONNX Runtime CPU, 2 threads, medians of ${ROUNDS} alternating rounds (random weights: cost only)`);
for (const [label, r] of results) {
  const e = median(r.enc);
  const s = median(r.step);
  console.log(`${label.padEnd(14)} encoder ${e.toFixed(0).padStart(6)} ms/window (x${(median(base?.enc ?? [e]) / e).toFixed(2)} vs fp32)   decoder ${s.toFixed(2).padStart(7)} ms/step (x${(median(base?.step ?? [s]) / s).toFixed(2)} vs fp32)`);
}
await Promise.all(runners.flatMap((r) => [r.enc.dispose(), r.dec.dispose()]));
