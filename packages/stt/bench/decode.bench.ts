/**
 * `npm run bench:decode`: cost of our decoding logic on the dev model, checked against OpenAI's reference.
 *  1. loop overhead: per-token time of `decodeWindow` (greedy, long.wav window 0) divided by the per-token time of
 *     the same token sequence fed to a raw `ort.InferenceSession.run` (same file, same session options, presents fed
 *     back as pasts, no filters; `raw-session.ts`) - goal <= 1.10;
 *  2. beam search (beam 5): decoder calls, bytes the KV-cache reorder copied per step, time per step against the
 *     same number of raw `[5, 1]` runs;
 *  3. the loop's own work per call with the decoder replaced by recorded logits (`replay-decoder.ts`), against the
 *     raw call time; the bytes tiled by a beam-5 prompt call with all and with selected logits positions;
 *  4. end to end: `createTranscriber` + `transcribe(long.wav, { temperature: 0 })`, real-time factor.
 * Every result is compared with the reference tokens first, so a fast wrong answer fails the bench.
 * Usage: npm run bench:decode [-- --threads N] [--repeats N]
 */
import { createTranscriber, decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS, kvCacheStats } from '../src/index.js';
import type { EncoderOutput, WindowDecodeOptions } from '../src/index.js';
import { DEV_MODEL_DIR, loadDevModel, readReferenceJson, readReferenceMel } from '../src/transcription/reference/load-reference.js';
import type { DevModel, RefDecodeFile, RefTranscribeFile } from '../src/transcription/reference/load-reference.js';
import { RawDecoderSession } from './raw-session.js';
import { RecordingDecoder, ReplayDecoder } from './replay-decoder.js';

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
    // Which one goes first alternates too, so neither always runs right after the other's garbage.
    if (i % 2 === 0) {
      o.push(await wall(ours));
      b.push(await wall(base));
    } else {
      b.push(await wall(base));
      o.push(await wall(ours));
    }
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
  await loopAlone(dev, encoded, options, t.base / calls, 'greedy');
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
  await loopAlone(dev, encoded, options, t.base / steps, 'beam 5');
  console.log(`                reorder copied ${(result.reorderBytes / steps / 1024).toFixed(1)} KiB per step (${result.reorderBytes} B in total)`);
}

/**
 * Beam 5 prompt call with the longest conditioned prompt of the `beam5` long-form reference: bytes tiled from the
 * batch-1 prompt run to the 5 beams when all `[5, promptLen, vocab]` logits are returned, and when only the
 * <|startoftranscript|> and last positions are (what `decodeWindow` asks for).
 */
async function promptTiling(dev: DevModel, encoded: EncoderOutput): Promise<void> {
  const windows = readReferenceJson<RefTranscribeFile>('transcribe_long_beam5.json').windows;
  const prompt = windows.map((w) => w.prompt_tokens).reduce((a, b) => (b.length > a.length ? b : a));
  const sot = prompt.indexOf(dev.tokenizer.sot);
  const decoder = dev.model.decoder;
  const tiled = async (positions?: readonly number[]): Promise<{ bytes: number; data: Float32Array }> => {
    const cache = decoder.createCache(encoded, 5);
    try {
      const out = await decoder.step(cache, Array.from({ length: 5 }, () => prompt), positions === undefined ? {} : { logitPositions: positions });
      return { bytes: kvCacheStats(cache)?.tileBytes ?? Number.NaN, data: out.data.slice(0, 2 * out.seqLen * out.vocab) };
    } finally {
      cache.dispose();
    }
  };
  const all = await tiled();
  const some = await tiled([sot, prompt.length - 1]);
  const vocab = decoder.dims.vocabSize;
  const rowStart = (r: number, p: number, seqLen: number): number => (r * seqLen + p) * vocab;
  const same = [0, 1].every((r) => [sot, prompt.length - 1].every((p, j) => some.data.subarray(rowStart(r, j, 2), rowStart(r, j, 2) + vocab).every((v, i) => v === all.data[rowStart(r, p, prompt.length) + i])));
  check('selected prompt logits equal the full ones', same);
  console.log(`beam 5 prompt   ${prompt.length} tokens: tiled ${all.bytes} B with all positions, ${some.bytes} B with [sot, last] (${(all.bytes / some.bytes).toFixed(0)}x less)`);
}

/**
 * The loop's own work per decoder call, without the model: the decode replayed on recorded logits, minus the replay's
 * copies; printed next to the raw ORT call time of the same run (less sensitive to load than the paired ratio).
 */
async function loopAlone(dev: DevModel, encoded: EncoderOutput, options: WindowDecodeOptions, rawMsPerCall: number, label: string): Promise<void> {
  const recording = new RecordingDecoder(dev.model.decoder);
  const ctx = { decoder: recording, tokenizer: dev.tokenizer };
  const want = await decodeWindow(ctx, encoded, options);
  const replay = new ReplayDecoder(dev.model.decoder.dims, recording.recorded);
  const got = await decodeWindow({ decoder: replay, tokenizer: dev.tokenizer }, encoded, options);
  check(`${label}: replayed decode gives the same tokens`, JSON.stringify(got.tokens) === JSON.stringify(want.tokens));
  const t = await paired(
    () => decodeWindow({ decoder: replay, tokenizer: dev.tokenizer }, encoded, options),
    () => replay.copyOnly(),
  );
  const perCall = (t.ours - t.base) / want.decoderSteps;
  console.log(`${label.padEnd(16)}loop work alone ${(perCall * 1000).toFixed(0)} us/call (replayed logits)  = ${(perCall / rawMsPerCall).toFixed(3)} of a raw ORT call`);
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
    await promptTiling(dev, encoded);
  } finally {
    await raw.release();
  }
} finally {
  await dev.model.dispose();
}
await endToEnd();
