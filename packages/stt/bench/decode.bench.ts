/**
 * `npm run bench:decode`: cost of our decoding logic on the dev model, checked against OpenAI's reference.
 *  1. loop overhead: per-token time of `decodeWindow` (greedy, long.wav window 0) divided by the per-token time of
 *     the same token sequence fed to a raw `ort.InferenceSession.run` (same file, same session options, presents fed
 *     back as pasts, no filters; `raw-session.ts`) - goal <= 1.10;
 *  2. beam search (beam 5): decoder calls, bytes the KV-cache reorder copied per step, time per step against the
 *     same number of raw `[5, 1]` runs;
 *  3. end to end: `createTranscriber` + `transcribe(long.wav, { temperature: 0 })`, real-time factor.
 * Every result is compared with the reference tokens first, so a fast wrong answer fails the bench.
 * Usage: npm run bench:decode [-- --threads N] [--repeats N]
 */
import { createTranscriber, decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS } from '../src/index.js';
import type { EncoderOutput, WindowDecodeOptions } from '../src/index.js';
import { DEV_MODEL_DIR, loadDevModel, readReferenceJson, readReferenceMel } from '../src/transcription/reference/load-reference.js';
import type { DevModel, RefDecodeFile, RefTranscribeFile } from '../src/transcription/reference/load-reference.js';
import { RawDecoderSession } from './raw-session.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const THREADS = arg('threads', 1);
const REPEATS = arg('repeats', 9);

function check(what: string, ok: boolean): void {
  if (!ok) {
    console.error(`WRONG ANSWER: ${what}`);
    process.exit(1);
  }
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function wall(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * `ours` and `base` timed alternately (ms, `REPEATS` pairs), so that load changes on a shared machine hit both alike;
 * medians of each and the median of the per-pair ratios.
 */
async function paired(ours: () => Promise<unknown>, base: () => Promise<unknown>): Promise<{ ours: number; base: number; ratio: number }> {
  const o: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    o.push(await wall(ours));
    b.push(await wall(base));
  }
  return { ours: median(o), base: median(b), ratio: median(o.map((t, i) => t / (b[i] as number))) };
}

async function loopOverhead(dev: DevModel, raw: RawDecoderSession, encoded: EncoderOutput, ref: RefDecodeFile): Promise<void> {
  const refCase = ref.cases['greedy_ts'];
  check('reference case greedy_ts', refCase !== undefined);
  const options: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, language: 'en' };
  const ctx = { decoder: dev.model.decoder, tokenizer: dev.tokenizer };
  const result = await decodeWindow(ctx, encoded, options);
  check('greedy_ts tokens equal the reference', JSON.stringify(result.tokens) === JSON.stringify(refCase?.tokens));
  const calls = result.decoderSteps;
  // The loop's last call returns EOT; the raw run feeds the same calls: the prompt and every sampled token but the EOT.
  check('raw session makes as many calls', (await raw.decode(encoded, result.promptTokens, result.tokens, 1)) === calls);
  const t = await paired(
    () => decodeWindow(ctx, encoded, options),
    () => raw.decode(encoded, result.promptTokens, result.tokens, 1),
  );
  console.log(`greedy loop     ${calls} decoder calls  ours ${(t.ours / calls).toFixed(3)} ms/call  raw ORT run ${(t.base / calls).toFixed(3)} ms/call  ratio ${t.ratio.toFixed(3)} (goal <= 1.10)`);
}

async function beamCost(dev: DevModel, raw: RawDecoderSession, encoded: EncoderOutput, ref: RefDecodeFile): Promise<void> {
  const refCase = ref.cases['beam5_no_ts'];
  const options: WindowDecodeOptions = {
    ...DEFAULT_WINDOW_DECODE_OPTIONS,
    language: 'en',
    withoutTimestamps: true,
    strategy: { kind: 'beam', beamSize: 5, patience: 1 },
  };
  const ctx = { decoder: dev.model.decoder, tokenizer: dev.tokenizer };
  const result = await decodeWindow(ctx, encoded, options);
  check('beam5 tokens equal the reference', JSON.stringify(result.tokens) === JSON.stringify(refCase?.tokens));
  const steps = result.decoderSteps;
  const filler = Array.from({ length: steps - 1 }, (_, i) => result.tokens[i % result.tokens.length] as number);
  check('raw session makes as many calls', (await raw.decode(encoded, result.promptTokens, filler, 5)) === steps);
  const t = await paired(
    () => decodeWindow(ctx, encoded, options),
    () => raw.decode(encoded, result.promptTokens, filler, 5),
  );
  console.log(
    `beam 5          ${steps} decoder calls [5, 1]  ours ${(t.ours / steps).toFixed(3)} ms/step  raw ORT run [5, 1] ${(t.base / steps).toFixed(3)} ms  ratio ${t.ratio.toFixed(3)} (goal <= 1.10)`,
  );
  console.log(`                reorder copied ${(result.reorderBytes / steps / 1024).toFixed(1)} KiB per step (${result.reorderBytes} B in total)`);
}

async function endToEnd(): Promise<void> {
  const ref = readReferenceJson<RefTranscribeFile>('transcribe_long_t0.json');
  const transcriber = await createTranscriber({ model: DEV_MODEL_DIR, threads: THREADS });
  try {
    const wav = `${DEV_MODEL_DIR}audio/long.wav`;
    const t0 = performance.now();
    const transcript = await transcriber.transcribe(wav, { temperature: 0 });
    const sec = (performance.now() - t0) / 1000;
    check('t0 transcript text equals the reference', transcript.text === ref.text);
    console.log(`end to end      long.wav ${transcript.durationSec.toFixed(1)} s audio in ${sec.toFixed(2)} s  RTF ${(sec / transcript.durationSec).toFixed(4)}  (${transcript.segments.length} segments)`);
  } finally {
    await transcriber.dispose();
  }
}

console.log(`bench:decode  dev model, ${THREADS} thread(s), ${REPEATS} alternating runs of ours and the baseline (medians)`);
const dev = await loadDevModel({ intraOpNumThreads: THREADS });
try {
  const ref = readReferenceJson<RefDecodeFile>('decode_long.json');
  const encoded = await dev.model.encoder.encode(readReferenceMel('mel_long_w0.bin').data, 1);
  const raw = await RawDecoderSession.open(`${DEV_MODEL_DIR}onnx/decoder_model_merged.onnx`, dev.model.decoder.dims, { intraOpNumThreads: THREADS });
  try {
    await loopOverhead(dev, raw, encoded, ref);
    await beamCost(dev, raw, encoded, ref);
  } finally {
    await raw.release();
  }
} finally {
  await dev.model.dispose();
}
await endToEnd();
