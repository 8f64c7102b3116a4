/**
 * `npm run bench:silence`: what silence costs without VAD, and how memory grows per audio minute, on the default
 * (sequential) strategy and default options (temperature fallback ladder), on the shared random-weight dev model.
 *
 * Each case runs in a fresh child process (so peak RSS is that case's alone) and transcribes in-memory 16 kHz
 * samples: digital silence, or speech (the dev model's jfk.wav repeated), of the given length. Printed per case:
 * wall seconds, seconds per audio minute, windows decoded, decode attempts, peak RSS; then silence / speech wall
 * time at equal length, and the peak-RSS slope per audio minute between the shortest and longest speech case
 * (speech decodes fast here, so long inputs stay affordable; memory per minute does not depend on the content).
 *
 * Scale: this is the dev model (random weights, real architecture) on whatever CPU runs it. Random weights rarely
 * trigger the no-speech gate, so silence is decoded like speech; a real model skips more silent windows, but only
 * after decoding them once. Figures are not those of a trained model.
 *
 * Usage: npm run bench:silence -- [--silence-minutes 1] [--speech-minutes 1,4,10]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTranscriber, loadAudio } from '../src/index.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const JFK_WAV = `${MODEL_DIR}/audio/jfk.wav`;
const RATE = 16_000;

interface CaseResult {
  readonly kind: 'silence' | 'speech';
  readonly minutes: number;
  readonly wallSec: number;
  readonly windows: number;
  readonly attempts: number;
  readonly skipped: number;
  readonly peakRssMb: number;
  readonly rssBeforeMb: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function samplesFor(kind: 'silence' | 'speech', minutes: number): Promise<Float32Array> {
  const n = Math.round(minutes * 60 * RATE);
  const out = new Float32Array(n);
  if (kind === 'speech') {
    const jfk = (await loadAudio(JFK_WAV)).samples;
    for (let at = 0; at < n; at += jfk.length) out.set(jfk.subarray(0, Math.min(jfk.length, n - at)), at);
  }
  return out;
}

/** Child: one case, one JSON line on stdout. */
async function runCase(kind: 'silence' | 'speech', minutes: number): Promise<void> {
  const transcriber = await createTranscriber({ model: MODEL_DIR });
  try {
    const samples = await samplesFor(kind, minutes);
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const t0 = performance.now();
    const r = await transcriber.transcribeDetailed({ samples, sampleRate: RATE }, { language: 'en' });
    const wallSec = (performance.now() - t0) / 1000;
    const result: CaseResult = {
      kind, minutes, wallSec, rssBeforeMb,
      windows: r.windows.length,
      attempts: r.windows.reduce((s, w) => s + w.attempts.length, 0),
      skipped: r.windows.filter((w) => w.skippedAsSilence).length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await transcriber.dispose();
  }
}

function inChild(kind: 'silence' | 'speech', minutes: number): CaseResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', kind, '--case-minutes', String(minutes)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`case ${kind} ${minutes} min failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as CaseResult;
}

async function main(): Promise<void> {
  const caseKind = arg('case', '');
  if (caseKind === 'silence' || caseKind === 'speech') return runCase(caseKind, Number(arg('case-minutes', '1')));
  const silenceMinutes = arg('silence-minutes', '1').split(',').map(Number);
  const speechMinutes = arg('speech-minutes', '1,4,10').split(',').map(Number);
  console.log('silence cost without VAD, sequential strategy, default options, dev model (random weights): not a trained model\n');
  console.log('case              wall s   s / audio min   windows  attempts  skipped  peak RSS MB');
  const rows: CaseResult[] = [];
  for (const [kind, minutes] of [...silenceMinutes.map((m) => ['silence', m] as const), ...speechMinutes.map((m) => ['speech', m] as const)]) {
    const r = inChild(kind, minutes);
    rows.push(r);
    console.log(`${`${kind} ${minutes} min`.padEnd(16)} ${r.wallSec.toFixed(1).padStart(7)} ${(r.wallSec / minutes).toFixed(2).padStart(15)} ${String(r.windows).padStart(9)} ${String(r.attempts).padStart(9)} ${String(r.skipped).padStart(8)} ${r.peakRssMb.toFixed(0).padStart(12)}`);
  }
  console.log('');
  for (const silent of rows.filter((r) => r.kind === 'silence')) {
    const speech = rows.find((r) => r.kind === 'speech' && r.minutes === silent.minutes);
    if (speech !== undefined) console.log(`silence / speech wall time at ${silent.minutes} min: ${(silent.wallSec / speech.wallSec).toFixed(2)}x`);
  }
  const spoken = rows.filter((r) => r.kind === 'speech').sort((a, b) => a.minutes - b.minutes);
  const [lo, hi] = [spoken[0], spoken.at(-1)];
  if (lo !== undefined && hi !== undefined && hi.minutes > lo.minutes) {
    console.log(`peak RSS growth, speech ${lo.minutes} -> ${hi.minutes} min: ${((hi.peakRssMb - lo.peakRssMb) / (hi.minutes - lo.minutes)).toFixed(2)} MB per audio minute`);
  }
}

await main();
