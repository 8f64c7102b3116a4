/** `cephalon listen` options: the table (also the help) and the plan it turns into. */
import { DEFAULT_STREAM_POLICY, parseDtype } from '@cephalon/stt';
import type { DtypeOption, PcmFormat, PcmSampleType, StreamOptions } from '@cephalon/stt';
import { choiceOpt, intOpt, numberOpt, stringOpt, usageError } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import type { MicBackend } from '../listen/sources.js';
import { VAD_SETTINGS, vadPlan } from '../vad-options.js';

const CMD = 'listen';

/** ffmpeg-style raw formats accepted by `--format-in`. */
const RAW_FORMATS: Readonly<Record<string, { sampleType: PcmSampleType; byteOrder: 'le' | 'be' }>> = {
  s16le: { sampleType: 's16', byteOrder: 'le' },
  s16be: { sampleType: 's16', byteOrder: 'be' },
  s24le: { sampleType: 's24', byteOrder: 'le' },
  s32le: { sampleType: 's32', byteOrder: 'le' },
  f32le: { sampleType: 'f32', byteOrder: 'le' },
  f32be: { sampleType: 'f32', byteOrder: 'be' },
  f64le: { sampleType: 'f64', byteOrder: 'le' },
  u8: { sampleType: 'u8', byteOrder: 'le' },
  s8: { sampleType: 's8', byteOrder: 'le' },
  alaw: { sampleType: 'alaw', byteOrder: 'le' },
  mulaw: { sampleType: 'mulaw', byteOrder: 'le' },
};

/** The VAD settings, with the streaming defaults for silence and padding shown. */
const LISTEN_VAD_SETTINGS: OptionTable = {
  ...VAD_SETTINGS,
  'vad-min-silence-ms': { ...(VAD_SETTINGS['vad-min-silence-ms'] as OptionTable[string]), defaultText: '500 (streaming)' },
  'vad-speech-pad-ms': { ...(VAD_SETTINGS['vad-speech-pad-ms'] as OptionTable[string]), defaultText: '100 (streaming)' },
};

