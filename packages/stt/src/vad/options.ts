/**
 * Speech-region options with faster-whisper's `VadOptions` names and defaults, validated once (`InvalidOptionError`
 * naming the field), plus the reference NPU tool's VAD options (requirements §16) mapped onto them.
 */
import { InvalidOptionError } from '../core/errors.js';

/** Options of `detectSpeech` / `createSpeechSegmenter`. Every field optional; defaults are faster-whisper's. */
export interface VadOptions {
  /** Speech when the probability is at or above this (0.5). */
  readonly threshold?: number;
  /** Silence when the probability is below this; default `max(threshold - 0.15, 0.01)`. */
  readonly negThreshold?: number;
  /** Regions shorter than this are dropped (faster-whisper: 0 ms). */
  readonly minSpeechDurationMs?: number;
  /** Longer regions are split, at the last silence of at least 98 ms if any (default: no limit). */
  readonly maxSpeechDurationS?: number;
  /** Silence needed to end a region (faster-whisper: 2000 ms). */
  readonly minSilenceDurationMs?: number;
  /** Padding added to each side of a region (400 ms). */
  readonly speechPadMs?: number;
}

/** Every option set. */
export interface ResolvedVadOptions {
  readonly threshold: number;
  readonly negThreshold: number;
  readonly minSpeechDurationMs: number;
  readonly maxSpeechDurationS: number;
  readonly minSilenceDurationMs: number;
  readonly speechPadMs: number;
}

/** faster-whisper's `VadOptions` defaults (faster_whisper/vad.py, checked against the current source). */
export const DEFAULT_VAD_OPTIONS: Readonly<Omit<ResolvedVadOptions, 'negThreshold'>> = Object.freeze({
  threshold: 0.5,
  minSpeechDurationMs: 0,
  maxSpeechDurationS: Number.POSITIVE_INFINITY,
  minSilenceDurationMs: 2000,
  speechPadMs: 400,
});

function invalid(field: string, message: string, hint: string): never {
  throw new InvalidOptionError('INVALID_VAD_OPTION', `vad option ${field}: ${message}`, { hint, details: { option: field } });
}

function inRange(field: string, value: number, min: number, max: number, hint: string): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) invalid(field, `${String(value)} is not in [${min}, ${max}]`, hint);
  return value;
}

/**
 * Validates and fills in defaults. Throws `InvalidOptionError` (code `INVALID_VAD_OPTION`, `details.option` = field).
 * @example resolveVadOptions({ minSilenceDurationMs: 200, speechPadMs: 30 })
 */
export function resolveVadOptions(options: VadOptions = {}): ResolvedVadOptions {
  const threshold = inRange('threshold', options.threshold ?? DEFAULT_VAD_OPTIONS.threshold, 0, 1, 'give a probability from 0 to 1, e.g. 0.5');
  const negThreshold =
    options.negThreshold === undefined
      ? Math.max(threshold - 0.15, 0.01)
      : inRange('negThreshold', options.negThreshold, 0, threshold, `give a probability from 0 to the threshold (${threshold})`);
  const maxSpeech = options.maxSpeechDurationS ?? DEFAULT_VAD_OPTIONS.maxSpeechDurationS;
  if (typeof maxSpeech !== 'number' || Number.isNaN(maxSpeech) || !(maxSpeech > 0)) invalid('maxSpeechDurationS', `${String(maxSpeech)} is not a positive number of seconds`, 'give seconds > 0, or Infinity for no limit');
  return Object.freeze({
    threshold,
    negThreshold,
    minSpeechDurationMs: inRange('minSpeechDurationMs', options.minSpeechDurationMs ?? DEFAULT_VAD_OPTIONS.minSpeechDurationMs, 0, 3_600_000, 'give milliseconds >= 0'),
    maxSpeechDurationS: maxSpeech,
    minSilenceDurationMs: inRange('minSilenceDurationMs', options.minSilenceDurationMs ?? DEFAULT_VAD_OPTIONS.minSilenceDurationMs, 0, 3_600_000, 'give milliseconds >= 0'),
    speechPadMs: inRange('speechPadMs', options.speechPadMs ?? DEFAULT_VAD_OPTIONS.speechPadMs, 0, 60_000, 'give milliseconds >= 0'),
  });
}

/**
 * The reference NPU tool's VAD options (requirements §16), with its names and defaults:
 * `--vad-thold 0.50`, `--vad-sil-dur 100` ms, `--vad-min-sp-dur 100` ms, `--vad-max-sp-dur 30.00` s,
 * `--use_vad` (Silero), `--use_pyannotevad`.
 */
export interface ReferenceToolVadOptions {
  /** `-vad, --use_vad`: enable VAD (Silero). Default false. */
  readonly useVad?: boolean;
  /** `-pvad, --use_pyannotevad`: switch to pyannote. Not available here: a typed error says so. */
  readonly usePyannoteVad?: boolean;
  /** `-vth, --vad-thold` (0.50, range 0 to 1). */
  readonly vadThold?: number;
  /** `-vsil, --vad-sil-dur` in ms (100). */
  readonly vadSilDur?: number;
  /** `-vminsp, --vad-min-sp-dur` in ms (100). */
  readonly vadMinSpDur?: number;
  /** `-vmaxsp, --vad-max-sp-dur` in s (30.00). */
  readonly vadMaxSpDur?: number;
}

/** The reference tool's defaults (requirements §14.2 and §16). */
export const REFERENCE_TOOL_VAD_DEFAULTS = Object.freeze({ vadThold: 0.5, vadSilDur: 100, vadMinSpDur: 100, vadMaxSpDur: 30 });

/**
 * Maps the reference tool's VAD options onto ours, with the tool's defaults; `null` when VAD is off.
 * The tool documents no padding: it is left at ours. Throws `InvalidOptionError` naming the tool's field.
 */
export function fromReferenceToolVadOptions(o: ReferenceToolVadOptions): ResolvedVadOptions | null {
  if (o.usePyannoteVad === true) {
    throw new InvalidOptionError('VAD_MODEL_UNAVAILABLE', 'vad option usePyannoteVad: pyannote VAD is not available in this engine', {
      hint: "use Silero (the default) or the energy detector (vad model 'energy')",
      details: { option: 'usePyannoteVad' },
    });
  }
  if (o.useVad !== true) return null;
  const d = REFERENCE_TOOL_VAD_DEFAULTS;
  const vadMaxSpDur = o.vadMaxSpDur ?? d.vadMaxSpDur;
  if (typeof vadMaxSpDur !== 'number' || !(vadMaxSpDur > 0)) invalid('vadMaxSpDur', `${String(vadMaxSpDur)} is not a positive number of seconds`, 'give seconds > 0, e.g. 30');
  return resolveVadOptions({
    threshold: inRange('vadThold', o.vadThold ?? d.vadThold, 0, 1, 'give a probability from 0.0 to 1.0'),
    minSilenceDurationMs: inRange('vadSilDur', o.vadSilDur ?? d.vadSilDur, 0, 3_600_000, 'give milliseconds >= 0'),
    minSpeechDurationMs: inRange('vadMinSpDur', o.vadMinSpDur ?? d.vadMinSpDur, 0, 3_600_000, 'give milliseconds >= 0'),
    maxSpeechDurationS: vadMaxSpDur,
  });
}
