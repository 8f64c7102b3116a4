/**
 * Seeded white noise at a target signal-to-noise ratio, added to a 16-bit PCM WAV in place.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { decodeWav } from '@cephalon/stt';
import { seededRandom } from '../../stats/random.js';

const INT16_MAX = 32767;
const WAV_HEADER_BYTES = 44;

/** Standard normal draws from a uniform generator (Box-Muller). */
function gaussian(rand: () => number): () => number {
  return () => {
    const u = Math.max(rand(), Number.MIN_VALUE);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}

/** Mono 16-bit PCM WAV bytes of `samples` (floats in [-1, 1], clipped). */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(WAV_HEADER_BYTES + samples.length * 2);
  const v = new DataView(bytes.buffer);
  const ascii = (at: number, s: string): void => { for (let i = 0; i < s.length; i += 1) bytes[at + i] = s.charCodeAt(i); };
  ascii(0, 'RIFF'); v.setUint32(4, bytes.length - 8, true); ascii(8, 'WAVE');
  ascii(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true); v.setUint32(28, sampleRate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
  ascii(36, 'data'); v.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => v.setInt16(WAV_HEADER_BYTES + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * INT16_MAX), true));
  return bytes;
}

/** Adds noise to `samples` so that 10·log10(P_signal / P_noise) = `snrDb`. Returns a new array. */
export function mixNoise(samples: Float32Array, snrDb: number, seed: number): Float32Array {
  let power = 0;
  for (const s of samples) power += s * s;
  power /= Math.max(samples.length, 1);
  const sigma = Math.sqrt(power / 10 ** (snrDb / 10));
  const next = gaussian(seededRandom(seed));
  return samples.map((s) => s + sigma * next());
}

/** Reads a WAV, adds seeded noise at `snrDb`, writes it back as 16-bit mono. */
export async function addNoise(path: string, snrDb: number, seed: number): Promise<void> {
  const audio = decodeWav(await readFile(path), path);
  await writeFile(path, encodeWav16(mixNoise(audio.samples, snrDb, seed), audio.sampleRate));
}
