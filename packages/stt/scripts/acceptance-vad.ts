/**
 * `npm run acceptance:vad`: voice activity detection on speech with known answers, real Silero VAD v5 weights.
 *   1. A seeded timeline of espeak-ng utterances (0.3-5 s gaps), nearly clean (white noise at -70 dBFS) and under
 *      white noise at -30 dBFS; ground truth = each utterance's placement, refined to its own non-silent extent.
 *   2. jfk.flac; ground truth = pocketsphinx_continuous word times (an independent recogniser), merged across pauses
 *      shorter than 200 ms, a pause being measured as the longest run of 10 ms frames within 10 dB of the recording's
 *      noise floor inside the recogniser's gap (its word edges are coarse); the plain word-gap truth is scored too.
 *   With --vad-min-silence-ms 200 --vad-speech-pad-ms 30: 10 ms frame F1 >= 0.95 and every utterance boundary within
 *   250 ms, for Silero; the energy detector is scored the same way to show where it fails.
 *   3. 10 minutes of digital silence and of low white noise (-50 dBFS) through VAD + sequential and VAD-batched on the
 *      dev model (random weights; only call counts matter): zero encoder and decoder calls, an empty transcript;
 *      jfk through the same counting context as the control that the counters count.
 *   4. VAD cost in ms per minute of audio.
 * Exit code 1 when a Silero criterion fails. Options: --utterances N (default 24), --seed S (default 2026), --seeds K
 * (timelines for seeds S .. S+K-1, default 1).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAudio } from '../src/audio/index.js';
import type { Samples, SpeechRegion } from '../src/core/types.js';
import { OPENAI_TRANSCRIBE_DEFAULTS } from '../src/transcription/reference/load-reference.js';
import { createVadBatchedStrategy, createVadStrategy } from '../src/transcription/vad/index.js';
import { createFrameVad, detectSpeech, regionsFromProbabilities, resolveVadOptions, speechProbabilities } from '../src/vad/index.js';
import type { VadModelName } from '../src/vad/index.js';
import { countingDevContext } from './vad/counting.js';
import { describeGaps, readGaps } from './vad/gaps.js';
import { buildTimeline, frameLevelQuantile, mergeWords, mergeWordsOnQuiet, pocketsphinxWords, SAMPLE_RATE, score, withWhiteNoise } from './vad/timeline.js';

const JFK = fileURLToPath(new URL('../../../../shared/data/audio/jfk.flac', import.meta.url));
const VAD = { minSilenceDurationMs: 200, speechPadMs: 30 } as const;
const F1_MIN = 0.95;
const BOUNDARY_SEC = 0.25;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

let failed = false;

function fmt(r: SpeechRegion): string {
  return `${r.startSec.toFixed(2)}-${r.endSec.toFixed(2)}`;
}

/** Silero's regions, and what its probabilities did in every true gap (why a gap is or is not split). */
async function sileroWithGaps(audio: Samples, truth: readonly SpeechRegion[]): Promise<{ regions: SpeechRegion[]; gaps: string }> {
  const vad = await createFrameVad({ model: 'silero' });
  try {
    const options = resolveVadOptions(VAD);
    const probs = await speechProbabilities(vad, audio.samples);
    const regions = regionsFromProbabilities(probs, audio.samples.length, options, vad).map((r) => ({ startSec: r.start / SAMPLE_RATE, endSec: r.end / SAMPLE_RATE }));
    return { regions, gaps: describeGaps(readGaps(probs, vad.frameSamples, truth, options), options) };
  } finally {
    await vad.dispose();
  }
}

