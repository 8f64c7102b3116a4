/**
 * `npm run bench:research-redecode` — research-features.md §1 (logit capture) and §1.3 (targeted re-decoding), on
 * RANDOM-WEIGHT models: every figure is about mechanism, agreement and cost, never about transcription quality.
 *
 * A. Dev model (`../shared/models/whisper-dev-random`), every 30 s window of every reference audio (jfk, long):
 *    greedy (with a top-5 capture) + targeted re-decoding vs full beam 5 (patience 1). "Recovered" =
 *    Σ_w [D(G_w, B_w) − D(R_w, B_w)] / Σ_w D(G_w, B_w), with D the token edit distance, G greedy, R greedy +
 *    re-decoding, B beam 5 (the share of greedy's token disagreements with beam that re-decoding removed; negative
 *    when it moved away). Decoder calls: batched calls; row-steps: Σ rows per call (beam: 5 per call).
 *    The same run with ranking by log-probability + the bench's ARPA scorer (a unigram LM of the requirement docs).
 * B. Capture overhead: greedy with and without a top-5 / top-10 capture, alternating, on the dev model and on a
 *    real-size random `tiny` export (cached in .cache/models/random-tiny).
 * C. Wall time on the tiny export: greedy, greedy + re-decoding, beam 5 (alternating; medians and ratios).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_WINDOW_DECODE_OPTIONS, decodeWindow, exportRandomWhisper, loadAudio, loadTokenizer, loadWhisperModel, LogitCapture, logMelSpectrogram,
  N_FRAMES, N_SAMPLES, padOrTrimMel, readModelDims, redecodeWindow, sliceMelFrames,
} from '@cephalon/stt';
import type { DecodeHooks, EncoderOutput, LmScorer, LogitFilter, LoadedWhisperModel, RedecodeOptions, WhisperTokenizer, WindowDecodeOptions, WindowResult } from '@cephalon/stt';
import { createArpaScorer, parseArpa } from '../src/lm/index.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DEV = `${REPO}../shared/models/whisper-dev-random/`;
const TINY = `${REPO}.cache/models/random-tiny/`;
const AUDIOS = ['jfk.wav', 'long.wav'];
const REPS = Number(process.env['REPS'] ?? 3);

interface Model {
  readonly name: string;
  readonly model: LoadedWhisperModel;
  readonly tokenizer: WhisperTokenizer;
}

async function load(name: string, dir: string): Promise<Model> {
  const model = await loadWhisperModel({
    encoderPath: `${dir}onnx/encoder_model.onnx`,
    decoder: { layout: 'merged', path: `${dir}onnx/decoder_model_merged.onnx` },
    dims: readModelDims(readFileSync(`${dir}config.json`, 'utf8')),
    sessionOptions: { intraOpNumThreads: 1 },
  });
  return { name, model, tokenizer: await loadTokenizer(dir) };
}

/** Consecutive 30 s windows of an audio file, encoded. */
async function windows(m: Model, file: string, limit = Infinity): Promise<{ label: string; encoded: EncoderOutput }[]> {
  const audio = await loadAudio(`${DEV}audio/${file}`);
  const mel = logMelSpectrogram(audio, { nMels: m.model.decoder.dims.nMels, paddingSamples: N_SAMPLES });
  const content = mel.nFrames - N_FRAMES;
  const out = [];
  for (let start = 0, w = 0; start < content && w < limit; start += N_FRAMES, w++) {
    const slice = padOrTrimMel(sliceMelFrames(mel, start, Math.min(N_FRAMES, content - start)), N_FRAMES);
    out.push({ label: `${file.replace('.wav', '')}#${w}`, encoded: await m.model.encoder.encode(slice.data, 1) });
  }
  return out;
}

function editDistance(a: readonly number[], b: readonly number[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] as number;
}

const OPTIONS: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, language: 'en' };
const BEAM5: WindowDecodeOptions = { ...OPTIONS, strategy: { kind: 'beam', beamSize: 5, patience: 1 } };

async function greedyCaptured(m: Model, encoded: EncoderOutput, topK: number) {
  const capture = new LogitCapture({ topK }, m.tokenizer.eot);
  const result = await decodeWindow({ decoder: m.model.decoder, tokenizer: m.tokenizer, hooks: capture }, encoded, OPTIONS);
  return { result, decode: capture.decodes[0] as NonNullable<(typeof capture.decodes)[0]> };
}

