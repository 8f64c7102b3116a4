/**
 * Audio conversions through sox: 16 kHz mono 16-bit WAV (what pocketsphinx and many CLIs need) and clipping a
 * NeMo `offset`/`duration` span out of a longer file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runCommand } from './run-command.js';

/** Sample rate most speech engines expect, in Hz. */
export const SPEECH_SAMPLE_RATE = 16_000;

/** Options of {@link convertAudio}. */
export interface ConvertOptions {
  /** Start of the span to keep, in seconds. */
  readonly offsetSec?: number;
  /** Length of the span, in seconds (with `offsetSec`). */
  readonly durationSec?: number;
  /** Output sample rate in Hz; default 16000. */
  readonly sampleRate?: number;
  /** sox binary. Default `sox`. */
  readonly sox?: string;
}

/** sox arguments writing `output` as mono 16-bit PCM WAV, no dither (deterministic output). */
export function soxConvertArgs(input: string, output: string, options: ConvertOptions = {}): string[] {
  const args = [options.sox ?? 'sox', '-D', input, '-r', String(options.sampleRate ?? SPEECH_SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', output];
  if (options.offsetSec !== undefined) args.push('trim', String(options.offsetSec), ...(options.durationSec === undefined ? [] : [String(options.durationSec)]));
  return args;
}

/** Converts `input` to `output` (16 kHz mono 16-bit WAV by default). */
export async function convertAudio(input: string, output: string, options: ConvertOptions = {}): Promise<void> {
  await runCommand(soxConvertArgs(input, output, options));
}

/** A converted temporary copy that is deleted by `dispose()`. */
export interface TempAudio {
  readonly path: string;
  dispose(): Promise<void>;
}

/** Converts `input` into a fresh temporary folder. */
export async function convertToTemp(input: string, options: ConvertOptions = {}): Promise<TempAudio> {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-bench-'));
  const path = join(dir, `${basename(input).replace(/\.[^.]*$/, '')}.wav`);
  try {
    await convertAudio(input, path, options);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { path, dispose: () => rm(dir, { recursive: true, force: true }) };
}
