/**
 * Checks a configuration's params against the engine's option schema before anything runs, so a misspelled
 * `beamsize` or a `beamSize: "five"` is a typed error naming the field instead of a silently ignored key or an
 * error recorded for every utterance.
 * - `cephalon`: every key must be a `TranscribeOptions` field (or a bench shorthand: `beamSize`, `fallback`, the strategy by name), and the
 *   values must pass the library's own validation;
 * - `command`: every key must be a placeholder of the command (or output) template;
 * - `openai-http` and `transformers-js` pass params through to a server or pipeline that defines them: not checked.
 */
import { InvalidOptionError, resolveTranscribeOptions } from '@cephalon/stt';
import type { TranscribeOptions } from '@cephalon/stt';
import { CEPHALON_SHORTHAND_PARAMS, paramsToOptions } from './cephalon-engine.js';
import type { EngineDefinition } from './create-engine.js';
import { placeholders, splitCommandLine } from './template.js';
import type { EngineParams } from './types.js';

/** `TranscribeOptions` fields a JSON/YAML spec can set (functions, signals and strategies cannot be written there). */
const CEPHALON_FIELDS = {
  language: true, task: true, temperature: true, decoding: true, bestOf: true, lengthPenalty: true,
  compressionRatioThreshold: true, logprobThreshold: true, noSpeechThreshold: true, conditionOnPreviousText: true,
  initialPrompt: true, carryInitialPrompt: true, prefix: true, clipTimestamps: true, suppressTokens: true,
  suppressBlank: true, withoutTimestamps: true, maxInitialTimestamp: true, sampleLen: true, repetitionPenalty: true,
  noRepeatNgramSize: true, seed: true, wordTimestamps: true, prependPunctuations: true, appendPunctuations: true,
  hallucinationSilenceThreshold: true,
} as const satisfies Partial<Record<keyof TranscribeOptions, true>>;

const CEPHALON_KEYS: readonly string[] = [...Object.keys(CEPHALON_FIELDS), ...CEPHALON_SHORTHAND_PARAMS];

function squash(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

function unknownParam(where: string, key: string, known: readonly string[], what: string): never {
  const near = known.find((k) => squash(k) === squash(key));
  throw new InvalidOptionError('bench_params', `spec ${where}.${key}: not ${what}`, {
    hint: near === undefined ? `known: ${known.join(', ')}` : `did you mean ${near}?`,
    details: { field: `${where}.${key}` },
  });
}

/**
 * Throws InvalidOptionError (naming `where` and the key) when `params` do not fit `engine`.
 * @example validateEngineParams({ kind: 'cephalon', name: 'c', model: 'tiny' }, { beamsize: 5 }, 'engines[0].params')
 */
export function validateEngineParams(engine: EngineDefinition, params: EngineParams, where: string): void {
  if (engine.kind === 'cephalon') {
    for (const key of Object.keys(params)) if (!CEPHALON_KEYS.includes(key)) unknownParam(where, key, CEPHALON_KEYS, 'an option of the cephalon engine');
    try {
      resolveTranscribeOptions(paramsToOptions(params, engine.options));
    } catch (e) {
      if (!(e instanceof InvalidOptionError)) throw e;
      throw new InvalidOptionError('bench_params', `spec ${where}: ${e.message}`, { hint: e.hint ?? 'fix the value', cause: e, details: { field: where } });
    }
    return;
  }
  if (engine.kind === 'command') {
    const template = typeof engine.command === 'string' ? splitCommandLine(engine.command) : engine.command;
    const used = placeholders([...template, ...(engine.output === undefined ? [] : [engine.output])]);
    const known = [...used].filter((n) => n !== 'audio');
    for (const key of Object.keys(params)) if (!used.has(key)) unknownParam(where, key, known, 'a placeholder of the command template');
  }
}