async function redecode(m: Model, encoded: EncoderOutput, greedy: WindowResult, decode: Parameters<typeof redecodeWindow>[2], options: RedecodeOptions) {
  return redecodeWindow({ decoder: m.model.decoder, tokenizer: m.tokenizer, encoder: encoded, options: OPTIONS, prompt: greedy.promptTokens }, greedy, decode, 5, options);
}

/** A unigram ARPA of the words of the requirement docs (the only English text at hand; mechanism only). */
function docsLm(): LmScorer {
  const dir = `${REPO}../shared/docs/`;
  const counts = new Map<string, number>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    for (const w of readFileSync(dir + f, 'utf8').toLowerCase().match(/[a-z']+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0) + 2;
  const lines = [...counts].map(([w, c]) => `${Math.log10(c / total).toFixed(6)}\t${w}`);
  lines.push(`${Math.log10(1 / total).toFixed(6)}\t<unk>`, `${Math.log10(1 / total).toFixed(6)}\t</s>`, `-99\t<s>`);
  const arpa = `\\data\\\nngram 1=${lines.length}\n\n\\1-grams:\n${lines.join('\n')}\n\n\\end\\\n`;
  const scorer = createArpaScorer(parseArpa(arpa, 'docs-unigram'), { name: 'docs-unigram' });
  // Natural-log probability per word, comparable in scale to a length-normalised log-probability.
  return async (text) => {
    const s = await scorer.score(text.toLowerCase().replace(/[^a-z' ]/g, ' '));
    return -s.nll / Math.max(1, s.tokens);
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (x: number, d = 1) => x.toFixed(d);

async function partA(dev: Model): Promise<void> {
  console.log('\nA. greedy + targeted re-decoding vs beam 5 — dev model (random weights: mechanism and cost only)');
  const lm = docsLm();
  const m05 = { marginBelow: 0.5 };
  const rules: [string, RedecodeOptions][] = [
    ['m<0.5 what-if k≤3, splice', { rule: m05, alternatives: 3, spanBeam: 0, rank: 'logprob' }],
    ['m<0.5 span beam 5, splice', { rule: m05, alternatives: 0, spanBeam: 5, rank: 'logprob' }],
    ['m<0.5 what-if k≤3, tail 8', { rule: m05, alternatives: 3, spanBeam: 0, tail: 8, rank: 'logprob' }],
    ['m<0.5 what-if k≤3, to end', { rule: m05, alternatives: 3, spanBeam: 0, tail: 'end', rank: 'logprob' }],
    ['m<0.5 span beam 5, to end', { rule: m05, alternatives: 0, spanBeam: 5, tail: 'end', rank: 'logprob' }],
    ['m<0.5 what-if, end, +ARPA', { rule: m05, alternatives: 3, spanBeam: 0, tail: 'end', rank: 'both', lm, lmWeight: 0.1 }],
  ];
  const ws = (await Promise.all(AUDIOS.map((a) => windows(dev, a)))).flat();
  const base = [];
  for (const w of ws) {
    const g = await greedyCaptured(dev, w.encoded, 5);
    const beam = await decodeWindow({ decoder: dev.model.decoder, tokenizer: dev.tokenizer }, w.encoded, BEAM5);
    base.push({ ...w, g, beam, dG: editDistance(g.result.tokens, beam.tokens) });
  }
  const greedyCalls = base.reduce((n, b) => n + b.g.result.decoderSteps, 0);
  const beamCalls = base.reduce((n, b) => n + b.beam.decoderSteps, 0);
  const dG = base.reduce((n, b) => n + b.dG, 0);
  const tokens = base.reduce((n, b) => n + b.beam.tokens.length, 0);
  console.log(`windows ${base.length} (${ws.map((w) => w.label).join(' ')}); beam tokens ${tokens}; D(greedy, beam) = ${dG} edits; identical windows ${base.filter((b) => b.dG === 0).length}/${base.length}`);
  // Where beam first departs from greedy: greedy's confidence there and the beam token's rank in greedy's top 5.
  const firsts = base.filter((b) => b.dG > 0).map((b) => {
    const g = b.g.result.tokens;
    let d = 0;
    while (d < g.length && g[d] === b.beam.tokens[d]) d++;
    const at = b.g.decode;
    const mm = at.measures.subarray(d * 8, d * 8 + 8);
    const beamToken = d < b.beam.tokens.length ? (b.beam.tokens[d] as number) : dev.tokenizer.eot;
    const rank = [...at.topIds.subarray(d * 5, d * 5 + 5)].indexOf(beamToken) + 1;
    return `${b.label}@${d}: p ${fmt(mm[1] as number, 3)} margin ${fmt(mm[4] as number, 2)} beam-token rank ${rank === 0 ? '>5' : rank}`;
  });
  console.log(`first divergence (greedy's measures there): ${firsts.join('; ')}`);
  const allMargins = base.flatMap((b) => [...Array(b.g.decode.steps).keys()].map((i) => b.g.decode.measures[i * 8 + 4] as number)).sort((a, b) => a - b);
  console.log(`greedy margin quantiles over ${allMargins.length} steps: 10% ${fmt(allMargins[Math.floor(allMargins.length * 0.1)] as number, 2)}, 50% ${fmt(allMargins[Math.floor(allMargins.length * 0.5)] as number, 2)}, 90% ${fmt(allMargins[Math.floor(allMargins.length * 0.9)] as number, 2)}`);
  console.log(`greedy: ${greedyCalls} decoder calls (${greedyCalls} row-steps); beam 5: ${beamCalls} calls (≈${beamCalls * 5} row-steps)`);
  console.log('rule / candidates'.padEnd(28) + 'spans  changed  recovered  D(R,B)  extra calls  scoring  extra row-steps  total calls vs beam');
  for (const [name, options] of rules) {
    let spans = 0;
    let changed = 0;
    let dR = 0;
    let extra = 0;
    let scoring = 0;
    let rowSteps = 0;
    for (const b of base) {
      const r = await redecode(dev, b.encoded, b.g.result, b.g.decode, options);
      spans += r.spans.length;
      changed += r.spans.filter((s) => s.chosen !== 0).length;
      dR += editDistance(r.tokens, b.beam.tokens);
      extra += r.extraCalls;
      scoring += r.scoringCalls;
      rowSteps += r.extraRowSteps;
    }
    const recovered = dG === 0 ? Number.NaN : (dG - dR) / dG;
    const total = greedyCalls + extra + scoring;
    console.log(`${name.padEnd(28)}${String(spans).padStart(5)}  ${String(changed).padStart(7)}  ${fmt(100 * recovered).padStart(8)} %  ${String(dR).padStart(6)}  ${String(extra).padStart(11)}  ${String(scoring).padStart(7)}  ${String(rowSteps).padStart(15)}  ${String(total).padStart(6)} = ${fmt(total / beamCalls, 2)}x`);
  }
}

/** Alternating timings of named variants on each window; returns medians in ms. */
async function timeVariants(ws: { encoded: EncoderOutput }[], variants: Record<string, (e: EncoderOutput) => Promise<unknown>>): Promise<Record<string, number>> {
  const names = Object.keys(variants);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let rep = 0; rep < REPS; rep++) {
    const order = rep % 2 === 0 ? names : [...names].reverse();
    const sums: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    for (const w of ws) {
      for (const n of order) {
        const t0 = performance.now();
        await (variants[n] as (e: EncoderOutput) => Promise<unknown>)(w.encoded);
        sums[n] = (sums[n] as number) + performance.now() - t0;
      }
    }
    for (const n of names) (times[n] as number[]).push(sums[n] as number);
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n] as number[])]));
}

async function partB(m: Model, ws: { encoded: EncoderOutput }[]): Promise<void> {
  const plain = (e: EncoderOutput) => decodeWindow({ decoder: m.model.decoder, tokenizer: m.tokenizer }, e, OPTIONS);
  const withK = (k: number) => (e: EncoderOutput) => decodeWindow({ decoder: m.model.decoder, tokenizer: m.tokenizer, hooks: new LogitCapture({ topK: k }, m.tokenizer.eot) }, e, OPTIONS);
  // In-run share: the capture's own work (its filter, which also does the row scan the decoder would do, and the
  // end-of-decode packing) timed inside decodes with top-5 capture, against those decodes' wall time.
  let inside = 0;
  let total = 0;
  for (const w of ws) {
    const capture = new LogitCapture({ topK: 5 }, m.tokenizer.eot);
    const timed: DecodeHooks = {
      beginWindow: (info) => {
        const hook = capture.beginWindow(info);
        const filter = hook.filters?.[0] as LogitFilter;
        return {
          filters: [{ apply: (l, t, scan) => { const t0 = performance.now(); filter.apply(l, t, scan); inside += performance.now() - t0; } }],
          end: (r) => { const t0 = performance.now(); hook.end?.(r); inside += performance.now() - t0; },
        };
      },
    };
    const t0 = performance.now();
    await decodeWindow({ decoder: m.model.decoder, tokenizer: m.tokenizer, hooks: timed }, w.encoded, OPTIONS);
    total += performance.now() - t0;
  }
  const t = await timeVariants(ws, { greedy: plain, 'greedy+top5': withK(5), 'greedy+top10': withK(10) });
  const g = t['greedy'] as number;
  console.log(`B. capture work timed inside the decodes, ${m.name}: ${fmt(inside)} ms of ${fmt(total)} ms = ${fmt((100 * inside) / total, 2)} % (includes the row scan the decoder no longer makes itself: an upper bound of the overhead)`);
  console.log(`B. capture overhead, ${m.name} (${ws.length} windows, median of ${REPS} alternating reps): greedy ${fmt(g)} ms; top-5 ${fmt(t['greedy+top5'] as number)} ms (${fmt((100 * ((t['greedy+top5'] as number) - g)) / g, 2)} %); top-10 ${fmt(t['greedy+top10'] as number)} ms (${fmt((100 * ((t['greedy+top10'] as number) - g)) / g, 2)} %)`);
}

async function partC(m: Model, ws: { encoded: EncoderOutput }[]): Promise<void> {
  const options: RedecodeOptions = { rule: { marginBelow: 0.5 }, alternatives: 3, spanBeam: 5, rank: 'logprob' };
  const greedy = (e: EncoderOutput) => decodeWindow({ decoder: m.model.decoder, tokenizer: m.tokenizer }, e, OPTIONS);
  const stats = { spans: 0, changed: 0, extraCalls: 0, scoringCalls: 0, greedyCalls: 0, beamCalls: 0 };
  const greedyRedecode = async (e: EncoderOutput) => {
    const g = await greedyCaptured(m, e, 5);
    const r = await redecode(m, e, g.result, g.decode, options);
    stats.spans += r.spans.length;
    stats.changed += r.spans.filter((sp) => sp.chosen !== 0).length;
    stats.extraCalls += r.extraCalls;
    stats.scoringCalls += r.scoringCalls;
    stats.greedyCalls += g.result.decoderSteps;
    return r;
  };
  const beam = async (e: EncoderOutput) => {
    const r = await decodeWindow({ decoder: m.model.decoder, tokenizer: m.tokenizer }, e, BEAM5);
    stats.beamCalls += r.decoderSteps;
    return r;
  };
  const t = await timeVariants(ws, { greedy, 'greedy+re-decode': greedyRedecode, 'beam 5': beam });
  const g = t['greedy'] as number;
  console.log(`C. wall time, ${m.name} (${ws.length} windows, median of ${REPS} alternating reps; rule margin<0.5, what-if k≤3 + span beam 5):`);
  for (const [n, v] of Object.entries(t)) console.log(`   ${n.padEnd(18)} ${fmt(v).padStart(9)} ms  ${fmt(v / g, 2)}x greedy`);
  const per = (x: number) => fmt(x / REPS, 0);
  console.log(`   per rep: greedy ${per(stats.greedyCalls)} calls; re-decoding ${per(stats.spans)} spans (${per(stats.changed)} changed), ${per(stats.extraCalls)} candidate calls + ${per(stats.scoringCalls)} scoring calls; beam 5 ${per(stats.beamCalls)} calls of 5 rows`);
}

const PARTS = process.env['PARTS'] ?? 'ABC';

async function main(): Promise<void> {
  console.log('RANDOM WEIGHTS: the figures show mechanism, agreement with beam search and cost — not accuracy.');
  const dev = await load('dev model', DEV);
  try {
    if (PARTS.includes('A')) await partA(dev);
    if (PARTS.includes('B')) await partB(dev, (await Promise.all(AUDIOS.map((a) => windows(dev, a)))).flat());
  } finally {
    await dev.model.dispose();
  }
  if (!PARTS.includes('B') && !PARTS.includes('C')) return;
  if (!existsSync(`${TINY}config.json`)) {
    console.log(`exporting a random tiny model to ${TINY} ...`);
    await exportRandomWhisper('tiny', { out: TINY, tokenizerFrom: DEV });
  }
  const tiny = await load('random tiny export', TINY);
  try {
    const ws = [...(await windows(tiny, 'jfk.wav')), ...(await windows(tiny, 'long.wav', 2))];
    if (PARTS.includes('B')) await partB(tiny, ws);
    if (PARTS.includes('C')) await partC(tiny, ws);
  } finally {
    await tiny.model.dispose();
  }
}

await main();
