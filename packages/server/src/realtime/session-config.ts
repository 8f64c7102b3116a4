/**
 * The transcription subset of the Realtime API's session configuration: OpenAI's GA shape
 * (`session.audio.input.{format, transcription, turn_detection}`) and the older flat shape
 * (`input_audio_format: 'pcm16'`, `input_audio_transcription`, `turn_detection`). PCM16 at 24 kHz (OpenAI's) or
 * 16 kHz (an extension: Whisper's own rate, no resampling).
 */

/** `server_vad` settings; the session maps them onto the library's Silero VAD (docs/server.md). */
export interface VadSettings {
  /** OpenAI `threshold`, 0..1 (default 0.5): Silero speech probability. */
  readonly threshold: number;
  /** OpenAI `prefix_padding_ms` (default 300): the VAD's speech padding. */
  readonly prefixPaddingMs: number;
  /** OpenAI `silence_duration_ms` (default 500): the VAD's minimum silence that ends a turn. */
  readonly silenceDurationMs: number;
}

export const DEFAULT_VAD: VadSettings = Object.freeze({ threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 });

export interface RealtimeConfig {
  readonly sampleRate: 16_000 | 24_000;
  readonly model: string;
  readonly language: string | null;
  readonly prompt: string | null;
  /** `null`: no server VAD; the client commits. */
  readonly turnDetection: VadSettings | null;
}

export const DEFAULT_CONFIG: RealtimeConfig = Object.freeze({ sampleRate: 24_000, model: 'whisper-1', language: null, prompt: null, turnDetection: DEFAULT_VAD });

/** A session field that cannot be used; becomes an `error` event naming `param`. */
export class ConfigError extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function rateOf(format: unknown, param: string): 16_000 | 24_000 | undefined {
  if (format === undefined) return undefined;
  if (format === 'pcm16') return 24_000;
  if (!isObject(format)) throw new ConfigError(param, `${param} must be 'pcm16' or { type: 'audio/pcm', rate: 24000 | 16000 }`);
  if (format['type'] !== undefined && format['type'] !== 'audio/pcm') throw new ConfigError(`${param}.type`, `audio format ${JSON.stringify(format['type'])} is not supported; use audio/pcm (PCM16)`);
  const rate = format['rate'] ?? 24_000;
  if (rate !== 24_000 && rate !== 16_000) throw new ConfigError(`${param}.rate`, `sample rate ${JSON.stringify(rate)} is not supported; use 24000 or 16000`);
  return rate;
}

function optionalString(v: unknown, param: string): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  if (typeof v !== 'string') throw new ConfigError(param, `${param} must be a string`);
  return v;
}

function numberIn(v: unknown, param: string, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new ConfigError(param, `${param} must be a number in [${min}, ${max}]`);
  return v;
}

function turnDetection(v: unknown, param: string): VadSettings | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (!isObject(v) || v['type'] !== 'server_vad') throw new ConfigError(`${param}.type`, `${param} must be null or { type: 'server_vad', ... } (semantic_vad is not supported)`);
  return {
    threshold: numberIn(v['threshold'], `${param}.threshold`, 0, 1, DEFAULT_VAD.threshold),
    prefixPaddingMs: numberIn(v['prefix_padding_ms'], `${param}.prefix_padding_ms`, 0, 10_000, DEFAULT_VAD.prefixPaddingMs),
    silenceDurationMs: numberIn(v['silence_duration_ms'], `${param}.silence_duration_ms`, 20, 10_000, DEFAULT_VAD.silenceDurationMs),
  };
}

/** `current` updated by a `session.update`'s `session` object (fields left out keep their value). */
export function applySessionUpdate(current: RealtimeConfig, session: unknown): RealtimeConfig {
  if (!isObject(session)) throw new ConfigError('session', 'session must be an object');
  if (session['type'] !== undefined && session['type'] !== 'transcription') {
    throw new ConfigError('session.type', `only transcription sessions are served here (session.type 'transcription'), not ${JSON.stringify(session['type'])}`);
  }
  const audio = isObject(session['audio']) ? session['audio'] : {};
  const input = isObject(audio['input']) ? audio['input'] : {};
  const ga = 'audio' in session;
  const base = ga ? 'session.audio.input' : 'session';
  const rate = ga ? rateOf(input['format'], `${base}.format`) : rateOf(session['input_audio_format'], 'session.input_audio_format');
  const transcription = ga ? input['transcription'] : session['input_audio_transcription'];
  const tParam = ga ? `${base}.transcription` : 'session.input_audio_transcription';
  if (transcription !== undefined && transcription !== null && !isObject(transcription)) throw new ConfigError(tParam, `${tParam} must be an object`);
  const t = isObject(transcription) ? transcription : {};
  const model = optionalString(t['model'], `${tParam}.model`);
  const language = optionalString(t['language'], `${tParam}.language`);
  const prompt = optionalString(t['prompt'], `${tParam}.prompt`);
  const vad = ga ? turnDetection(input['turn_detection'], `${base}.turn_detection`) : turnDetection(session['turn_detection'], 'session.turn_detection');
  return Object.freeze({
    sampleRate: rate ?? current.sampleRate,
    model: model ?? current.model,
    language: language === undefined ? current.language : language,
    prompt: prompt === undefined ? current.prompt : prompt,
    turnDetection: vad === undefined ? current.turnDetection : vad,
  });
}

/** The session object sent in `session.created` / `session.updated` (GA shape). */
export function sessionObject(id: string, c: RealtimeConfig): Json {
  return {
    type: 'transcription',
    object: 'realtime.transcription_session',
    id,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: c.sampleRate },
        transcription: { model: c.model, language: c.language, prompt: c.prompt },
        turn_detection:
          c.turnDetection === null
            ? null
            : { type: 'server_vad', threshold: c.turnDetection.threshold, prefix_padding_ms: c.turnDetection.prefixPaddingMs, silence_duration_ms: c.turnDetection.silenceDurationMs },
        noise_reduction: null,
      },
    },
    include: [],
  };
}
