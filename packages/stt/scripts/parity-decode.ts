/**
 * `npm run parity:decode`: our decoding against OpenAI's reference outputs on the random-weight dev model.
 *   1. every `decode_<audio>.json` case (greedy, timestamps, beam, language detection, translate) on the
 *      reference mel window;
 *   2. every `transcribe_long_<variant>.json` on the reference whole-file mel (isolates decoding and seeking);
 *   3. end to end from `audio/long.wav` through our own audio front end (variants `t0` and `default`; all with --e2e-all).
 * Checks: identical tokens, prompts, segment seek/start/end, decisions; avg_logprob / no_speech_prob /
 * language probabilities within 1e-3; compression ratio exact. Exceptions are printed with their reason.
 * Exit code 1 on any failure.
 * `-- --model DIR` runs the same checks on another folder holding the dev model's weights (e.g. `cephalon export`'s
 * output); the references stay those of whisper-dev-random.
 */
import { resolve } from 'node:path';
import { loadAudio, logMelSpectrogram } from '../src/audio/index.js';
import type { LogMel } from '../src/audio/index.js';
import { N_SAMPLES } from '../src/core/constants.js';
import { sequentialStrategy } from '../src/transcription/index.js';
import { compareDecodeCase, compareTranscription, NEAR_TIE_MARGIN, PARITY_TOLERANCE } from '../src/transcription/reference/compare.js';
import type { ParityReport } from '../src/transcription/reference/compare.js';
import {
  DEV_MODEL_DIR,
  loadDevModel,
  optionsForVariant,
  readReferenceJson,
  readReferenceMel,
  runDecodeCase,
  TRANSCRIBE_VARIANTS,
} from '../src/transcription/reference/load-reference.js';
import type { DevModel, RefDecodeFile, RefTranscribeFile } from '../src/transcription/reference/load-reference.js';

const reports: ParityReport[] = [];

function print(r: ParityReport, seconds: number): void {
  reports.push(r);
  const status = r.failures.length === 0 ? (r.notes.length === 0 ? 'PASS' : 'PASS*') : 'FAIL';
  console.log(`${status.padEnd(6)}${r.name.padEnd(44)}${String(r.checks).padStart(5)} checks  ${seconds.toFixed(1)} s`);
  for (const f of r.failures.slice(0, 10)) console.log(`        x ${f}`);
  for (const n of r.notes) console.log(`        * ${n}`);
}

async function decodeCases(dev: DevModel): Promise<void> {
  for (const audio of ['jfk', 'long']) {
    const file = readReferenceJson<RefDecodeFile>(`decode_${audio}.json`);
    const mel = readReferenceMel(file.mel);
    const encoded = await dev.model.encoder.encode(mel.data, 1);
    for (const [name, refCase] of Object.entries(file.cases)) {
      const t0 = performance.now();
      const ours = await runDecodeCase(dev, encoded, refCase);
      print(compareDecodeCase(`decode ${audio}/${name}`, refCase, ours), (performance.now() - t0) / 1000);
    }
  }
}

async function transcribeVariant(dev: DevModel, variant: string, mel: LogMel, label: string): Promise<void> {
  const ref = readReferenceJson<RefTranscribeFile>(`transcribe_long_${variant}.json`);
  const t0 = performance.now();
  const ctx = { encoder: dev.model.encoder, decoder: dev.model.decoder, tokenizer: dev.tokenizer };
  const audio = { samples: new Float32Array(0), sampleRate: 16_000 };
  const ours = await sequentialStrategy.transcribe(ctx, { audio, mel }, optionsForVariant(ref));
  print(compareTranscription(`transcribe ${variant} (${label})`, ref, ours), (performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const e2eAll = process.argv.includes('--e2e-all');
  const at = process.argv.indexOf('--model');
  const modelDir = at >= 0 && process.argv[at + 1] !== undefined ? `${resolve(process.argv[at + 1] as string)}/` : DEV_MODEL_DIR;
  console.log(`parity:decode  model ${modelDir}  references ${DEV_MODEL_DIR}reference/`);
  console.log(`tolerance ${PARITY_TOLERANCE} on avg_logprob / no_speech_prob / language probs; near-tie margin ${NEAR_TIE_MARGIN}\n`);
  const dev = await loadDevModel({}, modelDir);
  try {
    await decodeCases(dev);
    const refMel = readReferenceMel('mel_long_full.bin');
    for (const v of TRANSCRIBE_VARIANTS) await transcribeVariant(dev, v, refMel, 'reference mel');
    const samples = await loadAudio(`${DEV_MODEL_DIR}audio/long.wav`);
    const ourMel = logMelSpectrogram(samples, { nMels: 80, paddingSamples: N_SAMPLES });
    for (const v of e2eAll ? TRANSCRIBE_VARIANTS : (['t0', 'default'] as const)) await transcribeVariant(dev, v, ourMel, 'long.wav, our mel');
  } finally {
    await dev.model.dispose();
  }
  const failed = reports.filter((r) => r.failures.length > 0);
  const checks = reports.reduce((n, r) => n + r.checks, 0);
  console.log(`\n${reports.length - failed.length}/${reports.length} comparisons passed, ${checks} checks; PASS* = passed with a documented exception`);
  const worst: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.worst)) worst[k] = Math.max(worst[k] ?? 0, v);
  console.log(`largest |ours - reference|: ${Object.entries(worst).map(([k, v]) => `${k} ${v.toExponential(2)}`).join(', ')}`);
  if (failed.length > 0) process.exitCode = 1;
}

await main();
