/**
 * Where `cephalon listen` gets its audio: the microphone (ffmpeg's PulseAudio/ALSA input, else `arecord`), raw
 * PCM on stdin in a declared format, or a file played in simulated real time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { AudioDecodeError, loadAudio, MissingToolError } from '@cephalon/stt';
import type { PcmChunk, PcmFormat } from '@cephalon/stt';

export type MicBackend = 'auto' | 'pulse' | 'alsa' | 'arecord';

/** A running audio source. */
export interface ListenSource {
  readonly chunks: AsyncIterable<PcmChunk>;
  /** Layout of byte chunks (microphone, stdin); undefined for Float32 16 kHz chunks. */
  readonly pcm?: PcmFormat;
  /** Stops the capture (kills the recorder). */
  close(): void;
  /** What is being read, for the status line. */
  readonly label: string;
}

/** The microphone format asked of the recorder: 16 kHz mono s16le, so nothing needs resampling. */
const MIC_FORMAT: PcmFormat = { sampleType: 's16', sampleRate: 16_000, channels: 1 };

function hasTool(tool: string, args: readonly string[]): string | null {
  const r = spawnSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return r.error === undefined && r.status === 0 ? `${r.stdout}${r.stderr}` : null;
}

/** Which recorder to run, or a typed error naming the Debian packages. */
export function pickMicBackend(wanted: MicBackend, ffmpegPath = 'ffmpeg'): Exclude<MicBackend, 'auto'> {
  const devices = wanted === 'arecord' ? null : hasTool(ffmpegPath, ['-hide_banner', '-devices']);
  const ffmpegHas = (name: string): boolean => devices !== null && new RegExp(`^\\s*D\\S*\\s+${name}\\b`, 'm').test(devices);
  if ((wanted === 'auto' || wanted === 'pulse') && ffmpegHas('pulse')) return 'pulse';
  if ((wanted === 'auto' || wanted === 'alsa') && ffmpegHas('alsa')) return 'alsa';
  if ((wanted === 'auto' || wanted === 'arecord') && hasTool('arecord', ['--version']) !== null) return 'arecord';
  const asked = wanted === 'auto' ? 'a microphone recorder' : wanted === 'arecord' ? 'arecord' : `ffmpeg with ${wanted} input`;
  throw new MissingToolError('MIC_UNAVAILABLE', `cannot record from the microphone: ${asked} was not found`, {
    hint: "install the Debian package 'ffmpeg' (PulseAudio/ALSA input) or 'alsa-utils' (arecord), or pass --input FILE or --input - with raw PCM on stdin",
    details: { backend: wanted },
  });
}

/** Starts recording from `device` (default: the system default input). A recorder that fails ends the stream with an error. */
export function openMicrophone(wanted: MicBackend, device: string | undefined): ListenSource {
  const backend = pickMicBackend(wanted);
  const [cmd, args] =
    backend === 'arecord'
      ? ['arecord', ['-q', '-t', 'raw', '-f', 'S16_LE', '-r', '16000', '-c', '1', ...(device === undefined ? [] : ['-D', device])]]
      : ['ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', backend, '-i', device ?? 'default', '-ac', '1', '-ar', '16000', '-f', 's16le', '-']];
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let errorTail = '';
  child.stderr.on('data', (d: Buffer) => (errorTail = (errorTail + d.toString('utf8')).slice(-2000)));
  let spawnError: Error | undefined;
  const closed = new Promise<number | null>((done) => {
    child.on('error', (e) => {
      spawnError = e;
      done(null);
    });
    child.on('close', (code) => done(code));
  });
  let stopped = false;
  const label = `microphone (${backend}${device === undefined ? '' : ` ${device}`})`;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await closed;
    if (stopped || code === 0) return;
    const why = spawnError?.message ?? errorTail.trim().split('\n').pop() ?? `exit code ${code}`;
    throw new AudioDecodeError('MIC_FAILED', `${cmd} could not record from the ${label}: ${why}`, {
      hint: 'check that an input device exists and is not busy (--mic-device, --mic-backend), or use --input FILE / --input -',
      details: { backend },
    });
  }
  return {
    chunks: chunks(),
    pcm: MIC_FORMAT,
    close: () => {
      stopped = true;
      if (child.exitCode === null) child.kill('SIGTERM');
    },
    label,
  };
}

/** Raw PCM from stdin. */
export function openStdin(stdin: NodeJS.ReadableStream, pcm: PcmFormat): ListenSource {
  return { chunks: stdin as AsyncIterable<Buffer>, pcm, close: () => undefined, label: 'stdin' };
}

/**
 * A file played at `speed` × real time in chunks of `chunkSec` (speed 0: no waiting; use with lockstep).
 * Chunk i is released at i·chunkSec/speed after the start, so a slow consumer gets the backlog at once.
 */
export async function openFile(path: string, speed: number, chunkSec: number): Promise<ListenSource> {
  const audio = await loadAudio(path);
  const n = Math.max(1, Math.round(chunkSec * 16_000));
  let stopped = false;
  async function* chunks(): AsyncGenerator<Float32Array> {
    const t0 = performance.now();
    for (let at = 0, i = 1; at < audio.samples.length && !stopped; at += n, i++) {
      if (speed > 0) {
        const due = t0 + (i * chunkSec * 1000) / speed;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      yield audio.samples.subarray(at, Math.min(audio.samples.length, at + n));
    }
  }
  return { chunks: chunks(), close: () => void (stopped = true), label: path };
}
