/**
 * Why `bench:e2e` cuts 29.98 s windows: on a full 30 s chunk, Cephalon's (OpenAI's) log-mel and transformers.js'
 * differ in the last frame (zero vs reflect padding of the STFT). Prints the largest |Δ| of the two log-mels of
 * long.wav's first 30 s, and the greedy tokens transformers.js' `generate` decodes from each, on the bench's random tiny
 * model (run `npm run bench:e2e -- --sizes tiny` once first to export it).
 * Usage: npx tsx --conditions=cephalon-source packages/bench/bench/e2e/mel-edge.ts [MODEL_DIR]
 */
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAudio, logMelSpectrogram, padOrTrimMel } from '@cephalon/stt';
import { AutoProcessor, env, Tensor, WhisperForConditionalGeneration } from '@huggingface/transformers';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = resolve(process.argv[2] ?? `${ROOT}.cache/bench-models/random-tiny-fp32`);
env.allowRemoteModels = false;
env.localModelPath = `${dirname(dir)}/`;
const audio = await loadAudio(`${ROOT}../shared/models/whisper-dev-random/audio/long.wav`);
const chunk = audio.samples.subarray(0, 30 * 16_000);
const ours = padOrTrimMel(logMelSpectrogram(chunk, { nMels: 80, paddingSamples: 30 * 16_000 }), 3000).data;
const processor = await AutoProcessor.from_pretrained(basename(dir));
const theirs = ((await processor(chunk)) as { input_features: Tensor }).input_features.data as Float32Array;
let max = 0;
let at = 0;
for (let i = 0; i < ours.length; i++) {
  const d = Math.abs((ours[i] as number) - (theirs[i] as number));
  if (d > max) [max, at] = [d, i];
}
console.log(`log-mel max |cephalon - transformers.js| = ${max.toPrecision(3)} at mel bin ${Math.floor(at / 3000)}, frame ${at % 3000}`);
const model = await WhisperForConditionalGeneration.from_pretrained(basename(dir), { dtype: 'fp32', session_options: { intraOpNumThreads: 2 } });
for (const [name, data] of [['transformers.js log-mel', theirs], ['cephalon log-mel', ours]] as const) {
  const out = (await model.generate({ inputs: new Tensor('float32', data, [1, 80, 3000]), language: 'en', task: 'transcribe', return_timestamps: false, max_new_tokens: 224, do_sample: false, num_beams: 1 })) as Tensor;
  console.log(`${name}: ${JSON.stringify((out.tolist() as bigint[][])[0]?.map(Number))}`);
}
await model.dispose();
