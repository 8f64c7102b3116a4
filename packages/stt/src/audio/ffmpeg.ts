/**
 * Decoding through the system `ffmpeg`, exactly as OpenAI's `whisper.audio.load_audio` does it:
 * `ffmpeg -nostdin -threads 0 -i <input> -f s16le -ac 1 -acodec pcm_s16le -ar 16000 -`, then int16 / 32768.
 * Spawned with an argument array (no shell). Local paths get the `file:` protocol prefix so that a name such
 * as `http:x` or `concat:a|b` is never taken as a URL or protocol.
 */
import { spawn } from 'node:child_process';
import { SAMPLE_RATE } from '../core/constants.js';
import { AudioDecodeError, MissingToolError } from '../core/errors.js';
import type { DecodedAudio } from './types.js';

export interface FfmpegOptions {
  /** Executable to run. Default `ffmpeg` (looked up on PATH). */
  readonly ffmpegPath?: string;
  /** Aborts the decode (the child process is killed). */
  readonly signal?: AbortSignal;
}

const STDERR_TAIL_BYTES = 4096;
const INSTALL_HINT = 'Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or pass ffmpegPath.';

/** The argument list OpenAI's loader uses, for a file path or `pipe:0`. */
export function ffmpegArgs(input: string): string[] {
  return ['-nostdin', '-threads', '0', '-i', input, '-f', 's16le', '-ac', '1', '-acodec', 'pcm_s16le', '-ar', String(SAMPLE_RATE), '-'];
}

function int16ToFloat(bytes: Buffer): Float32Array {
  const n = Math.floor(bytes.byteLength / 2);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = bytes.readInt16LE(2 * i) / 32768;
  return out;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').trim();
}

/**
 * Decodes any format ffmpeg reads (flac, mp3, ogg, opus, m4a, webm, mp4, wav...) to 16 kHz mono.
 * `input` is a file path, or the file's bytes (piped to ffmpeg's stdin).
 *
 * @example
 * const audio = await decodeWithFfmpeg('talk.mp3'); // { samples, sampleRate: 16000, channels: 1, warnings: [] }
 */
export function decodeWithFfmpeg(input: string | Uint8Array, options: FfmpegOptions = {}): Promise<DecodedAudio> {
  const exe = options.ffmpegPath ?? 'ffmpeg';
  const name = typeof input === 'string' ? input : '<audio bytes>';
  const args = ffmpegArgs(typeof input === 'string' ? `file:${input}` : 'pipe:0');
  return new Promise<DecodedAudio>((resolve, reject) => {
    const child = spawn(exe, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    child.stdin.on('error', () => {
      // ffmpeg may exit before reading all of stdin (bad data); its exit code reports the real problem.
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.name === 'AbortError') reject(e);
      else if (e.code === 'ENOENT') {
        reject(new MissingToolError('MISSING_FFMPEG', `ffmpeg was not found (tried "${exe}"); it is needed to decode ${name}`, { hint: INSTALL_HINT, cause: e, details: { tool: 'ffmpeg', path: exe } }));
      } else {
        reject(new AudioDecodeError('FFMPEG_FAILED', `could not run ffmpeg for ${name}: ${e.message}`, { hint: INSTALL_HINT, cause: e, details: { file: name } }));
      }
    });
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new AudioDecodeError('FFMPEG_FAILED', `ffmpeg could not decode ${name}: ${lastLine(err) || `exit code ${String(code)}`}`, {
          hint: 'Check that the file is a complete audio or video file with an audio stream.',
          details: { file: name, exitCode: code },
        }));
        return;
      }
      const samples = int16ToFloat(Buffer.concat(out));
      if (samples.length === 0) {
        reject(new AudioDecodeError('AUDIO_EMPTY', `${name} contains no audio samples`, { hint: 'The file has no audio stream or is empty; check the source.', details: { file: name } }));
        return;
      }
      resolve({ samples, sampleRate: SAMPLE_RATE, channels: 1, warnings: [] });
    });
    if (typeof input === 'string') child.stdin.end();
    else child.stdin.end(input);
  });
}
