/**
 * The VAD flags shared by `cephalon transcribe`, `cephalon vad` and `cephalon listen`: one option table and one
 * conversion into library options, so every command spells and checks them the same way.
 */
import { DEFAULT_VAD_OPTIONS, InvalidOptionError, resolveVadOptions } from '@cephalon/stt';
import type { VadModelName, VadOptions } from '@cephalon/stt';
import { choiceOpt, numberOpt, usageError } from './args.js';
import type { OptionTable, ParsedOptions } from './args.js';

/** `--vad`: turn VAD on (transcribe, listen). */
export const VAD_SWITCH: OptionTable = {
  vad: { type: 'boolean', help: 'transcribe only the speech found by voice activity detection (Silero VAD v5 by default)' },
};

/** The VAD settings (every command that runs a VAD). Defaults are faster-whisper's. */
export const VAD_SETTINGS: OptionTable = {
  'vad-model': { type: 'string', value: 'NAME', defaultText: 'silero', help: "VAD model: 'silero' (Silero VAD v5) or 'energy' (loudness only: fails in noise)" },
  'vad-threshold': { type: 'string', value: 'P', defaultText: String(DEFAULT_VAD_OPTIONS.threshold), help: 'speech when the VAD probability is at least this (0 to 1)' },
  'vad-neg-threshold': { type: 'string', value: 'P', defaultText: 'threshold - 0.15', help: 'silence when the probability is below this (0 to threshold)' },
  'vad-min-speech-ms': { type: 'string', value: 'MS', defaultText: String(DEFAULT_VAD_OPTIONS.minSpeechDurationMs), help: 'drop speech regions shorter than this' },
  'vad-max-speech-s': { type: 'string', value: 'SEC', defaultText: 'no limit', help: 'split longer speech regions (at a silence when there is one)' },
  'vad-min-silence-ms': { type: 'string', value: 'MS', defaultText: String(DEFAULT_VAD_OPTIONS.minSilenceDurationMs), help: 'silence needed to end a speech region' },
  'vad-speech-pad-ms': { type: 'string', value: 'MS', defaultText: String(DEFAULT_VAD_OPTIONS.speechPadMs), help: 'padding added to both sides of each speech region' },
};

/** Library field -> flag, so a validation error names the flag the user typed. */
const FLAG_OF: Readonly<Record<keyof VadOptions, string>> = {
  threshold: 'vad-threshold',
  negThreshold: 'vad-neg-threshold',
  minSpeechDurationMs: 'vad-min-speech-ms',
  maxSpeechDurationS: 'vad-max-speech-s',
  minSilenceDurationMs: 'vad-min-silence-ms',
  speechPadMs: 'vad-speech-pad-ms',
};

/** What the VAD flags ask for. */
export interface VadPlan {
  /** `--vad` was given (always true for `cephalon vad`). */
  readonly enabled: boolean;
  readonly model: VadModelName;
  /** Only the settings given; the library fills in the defaults. */
  readonly options: VadOptions;
  /** Whether any VAD setting was given (to reject settings without `--vad`). */
  readonly anySetting: boolean;
}

/**
 * Reads and checks the VAD flags of `command`. Throws a usage error naming the flag.
 * @param alwaysOn the command always runs a VAD (`cephalon vad`)
 */
export function vadPlan(command: string, o: ParsedOptions, alwaysOn = false): VadPlan {
  const options: { -readonly [K in keyof VadOptions]?: number } = {};
  for (const [field, flag] of Object.entries(FLAG_OF) as [keyof VadOptions, string][]) {
    const value = numberOpt(command, o, flag);
    if (value !== undefined) options[field] = value;
  }
  try {
    resolveVadOptions(options);
  } catch (error) {
    if (error instanceof InvalidOptionError) {
      const field = error.details?.['option'] as keyof VadOptions | undefined;
      const flag = field === undefined ? undefined : FLAG_OF[field];
      if (flag !== undefined) usageError(command, `option --${flag}: ${error.message.replace(/^vad option \w+: /, '')}`, error.hint ?? `see 'cephalon ${command} --help'`);
    }
    throw error;
  }
  const model = choiceOpt(command, o, 'vad-model', ['silero', 'energy'] as const);
  return {
    enabled: alwaysOn || o['vad'] === true,
    model: model ?? 'silero',
    options,
    anySetting: model !== undefined || Object.keys(options).length > 0,
  };
}
