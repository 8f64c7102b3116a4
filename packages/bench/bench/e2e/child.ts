/**
 * One measured run of one engine, in its own process (honest load time and peak RSS), for `npm run bench:e2e`
 * (`../e2e.bench.ts` spawns it). Both engines get the same 16 kHz samples cut into the same fixed 30 s windows and
 * decode each window greedily, without timestamps, without temperature fallback, up to the same token limit.
 * The windows are 29.98 s, not 30 s: on a full 30 s chunk transformers.js reflect-pads the audio for the last STFT
 * frame where OpenAI (and Cephalon) pad with zeros (`mel-edge.ts`: on long.wav's first 30 s, max |Δ| 0.232 in frame
 * 2999, which changes the random tiny model's 11th token); with 320 zero samples at the end of every window both front ends
 * compute the same log-mel, and the encoder input is still 3000 frames.
 *  - cephalon: `createTranscriber` + one `transcribeDetailed` per window (so its log-mel is computed per window, as
 *    transformers.js does; the sequential strategy makes one window of each);
 *  - transformers-js: its `automatic-speech-recognition` pipeline with `chunk_length_s: WINDOW_SEC, stride_length_s: 0`,
 *    `model.generate` wrapped to record the tokens of each window.
 * Prints one line `E2E_RESULT <json>` (see `ChildResult`).
 * Usage: tsx --conditions=cephalon-source child.ts ENGINE MODEL_DIR DTYPE AUDIO WINDOWS MAX_TOKENS THREADS [spin]
 * (WINDOWS: decode only the first WINDOWS windows; 0 = the whole file; `spin`: Cephalon with ORT's spinning worker
 * threads, ORT's and transformers.js's default, instead of Cephalon's default of sleeping ones).
 */
import { basename, dirname, resolve } from 'node:path';
import { createChunkedOverlapStrategy, createTranscriber, loadAudio, startOrtRunTimer, stopOrtRunTimer } from '@cephalon/stt';
import type { OrtRunTimes } from '@cephalon/stt';
import { pipeline, env } from '@huggingface/transformers';
import type { Tensor } from '@huggingface/transformers';

/** What one child run reports. */
export interface ChildResult {
  readonly engine: 'cephalon' | 'transformers-js';
  readonly loadMs: number;
  readonly wallMs: number;
  readonly audioSec: number;
  /** Sampled token ids per window (prompt and end-of-text left out). */
  readonly windows: readonly (readonly number[])[];
  readonly peakRssBytes: number;
  /** Summed `session.run` time of the encoder and decoder inside the timed run (transformers.js: its sessions' `run` wrapped). */
  readonly ort: OrtRunTimes;
}

const SAMPLE_RATE = 16_000;
/** 29.98 s: see the header; `SAMPLE_RATE * WINDOW_SEC` is an exact integer in floating point (transformers.js multiplies too). */
const WINDOW_SEC = 29.98;
const WINDOW = SAMPLE_RATE * WINDOW_SEC;
const FULL_WINDOW = 30 * SAMPLE_RATE;

const [engine, modelDir, dtype, audioPath, windowsArg, maxTokensArg, threadsArg, spinArg] = process.argv.slice(2);
if (engine === undefined || modelDir === undefined || dtype === undefined || audioPath === undefined || threadsArg === undefined) {
  throw new Error('usage: child.ts ENGINE MODEL_DIR DTYPE AUDIO WINDOWS MAX_TOKENS THREADS [spin]');
}
const maxTokens = Number(maxTokensArg);
const threads = Number(threadsArg);

/** The ids after the prompt (leading special ids, >= `eot`), without a final end-of-text. */
function sampled(ids: readonly number[], eot: number): number[] {
  let start = 0;
  while (start < ids.length && (ids[start] as number) > eot) start++;
  const out = ids.slice(start);
  if (out.at(-1) === eot) out.pop();
  return out;
}

const audio = await loadAudio(audioPath);
const windowCount = Number(windowsArg);
const samples = windowCount > 0 ? audio.samples.subarray(0, Math.min(audio.samples.length, windowCount * WINDOW)) : audio.samples;
const audioSec = samples.length / SAMPLE_RATE;

