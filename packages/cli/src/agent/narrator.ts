/**
 * Words for a thought. The Cephalon loop never writes words: a thought has a kind, a topic, a priority, a note and
 * the field projection (the self's position on the eight circuit axes). Without an LLM the agent says the loop's
 * own text (`loopText`); with `--llm URL` an OpenAI-compatible chat-completions endpoint turns the thought and the
 * projection into one short utterance. Failures are typed (`NarratorError` with a reason) and never stop the agent:
 * it then says the loop's own text and logs the reason.
 */
import { AXES } from '@cephalon/eidolon';
import type { Drives, Thought } from '@cephalon/eidolon';
import { InvalidOptionError } from '@cephalon/stt';

export type NarratorFailure = 'network' | 'timeout' | 'http-status' | 'malformed-json' | 'schema-invalid' | 'empty';

/** Why an LLM answer could not be used. */
export class NarratorError extends Error {
  override readonly name = 'NarratorError';
  constructor(
    readonly reason: NarratorFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What the narrator is told besides the thought. */
export interface NarrationContext {
  readonly agentName: string;
  readonly drives: Drives | undefined;
  /** The last utterances heard, oldest first. */
  readonly heard: readonly { readonly speaker: string; readonly text: string }[];
}

export interface Narrator {
  readonly name: string;
  narrate(thought: Thought, context: NarrationContext): Promise<string>;
}

/** The loop's own words for a thought (no LLM). */
export function loopText(thought: Thought): string {
  return `[${thought.kind} ${thought.topic}] ${thought.note}`;
}

export interface LlmNarratorOptions {
  /** Server root ('http://127.0.0.1:8080') or the full '.../v1/chat/completions' URL. */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string;
  /** Whole-request timeout [ms] (default 10 000). */
  readonly timeoutMs?: number;
  readonly maxChars?: number;
}

export const DEFAULT_NARRATOR_TIMEOUT_MS = 10_000;

const SYSTEM_PROMPT =
  'You voice an agent in a spoken conversation. You get one "thought" of the agent (its kind, topic and note) and ' +
  'its state: a position on eight axes in [-1, 1] (safety, status, coherence, moral, body, plasticity, identity, ' +
  'coupling) and drives in [0, 1]. Answer with ONE short spoken sentence (at most 30 words) the agent says now, ' +
  'plain text, no quotes, no stage directions. Do not describe the numbers.';

/** The chat-completions URL of `url` (a server root or the full endpoint). */
export function completionsUrl(url: string): string {
  if (!/^https?:\/\//.test(url)) {
    throw new InvalidOptionError('INVALID_OPTION', `option --llm: '${url}' is not an http(s) URL`, { hint: "e.g. --llm http://127.0.0.1:8080 (an OpenAI-compatible server)", details: { option: 'llm' } });
  }
  const root = url.replace(/\/+$/, '');
  return /\/chat\/completions$/.test(root) ? root : `${root}/v1/chat/completions`;
}

/** The user message: the thought and the field projection as JSON. */
export function narrationPrompt(thought: Thought, c: NarrationContext): string {
  const position = Object.fromEntries(AXES.map((axis, i) => [axis, thought.position[i] ?? 0]));
  return JSON.stringify({ agent: c.agentName, thought: { kind: thought.kind, topic: thought.topic, note: thought.note, priority: thought.priority }, position, drives: c.drives ?? null, heard: c.heard });
}

function contentOf(raw: string): string {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (cause) {
    throw new NarratorError('malformed-json', 'the response body is not JSON', { cause });
  }
  const content = (data as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new NarratorError('schema-invalid', 'the response has no choices[0].message.content string');
  return content;
}

/**
 * A narrator backed by an OpenAI-compatible chat endpoint.
 * @example const n = createLlmNarrator({ url: 'http://127.0.0.1:8080', model: 'qwen2.5-3b' }); await n.narrate(thought, ctx)
 */
export function createLlmNarrator(o: LlmNarratorOptions): Narrator {
  const url = completionsUrl(o.url);
  const timeoutMs = o.timeoutMs ?? DEFAULT_NARRATOR_TIMEOUT_MS;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) throw new InvalidOptionError('INVALID_OPTION', `option --llm-timeout-ms: ${timeoutMs} is not a positive number`, { hint: 'e.g. 10000', details: { option: 'llm-timeout-ms' } });
  const maxChars = o.maxChars ?? 400;
  return {
    name: `llm:${o.model}`,
    async narrate(thought, context) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (o.apiKey !== undefined) headers['authorization'] = `Bearer ${o.apiKey}`;
      const body = { model: o.model, temperature: 0.7, max_tokens: 80, messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: narrationPrompt(thought, context) }] };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
        const raw = await res.text();
        if (!res.ok) throw new NarratorError('http-status', `${url} answered HTTP ${res.status}`);
        const text = contentOf(raw).replace(/\s+/g, ' ').trim();
        if (text === '') throw new NarratorError('empty', `${url} answered an empty message`);
        return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
      } catch (error) {
        if (error instanceof NarratorError) throw error;
        if (controller.signal.aborted) throw new NarratorError('timeout', `${url} did not answer within ${timeoutMs} ms`, { cause: error });
        throw new NarratorError('network', `${url} could not be reached: ${(error as Error).message}`, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
