/**
 * `npm run bench:stream`: streaming transcription on the dev model (random weights: gibberish text, so agreement
 * between hypotheses is rare and the figures measure the mechanism and its cost, not accuracy).
 *  1. live: long.wav played at `--speed` (default 1 = real time) in 100 ms chunks through Silero VAD and the
 *     LocalAgreement-2 policy. Checks: commits monotonic and non-overlapping, final = concatenation of commits,
 *     processing lag does not grow (lag = audio that had arrived when a decode finished minus the audio it covered).
 *     Reports p50/p90 commit latency (wall time of the commit minus the wall time the word's end was played) per
 *     commit reason, and the real-time factor (compute / audio).
 *  2. fast: the same file in lockstep (each chunk processed before the next: as fast as possible), RTF and the
 *     commit lag in audio seconds.
 *  3. policy: the same policy on a scripted engine (no model) hearing a synthetic word timeline of the same length,
 *     garbling the last 0.5 s: the commit lag the policy itself causes, in audio seconds.
 *  4. mel: the buffers of the last run's decodes replayed through the incremental log-mel (what the engine uses) and
 *     the full recompute (`bufferMel`), alternating step by step: ms per step of each, their ratio, and that every
 *     window is bit-identical.
 * `--dims tiny` (or another published size) runs a random-weight model of that size instead of the dev model,
 * written by the exporter's random mode to `.cache/models/random-<size>/` on first use (gitignored).
 * `--min-step S` sets the policy's minimum step (the library's default is 1 s).
 * Usage: npm run bench:stream [-- --dims SIZE] [--threads N] [--seconds S] [--speed X] [--min-step S] [--skip-live] [--skip-fast]
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { bufferMel, IncrementalLogMel, loadAudio, resolvePolicy, streamParts, streamWith, OnlineProcessor, frameVadGate } from '../src/index.js';
import type { EngineRequest, Hypothesis, SpeechGate, StreamEngine, StreamEvent, StreamParts, WhisperStreamEngine } from '../src/index.js';
import { exportRandomWhisper } from '../src/export/export-model.js';
import { DEV_MODEL_DIR, loadDevModel } from '../src/transcription/reference/load-reference.js';
import { makeTimeline, ScriptedEngine, ScriptedVad } from '../src/streaming/test-support/scripted.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const THREADS = arg('threads', 1);
const DIMS_AT = process.argv.indexOf('--dims');
const DIMS = DIMS_AT === -1 ? undefined : process.argv[DIMS_AT + 1];
const SPEED = arg('speed', 1);
/** The policy's minimum step (default: the library's, 1 s). */
const MIN_STEP = process.argv.includes('--min-step') ? arg('min-step', 1) : undefined;
const CHUNK_SEC = 0.1;
const LONG = `${DEV_MODEL_DIR}audio/long.wav`;

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}
const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '—');

function check(what: string, ok: boolean): void {
  if (!ok) {
    console.error(`FAILED: ${what}`);
    process.exitCode = 1;
  } else {
    console.log(`  ok: ${what}`);
  }
}

/** Decode records: wall time (ms since the bench origin) at completion and the audio end the decode covered. */
interface DecodeRecord {
  readonly doneMs: number;
  readonly endSec: number;
  readonly ms: number;
  /** The buffer: stream samples [start, start + length). */
  readonly start: number;
  readonly length: number;
}

/** Every buffer the policy sends is a slice of the input (checked), so the mel replay can slice it again. */
let sameAsInput = true;

function timedEngine(engine: StreamEngine, origin: () => number, records: DecodeRecord[], input: Float32Array): StreamEngine {
  return {
    async transcribe(request: EngineRequest): Promise<Hypothesis> {
      const start = Math.round(request.offsetSec * 16000);
      const slice = input.subarray(start, start + request.audio.length);
      if (slice.length !== request.audio.length || !slice.every((v, i) => v === request.audio[i])) sameAsInput = false;
      const t = performance.now();
      const h = await engine.transcribe(request);
      records.push({ doneMs: performance.now() - origin(), endSec: request.offsetSec + request.audio.length / 16000, ms: performance.now() - t, start, length: request.audio.length });
      return h;
    },
  };
}

function timedGate(gate: SpeechGate | null, total: { ms: number }): SpeechGate | null {
  if (gate === null) return null;
  return {
    frameSamples: gate.frameSamples,
    async push(frame) {
      const t = performance.now();
      const e = await gate.push(frame);
      total.ms += performance.now() - t;
      return e;
    },
    end: (sec) => gate.end(sec),
    dispose: () => gate.dispose(),
  };
}