async function scoreCase(name: string, audio: Samples, truth: readonly SpeechRegion[], criterion = true, gaps = false): Promise<void> {
  for (const model of ['silero', 'energy'] as VadModelName[]) {
    const withGaps = gaps && model === 'silero' ? await sileroWithGaps(audio, truth) : undefined;
    const regions = withGaps?.regions ?? (await detectSpeech(audio, { ...VAD, model }));
    const s = score(truth, regions, audio.samples.length / audio.sampleRate);
    const within = s.boundariesWithin(BOUNDARY_SEC);
    const pass = s.f1 >= F1_MIN && within === truth.length * 2;
    if (model === 'silero' && !pass && criterion) failed = true;
    console.log(
      `${name.padEnd(26)}${model.padEnd(8)}F1 ${s.f1.toFixed(4)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  ` +
        `boundaries within 250 ms ${String(within).padStart(3)}/${truth.length * 2}  max error ${Number.isFinite(s.maxBoundaryErrorSec) ? s.maxBoundaryErrorSec.toFixed(3) + ' s' : 'missed'}  ` +
        `regions ${String(regions.length).padStart(3)} (truth ${truth.length})  ${pass ? 'PASS' : model === 'energy' ? 'fails' : criterion ? 'FAIL' : 'fails (not a criterion)'}`,
    );
    if (withGaps !== undefined) console.log(`${''.padEnd(34)}gaps: ${withGaps.gaps}`);
    if (model !== 'silero' || pass) continue;
    s.boundaryErrors.forEach(([startErr, endErr], i) => {
      if (startErr <= BOUNDARY_SEC && endErr <= BOUNDARY_SEC) return;
      const r = truth[i] as SpeechRegion;
      const before = i > 0 ? r.startSec - (truth[i - 1] as SpeechRegion).endSec : Number.NaN;
      const after = i + 1 < truth.length ? (truth[i + 1] as SpeechRegion).startSec - r.endSec : Number.NaN;
      const hits = regions.filter((x) => x.endSec > r.startSec && x.startSec < r.endSec).map(fmt).join(' ');
      console.log(`${''.padEnd(34)}truth ${fmt(r)} (gap before ${before.toFixed(2)} s, after ${after.toFixed(2)} s): start error ${startErr.toFixed(3)} s, end error ${endErr.toFixed(3)} s; detected ${hits || 'nothing'}`);
    });
  }
}