async function runCephalon(): Promise<ChildResult> {
  let t0 = performance.now();
  const transcriber = await createTranscriber({ model: resolve(modelDir as string), dtype: dtype as 'fp32' | 'q8', threads, interOpThreads: 1, allowSpinning: spinArg === 'spin' });
  const loadMs = performance.now() - t0;
  const eot = transcriber.manifest.configs.generation.eosTokenId;
  const windows: number[][] = [];
  const ort = startOrtRunTimer();
  t0 = performance.now();
  // One 30 s buffer per window (29.98 s of audio + zeros, the shorter last window as it is): the chunked strategy
  // (no overlap, no prompt passing, no cleanup) then decodes exactly one window per call. The sequential strategy
  // would not: as OpenAI's, it seeks to sampled timestamp tokens even without timestamps and may decode a window twice.
  const strategy = createChunkedOverlapStrategy({ windowSec: 30, overlapSec: 0, priorTokens: 0, batchSize: 1, cleanup: { enabled: false } });
  for (let start = 0; start < samples.length; start += WINDOW) {
    const piece = samples.subarray(start, start + WINDOW);
    const window = piece.length === WINDOW ? new Float32Array(FULL_WINDOW) : piece;
    if (window !== piece) window.set(piece);
    const result = await transcriber.transcribeDetailed(
      { samples: window, sampleRate: SAMPLE_RATE },
      {
        language: 'en',
        task: 'transcribe',
        temperature: 0,
        withoutTimestamps: true,
        sampleLen: maxTokens,
        compressionRatioThreshold: null,
        logprobThreshold: null,
        noSpeechThreshold: null,
        strategy,
      },
    );
    if (result.windows.length !== 1) throw new Error(`cephalon decoded ${result.windows.length} windows for one 30 s buffer`);
    windows.push(sampled(result.windows[0]?.attempts.at(-1)?.result.tokens ?? [], eot));
  }
  const wallMs = performance.now() - t0;
  stopOrtRunTimer();
  await transcriber.dispose();
  return { engine: 'cephalon', loadMs, wallMs, audioSec, windows, peakRssBytes: process.resourceUsage().maxRSS * 1024, ort };
}

type Generate = (args: Record<string, unknown>) => Promise<Tensor>;

async function runTransformers(): Promise<ChildResult> {
  const dir = resolve(modelDir as string);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(dir)}/`;
  let t0 = performance.now();
  const asr = await pipeline('automatic-speech-recognition', basename(dir), {
    dtype: dtype as 'fp32' | 'q8',
    device: 'cpu',
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
  });
  const loadMs = performance.now() - t0;
  const ort: OrtRunTimes = { encoderMs: 0, encoderCalls: 0, decoderMs: 0, decoderCalls: 0 };
  const sessions = (asr.model as unknown as { sessions: Record<string, { run: (...a: unknown[]) => Promise<unknown> }> }).sessions;
  for (const [name, session] of Object.entries(sessions)) {
    const run = session.run.bind(session);
    const encoder = name === 'model';
    session.run = async (...a) => {
      const start = performance.now();
      const out = await run(...a);
      if (encoder) {
        ort.encoderMs += performance.now() - start;
        ort.encoderCalls++;
      } else {
        ort.decoderMs += performance.now() - start;
        ort.decoderCalls++;
      }
      return out;
    };
  }
  const eot = Number((asr.model.generation_config as { eos_token_id?: number } | null)?.eos_token_id ?? 50257);
  const windows: number[][] = [];
  const model = asr.model as unknown as { generate: Generate };
  const generate = model.generate.bind(model);
  model.generate = async (args) => {
    const out = await generate(args);
    windows.push(sampled((out.tolist() as bigint[][])[0]?.map(Number) ?? [], eot));
    return out;
  };
  t0 = performance.now();
  await asr(samples, {
    language: 'en',
    task: 'transcribe',
    return_timestamps: false,
    chunk_length_s: WINDOW_SEC,
    stride_length_s: 0,
    max_new_tokens: maxTokens,
    num_beams: 1,
    do_sample: false,
  });
  const wallMs = performance.now() - t0;
  await asr.dispose();
  return { engine: 'transformers-js', loadMs, wallMs, audioSec, windows, peakRssBytes: process.resourceUsage().maxRSS * 1024, ort };
}

const result = engine === 'cephalon' ? await runCephalon() : await runTransformers();
process.stdout.write(`E2E_RESULT ${JSON.stringify(result)}\n`);
