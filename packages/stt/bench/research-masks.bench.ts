/**
 * `npm run bench:research-masks [-- --cache-length 224]`: graded attention masks (research section 5) on the fixed-shape
 * decoder. The dev model's safetensors are exported twice into .cache/research-masks-<N>/ (plain static format, and
 * with the research `attention_bias` input); every strategy greedy-decodes (no timestamps) the dev model's reference
 * windows (jfk, long), and the table shows token agreement with the exact mask's decode and with OpenAI's reference
 * tokens, mean token probability, mean entropy-normalised confidence, immediate repeats and decode time.
 * Random weights: agreement, confidence shifts and cost are measurable; whether a mask helps transcription is not.
 */
import { DEFAULT_WINDOW_DECODE_OPTIONS } from '../src/decoding/index.js';
import { exportWhisper } from '../src/export/export-model.js';
import { runMaskSweep } from '../src/research/index.js';
import type { MaskCase, MaskStrategy, MaskSweepRow } from '../src/research/index.js';
import { DEV_MODEL_DIR, loadDevModel, readReferenceJson, readReferenceMel } from '../src/transcription/reference/load-reference.js';
import type { RefDecodeFile } from '../src/transcription/reference/load-reference.js';

const at = process.argv.indexOf('--cache-length');
const cacheLength = at >= 0 ? Number(process.argv[at + 1]) : 224;
const plainDir = `.cache/research-masks-${cacheLength}/plain/`;
const biasDir = `.cache/research-masks-${cacheLength}/bias/`;
await exportWhisper(`${DEV_MODEL_DIR}model.safetensors`, { out: plainDir, static: true, cacheLength });
await exportWhisper(`${DEV_MODEL_DIR}model.safetensors`, { out: biasDir, static: true, cacheLength, attentionBias: true });

const INT_STRATEGIES: MaskStrategy[] = [
  { kind: 'int-value', value: 2 },
  { kind: 'floor', floor: 128 },
  { kind: 'window', width: 4 },
  { kind: 'window', width: 16 },
  { kind: 'window', width: 64 },
  { kind: 'confidence', frame: 224, threshold: 0.01 },
  { kind: 'confidence', frame: 224, threshold: 0.05 },
  { kind: 'confidence', frame: 16, threshold: 0.05 },
];
const BIAS_STRATEGIES: MaskStrategy[] = [
  { kind: 'decay', gamma: 0.99 },
  { kind: 'decay', gamma: 0.9 },
  { kind: 'decay', gamma: 0.5 },
  { kind: 'counter', alpha: 0.5 },
  { kind: 'counter', alpha: 2 },
  { kind: 'confidence-soft', frame: 224, beta: 0.5 },
  { kind: 'confidence-soft', frame: 224, beta: 2 },
];

const plain = await loadDevModel({ intraOpNumThreads: 2 }, plainDir, 0);
const biased = await loadDevModel({ intraOpNumThreads: 2 }, biasDir, 0);
console.log(`graded masks on the static export of whisper-dev-random (RANDOM weights: agreement, confidence and cost only), cache ${cacheLength}, greedy, no timestamps`);
const rows: MaskSweepRow[] = [];
try {
  const cases: MaskCase[] = [];
  for (const audio of ['jfk', 'long']) {
    const file = readReferenceJson<RefDecodeFile>(`decode_${audio}.json`);
    const ref = file.cases['greedy_no_ts'];
    if (ref === undefined) throw new Error(`decode_${audio}.json has no greedy_no_ts case`);
    const encoded = await plain.model.encoder.encode(readReferenceMel(file.mel).data, 1);
    cases.push({ name: audio, encoded, options: { ...DEFAULT_WINDOW_DECODE_OPTIONS, language: 'en', withoutTimestamps: true, sampleLen: Math.min(224, cacheLength - 4) }, reference: ref.tokens });
  }
  const log = (r: MaskSweepRow): void => console.log(`  ${r.strategy.padEnd(26)} ${r.case.padEnd(5)} vs exact ${r.vsExact.rate.toFixed(3)} (lead ${r.vsExact.leading}), vs OpenAI ${r.vsReference?.rate.toFixed(3)} (lead ${r.vsReference?.leading}), ${r.tokens.length} tokens, ${r.decodeMs.toFixed(0)} ms`);
  console.log('int64-mask strategies on the plain static export:');
  rows.push(...(await runMaskSweep(plain.model.decoder, plain.tokenizer, cases, INT_STRATEGIES, log)).map((r) => ({ ...r, strategy: `${r.strategy}` })));
  console.log('bias strategies on the attention_bias export (its exact row = zero bias):');
  rows.push(...(await runMaskSweep(biased.model.decoder, biased.tokenizer, cases, BIAS_STRATEGIES, log)).map((r) => ({ ...r, strategy: r.strategy === 'exact' ? 'exact (bias graph, 0)' : r.strategy })));
} finally {
  await plain.model.dispose();
  await biased.model.dispose();
}
const names = [...new Set(rows.map((r) => r.strategy))];
const exactMs = rows.filter((r) => r.strategy === 'exact').reduce((s, r) => s + r.decodeMs / Math.max(1, r.tokens.length + 1), 0);
console.log('');
console.log(`${'strategy'.padEnd(26)}${'agree exact'.padEnd(13)}${'lead exact'.padEnd(12)}${'agree OpenAI'.padEnd(14)}${'lead OpenAI'.padEnd(13)}${'mean p'.padEnd(9)}${'mean conf'.padEnd(11)}${'repeats'.padEnd(9)}${'tokens'.padEnd(8)}ms/token (x exact)`);
for (const name of names) {
  const rs = rows.filter((r) => r.strategy === name);
  const mean = (f: (r: MaskSweepRow) => number): number => rs.reduce((s, r) => s + f(r), 0) / rs.length;
  const msTok = rs.reduce((s, r) => s + r.decodeMs / Math.max(1, r.tokens.length + 1), 0);
  console.log(
    `${name.padEnd(26)}${mean((r) => r.vsExact.rate).toFixed(3).padEnd(13)}${rs.map((r) => r.vsExact.leading).join('/').padEnd(12)}${mean((r) => r.vsReference?.rate ?? Number.NaN).toFixed(3).padEnd(14)}${rs.map((r) => r.vsReference?.leading ?? 0).join('/').padEnd(13)}${mean((r) => r.meanTokenProb).toFixed(3).padEnd(9)}${mean((r) => r.meanConfidence).toFixed(3).padEnd(11)}${rs.map((r) => r.immediateRepeats).join('/').padEnd(9)}${rs.map((r) => r.tokens.length).join('/').padEnd(8)}${(msTok / rs.length).toFixed(1)} (x${(msTok / exactMs).toFixed(2)})`,
  );
}
console.log('agreement = 1 - token edit distance / longer length, mean over jfk/long; lead = leading tokens equal (jfk/long); OpenAI = reference greedy_no_ts tokens (random weights: gibberish).');
