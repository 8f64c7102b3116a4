/**
 * An independent re-implementation of tiktoken's encoder, used as the reference the tokenizer is checked against
 * (tests and `scripts/parity-tokenizer.ts`; not part of the public API).
 *
 * It works differently from the tokenizer under test: the pre-tokenizer is a hand-written scanner (no regex
 * alternation), and merging uses the *ranks of byte strings* from a `.tiktoken` file (repeatedly merge the
 * adjacent pair whose concatenated bytes has the lowest rank), not a merge list over token ids.
 */
import { readFileSync } from 'node:fs';

/** Ranks of a `.tiktoken` file: one `base64(bytes) rank` per line. */
export interface TiktokenRanks {
  /** latin1 string of the bytes -> rank */
  readonly rankOf: ReadonlyMap<string, number>;
  /** `[n]` bytes of each rank */
  readonly bytesOf: readonly Uint8Array[];
}

export function loadTiktokenRanks(path: string | URL): TiktokenRanks {
  const rankOf = new Map<string, number>();
  const bytesOf: Uint8Array[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const [b64, rankText] = line.split(' ');
    const buffer = Buffer.from(b64 ?? '', 'base64');
    const rank = Number(rankText);
    rankOf.set(buffer.toString('latin1'), rank);
    bytesOf[rank] = new Uint8Array(buffer);
  }
  return { rankOf, bytesOf };
}

/** One char per byte: a cheap exact Map key for a byte string. */
export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Unicode White_Space (what `\s` means in tiktoken's Rust regex), listed by code point. */
const WHITE_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;

type CharClass = 'L' | 'N' | 'S' | 'O';
function classOf(ch: string): CharClass {
  if (WHITE_SPACE.has(ch.codePointAt(0) ?? -1)) return 'S';
  if (LETTER.test(ch)) return 'L';
  return NUMBER.test(ch) ? 'N' : 'O';
}

/**
 * Hand-written scanner with the semantics of the GPT-2 pattern
 * `'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` (leftmost alternative wins).
 */
export function tiktokenSplit(text: string): string[] {
  const cps = Array.from(text);
  const cls = cps.map(classOf);
  const n = cps.length;
  const out: string[] = [];
  let i = 0;
  const runEnd = (from: number, c: CharClass): number => {
    let k = from;
    while (k < n && cls[k] === c) k++;
    return k;
  };
  while (i < n) {
    let end: number;
    const next1 = cps[i + 1];
    const next2 = next1 === undefined ? undefined : next1 + (cps[i + 2] ?? '');
    if (cps[i] === "'" && next1 !== undefined && 'sdmt'.includes(next1) && next1.length === 1) end = i + 2;
    else if (cps[i] === "'" && (next2 === 'll' || next2 === 've' || next2 === 're')) end = i + 3;
    else if (cls[i] !== 'S') end = runEnd(i + 1, cls[i] as CharClass);
    else if (cps[i] === ' ' && i + 1 < n && cls[i + 1] !== 'S') end = runEnd(i + 2, cls[i + 1] as CharClass);
    else {
      const k = runEnd(i, 'S');
      end = k === n ? n : k - i >= 2 ? k - 1 : i + 1;
    }
    out.push(cps.slice(i, end).join(''));
    i = end;
  }
  return out;
}

/**
 * tiktoken's byte-pair merge: start from single bytes; while some adjacent pair's concatenated bytes have a rank
 * (below `maxRank`), merge the leftmost pair of lowest rank. Returns the parts' byte strings (latin1 keys).
 */
export function bytePairMerge(key: string, ranks: TiktokenRanks, maxRank = Infinity): string[] {
  const parts = Array.from({ length: key.length }, (_, i) => key.charAt(i));
  const pairRank = (i: number): number => {
    const r = ranks.rankOf.get((parts[i] as string) + (parts[i + 1] as string));
    return r === undefined || r >= maxRank ? Infinity : r;
  };
  const pr = parts.slice(0, -1).map((_, i) => pairRank(i));
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i < pr.length; i++) {
      if ((pr[i] as number) < bestRank) {
        bestRank = pr[i] as number;
        best = i;
      }
    }
    if (best < 0) return parts;
    parts.splice(best, 2, (parts[best] as string) + (parts[best + 1] as string));
    pr.splice(best, 1);
    if (best < pr.length) pr[best] = pairRank(best);
    if (best > 0) pr[best - 1] = pairRank(best - 1);
  }
}

/** Ids of already-encoded pieces per ranks table (the result for a piece never changes; this only saves time). */
const pieceCache = new WeakMap<TiktokenRanks, Map<string, readonly number[]>>();

/** tiktoken's `encode_ordinary`: split, then a whole piece that is a token is kept, else byte-pair merged. */
export function tiktokenEncode(text: string, ranks: TiktokenRanks): number[] {
  const utf8 = new TextEncoder();
  let cache = pieceCache.get(ranks);
  if (cache === undefined) pieceCache.set(ranks, (cache = new Map()));
  const ids: number[] = [];
  for (const piece of tiktokenSplit(text)) {
    let pieceIds = cache.get(piece);
    if (pieceIds === undefined) {
      const key = latin1(utf8.encode(piece));
      const whole = ranks.rankOf.get(key);
      pieceIds = whole !== undefined ? [whole] : bytePairMerge(key, ranks).map((part) => ranks.rankOf.get(part) as number);
      cache.set(piece, pieceIds);
    }
    ids.push(...pieceIds);
  }
  return ids;
}

/**
 * The merge list equivalent to some ranks (the usual conversion): for every token of two or more bytes, in rank
 * order, byte-pair merge its bytes with the ranks below its own; the two parts left are its merge.
 */
export function deriveMerges(ranks: TiktokenRanks): [Uint8Array, Uint8Array][] {
  const merges: [Uint8Array, Uint8Array][] = [];
  ranks.bytesOf.forEach((bytes, rank) => {
    if (bytes.length < 2) return;
    const parts = bytePairMerge(latin1(bytes), ranks, rank);
    if (parts.length !== 2) throw new RangeError(`rank ${rank} does not split into two tokens (${parts.length} parts)`);
    merges.push(parts.map((p) => ranks.bytesOf[ranks.rankOf.get(p) as number] as Uint8Array) as [Uint8Array, Uint8Array]);
  });
  return merges;
}