/** `samples` in 100 ms chunks, chunk i released at origin + i·0.1 s / speed (speed 0: at once). */
async function* paced(samples: Float32Array, speed: number, origin: () => number): AsyncGenerator<Float32Array> {
  const n = Math.round(CHUNK_SEC * 16000);
  for (let at = 0, i = 1; at < samples.length; at += n, i++) {
    if (speed > 0) {
      const wait = (i * CHUNK_SEC * 1000) / speed - origin();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    yield samples.subarray(at, at + n);
  }
}

function checkCommits(events: readonly StreamEvent[]): void {
  const commits = events.flatMap((e) => (e.type === 'commit' ? [e] : []));
  let ordered = true;
  for (let i = 1; i < commits.length; i++) if ((commits[i]?.startSec as number) < (commits[i - 1]?.endSec as number)) ordered = false;
  for (const c of commits) for (let i = 1; i < c.words.length; i++) if ((c.words[i]?.startSec as number) < (c.words[i - 1]?.endSec as number)) ordered = false;
  check('commits are monotonic in time and do not overlap', ordered);
  const final = events[events.length - 1];
  check('final text = concatenation of the commits', final?.type === 'final' && final.text === commits.map((c) => c.text).join(' '));
}

function latencyTable(rows: { reason: string; lag: number }[], unit: string): void {
  const reasons = ['all', ...new Set(rows.map((r) => r.reason))];
  console.log(`  commit latency (${unit}): reason, words, p50, p90`);
  for (const reason of reasons) {
    const lags = rows.filter((r) => reason === 'all' || r.reason === reason).map((r) => r.lag);
    console.log(`    ${reason.padEnd(12)} ${String(lags.length).padStart(5)}  ${f(quantile(lags, 0.5))}  ${f(quantile(lags, 0.9))}`);
  }
}

async function run(parts: StreamParts, samples: Float32Array, speed: number, lockstep: boolean) {
  const records: DecodeRecord[] = [];
  const vad = { ms: 0 };
  let t0 = 0;
  const origin = (): number => performance.now() - t0;
  const wrapped: StreamParts = { engine: timedEngine(parts.engine, () => t0, records, samples), gate: timedGate(parts.gate, vad) };
  const events: { e: StreamEvent; atMs: number }[] = [];
  t0 = performance.now();
  const policy = MIN_STEP === undefined ? {} : { policy: { minStepSec: MIN_STEP } };
  for await (const e of streamWith(wrapped, paced(samples, lockstep ? 0 : speed, origin), { language: 'en', lockstep, ...policy })) events.push({ e, atMs: origin() });
  return { records, vadMs: vad.ms, events, wallMs: origin() };
}

async function main(): Promise<void> {
  const audio = (await loadAudio(LONG)).samples;
  const seconds = Math.min(arg('seconds', audio.length / 16000), audio.length / 16000);
  const samples = audio.subarray(0, Math.round(seconds * 16000));
  let modelDir = DEV_MODEL_DIR;
  let modelName = 'dev model';
  if (DIMS !== undefined) {
    modelDir = `.cache/models/random-${DIMS}/`;
    modelName = `random ${DIMS} model (${modelDir})`;
    if (!existsSync(`${modelDir}onnx/decoder_model_merged.onnx`)) {
      const t = performance.now();
      await exportRandomWhisper(DIMS, { out: modelDir, tokenizerFrom: DEV_MODEL_DIR });
      console.log(`exported ${modelName} in ${f((performance.now() - t) / 1000, 1)} s`);
    }
  }
  const dev = await loadDevModel({ intraOpNumThreads: THREADS }, modelDir);
  const ctx = { encoder: dev.model.encoder, decoder: dev.model.decoder, tokenizer: dev.tokenizer };
  const policy = resolvePolicy(MIN_STEP === undefined ? {} : { minStepSec: MIN_STEP });
  let lastRecords: readonly DecodeRecord[] = [];
  console.log(`bench:stream — ${modelName} (random weights, d_model ${dev.model.decoder.dims.dModel}, ${dev.model.decoder.dims.nDecoderLayers} decoder layers), ${f(seconds, 1)} s of long.wav, ${THREADS} thread(s), policy ${JSON.stringify(policy)}, Silero VAD (streaming defaults), greedy, temperature 0`);

  // On a shared machine the wall-clock figures depend on the load: print it, and the CPU share this process got.
  console.log(`  machine: ${availableParallelism()} cores, load average ${loadavg().map((x) => f(x, 1)).join(' / ')} (1/5/15 min) at the start`);
  let cpu0 = process.cpuUsage();
  let wall0 = performance.now();
  const restart = (): void => {
    cpu0 = process.cpuUsage();
    wall0 = performance.now();
  };
  /** CPU share of this process since `restart()`, and CPU seconds per second of audio (independent of the load). */
  const cpuLine = (decodes: number): string => {
    const c = process.cpuUsage(cpu0);
    const cpuSec = (c.user + c.system) / 1e6;
    return `CPU time / wall time ${f((cpuSec * 1000) / (performance.now() - wall0), 2)} (of ${availableParallelism()} cores; load average now ${f(loadavg()[0] as number, 1)}); CPU seconds per audio second ${f(cpuSec / seconds, 3)}, per decode ${f(cpuSec / decodes, 2)}`;
  };

  if (!process.argv.includes('--skip-live')) {
    const parts = await streamParts(ctx, 'en', { language: 'en' }, dev.model.decoder.dims.nTextCtx);
    restart();
    const r = await run(parts, samples, SPEED, false);
    const stats = (parts.engine as WhisperStreamEngine).stats;
    console.log(`\n1. live at speed ${SPEED} (100 ms chunks): wall ${f(r.wallMs / 1000, 1)} s, ${r.records.length} decodes`);
    checkCommits(r.events.map((x) => x.e));
    const lags = r.records.map((d) => ({ at: d.endSec, lag: (d.doneMs / 1000) * SPEED - d.endSec }));
    const half = lags.length >> 1;
    const mean = (xs: readonly { lag: number }[]): number => xs.reduce((s, x) => s + x.lag, 0) / Math.max(1, xs.length);
    console.log(`  processing lag (s): p50 ${f(quantile(lags.map((l) => l.lag), 0.5))}, p90 ${f(quantile(lags.map((l) => l.lag), 0.9))}, max ${f(Math.max(...lags.map((l) => l.lag)))}; mean first half ${f(mean(lags.slice(0, half)))}, second half ${f(mean(lags.slice(half)))}`);
    const maxLag = Math.max(...lags.map((l) => l.lag));
    check(`processing lag does not grow (second-half mean <= first-half mean + 0.5 s, max ${f(maxLag)} s < ${policy.maxBufferSec} s)`, mean(lags.slice(half)) <= mean(lags.slice(0, half)) + 0.5 && maxLag < policy.maxBufferSec);
    const rows = r.events.flatMap(({ e, atMs }) => (e.type === 'commit' ? e.words.map((w) => ({ reason: e.reason, lag: atMs / 1000 - w.endSec / SPEED })) : []));
    latencyTable(rows, 'wall s after the word was played');
    // Independent of the (random) word times: how long after the VAD's speech end was played did the utterance's
    // last commit (and its speech-end event) come out.
    const ends = r.events.flatMap(({ e, atMs }) => (e.type === 'speech-end' ? [atMs / 1000 - e.endSec / SPEED] : []));
    console.log(`  utterance end -> speech-end event (wall s after the region end was played): ${ends.length} utterances, p50 ${f(quantile(ends, 0.5))}, p90 ${f(quantile(ends, 0.9))}`);
    const computeMs = r.records.reduce((s, d) => s + d.ms, 0) + r.vadMs;
    lastRecords = r.records;
    console.log(`  RTF (decoder + VAD compute / audio): ${f(computeMs / 1000 / seconds, 3)}  [per decode: mel ${f(stats.melMs / stats.calls, 1)} ms (incremental: ${stats.melFrames.computed} frames computed, ${stats.melFrames.reused} reused, ${stats.melFrames.restarts} restarts off the hop grid), encoder ${f(stats.encodeMs / stats.calls, 1)} ms, decoder ${f(stats.decodeMs / stats.calls, 1)} ms, ${f(stats.tokens / stats.calls, 0)} tokens; VAD ${f(r.vadMs / seconds / (1 / 60), 0)} ms per minute of audio]`);
    console.log(`  ${cpuLine(r.records.length)}`);
    await parts.gate?.dispose();
  }

  if (!process.argv.includes('--skip-fast')) {
    const parts = await streamParts(ctx, 'en', { language: 'en' }, dev.model.decoder.dims.nTextCtx);
    restart();
    const r = await run(parts, samples, 0, true);
    lastRecords = r.records;
    const stats = (parts.engine as WhisperStreamEngine).stats;
    console.log(`\n2. fast (lockstep): wall ${f(r.wallMs / 1000, 1)} s, ${r.records.length} decodes, RTF ${f(r.wallMs / 1000 / seconds, 3)} (wall / audio)`);
    console.log(`  per decode (wall): mel ${f(stats.melMs / stats.calls, 1)} ms, encoder ${f(stats.encodeMs / stats.calls, 1)} ms, decoder ${f(stats.decodeMs / stats.calls, 1)} ms, ${f(stats.tokens / stats.calls, 0)} tokens`);
    checkCommits(r.events.map((x) => x.e));
    latencyTable(r.events.flatMap(({ e }) => (e.type === 'commit' ? e.words.map((w) => ({ reason: e.reason, lag: e.audioSec - w.endSec })) : [])), 'audio s received after the word end');
    console.log(`  ${cpuLine(r.records.length)}`);
    await parts.gate?.dispose();
  }

  // 3. The policy alone: scripted engine, a synthetic timeline with as many words as the audio has seconds × 2.6.
  const timeline = makeTimeline(2026, Math.round(seconds * 2.6));
  const p = new OnlineProcessor({ engine: new ScriptedEngine(timeline), gate: frameVadGate(new ScriptedVad(timeline)), policy });
  const events: StreamEvent[] = [];
  const total = Math.round(timeline.durationSec * 16000);
  for (let at = 0; at < total; at += 1600) {
    p.append(new Float32Array(Math.min(1600, total - at)));
    events.push(...(await p.step()));
  }
  events.push(...(await p.finish()));
  const words = events.flatMap((e) => (e.type === 'commit' ? e.words : []));
  console.log(`\n3. policy alone (scripted engine, garbles the last 0.5 s; ${timeline.words.length} words over ${f(timeline.durationSec, 1)} s, 100 ms chunks):`);
  check('committed words = timeline words', JSON.stringify(words.map((w) => w.text)) === JSON.stringify(timeline.words.map((w) => w.text)));
  latencyTable(events.flatMap((e) => (e.type === 'commit' ? e.words.map((w) => ({ reason: e.reason, lag: e.audioSec - w.endSec })) : [])), 'audio s received after the word end');
  if (lastRecords.length > 0) melReplay(lastRecords, samples, dev.model.decoder.dims.nMels);
  await dev.model.dispose();
}

/** 4. The last run's buffers through the incremental log-mel and the full recompute, alternating per step. */
function melReplay(records: readonly DecodeRecord[], samples: Float32Array, nMels: number): void {
  check('every decoded buffer is a slice of the input (the replay slices the same samples)', sameAsInput);
  const incremental = new IncrementalLogMel(nMels);
  let incMs = 0;
  let fullMs = 0;
  let identical = true;
  let incCpu = 0;
  let fullCpu = 0;
  for (const r of records) {
    const audio = samples.subarray(r.start, r.start + r.length);
    let c = process.cpuUsage();
    let t = performance.now();
    const a = incremental.window(audio, r.start);
    incMs += performance.now() - t;
    const used = process.cpuUsage(c);
    incCpu += used.user + used.system;
    c = process.cpuUsage();
    t = performance.now();
    const b = bufferMel(audio, nMels);
    fullMs += performance.now() - t;
    const usedFull = process.cpuUsage(c);
    fullCpu += usedFull.user + usedFull.system;
    if (a.frames !== b.frames || !a.data.every((v, i) => Object.is(v, b.data[i]))) identical = false;
  }
  const n = records.length;
  const s = incremental.stats;
  console.log(`\n4. log-mel per step, the last run's ${n} buffers (mean ${f(records.reduce((x, r) => x + r.length, 0) / n / 16000, 1)} s) replayed, alternating:`);
  console.log(`  full recompute ${f(fullMs / n, 1)} ms wall per step; incremental ${f(incMs / n, 1)} ms (${f(fullMs / incMs, 1)}x faster); frames computed ${s.computed}, reused ${s.reused}, restarts off the hop grid ${s.restarts}`);
  console.log(`  CPU ms per step: full ${f(fullCpu / 1000 / n, 1)}, incremental ${f(incCpu / 1000 / n, 1)}`);
  check('incremental windows are bit-identical to the full recompute', identical);
}

await main();
