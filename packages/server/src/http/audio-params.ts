/**
 * The fields of `/v1/audio/transcriptions` and `/v1/audio/translations`, validated into library options with
 * OpenAI's semantics: temperature 0 (default) means the fallback ladder, > 0 one sampling temperature.
 * Unknown fields are ignored, as OpenAI's newer fields (`include[]`, `chunking_strategy`) may be sent by SDKs.
 */
import { ApiError } from '../api-error.js';
import type { EngineOptions } from '../engine/engine.js';

export const RESPONSE_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];
export type Granularity = 'segment' | 'word';

export interface AudioParams {
  readonly model: string;
  readonly responseFormat: ResponseFormat;
  readonly stream: boolean;
  readonly granularities: readonly Granularity[];
  readonly options: EngineOptions;
}

type Fields = ReadonlyMap<string, readonly string[]>;

function bad(param: string, message: string, code = 'invalid_value'): never {
  throw new ApiError(400, message, { param, code });
}

function one(fields: Fields, name: string): string | undefined {
  const values = fields.get(name);
  if (values === undefined) return undefined;
  if (values.length > 1) bad(name, `field "${name}" was sent ${values.length} times; send it once`);
  return values[0];
}

function parseBool(name: string, v: string | undefined): boolean {
  if (v === undefined) return false;
  const lower = v.trim().toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0' || lower === '') return false;
  return bad(name, `field "${name}" must be true or false, got ${JSON.stringify(v)}`, 'invalid_type');
}

function parseTemperature(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const t = Number(v);
  if (!Number.isFinite(t)) bad('temperature', `field "temperature" must be a number, got ${JSON.stringify(v)}`, 'invalid_type');
  if (t < 0 || t > 1) bad('temperature', `field "temperature" must be between 0 and 1, got ${t}`);
  return t;
}

function parseGranularities(fields: Fields, format: ResponseFormat): Granularity[] {
  const values = [...(fields.get('timestamp_granularities[]') ?? []), ...(fields.get('timestamp_granularities') ?? [])];
  const out: Granularity[] = [];
  for (const v of values) {
    if (v !== 'segment' && v !== 'word') bad('timestamp_granularities[]', `timestamp granularity ${JSON.stringify(v)} is not one of segment, word`);
    if (!out.includes(v)) out.push(v);
  }
  if (out.length > 0 && format !== 'verbose_json') {
    bad('timestamp_granularities[]', 'timestamp_granularities needs response_format verbose_json');
  }
  return out;
}

/** Validates the form fields; `acceptedModels` are the names this server answers to. */
export function parseAudioParams(fields: Fields, task: 'transcribe' | 'translate', acceptedModels: readonly string[]): AudioParams {
  const model = one(fields, 'model');
  if (model === undefined || model.trim() === '') bad('model', 'field "model" is required', 'missing_field');
  if (!acceptedModels.includes(model)) {
    bad('model', `model ${JSON.stringify(model)} is not served here; use one of: ${acceptedModels.join(', ')}`, 'model_not_found');
  }
  const formatText = one(fields, 'response_format') ?? 'json';
  const responseFormat = RESPONSE_FORMATS.find((f) => f === formatText);
  if (responseFormat === undefined) bad('response_format', `response_format ${JSON.stringify(formatText)} is not one of ${RESPONSE_FORMATS.join(', ')}`);
  const stream = parseBool('stream', one(fields, 'stream'));
  const granularities = parseGranularities(fields, responseFormat);
  const language = task === 'transcribe' ? one(fields, 'language') : undefined;
  if (language !== undefined && !/^[A-Za-z]{2,3}$|^[A-Za-z][A-Za-z ]+$/.test(language.trim())) {
    bad('language', `language ${JSON.stringify(language)} is not an ISO-639-1 code such as "en"`);
  }
  const prompt = one(fields, 'prompt');
  const temperature = parseTemperature(one(fields, 'temperature'));
  const options: EngineOptions = {
    task,
    ...(language === undefined || language.trim() === '' ? {} : { language: language.trim() }),
    ...(prompt === undefined || prompt.trim() === '' ? {} : { initialPrompt: prompt }),
    ...(temperature === undefined || temperature === 0 ? {} : { temperature }),
    // Word granularity = OpenAI's word_timestamps: cross-attention DTW, which needs a timestamped model export.
    ...(granularities.includes('word') ? { wordTimestamps: true } : {}),
  };
  return { model, responseFormat, stream, granularities, options };
}
