/**
 * `npm run bench:research-beamnet`: the beam-approximating network of research-features §2, end to end, on
 * RANDOM-WEIGHT models (no real Whisper weights exist here): the figures are about mechanism, agreement with our own
 * beam search and cost, not about transcription quality.
 *  1. collect: the dev model (../shared/models/whisper-dev-random) decodes windows of long.wav (cut into 30 s blocks),
 *     jfk.wav and espeak-ng sentences (generated here, seeded), each at several offsets, greedily and with beam 5;
 *     greedy steps are labelled with beam's aligned token (edit-distance alignment);
 *  2. train: split by audio (block / file), the TypeScript MLP trained with a seed;
 *  3. eval on the held-out audio: step-level agreement with beam (greedy vs the network on greedy's steps), then
 *     greedy, greedy + network (ONNX Runtime inside the loop) and beam 5 decoded side by side, alternating: agreement
 *     with beam's tokens and time per token, with ratios;
 *  4. wall time on a real-size (tiny) random model written by our exporter (cached in .cache/beamnet/), same three
 *     modes on the first held-out windows (the network was trained on the dev model's steps: cost only there).
 * Usage: npm run bench:research-beamnet [-- --synth N] [--repeats N] [--seed N] [--threads N] [--tiny-windows N] [--fresh]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  collectBeamnetData, evaluateBeamnet, exportRandomWhisper, heldOutWindows, mlpToOnnx, openDenseNet, parseBeamnetData, seededSentences, trainFromData, writeBeamnetJson,
} from '../src/index.js';
import type { BeamnetData, EvaluationReport, ExperimentModel, ModeReport } from '../src/index.js';
import { DEV_MODEL_DIR, loadDevModel } from '../src/transcription/reference/load-reference.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const SYNTH = arg('synth', 16);
const REPEATS = arg('repeats', 3);
const SEED = arg('seed', 1);
const THREADS = arg('threads', 1);
const TINY_WINDOWS = arg('tiny-windows', 3);
const FRESH = process.argv.includes('--fresh');
const CACHE = fileURLToPath(new URL('../../../.cache/beamnet/', import.meta.url));

/** espeak-ng renders each sentence (voices and speeds cycled) into .cache/beamnet/espeak/. */
function synthesize(n: number): { id: string; path: string }[] {
  const dir = `${CACHE}espeak/`;
  mkdirSync(dir, { recursive: true });
  const voices = ['en-us', 'en-gb', 'en-sc', 'en'];
  return seededSentences(n, 7).map((text, i) => {
    const path = `${dir}s${i}.wav`;
    if (!existsSync(path)) execFileSync('espeak-ng', ['-v', voices[i % voices.length] as string, '-s', String(140 + (i % 5) * 15), '-w', path, '--', text]);
    return { id: `espeak${i}`, path };
  });
}

function fmtMode(name: string, m: ModeReport, base: ModeReport): string {
  return `${name.padEnd(16)} agreement ${(100 * m.agreement).toFixed(1).padStart(5)} %  dist/beam tok ${m.distance.toFixed(3)}  exact ${String(m.exactWindows).padStart(3)}  ` +
    `${m.msPerToken.toFixed(3)} ms/token (x${(m.msPerToken / base.msPerToken).toFixed(2)} of greedy)  ${m.tokens} tokens ${m.decoderCalls} calls`;
}

function printReport(label: string, r: EvaluationReport): void {
  console.log(`${label}: ${r.windows} held-out windows, ${REPEATS} alternating passes (time: median pass)`);
  console.log(fmtMode('greedy', r.greedy, r.greedy));
  console.log(fmtMode('greedy + net', r.net, r.greedy));
  console.log(fmtMode('beam 5', r.beam, r.greedy));
  console.log(`  net changed ${r.netChanged} of ${r.netSteps} greedy steps (last pass); beam 5 / greedy + net time per token x${(r.beam.msPerToken / r.net.msPerToken).toFixed(2)}`);
}

