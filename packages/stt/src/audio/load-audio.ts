/**
 * `loadAudio`: any audio file or buffer to 16 kHz mono float32. WAV is read natively (fast path); every other
 * format, and WAV encodings the native reader does not handle, go through ffmpeg exactly as OpenAI's
 * `load_audio` does. Conditioning options (high-pass, normalisation) are off by default.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { AudioDecodeError, CephalonError } from '../core/errors.js';
import { conditionSamples, type ConditionOptions } from './condition.js';
import { decodeWithFfmpeg, type FfmpegOptions } from './ffmpeg.js';
import type { DecodedAudio, LoadedAudio } from './types.js';
import { decodeWav, isWav } from './wav.js';

export interface LoadAudioOptions extends ConditionOptions, FfmpegOptions {
  /**
   * - `'auto'` (default): WAV natively, anything else through ffmpeg.
   * - `'ffmpeg'`: always ffmpeg; bit-identical to OpenAI's `whisper.audio.load_audio` for every input.
   * - `'native'`: WAV only; never spawns a process.
   * For 16-bit WAV at 16 kHz mono, 'auto' and 'ffmpeg' give identical samples.
   */
  readonly decoder?: 'auto' | 'native' | 'ffmpeg';
}

const HEADER_BYTES = 12;

/**
 * Largest WAV file read into memory by the native reader (Node's `readFile` stops at 2 GiB). Larger WAV files
 * (RF64, or plain WAV near 4 GiB) go to ffmpeg, which streams them; `decoder: 'native'` refuses them.
 */
export const MAX_NATIVE_WAV_BYTES = 2 ** 31 - 1;

function notRegular(path: string, what: string): AudioDecodeError {
  return new AudioDecodeError('AUDIO_NOT_REGULAR_FILE', `audio file ${path} is ${what}, not a regular file`, {
    hint: 'Pass a regular audio file (to read a pipe or stdin, read its bytes and pass them as a Uint8Array).',
    details: { file: path },
  });
}

function kindOf(info: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a file';
}

async function readHeader(path: string): Promise<{ header: Uint8Array; sizeBytes: number }> {
  let handle;
  try {
    // stat before open: opening a named pipe with no writer blocks forever (and cannot be cancelled)
    const before = await stat(path);
    if (before.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!before.isFile()) throw notRegular(path, kindOf(before));
    handle = await open(path, 'r');
    const stat2 = await handle.stat();
    if (!stat2.isFile()) throw notRegular(path, kindOf(stat2));
    if (stat2.size === 0) {
      throw new AudioDecodeError('AUDIO_EMPTY', `${path} is empty (0 bytes)`, { hint: 'The recording was not written; check the source.', details: { file: path } });
    }
    const header = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    return { header: header.subarray(0, bytesRead), sizeBytes: stat2.size };
  } catch (e) {
    if (e instanceof CephalonError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'is not readable (permission denied)' : `cannot be read (${code})`;
    throw new AudioDecodeError('AUDIO_FILE_UNREADABLE', `audio file ${path} ${why}`, {
      hint: 'Check the path and its permissions.',
      cause: e,
      details: { file: path, errno: code },
    });
  } finally {
    await handle?.close();
  }
}

async function decode(input: string | Uint8Array, options: LoadAudioOptions): Promise<{ audio: DecodedAudio; decoder: 'wav' | 'ffmpeg' }> {
  const name = typeof input === 'string' ? input : '<audio bytes>';
  const mode = options.decoder ?? 'auto';
  const ffmpegOptions: FfmpegOptions = {
    ...(options.ffmpegPath === undefined ? {} : { ffmpegPath: options.ffmpegPath }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  if (typeof input !== 'string' && input.byteLength === 0) {
    throw new AudioDecodeError('AUDIO_EMPTY', 'audio buffer is empty (0 bytes)', { hint: 'Pass the bytes of an audio file.' });
  }
  const { header, sizeBytes } = typeof input === 'string' ? await readHeader(input) : { header: input.subarray(0, HEADER_BYTES), sizeBytes: input.byteLength };
  if (mode === 'ffmpeg') return { audio: await decodeWithFfmpeg(input, ffmpegOptions), decoder: 'ffmpeg' };
  if (isWav(header) && sizeBytes > MAX_NATIVE_WAV_BYTES) {
    if (mode === 'native') {
      throw new AudioDecodeError('WAV_TOO_LARGE', `${name} is ${sizeBytes} bytes, more than the native WAV reader holds in memory (${MAX_NATIVE_WAV_BYTES})`, {
        hint: "Use decoder 'auto' or 'ffmpeg' (ffmpeg streams large files), or split the file.",
        details: { file: name, sizeBytes },
      });
    }
  } else if (isWav(header)) {
    const bytes = typeof input === 'string' ? new Uint8Array(await readFile(input)) : input;
    try {
      return { audio: decodeWav(bytes, name), decoder: 'wav' };
    } catch (e) {
      if (!(mode === 'auto' && e instanceof AudioDecodeError && e.code === 'WAV_UNSUPPORTED')) throw e;
    }
  } else if (mode === 'native') {
    throw new AudioDecodeError('NOT_WAV', `${name} is not a WAV file and decoder 'native' reads only WAV`, {
      hint: "Use decoder 'auto' (needs ffmpeg) or convert the file to WAV.",
      details: { file: name },
    });
  }
  return { audio: await decodeWithFfmpeg(input, ffmpegOptions), decoder: 'ffmpeg' };
}

/**
 * Loads audio as 16 kHz mono float32 samples, plus warnings (e.g. a truncated WAV) and where it came from.
 *
 * @example
 * const audio = await loadAudio('meeting.flac');
 * const mel = logMelSpectrogram(audio, { paddingSamples: N_SAMPLES });
 * for (const w of audio.warnings) console.warn(w.message);
 */
export async function loadAudio(input: string | Uint8Array, options: LoadAudioOptions = {}): Promise<LoadedAudio> {
  const { audio, decoder } = await decode(input, options);
  const conditioned = conditionSamples(audio, options);
  return {
    samples: conditioned.samples,
    sampleRate: conditioned.sampleRate,
    warnings: [...audio.warnings, ...conditioned.warnings],
    source: { decoder, sampleRate: audio.sampleRate, channels: audio.channels },
  };
}