export const LISTEN_OPTIONS: OptionTable = {
  input: { type: 'string', short: 'i', value: 'SRC', defaultText: 'mic', help: "'mic' (microphone), '-' (raw PCM on stdin, see --format-in) or an audio file" },
  speed: { type: 'string', value: 'X', defaultText: '1', help: 'file input: play at X times real time; 0 = as fast as possible (each chunk processed before the next)' },
  'chunk-ms': { type: 'string', value: 'MS', defaultText: '100', help: 'file input: size of the chunks fed to the stream' },
  'format-in': { type: 'string', value: 'FMT', defaultText: 's16le', help: `stdin sample format: ${Object.keys(RAW_FORMATS).join(', ')}` },
  rate: { type: 'string', value: 'HZ', defaultText: '16000', help: 'stdin sample rate (resampled to 16 kHz as it streams)' },
  channels: { type: 'string', value: 'N', defaultText: '1', help: 'stdin channels (mixed to mono)' },
  'mic-backend': { type: 'string', value: 'NAME', defaultText: 'auto', help: 'microphone recorder: auto, pulse or alsa (ffmpeg input), arecord' },
  'mic-device': { type: 'string', value: 'NAME', defaultText: 'default', help: 'microphone device name for the recorder' },
  format: { type: 'string', short: 'f', value: 'FMT', defaultText: 'human', help: "'human' (one updating line) or 'jsonl' (one event per line)" },
  model: { type: 'string', short: 'm', value: 'NAME', defaultText: 'turbo', help: 'alias (tiny.en, base, small, turbo ...), Hub id (owner/name) or local model folder' },
  dtype: { type: 'string', value: 'DTYPE', defaultText: 'fp32', help: 'weight precision: fp32, fp16, q8, int8, uint8, q4, q4f16, bnb4' },
  device: { type: 'string', value: 'DEVICE', defaultText: 'cpu', help: 'execution device: cpu or cuda' },
  threads: { type: 'string', short: 't', value: 'N', defaultText: '0 = runtime default', help: 'threads inside one operator' },
  language: { type: 'string', short: 'l', value: 'LANG', defaultText: 'auto', help: "spoken language: a code (en) or name (English); 'auto' detects it on the first buffer" },
  'beam-size': { type: 'string', value: 'N', defaultText: 'greedy', help: 'beam search instead of greedy decoding' },
  agreement: { type: 'string', value: 'N', defaultText: String(DEFAULT_STREAM_POLICY.agreement), help: 'LocalAgreement-n: commit what the last N hypotheses agree on' },
  'min-step': { type: 'string', value: 'SEC', defaultText: String(DEFAULT_STREAM_POLICY.minStepSec), help: 'decode when at least this much new audio arrived' },
  'buffer-trim': { type: 'string', value: 'SEC', defaultText: String(DEFAULT_STREAM_POLICY.trimAfterSec), help: 'cut the buffer at a committed segment end once it is longer than this' },
  'max-buffer': { type: 'string', value: 'SEC', defaultText: String(DEFAULT_STREAM_POLICY.maxBufferSec), help: 'hard buffer limit (<= 30): the oldest words are then committed unagreed' },
  'no-vad': { type: 'boolean', help: 'decode all audio, silence included (no voice activity gate)' },
  ...LISTEN_VAD_SETTINGS,
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export type ListenInput =
  | { readonly kind: 'mic'; readonly backend: MicBackend; readonly device: string | undefined }
  | { readonly kind: 'stdin'; readonly pcm: PcmFormat }
  | { readonly kind: 'file'; readonly path: string; readonly speed: number; readonly chunkSec: number };

export interface ListenPlan {
  readonly input: ListenInput;
  readonly format: 'human' | 'jsonl';
  readonly model: string;
  readonly dtype: DtypeOption | undefined;
  readonly device: 'cpu' | 'cuda' | undefined;
  readonly threads: number | undefined;
  readonly stream: StreamOptions;
}

function inputFrom(o: ParsedOptions, CMD: string): ListenInput {
  const src = stringOpt(o, 'input') ?? 'mic';
  const fileOnly = ['speed', 'chunk-ms'].filter((k) => o[k] !== undefined);
  const stdinOnly = ['format-in', 'rate', 'channels'].filter((k) => o[k] !== undefined);
  const micOnly = ['mic-backend', 'mic-device'].filter((k) => o[k] !== undefined);
  const misplaced = (names: string[], where: string): void => {
    if (names.length > 0) usageError(CMD, `option --${names[0]} applies only to ${where}`);
  };
  if (src === 'mic') {
    misplaced([...fileOnly, ...stdinOnly], '--input - or --input FILE');
    return { kind: 'mic', backend: choiceOpt(CMD, o, 'mic-backend', ['auto', 'pulse', 'alsa', 'arecord'] as const) ?? 'auto', device: stringOpt(o, 'mic-device') };
  }
  if (src === '-') {
    misplaced([...fileOnly, ...micOnly], '--input FILE or the microphone');
    const name = stringOpt(o, 'format-in') ?? 's16le';
    const raw = RAW_FORMATS[name] ?? usageError(CMD, `option --format-in: '${name}' is not one of ${Object.keys(RAW_FORMATS).join(', ')}`);
    return { kind: 'stdin', pcm: { ...raw, sampleRate: intOpt(CMD, o, 'rate', 1) ?? 16_000, channels: intOpt(CMD, o, 'channels', 1) ?? 1 } };
  }
  misplaced([...stdinOnly, ...micOnly], '--input - or the microphone');
  const speed = numberOpt(CMD, o, 'speed') ?? 1;
  if (speed < 0) usageError(CMD, `option --speed: ${speed} is negative`, 'use 1 for real time, 2 for twice as fast, 0 for as fast as possible');
  const chunkMs = numberOpt(CMD, o, 'chunk-ms') ?? 100;
  if (!(chunkMs >= 10 && chunkMs <= 30_000)) usageError(CMD, `option --chunk-ms: ${chunkMs} is not in [10, 30000]`);
  return { kind: 'file', path: src, speed, chunkSec: chunkMs / 1000 };
}

/** Reads and checks every option; throws usage errors naming the flag (and `command`: `cephalon agent` reuses this). */
export function listenPlan(o: ParsedOptions, command = CMD): ListenPlan {
  const CMD = command;
  const input = inputFrom(o, CMD);
  const vad = vadPlan(CMD, o);
  const noVad = o['no-vad'] === true;
  if (noVad && vad.anySetting) usageError(CMD, 'the --vad-* settings have no effect with --no-vad');
  const beamSize = intOpt(CMD, o, 'beam-size', 1);
  const policy = {
    ...(o['agreement'] === undefined ? {} : { agreement: intOpt(CMD, o, 'agreement', 1) as number }),
    ...(o['min-step'] === undefined ? {} : { minStepSec: numberOpt(CMD, o, 'min-step') as number }),
    ...(o['buffer-trim'] === undefined ? {} : { trimAfterSec: numberOpt(CMD, o, 'buffer-trim') as number }),
    ...(o['max-buffer'] === undefined ? {} : { maxBufferSec: numberOpt(CMD, o, 'max-buffer') as number }),
  };
  const language = stringOpt(o, 'language');
  const dtypeText = stringOpt(o, 'dtype');
  const threads = intOpt(CMD, o, 'threads', 0);
  const stream: StreamOptions = {
    policy,
    vad: noVad ? false : { model: vad.model, ...vad.options },
    ...(language === undefined ? {} : { language }),
    ...(beamSize === undefined ? {} : { decoding: { kind: 'beam', beamSize } }),
    ...(input.kind === 'file' && input.speed === 0 ? { lockstep: true } : {}),
  };
  return {
    input,
    format: choiceOpt(CMD, o, 'format', ['human', 'jsonl'] as const) ?? 'human',
    model: stringOpt(o, 'model') ?? 'turbo',
    dtype: dtypeText === undefined ? undefined : parseDtype(dtypeText),
    device: choiceOpt(CMD, o, 'device', ['cpu', 'cuda'] as const),
    threads: threads === 0 ? undefined : threads,
    stream,
  };
}
