/**
 * Tokenizers for causal-LM scoring: any function, or a Hugging Face `tokenizer.json` with a WordLevel model or
 * a byte-level BPE model (GPT-2 family, see `bpe-tokenizer.ts`). For others (LLaMA 3, SentencePiece) wrap an
 * existing tokenizer as a function, e.g. `@huggingface/transformers`' `AutoTokenizer` (see docs/metrics.md).
 */
import { readFileSync } from 'node:fs';
import { TokenizerError } from '@cephalon/stt';
import { byteLevelBpeTokenizer } from './bpe-tokenizer.js';

/** Maps text to token ids. */
export interface TextTokenizer {
  /** Reported with every perplexity (which tokenizer the counts refer to). */
  readonly name: string;
  encode(text: string): readonly number[];
}

/**
 * Wraps a function as a tokenizer.
 * @example functionTokenizer('gpt2 (transformers.js)', (t) => hfTokenizer.encode(t, { add_special_tokens: false }))
 */
export function functionTokenizer(name: string, encode: (text: string) => readonly number[]): TextTokenizer {
  return { name, encode };
}

/** Hugging Face `Whitespace` pre-tokenizer: `\w+|[^\w\s]+`. */
const HF_WHITESPACE = /[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]+/gu;
const WHITESPACE = /\s+/u;

interface WordLevelJson {
  model?: { type?: unknown; vocab?: unknown; unk_token?: unknown };
  normalizer?: { type?: unknown } | null;
  pre_tokenizer?: { type?: unknown } | null;
}

function fail(path: string, message: string): TokenizerError {
  return new TokenizerError('tokenizer_unsupported', `${path}: ${message}`, {
    hint: 'Use a WordLevel tokenizer.json, or pass a function tokenizer (functionTokenizer) for BPE models.',
    details: { path },
  });
}

function splitter(path: string, json: WordLevelJson): (text: string) => string[] {
  const pre = json.pre_tokenizer?.type ?? null;
  if (pre === 'Whitespace') return (t) => t.match(HF_WHITESPACE) ?? [];
  if (pre === 'WhitespaceSplit' || pre === null) return (t) => t.split(WHITESPACE).filter((w) => w.length > 0);
  throw fail(path, `pre-tokenizer ${String(pre)} is not supported`);
}

/**
 * A WordLevel tokenizer from parsed `tokenizer.json` content (normalizer: none or Lowercase; pre-tokenizer:
 * Whitespace or WhitespaceSplit).
 * @throws TokenizerError for other tokenizer types or a vocabulary without the unknown token.
 */
export function wordLevelTokenizer(json: unknown, name = 'wordlevel'): TextTokenizer {
  const j = (typeof json === 'object' && json !== null ? json : {}) as WordLevelJson;
  if (j.model?.type !== 'WordLevel') throw fail(name, `model type ${String(j.model?.type)} is not WordLevel`);
  const vocab = new Map<string, number>();
  for (const [word, id] of Object.entries((j.model.vocab ?? {}) as Record<string, unknown>)) {
    if (typeof id === 'number') vocab.set(word, id);
  }
  const unkToken = typeof j.model.unk_token === 'string' ? j.model.unk_token : undefined;
  const unkId = unkToken === undefined ? undefined : vocab.get(unkToken);
  const norm = j.normalizer?.type ?? null;
  if (norm !== null && norm !== 'Lowercase') throw fail(name, `normalizer ${String(norm)} is not supported`);
  const split = splitter(name, j);
  return {
    name,
    encode(text: string): number[] {
      const words = split(norm === 'Lowercase' ? text.toLowerCase() : text);
      return words.map((w) => {
        const id = vocab.get(w) ?? unkId;
        if (id === undefined) throw new TokenizerError('token_unknown', `${name}: "${w}" is not in the vocabulary and there is no unk_token`, { hint: 'Add an unk_token to the tokenizer.' });
        return id;
      });
    },
  };
}

/**
 * Reads a Hugging Face `tokenizer.json`: a WordLevel model, or a byte-level BPE model (GPT-2 family).
 * @throws TokenizerError when unreadable or unsupported.
 */
export function loadTokenizerJson(path: string): TextTokenizer {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new TokenizerError('tokenizer_unreadable', `Cannot read tokenizer ${path}`, { hint: 'Give the path of a tokenizer.json file.', cause, details: { path } });
  }
  const type = (json as WordLevelJson | null)?.model?.type;
  return type === 'BPE' ? byteLevelBpeTokenizer(json, path) : wordLevelTokenizer(json, path);
}
