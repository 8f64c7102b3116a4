/**
 * Front-end parity on whisper-dev-random: decoded audio (sample count, sha256) against `reference/audio.json`,
 * every reference log-mel (both conventions) and the computed mel filterbanks against OpenAI's mel_filters.npz.
 * Prints shapes and max |diff|; exits non-zero if a check fails.
 * Run: `npx tsx packages/stt/scripts/parity-mel.ts` (part of `npm run parity:frontend`).
 */
import { createHash } from 'node:crypto';
import { N_SAMPLES } from '../src/core/constants.js';
import { loadAudio, logMelSpectrogram, melFilterBank, padOrTrimSamples } from '../src/audio/index.js';
import { AUDIO_DIR, maxAbsDiff, readMelFiltersNpz, readReferenceAudio, readReferenceMel } from '../src/audio/test-support/reference.js';

/** Acceptance tolerance for mels and filters. */
const ATOL = 1e-4;

interface Row {
  readonly name: string;
  readonly shape: string;
  readonly value: string;
  readonly pass: boolean;
}

function sha256(x: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).digest('hex');
}

async function audioRows(): Promise<{ rows: Row[]; decoded: Map<string, Float32Array> }> {
  const rows: Row[] = [];
  const decoded = new Map<string, Float32Array>();
  for (const [name, ref] of Object.entries(readReferenceAudio())) {
    for (const file of ref.files) {
      const audio = await loadAudio(`${AUDIO_DIR}/${file}`);
      const hash = sha256(audio.samples);
      const pass = audio.samples.length === ref.n_samples && hash === ref.sha256_float32;
      rows.push({ name: `audio ${file} (${audio.source.decoder})`, shape: `[${audio.samples.length}]`, value: `sha256 ${hash.slice(0, 16)}… ${pass ? '=' : '!='} reference`, pass });
      decoded.set(name, audio.samples);
    }
  }
  return { rows, decoded };
}

function melRows(decoded: Map<string, Float32Array>): Row[] {
  const rows: Row[] = [];
  for (const [name, samples] of decoded) {
    const conventions = [
      ['full', () => logMelSpectrogram(samples, { paddingSamples: N_SAMPLES })],
      ['w0', () => logMelSpectrogram(padOrTrimSamples(samples))],
    ] as const;
    for (const [suffix, compute] of conventions) {
      const ref = readReferenceMel(`mel_${name}_${suffix}`);
      const mel = compute();
      const sameShape = mel.nMels === ref.nMels && mel.nFrames === ref.nFrames;
      const diff = sameShape ? maxAbsDiff(mel.data, ref.data) : Infinity;
      rows.push({ name: `mel_${name}_${suffix}`, shape: `[${mel.nMels}, ${mel.nFrames}]`, value: `max|diff| ${diff.toExponential(3)}`, pass: diff <= ATOL });
    }
  }
  return rows;
}

function filterRows(): Row[] {
  const npz = readMelFiltersNpz();
  return [80, 128].map((n) => {
    const ref = npz.get(`mel_${n}`);
    const diff = ref === undefined ? Infinity : maxAbsDiff(melFilterBank(n).data, ref.data);
    return { name: `mel filters ${n} vs mel_filters.npz`, shape: `[${n}, 201]`, value: `max|diff| ${diff.toExponential(3)}`, pass: diff <= ATOL };
  });
}

async function main(): Promise<number> {
  const { rows: audio, decoded } = await audioRows();
  const rows = [...audio, ...melRows(decoded), ...filterRows()];
  console.log(`tolerance: mel and filter max|diff| <= ${ATOL}; audio sha256 exact`);
  for (const r of rows) console.log(`${r.pass ? 'ok  ' : 'FAIL'} ${r.name.padEnd(36)} ${r.shape.padEnd(14)} ${r.value}`);
  const failed = rows.filter((r) => !r.pass).length;
  console.log(failed === 0 ? `mel parity: all ${rows.length} checks pass` : `mel parity: ${failed} of ${rows.length} checks FAIL`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
