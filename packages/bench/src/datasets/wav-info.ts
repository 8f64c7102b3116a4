/**
 * Audio duration without decoding: the RIFF/WAVE header for WAV files, `ffprobe` for anything else.
 */
import { open } from 'node:fs/promises';
import { AudioDecodeError } from '@cephalon/stt';
import { runCommand } from '../engines/run-command.js';

/** Bytes read to find the `fmt ` and `data` chunks of a WAV header. */
const HEADER_BYTES = 4096;

/** Duration of a PCM WAV from its header, or undefined when the file is not a plain RIFF/WAVE. */
export function wavDurationFromHeader(header: Uint8Array): number | undefined {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const tag = (at: number): string => String.fromCharCode(...header.subarray(at, at + 4));
  if (header.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  for (let at = 12; at + 8 <= header.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 16 <= header.length) byteRate = view.getUint32(at + 16, true);
    if (id === 'data') return byteRate === undefined || byteRate === 0 ? undefined : size / byteRate;
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/** Duration of any audio file in seconds. */
export async function audioDurationSec(path: string): Promise<number> {
  const file = await open(path, 'r').catch((e: unknown) => {
    throw new AudioDecodeError('audio_missing', `Cannot open audio file ${path}`, { hint: 'Check the path in the manifest (relative paths are relative to the manifest).', cause: e });
  });
  try {
    const buf = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await file.read(buf, 0, HEADER_BYTES, 0);
    const fromHeader = wavDurationFromHeader(buf.subarray(0, bytesRead));
    if (fromHeader !== undefined) return fromHeader;
  } finally {
    await file.close();
  }
  const r = await runCommand(['ffprobe', '-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', path]);
  const d = Number(r.stdout.trim());
  if (!Number.isFinite(d)) throw new AudioDecodeError('audio_duration', `ffprobe gave no duration for ${path}`, { hint: 'Is it an audio file?' });
  return d;
}
