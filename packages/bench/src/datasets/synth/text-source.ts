/**
 * Scripts for synthetic speech: lines of text files, or an LLM through any OpenAI-compatible
 * `POST /v1/chat/completions` endpoint.
 */
import { readFile } from 'node:fs/promises';
import { BenchDataError, BenchEngineError } from '@cephalon/stt';

/** Reads scripts from text files: one per non-empty line; lines starting with `#` are comments. */
export async function readScripts(files: readonly string[]): Promise<string[]> {
  const scripts: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((e: unknown) => {
      throw new BenchDataError('text_missing', `Cannot read text file ${file}`, { hint: 'Give a file with one utterance per line.', cause: e });
    });
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t !== '' && !t.startsWith('#')) scripts.push(t);
    }
  }
  return scripts;
}

/** How to ask a chat model for scripts. */
export interface LlmScriptOptions {
  /** Server root, e.g. `http://127.0.0.1:11434` (Ollama) — `/v1/chat/completions` is appended. */
  readonly baseUrl: string;
  readonly model: string;
  /** Number of scripts wanted. */
  readonly count: number;
  /** What to write; default: varied casual and technical sentences with fillers, numbers and rare words. */
  readonly prompt?: string;
  readonly apiKey?: string;
  readonly temperature?: number;
  /** Passed as `seed` for servers that support it. */
  readonly seed?: number;
  /** Requests before giving up when the model returns too few lines. Default 5. */
  readonly maxRequests?: number;
}

export const DEFAULT_SCRIPT_PROMPT =
  'Write {count} different sentences that a person might say aloud, one per line, no numbering. Mix casual and ' +
  'technical talk; include fillers ("um", "you know"), self-corrections, numbers, names and some rare words.';

const DEFAULT_MAX_REQUESTS = 5;
const MIN_WORDS = 2;

/** Turns a chat answer into script lines: strips numbering, bullets and surrounding quotes. */
export function scriptLines(answer: string): string[] {
  return answer
    .split('\n')
    .map((l) => l.trim().replace(/^(\d+[.)]|[-*•])\s+/, '').replace(/^["“](.*)["”]$/, '$1').trim())
    .filter((l) => l.split(/\s+/).length >= MIN_WORDS);
}

async function ask(options: LlmScriptOptions, want: number): Promise<string> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/chat/completions`;
  const body = {
    model: options.model,
    messages: [
      { role: 'system', content: 'You write scripts for speech recordings. Answer with the lines only.' },
      { role: 'user', content: (options.prompt ?? DEFAULT_SCRIPT_PROMPT).replace('{count}', String(want)) },
    ],
    temperature: options.temperature ?? 1,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }) };
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) }).catch((e: unknown) => {
    throw new BenchEngineError('llm_unreachable', `Cannot reach ${url}`, { hint: 'Start the chat server or fix --llm-url.', cause: e });
  });
  const text = await res.text();
  if (!res.ok) throw new BenchEngineError('llm_status', `${url} answered ${res.status}: ${text.slice(0, 300)}`, { hint: 'Check the model name and the server log.' });
  const content = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new BenchEngineError('llm_body', `${url} answered without choices[0].message.content`, { hint: 'The server must speak the OpenAI chat completions format.' });
  return content;
}

/**
 * Asks the chat model until `count` distinct scripts are collected.
 * @example await generateScripts({ baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2', count: 20 })
 */
export async function generateScripts(options: LlmScriptOptions): Promise<string[]> {
  const seen = new Set<string>();
  const maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS;
  for (let i = 0; i < maxRequests && seen.size < options.count; i += 1) {
    for (const line of scriptLines(await ask(options, options.count - seen.size))) if (seen.size < options.count) seen.add(line);
  }
  if (seen.size < options.count) {
    throw new BenchEngineError('llm_too_few', `The chat model gave ${seen.size} of ${options.count} scripts after ${maxRequests} requests`, { hint: 'Ask for fewer, or change the prompt.' });
  }
  return [...seen];
}
