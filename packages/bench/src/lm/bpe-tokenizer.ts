/**
 * Byte-level BPE from a Hugging Face `tokenizer.json` (GPT-2, GPT-Neo, GPT-J and Whisper vocabularies):
 * added tokens are matched first, the rest is split with the GPT-2 pre-tokenizer pattern, each piece's UTF-8
 * bytes are mapped to printable characters (GPT-2 `bytes_to_unicode`), then merged by rank.
 * Not covered: other pre-tokenizers (e.g. LLaMA 3's split pattern), dropout, byte fallback; pass a function
 * tokenizer for those.
 */
import { TokenizerError } from '@cephalon/stt';
import type { TextTokenizer } from './tokenizers.js';

/** GPT-2's pre-tokenizer pattern (contractions, letters, numbers, other symbols, spaces). */
const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const PAIR_SEPARATOR = '\u0000';

/** GPT-2 `bytes_to_unicode`: byte -> printable character (printable Latin-1 bytes map to themselves). */
function byteToChar(): string[] {
  const direct = (b: number): boolean => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const out: string[] = [];
  let shifted = 0;
  for (let b = 0; b < 256; b += 1) {
    out.push(String.fromCodePoint(direct(b) ? b : 256 + shifted));
    if (!direct(b)) shifted += 1;
  }
  return out;
}
const BYTE_TO_CHAR = byteToChar();

interface BpeJson {
  model?: { type?: unknown; vocab?: unknown; merges?: unknown };
  pre_tokenizer?: { type?: unknown; use_regex?: unknown; add_prefix_space?: unknown } | null;
  added_tokens?: unknown;
}

function unsupported(name: string, message: string): TokenizerError {
  return new TokenizerError('tokenizer_unsupported', `${name}: ${message}`, {
    hint: 'Byte-level BPE with the GPT-2 pre-tokenizer is supported; pass a function tokenizer for others.',
    details: { path: name },
  });
}

function mergeRanks(merges: unknown, name: string): Map<string, number> {
  if (!Array.isArray(merges)) throw unsupported(name, 'model.merges is missing');
  const ranks = new Map<string, number>();
  merges.forEach((m: unknown, rank) => {
    const pair = typeof m === 'string' ? m.split(' ') : m;
    if (!Array.isArray(pair) || pair.length !== 2) throw unsupported(name, `merge #${rank} is not a pair`);
    ranks.set(`${String(pair[0])}${PAIR_SEPARATOR}${String(pair[1])}`, rank);
  });
  return ranks;
}

/** Merges the symbols of one pre-tokenized piece by rank until no listed pair remains. */
function bpe(symbols: string[], ranks: ReadonlyMap<string, number>): string[] {
  for (;;) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let k = 0; k + 1 < symbols.length; k += 1) {
      const r = ranks.get(`${symbols[k]}${PAIR_SEPARATOR}${symbols[k + 1]}`);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = k;
      }
    }
    if (best < 0) return symbols;
    const [a, b] = [symbols[best], symbols[best + 1]];
    const merged: string[] = [];
    for (let k = 0; k < symbols.length; k += 1) {
      if (k + 1 < symbols.length && symbols[k] === a && symbols[k + 1] === b) {
        merged.push(`${a}${b}`);
        k += 1;
      } else merged.push(symbols[k] ?? '');
    }
    symbols = merged;
  }
}

function addedTokens(json: BpeJson): Map<string, number> {
  const out = new Map<string, number>();
  if (!Array.isArray(json.added_tokens)) return out;
  for (const t of json.added_tokens as { content?: unknown; id?: unknown }[]) {
    if (typeof t.content === 'string' && typeof t.id === 'number') out.set(t.content, t.id);
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A byte-level BPE tokenizer from parsed `tokenizer.json` content (no special tokens added around the text).
 * @throws TokenizerError for other model or pre-tokenizer types.
 */
export function byteLevelBpeTokenizer(json: unknown, name = 'bpe'): TextTokenizer {
  const j = (typeof json === 'object' && json !== null ? json : {}) as BpeJson;
  if (j.model?.type !== 'BPE') throw unsupported(name, `model type ${String(j.model?.type)} is not BPE`);
  const pre = j.pre_tokenizer;
  if (pre?.type !== 'ByteLevel' || pre.use_regex === false) throw unsupported(name, `pre-tokenizer ${String(pre?.type)} is not ByteLevel with the GPT-2 pattern`);
  const prefixSpace = pre.add_prefix_space === true;
  const vocab = new Map(Object.entries((j.model.vocab ?? {}) as Record<string, number>));
  const ranks = mergeRanks(j.model.merges, name);
  const added = addedTokens(j);
  const addedPattern = added.size === 0 ? null : new RegExp(`(${[...added.keys()].sort((a, b) => b.length - a.length).map(escapeRegex).join('|')})`, 'u');
  const cache = new Map<string, number[]>();
  const encoder = new TextEncoder();
  const encodePiece = (piece: string): number[] => {
    const hit = cache.get(piece);
    if (hit !== undefined) return hit;
    const symbols = bpe(Array.from(encoder.encode(piece), (b) => BYTE_TO_CHAR[b] ?? ''), ranks);
    const ids = symbols.map((s) => {
      const id = vocab.get(s);
      if (id === undefined) throw new TokenizerError('token_unknown', `${name}: BPE symbol "${s}" is not in the vocabulary`, { hint: 'The tokenizer.json is inconsistent.' });
      return id;
    });
    cache.set(piece, ids);
    return ids;
  };
  return {
    name,
    encode(text: string): number[] {
      const parts = addedPattern === null ? [text] : text.split(addedPattern);
      const out: number[] = [];
      parts.forEach((part, k) => {
        const special = k % 2 === 1 ? added.get(part) : undefined;
        if (special !== undefined) out.push(special);
        else {
          const t = prefixSpace && k === 0 && part.length > 0 && !part.startsWith(' ') ? ` ${part}` : part;
          for (const m of t.matchAll(GPT2_PATTERN)) out.push(...encodePiece(m[0]));
        }
      });
      return out;
    },
  };
}
