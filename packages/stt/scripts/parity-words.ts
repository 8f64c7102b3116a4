/**
 * `npm run parity:words`: word timestamps against OpenAI's `transcribe(word_timestamps=True, temperature=0)` on the
 * random-weight timestamped fixture (jfk and long), on OpenAI's own mel (isolates alignment and seeking) and end to
 * end from the audio files through our front end. Prints: tokens and segment bounds identical, word start/end times
 * equal (count and %), each differing time with the DTW decision margin that explains it, and the cost of alignment.
 * The text is gibberish (random weights): the timing machinery is what is checked. Exit code 1 unless tokens and
 * segments are identical and ≥ 99 % of word times are equal.
 */
import { loadAudio, logMelSpectrogram } from '../src/audio/index.js';
import type { LogMel } from '../src/audio/index.js';
import { N_SAMPLES } from '../src/core/constants.js';
import { DEV_MODEL_DIR, readReferenceMel } from '../src/transcription/reference/load-reference.js';
import {
  compareWords,
  loadTimestampedModel,
  readWordReference,
  runWords,
  TIMESTAMPED_MODEL_DIR,
  wordOptionsFor,
  type WordParityReport,
} from '../src/transcription/reference/word-reference.js';

const REQUIRED_SHARE = 0.99;

function print(r: WordParityReport, run: { runMs: number; alignMs: number; totalMs: number; windows: number; decoded: number }): boolean {
  const share = r.times === 0 ? 0 : r.timesEqual / r.times;
  const ok = r.tokenMismatches.length === 0 && r.boundaryMismatches.length === 0 && r.wordCountMismatches.length === 0 && share >= REQUIRED_SHARE;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${r.name}`);
  console.log(`      segments ${r.segments}/${r.referenceSegments}, token mismatches ${r.tokenMismatches.length}, boundary mismatches ${r.boundaryMismatches.length}, text mismatches ${r.textMismatches.length}`);
  console.log(`      words ${r.words} (count mismatches ${r.wordCountMismatches.length}); word times equal ${r.timesEqual}/${r.times} = ${(100 * share).toFixed(2)} %; largest |probability difference| ${r.worstProbability.toExponential(2)}`);
  for (const m of [...r.tokenMismatches, ...r.boundaryMismatches, ...r.wordCountMismatches, ...r.textMismatches].slice(0, 10)) console.log(`      x ${m}`);
  for (const d of r.differences) {
    console.log(`      * segment ${d.segment} ${JSON.stringify(d.word)} ${d.which}: ours ${d.ours} vs ${d.reference}; smallest DTW decision margin on our path there ${d.margin === null ? 'n/a' : d.margin.toExponential(2)}`);
  }
  const perWindow = run.windows === 0 ? 0 : (run.runMs + run.alignMs) / run.windows;
  const alignShare = run.totalMs === 0 ? 0 : (100 * (run.runMs + run.alignMs)) / run.totalMs;
  console.log(
    `      cost: ${run.windows} alignment passes over ${run.decoded} decoded windows; ${perWindow.toFixed(1)} ms per aligned window ` +
      `(decoder pass ${(run.runMs / Math.max(1, run.windows)).toFixed(1)} ms + cost matrix/DTW/words ${(run.alignMs / Math.max(1, run.windows)).toFixed(1)} ms); ` +
      `whole transcription ${(run.totalMs / 1000).toFixed(2)} s, of which alignment ${alignShare.toFixed(1)} %`,
  );
  return ok;
}

async function main(): Promise<void> {
  console.log(`parity:words  model ${TIMESTAMPED_MODEL_DIR}`);
  console.log('random weights: the text is gibberish; tokens, seeks, segment bounds and word times are what is compared\n');
  const tm = await loadTimestampedModel();
  let ok = true;
  try {
    for (const audio of ['jfk', 'long'] as const) {
      const ref = readWordReference(audio);
      const options = wordOptionsFor(ref);
      const mels: [string, LogMel][] = [[`reference mel`, readReferenceMel(`mel_${audio}_full.bin`)]];
      const samples = await loadAudio(`${DEV_MODEL_DIR}audio/${audio === 'jfk' ? 'jfk.flac' : 'long.wav'}`);
      mels.push([`${audio === 'jfk' ? 'jfk.flac' : 'long.wav'}, our mel`, logMelSpectrogram(samples, { nMels: 80, paddingSamples: N_SAMPLES })]);
      for (const [label, mel] of mels) {
        const run = await runWords(tm, mel, options);
        ok = print(compareWords(`${audio} (${label})`, ref, run), { ...run, windows: run.details.size, decoded: run.result.windows.reduce((n, w) => n + w.attempts.length, 0) }) && ok;
      }
    }
  } finally {
    await tm.model.dispose();
  }
  if (!ok) process.exitCode = 1;
}

await main();
