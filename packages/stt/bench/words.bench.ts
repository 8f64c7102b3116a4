/**
 * `npm run bench:words`: what word timestamps cost per 30 s window, side by side with decoding that window, on the
 * random-weight timestamped fixture (long.wav, window 1 of OpenAI's word-timestamp run, OpenAI's mel). Parts: the
 * greedy decode of the window (the work word timestamps are added to), the alignment pass (one decoder run over the
 * text tokens, no cache), the cost matrix (10 ms of it the median filter at tiny dims), DTW, token probabilities and
 * word grouping. Best of `--repeats` (default 9); the aligned words are checked against OpenAI's reference first, so a
 * fast wrong answer fails the bench. Text is gibberish (random weights).
 * Usage: npm run bench:words [-- --repeats N --threads N]
 */
import { alignmentCost, dtw, medianFilterRows, textTokenProbabilities, wordTimingsFromPath } from '../src/alignment/index.js';
import { padOrTrimMel, sliceMelFrames } from '../src/audio/index.js';
import { DEFAULT_WINDOW_DECODE_OPTIONS, decodeWindow } from '../src/decoding/index.js';
import { readReferenceMel } from '../src/transcription/reference/load-reference.js';
import { loadTimestampedModel, readWordReference } from '../src/transcription/reference/word-reference.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const REPEATS = arg('repeats', 9);
const THREADS = arg('threads', 1);

async function best(fn: () => unknown): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

async function main(): Promise<void> {
  const tm = await loadTimestampedModel({ intraOpNumThreads: THREADS });
  try {
    const ref = readWordReference('long');
    const seek = ref.segments[1]?.seek ?? 0;
    const segs = ref.segments.filter((s) => s.seek === seek);
    const text = segs.flatMap((s) => s.tokens.filter((t) => t < tm.tokenizer.eot));
    const refWords = segs.flatMap((s) => s.words);
    const mel = readReferenceMel('mel_long_full.bin');
    const window = padOrTrimMel(sliceMelFrames(mel, seek, 3000), 3000);
    const encoded = await tm.model.encoder.encode(window.data, 1);
    const sot = tm.tokenizer.sotSequence('en', 'transcribe');
    const tokens = [...sot, tm.tokenizer.noTimestamps, ...text, tm.tokenizer.eot];
    const heads = tm.alignmentHeads;
    const align = tm.model.decoder.crossAttentions?.bind(tm.model.decoder);
    if (align === undefined) throw new Error('the fixture decoder has no cross-attention outputs');
    const run = await align(encoded, tokens, heads);
    const costOptions = { heads: heads.length, seqLen: run.seqLen, frames: run.frames, numFrames: 3000, sotLength: sot.length };
    const cost = alignmentCost(run.weights, costOptions);
    if (cost === null) throw new Error('empty cost');
    const path = dtw(cost.cost, cost.rows, cost.cols);
    const probs = textTokenProbabilities(run.logits, run.vocab, sot.length, text, tm.tokenizer.eot);
    const words = wordTimingsFromPath(path, tm.tokenizer.splitToWordTokens([...text, tm.tokenizer.eot], 'en'), probs);
    // Before heuristics and merging, word starts are the DTW boundaries; the reference's first word start must match.
    const offset = (seek * 160) / 16_000;
    if (Math.abs(Math.round((offset + (words[0]?.start ?? -1)) * 100) / 100 - (refWords[0]?.start ?? -2)) > 1e-9) {
      console.error('WRONG ANSWER: first word start differs from the reference');
      process.exitCode = 1;
      return;
    }
    const decodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, language: 'en', task: 'transcribe' as const, strategy: { kind: 'sampling' as const, temperature: 0, bestOf: 1 } };
    const rows: [string, number][] = [
      ['greedy decode of the window', await best(() => decodeWindow({ decoder: tm.model.decoder, tokenizer: tm.tokenizer }, encoded, decodeOptions))],
      ['alignment pass (decoder, no cache)', await best(() => align(encoded, tokens, heads))],
      ['cost matrix', await best(() => alignmentCost(run.weights, costOptions))],
      ['  of which median filter', await best(() => medianFilterRows(run.weights, heads.length * run.seqLen, Math.floor(3000 / 2), 7))],
      ['DTW', await best(() => dtw(cost.cost, cost.rows, cost.cols))],
      ['token probabilities', await best(() => textTokenProbabilities(run.logits, run.vocab, sot.length, text, tm.tokenizer.eot))],
      ['word grouping', await best(() => tm.tokenizer.splitToWordTokens([...text, tm.tokenizer.eot], 'en'))],
    ];
    const decodeMs = rows[0]?.[1] ?? 1;
    const wordMs = rows.slice(1).filter(([n]) => !n.startsWith(' ')).reduce((s, [, v]) => s + v, 0);
    console.log(`bench:words  window seek ${seek}, ${text.length} text tokens, ${run.seqLen} alignment positions, ${heads.length} heads; best of ${REPEATS}, ${THREADS} thread(s)`);
    console.log('random weights: the text is gibberish; the cost is what is measured\n');
    for (const [name, ms] of rows) console.log(`${name.padEnd(38)}${ms.toFixed(2).padStart(10)} ms  ${(ms / decodeMs).toFixed(3).padStart(7)} × decode`);
    console.log(`${'word timestamps in all'.padEnd(38)}${wordMs.toFixed(2).padStart(10)} ms  ${(wordMs / decodeMs).toFixed(3).padStart(7)} × decode`);
  } finally {
    await tm.model.dispose();
  }
}

await main();
