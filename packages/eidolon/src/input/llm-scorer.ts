/**
 * Scores text through any OpenAI-compatible chat endpoint (`POST {baseUrl}/v1/chat/completions`) with a
 * JSON-schema response format, validation, clamping and a timeout; on any failure (network, timeout,
 * HTTP status, malformed JSON, schema-invalid) it falls back to another scorer (the lexicon by default).
 */
import { InvalidParameterError } from '../errors.js';
import { ScorerError } from './errors.js';
import { createLexiconScorer } from './lexicon-scorer.js';
import { CIRCUIT_SCORE_SCHEMA, SCORER_SYSTEM_PROMPT, parseCircuitScores } from './llm-schema.js';
import type { AffectScore, Scorer } from './scorer.js';

export interface LlmScorerOptions {
  /** Server root, e.g. 'http://127.0.0.1:8080' (the path /v1/chat/completions is appended). */
  readonly baseUrl: string;
  readonly model: string;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  readonly apiKey?: string;
  /** Whole-request timeout [ms] (default 5000). */
  readonly timeoutMs?: number;
  /** Used on any failure (default: the lexicon scorer). */
  readonly fallback?: Scorer;
  /** Called once per fallback, with the reason (for logs). */
  readonly onFallback?: (error: ScorerError) => void;
}

/** Default request timeout [ms]. */
export const DEFAULT_LLM_TIMEOUT_MS = 5000;

async function requestScores(text: string, o: LlmScorerOptions, timeoutMs: number): Promise<{ affect: Float64Array; confidence: number }> {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/v1/chat/completions`;
  const body = {
    model: o.model,
    temperature: 0,
    messages: [
      { role: 'system', content: SCORER_SYSTEM_PROMPT },
      { role: 'user', content: text },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'circuit_scores', strict: true, schema: CIRCUIT_SCORE_SCHEMA } },
  };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.apiKey !== undefined) headers['authorization'] = `Bearer ${o.apiKey}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
    const raw = await res.text();
    if (!res.ok) throw new ScorerError('http-status', `${url} answered HTTP ${res.status}`);
    return parseCircuitScores(extractContent(raw));
  } catch (error) {
    if (error instanceof ScorerError) throw error;
    if (controller.signal.aborted) throw new ScorerError('timeout', `${url} did not answer within ${timeoutMs} ms`, error);
    throw new ScorerError('network', `${url} could not be reached: ${(error as Error).message}`, error);
  } finally {
    clearTimeout(timer);
  }
}

/** The assistant message content of a chat-completions response body. */
function extractContent(raw: string): string {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (cause) {
    throw new ScorerError('malformed-json', 'the response body is not JSON', cause);
  }
  const content = (data as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new ScorerError('schema-invalid', 'the response has no choices[0].message.content string');
  return content;
}

/**
 * A scorer backed by a chat-completions endpoint; always answers (falls back on failure).
 * @example const scorer = createLlmScorer({ baseUrl: 'http://127.0.0.1:8080', model: 'qwen2.5-3b' });
 */
export function createLlmScorer(options: LlmScorerOptions): Scorer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new InvalidParameterError(`timeoutMs must be > 0, got ${timeoutMs}`, 'e.g. 5000');
  if (!/^https?:\/\//.test(options.baseUrl)) throw new InvalidParameterError(`baseUrl '${options.baseUrl}' is not an http(s) URL`, "e.g. 'http://127.0.0.1:8080'");
  const fallback = options.fallback ?? createLexiconScorer();
  return {
    name: `llm:${options.model}`,
    async score(text: string): Promise<AffectScore> {
      try {
        const { affect, confidence } = await requestScores(text, options, timeoutMs);
        return { affect, confidence, source: 'llm' };
      } catch (error) {
        const failure = error instanceof ScorerError ? error : new ScorerError('network', String(error), error);
        options.onFallback?.(failure);
        const backup = await fallback.score(text);
        return { affect: backup.affect, confidence: backup.confidence, source: 'lexicon-fallback', fallbackReason: failure.reason };
      }
    },
  };
}
