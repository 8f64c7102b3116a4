/**
 * Greedy decodes of a random-weight model on the dev model's first windows (jfk, long.wav; with and without
 * timestamps): tokens before end-of-text (224 = the limit) and distinct tokens, i.e. whether decoding is non-degenerate.
 * This is how the end-of-text offsets of `EOS_OFFSET` (src/export/random-weights.ts) were chosen.
 * Usage: npx tsx packages/stt/scripts/random-model-check.ts tiny ['{"eosBias": 160}']
 * (the model is written to .cache/models/random-<size>; a recipe override changes the offset to eosBias x 128 / d_model).
 */
import { readFileSync } from 'node:fs';
import { decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS } from '../src/decoding/index.js';
import { exportRandomWhisper } from '../src/export/export-model.js';
import { loadWhisperModel, readModelDims } from '../src/runtime/index.js';
import { loadTokenizer } from '../src/tokenizer/index.js';
import { DEV_MODEL_DIR, readReferenceMel } from '../src/transcription/reference/load-reference.js';

const size = process.argv[2] ?? 'tiny';
const out = `.cache/models/random-${size}${process.argv[3] === undefined ? '' : '-recipe'}`;
let t0 = performance.now();
const result = await exportRandomWhisper(size, { out, tokenizerFrom: DEV_MODEL_DIR, recipe: JSON.parse(process.argv[3] ?? '{}') as Record<string, number> });
console.log(`export random ${size} -> ${out}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const model = await loadWhisperModel({
  encoderPath: `${out}/onnx/encoder_model.onnx`,
  decoder: { layout: 'merged', path: `${out}/onnx/decoder_model_merged.onnx` },
  dims: readModelDims(readFileSync(`${out}/config.json`, 'utf8')),
  sessionOptions: { intraOpNumThreads: 2 },
});
const tokenizer = await loadTokenizer(out);
try {
  for (const audio of ['jfk', 'long']) {
    const mel = readReferenceMel(`mel_${audio}_w0.bin`);
    // 128-bin sizes get the 80-bin window repeated (the weights are random; only the shapes matter).
    const input = result.dims.nMels === 80 ? mel.data : Float32Array.from({ length: result.dims.nMels * 3000 }, (_, i) => mel.data[i % mel.data.length] as number);
    const encoded = await model.encoder.encode(input, 1);
    for (const withoutTimestamps of [false, true]) {
      t0 = performance.now();
      const r = await decodeWindow({ decoder: model.decoder, tokenizer }, encoded, {
        ...DEFAULT_WINDOW_DECODE_OPTIONS,
        ...(size.endsWith('.en') ? {} : { language: 'en' }),
        task: 'transcribe',
        withoutTimestamps,
        strategy: { kind: 'sampling', temperature: 0, bestOf: 1 },
      });
      console.log(`${audio} ${withoutTimestamps ? 'no timestamps' : 'timestamps   '} tokens ${String(r.tokens.length).padStart(3)}  distinct ${String(new Set(r.tokens).size).padStart(3)}  ${((performance.now() - t0) / 1000).toFixed(1)} s  ${JSON.stringify(r.text.slice(0, 60))}`);
    }
  }
} finally {
  await model.dispose();
}
