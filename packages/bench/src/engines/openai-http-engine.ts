/**
 * Any OpenAI-compatible transcription server: `POST {baseUrl}/v1/audio/transcriptions` as multipart/form-data
 * with `file`, `model`, `response_format=verbose_json` and the configuration's params as extra fields.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BenchEngineError } from '@cephalon/stt';
import type { Engine, EngineParams, EngineResult, EngineSegment } from './types.js';

/** How to reach the server. */
export interface OpenAiHttpEngineOptions {
  readonly name: string;
  /** Server root, e.g. `http://127.0.0.1:8000` (the `/v1/audio/transcriptions` path is appended). */
  readonly baseUrl: string;
  /** `model` form field. Default `whisper-1`. */
  readonly model?: string;
  /** Sent as `Authorization: Bearer ...` when set. */
  readonly apiKey?: string;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 600_000;

/**
 * Splits `user:password@` out of a base URL: fetch refuses URLs with credentials, and the URL ends up in error
 * messages (and so in results files). The credentials travel as an `Authorization: Basic` header instead.
 * @example splitCredentials('http://u:p@host:8000') // { url: 'http://host:8000', authorization: 'Basic dTpw' }
 */
export function splitCredentials(baseUrl: string): { url: string; authorization: string | undefined } {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch (e) {
    throw new BenchEngineError('http_base_url', 'baseUrl of the openai-http engine is not a URL', { hint: 'use e.g. http://127.0.0.1:8000', cause: e });
  }
  if (u.username === '' && u.password === '') return { url: baseUrl.replace(/\/+$/, ''), authorization: undefined };
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { url: u.href.replace(/\/+$/, ''), authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

interface VerboseJson {
  readonly text?: unknown;
  readonly segments?: unknown;
}

function segmentsOf(body: VerboseJson): EngineSegment[] | undefined {
  if (!Array.isArray(body.segments)) return undefined;
  return body.segments.flatMap((s: unknown) => {
    if (typeof s !== 'object' || s === null) return [];
    const { start, end, text } = s as { start?: unknown; end?: unknown; text?: unknown };
    return typeof start === 'number' && typeof end === 'number' && typeof text === 'string' ? [{ startSec: start, endSec: end, text }] : [];
  });
}

async function post(options: OpenAiHttpEngineOptions, audioPath: string, params: EngineParams): Promise<VerboseJson> {
  const form = new FormData();
  form.set('file', new Blob([await readFile(audioPath)]), basename(audioPath));
  form.set('model', options.model ?? 'whisper-1');
  form.set('response_format', 'verbose_json');
  for (const [k, v] of Object.entries(params)) form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const base = splitCredentials(options.baseUrl);
  const url = `${base.url}/v1/audio/transcriptions`;
  const headers: Record<string, string> = {};
  if (base.authorization !== undefined) headers['authorization'] = base.authorization;
  if (options.apiKey !== undefined) headers['authorization'] = `Bearer ${options.apiKey}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, headers, signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  } catch (e) {
    throw new BenchEngineError('http_unreachable', `Cannot reach ${url}: ${(e as Error).message}`, { hint: 'Start the server or fix baseUrl.', cause: e });
  }
  const body = await res.text();
  if (!res.ok) throw new BenchEngineError('http_status', `${url} answered ${res.status}: ${body.slice(0, 300)}`, { hint: 'Check the server log and the params sent.', details: { status: res.status } });
  try {
    return JSON.parse(body) as VerboseJson;
  } catch (e) {
    throw new BenchEngineError('http_body', `${url} did not answer JSON: ${body.slice(0, 200)}`, { hint: 'The server must support response_format=verbose_json or json.', cause: e });
  }
}

/**
 * Creates an engine that sends each file to the server.
 * @example createOpenAiHttpEngine({ name: 'server', baseUrl: 'http://127.0.0.1:8000' })
 */
export function createOpenAiHttpEngine(options: OpenAiHttpEngineOptions): Engine {
  return {
    name: options.name,
    kind: 'openai-http',
    device: 'remote',
    capabilities: { inProcess: false, segments: true, tokens: false, confidences: false, peakMemory: false, concurrent: true },
    async transcribe(audioPath: string, params: EngineParams): Promise<EngineResult> {
      const body = await post(options, audioPath, params);
      if (typeof body.text !== 'string') throw new BenchEngineError('http_body', `The answer has no 'text' field`, { hint: 'The server must answer { text, segments? }.' });
      const segments = segmentsOf(body);
      return { text: body.text.trim(), ...(segments === undefined ? {} : { segments }) };
    },
    close: () => Promise.resolve(),
  };
}
