/**
 * Locations and loaders for the shared reference data (`<repo>/../shared`). Test and parity-script support only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LogMel } from '../log-mel.js';
import { readNpz, type NpyArray } from './npz.js';

/** `<repo>/../shared`, or `$CEPHALON_SHARED_DIR` when set. */
export const SHARED_DIR: string =
  process.env['CEPHALON_SHARED_DIR'] ?? fileURLToPath(new URL('../../../../../../shared/', import.meta.url));
export const MODEL_DIR = `${SHARED_DIR}/models/whisper-dev-random`;
export const AUDIO_DIR = `${MODEL_DIR}/audio`;
export const REFERENCE_DIR = `${MODEL_DIR}/reference`;
export const MEL_FILTERS_NPZ = `${SHARED_DIR}/data/whisper-assets/mel_filters.npz`;

/** One entry of `reference/audio.json`. */
export interface ReferenceAudio {
  readonly files: readonly string[];
  readonly n_samples: number;
  readonly sha256_float32: string;
}

export function readReferenceAudio(): Record<string, ReferenceAudio> {
  return JSON.parse(readFileSync(`${REFERENCE_DIR}/audio.json`, 'utf8')) as Record<string, ReferenceAudio>;
}

/** Reads `reference/<name>.bin` with the shape from `<name>.json` as a `[nMels, nFrames]` mel. */
export function readReferenceMel(name: string): LogMel {
  const meta = JSON.parse(readFileSync(`${REFERENCE_DIR}/${name}.json`, 'utf8')) as { shape: [number, number] };
  const bytes = readFileSync(`${REFERENCE_DIR}/${name}.bin`);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const [nMels, nFrames] = meta.shape;
  if (data.length !== nMels * nFrames) throw new Error(`${name}.bin has ${data.length} values, expected ${nMels}x${nFrames}`);
  return { data, nMels, nFrames };
}

/** The `mel_80` / `mel_128` arrays of OpenAI's `mel_filters.npz`. */
export function readMelFiltersNpz(): Map<string, NpyArray> {
  return readNpz(new Uint8Array(readFileSync(MEL_FILTERS_NPZ)));
}

/** Largest |a[i] − b[i]| (Infinity when lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    if (d > max || Number.isNaN(d)) max = d;
  }
  return max;
}
