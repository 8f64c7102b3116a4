/**
 * Chunked-overlap strategy with and without prompt passing (`priorTokens`), side by side on the dev model's long.wav
 * (233 s): priorTokens 0 runs the windows in batches, > 0 runs them one at a time, each prompted with the newest
 * tokens of the cleaned transcript so far. The dev model has random weights, so its text is gibberish: this measures
 * cost and shows that the prompt changes the decoding, not quality.
 * Usage: npm run bench:chunked-prompt [-- --threads N] [--repeats N]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createChunkedOverlapStrategy, createTranscriber } from '../src/index.js';
import { DEV_MODEL_DIR } from '../src/transcription/reference/load-reference.js';

const { values } = parseArgs({ options: { threads: { type: 'string', default: '1' }, repeats: { type: 'string', default: '3' } } });
const THREADS = Number(values.threads);
const REPEATS = Number(values.repeats);
const SETTINGS = [0, 20, 64] as const;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const transcriber = await createTranscriber({ model: DEV_MODEL_DIR, threads: THREADS });
try {
  const wav = `${DEV_MODEL_DIR}audio/long.wav`;
  const times = new Map<number, number[]>(SETTINGS.map((n) => [n, []]));
  const texts = new Map<number, string>();
  let durationSec = 0;
  for (let r = 0; r <= REPEATS; r++) {
    for (const priorTokens of SETTINGS) {
      const strategy = createChunkedOverlapStrategy({ windowSec: 30, overlapSec: 2, batchSize: 4, priorTokens });
      const t0 = performance.now();
      const out = await transcriber.transcribe(wav, { temperature: 0, language: 'en', strategy });
      const sec = (performance.now() - t0) / 1000;
      durationSec = out.durationSec;
      if (r > 0) times.get(priorTokens)?.push(sec); // run 0 is warm-up
      texts.set(priorTokens, out.text);
    }
  }
  console.log(`bench:chunked-prompt  dev model (random weights: gibberish text), long.wav ${durationSec.toFixed(1)} s, 30 s windows / 2 s overlap, ${THREADS} thread(s), median of ${REPEATS} alternating runs`);
  const base = median(times.get(0) ?? []);
  for (const n of SETTINGS) {
    const m = median(times.get(n) ?? []);
    const words = (texts.get(n) ?? '').trim().split(/\s+/).length;
    const same = texts.get(n) === texts.get(0) ? 'same text as batched' : 'text differs from batched';
    console.log(`priorTokens ${String(n).padStart(2)} (${n === 0 ? 'batched   ' : 'sequential'})  ${m.toFixed(2)} s  RTF ${(m / durationSec).toFixed(4)}  x${(m / base).toFixed(2)} vs batched  ${words} words  ${same}`);
  }
} finally {
  await transcriber.dispose();
}
