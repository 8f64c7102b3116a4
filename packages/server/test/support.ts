/** Shared fixtures of the server tests: the random-weight dev model (gibberish text) and jfk.flac from ../shared. */
import { fileURLToPath } from 'node:url';
import { startSpeechServer } from '../src/index.js';
import type { ServerOptions, SpeechServer } from '../src/index.js';

export const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
export const JFK_FLAC = fileURLToPath(new URL('../../../../shared/data/audio/jfk.flac', import.meta.url));

/** A loopback server on a free port with the dev model, loaded. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<SpeechServer> {
  const server = await startSpeechServer({ model: MODEL_DIR, port: 0, ...options });
  await server.ready;
  return server;
}

/** A multipart form for the audio routes. */
export function audioForm(bytes: Uint8Array, fields: Record<string, string | readonly string[]> = {}, filename = 'jfk.flac'): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  if (!('model' in fields)) form.append('model', 'whisper-1');
  for (const [k, v] of Object.entries(fields)) for (const x of typeof v === 'string' ? [v] : v) form.append(k, x);
  return form;
}

/** Polls `check` every 20 ms until it is true or `timeoutMs` passes; returns whether it became true. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

/** 16 kHz mono 16-bit WAV bytes of `samples` (float in [-1, 1]). */
export function wavBytes(samples: Float32Array): Uint8Array {
  const n = samples.length;
  const out = new Uint8Array(44 + n * 2);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string): void => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + n * 2, true);
  ascii(8, 'WAVEfmt ');
  v.setUint32(16, 16, true); // fmt chunk size
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, 16_000, true); // sample rate
  v.setUint32(28, 32_000, true); // byte rate
  v.setUint16(32, 2, true); // block align
  v.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) v.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round((samples[i] as number) * 32767))), true);
  return out;
}

/** `seconds` of a quiet 440 Hz tone as WAV: small, valid audio for cheap requests. */
export function toneWav(seconds: number): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * 16_000));
  for (let i = 0; i < samples.length; i++) samples[i] = 0.1 * Math.sin((2 * Math.PI * 440 * i) / 16_000);
  return wavBytes(samples);
}