console.log(`bench:research-beamnet  RANDOM-WEIGHT models: mechanism, agreement with our beam 5 and cost only; ${THREADS} thread(s)`);
mkdirSync(CACHE, { recursive: true });
const dev = await loadDevModel({ intraOpNumThreads: THREADS });
const devModel: ExperimentModel = { encoder: dev.model.encoder, decoder: dev.model.decoder, tokenizer: dev.tokenizer };
const sources = [{ id: 'long', path: `${DEV_MODEL_DIR}audio/long.wav` }, { id: 'jfk', path: `${DEV_MODEL_DIR}audio/jfk.wav` }, ...synthesize(SYNTH)];
const dataPath = `${CACHE}dev-data-synth${SYNTH}.json`;
let data: BeamnetData;
if (!FRESH && existsSync(dataPath)) {
  data = parseBeamnetData(readFileSync(dataPath, 'utf8'), dataPath);
  console.log(`collect: reusing ${dataPath} (--fresh to collect again)`);
} else {
  const t0 = performance.now();
  data = await collectBeamnetData(devModel, sources, { onProgress: (d, t) => d % 20 === 0 && process.stderr.write(`  collected ${d}/${t} windows\n`) });
  writeFileSync(dataPath, JSON.stringify(data));
  console.log(`collect: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const steps = data.examples.length;
const aligned = data.examples.filter((e) => e.label >= 0);
const sum = (f: (r: BeamnetData['records'][number]) => number): number => data.records.reduce((s, r) => s + f(r), 0);
console.log(`data: ${data.sources.length} sources, ${new Set(data.windows.map((w) => w.audio)).size} audios (blocks), ${data.windows.length} windows, ${steps} greedy steps, beam ${sum((r) => r.beam.length)} tokens`);
console.log(
  `alignment greedy->beam: match ${sum((r) => r.alignment.matches)}  sub ${sum((r) => r.alignment.substitutions)}  greedy-only ${sum((r) => r.alignment.insertions)}  beam-only ${sum((r) => r.alignment.deletions)}  ` +
    `common prefix ${(sum((r) => r.alignment.commonPrefix) / data.records.length).toFixed(1)} tokens/window; windows identical ${data.records.filter((r) => r.alignment.distance === 0).length}/${data.records.length}`,
);
console.log(`labels: aligned ${aligned.length}, keep greedy (slot 0) ${aligned.filter((e) => e.label === 0).length}, other top-10 slot ${aligned.filter((e) => e.label > 0 && e.label < 10).length}, outside top-10 ${aligned.filter((e) => e.label === 10).length}`);

const t1 = performance.now();
const { result, split, note } = trainFromData(data, { seed: SEED });
const trainSec = (performance.now() - t1) / 1000;
const best = result.history[result.bestEpoch - 1];
console.log(
  `train: ${split.trainAudio.length} audios / ${split.train.length} steps, held out ${split.validationAudio.length} audios / ${split.validation.length} steps (${split.validationAudio.join(' ')}); ` +
    `${result.history.length} epochs in ${trainSec.toFixed(1)} s, best epoch ${result.bestEpoch}: val loss ${best?.validationLoss.toFixed(4)} acc ${((best?.validationAccuracy ?? 0) * 100).toFixed(1)} %, ${result.net.parameterCount} parameters`,
);
const netJson = writeBeamnetJson(result.net, note);
writeFileSync(`${CACHE}net-seed${SEED}.json`, netJson);
console.log(`net: ${CACHE}net-seed${SEED}.json (${(netJson.length / 1024).toFixed(1)} KiB)`);

const session = await openDenseNet(mlpToOnnx(result.net), { intraOpNumThreads: 1 });
try {
  const windows = await heldOutWindows(data, split.validationAudio);
  const r = await evaluateBeamnet(devModel, windows, result.net, session, split.validation, { repeats: REPEATS });
  const s = r.steps;
  console.log(
    `step level (held-out greedy steps aligned to beam, ${s.aligned}; ${s.outsideTopK} outside the top-10): greedy = beam ${((100 * s.greedyRight) / s.aligned).toFixed(1)} %, ` +
      `net = beam ${((100 * s.netRight) / s.aligned).toFixed(1)} %, net leaves greedy's token on ${s.netChanged} steps`,
  );
  printReport('dev model (d_model 128, 2+2 layers)', r);
  await dev.model.dispose();
  const tinyDir = `${CACHE}random-tiny/`;
  if (!existsSync(`${tinyDir}onnx/decoder_model_merged.onnx`)) {
    process.stderr.write('exporting a random tiny model (once)...\n');
    await exportRandomWhisper('tiny', { out: tinyDir, tokenizerFrom: DEV_MODEL_DIR });
  }
  const tiny = await loadDevModel({ intraOpNumThreads: THREADS }, tinyDir);
  try {
    const tr = await evaluateBeamnet({ encoder: tiny.model.encoder, decoder: tiny.model.decoder, tokenizer: tiny.tokenizer }, windows.slice(0, TINY_WINDOWS), result.net, session, [], { repeats: REPEATS });
    printReport('random tiny export (wall time; the net was trained on the dev model, its agreement here means nothing)', tr);
  } finally {
    await tiny.model.dispose();
  }
} finally {
  await session.dispose();
}