async function costPerMinute(audio: Samples): Promise<void> {
  const minutes = audio.samples.length / audio.sampleRate / 60;
  const ms: Record<string, number> = {};
  for (const model of ['silero', 'energy'] as VadModelName[]) {
    const vad = await createFrameVad({ model });
    await speechProbabilities(vad, audio.samples.subarray(0, SAMPLE_RATE)); // warm-up
    const runs: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      const c = process.cpuUsage();
      await speechProbabilities(vad, audio.samples);
      const used = process.cpuUsage(c);
      runs.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    await vad.dispose();
    runs.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    ms[model] = (runs[1] as number) / minutes;
    console.log(
      `VAD cost ${model.padEnd(7)} ${(ms[model] as number).toFixed(1).padStart(7)} ms wall, ${((cpu[1] as number) / minutes).toFixed(1).padStart(7)} ms CPU per minute of audio ` +
        `(medians of 3 runs on ${minutes.toFixed(2)} min; wall real-time factor ${((ms[model] as number) / 60000).toFixed(5)}; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
    );
  }
  console.log(`VAD cost ratio silero/energy: ${((ms['silero'] as number) / (ms['energy'] as number)).toFixed(1)}x`);
}

async function silenceIsFree(): Promise<void> {
  const { ctx, counts, dispose } = await countingDevContext();
  const options = { ...OPENAI_TRANSCRIBE_DEFAULTS, language: 'en' };
  try {
    const tenMinutes = new Float32Array(600 * SAMPLE_RATE);
    const cases: [string, Float32Array][] = [
      ['10 min digital silence', tenMinutes],
      ['10 min white noise -50 dBFS', withWhiteNoise(tenMinutes, -50, 7)],
    ];
    for (const [name, samples] of cases) {
      for (const [label, strategy] of [['vad + sequential', createVadStrategy({ options: VAD })], ['vad-batched', createVadBatchedStrategy({ options: VAD })]] as const) {
        counts.encoderCalls = counts.decoderCalls = 0;
        const t = performance.now();
        const r = await strategy.transcribe(ctx, { audio: { samples, sampleRate: SAMPLE_RATE } }, options);
        const ok = counts.decoderCalls === 0 && counts.encoderCalls === 0 && r.text === '' && r.segments.length === 0;
        if (!ok) failed = true;
        console.log(`${name.padEnd(30)}${label.padEnd(18)}encoder calls ${counts.encoderCalls}  decoder calls ${counts.decoderCalls}  transcript ${JSON.stringify(r.text)}  ${((performance.now() - t) / 1000).toFixed(1)} s  ${ok ? 'PASS' : 'FAIL'}`);
      }
    }
    counts.encoderCalls = counts.decoderCalls = 0;
    const jfk = await loadAudio(JFK);
    const r = await createVadStrategy({ options: VAD }).transcribe(ctx, { audio: jfk }, options);
    const control = counts.decoderCalls > 0 && r.segments.length > 0;
    if (!control) failed = true;
    console.log(`${'control: jfk.flac'.padEnd(30)}${'vad + sequential'.padEnd(18)}encoder calls ${counts.encoderCalls}  decoder calls ${counts.decoderCalls}  segments ${r.segments.length} (random-weight text)  ${control ? 'PASS' : 'FAIL'}`);
  } finally {
    await dispose();
  }
}

async function main(): Promise<void> {
  const utterances = arg('utterances', 24);
  const firstSeed = arg('seed', 2026);
  const seeds = arg('seeds', 1);
  console.log(`options: min silence ${VAD.minSilenceDurationMs} ms, speech pad ${VAD.speechPadMs} ms; criteria: F1 >= ${F1_MIN}, every boundary within ${BOUNDARY_SEC * 1000} ms`);
  let clean: Samples | undefined;
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const t = performance.now();
    const timeline = buildTimeline({ utterances, seed });
    const durationSec = timeline.samples.length / SAMPLE_RATE;
    console.log(`\ntimeline: ${utterances} espeak-ng utterances, seed ${seed}, ${durationSec.toFixed(1)} s, speech at ${timeline.speechDbfs.toFixed(1)} dBFS RMS (built in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    const nearlyClean = { samples: withWhiteNoise(timeline.samples, -70, seed + 1), sampleRate: SAMPLE_RATE };
    clean ??= nearlyClean;
    const noisy = { samples: withWhiteNoise(timeline.samples, -30, seed + 2), sampleRate: SAMPLE_RATE };
    await scoreCase('espeak, noise -70 dBFS', nearlyClean, timeline.truth, true, true);
    await scoreCase('espeak, noise -30 dBFS', noisy, timeline.truth, true, true);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-vad-jfk-'));
  let listing: string;
  try {
    const wav = join(dir, 'jfk.wav');
    execFileSync('sox', ['-D', JFK, '-r', '16000', '-c', '1', '-b', '16', wav], { stdio: 'pipe' });
    listing = execFileSync('pocketsphinx_continuous', ['-infile', wav, '-time', 'yes', '-logfn', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const jfk = await loadAudio(JFK);
  const words = pocketsphinxWords(listing);
  const floorDb = frameLevelQuantile(jfk.samples, 0.1);
  const jfkTruth = mergeWordsOnQuiet(words, jfk.samples, VAD.minSilenceDurationMs / 1000, floorDb + 10);
  const plainTruth = mergeWords(words, VAD.minSilenceDurationMs / 1000);
  console.log(`\njfk.flac: ${words.length} pocketsphinx words; noise floor ${floorDb.toFixed(1)} dB (10th percentile of 10 ms frames)`);
  console.log(`  truth, pauses measured on the signal: ${jfkTruth.map(fmt).join(', ')}`);
  console.log(`  truth, pauses = recogniser word gaps: ${plainTruth.map(fmt).join(', ')}`);
  await scoreCase('jfk.flac', jfk, jfkTruth);
  await scoreCase('jfk.flac (word-gap truth)', jfk, plainTruth, false);
  console.log('');
  if (clean !== undefined) await costPerMinute(clean);
  console.log('');
  await silenceIsFree();
  console.log(failed ? '\nacceptance:vad FAILED' : '\nacceptance:vad passed');
  process.exitCode = failed ? 1 : 0;
}

await main();
