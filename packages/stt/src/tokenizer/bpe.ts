/**
 * Byte-pair encoding over token ids with a merge list (GPT-2 / Hugging Face `BPE` model semantics):
 * start from one token per byte, then repeatedly apply the merge of lowest rank among adjacent pairs
 * (leftmost first on ties) until no adjacent pair has a merge.
 *
 * Runs in O(n log n) per piece of n bytes (a linked list of symbols and a heap of candidate merges), and
 * caches the ids of pieces already seen.
 */
import { NumberMinHeap } from './number-heap.js';
import { BYTE_VALUES } from './byte-level.js';
import { PairRankTable } from './pair-table.js';

/** One merge rule: tokens `left` and `right`, when adjacent, become `merged`. Its rank is its list index. */
export interface MergeRule {
  readonly left: number;
  readonly right: number;
  readonly merged: number;
}

/** Heap keys are `rank * HEAP_POSITION_BASE + position`: lowest rank first, then leftmost. */
const HEAP_POSITION_BASE = 2 ** 31;
/** Pieces cached before the cache is cleared (bounds memory on endless streams of new words). */
const MAX_CACHE_ENTRIES = 100_000;

export class BytePairEncoder {
  private readonly rankOfPair: PairRankTable;
  private readonly mergedOfRank: Int32Array;
  private readonly cache = new Map<string, readonly number[]>();
  private readonly utf8 = new TextEncoder();
  private readonly heap = new NumberMinHeap();
  private scratch = { ids: new Int32Array(64), next: new Int32Array(64), prev: new Int32Array(64) };

  /**
   * @param byteToId `[256]` id of the single-byte token for each byte value.
   * @param merges merge rules in priority order (rank = index).
   */
  constructor(
    private readonly byteToId: Int32Array,
    merges: readonly MergeRule[],
  ) {
    if (byteToId.length !== BYTE_VALUES) throw new RangeError(`byteToId must have ${BYTE_VALUES} entries`);
    this.mergedOfRank = new Int32Array(merges.length);
    this.rankOfPair = new PairRankTable(merges.length);
    merges.forEach((m, rank) => {
      this.rankOfPair.setIfAbsent(m.left, m.right, rank);
      this.mergedOfRank[rank] = m.merged;
    });
  }

  /** Ids of one pre-tokenized piece of text. */
  encodePiece(piece: string): readonly number[] {
    const hit = this.cache.get(piece);
    if (hit !== undefined) return hit;
    const ids = this.encodeBytes(this.utf8.encode(piece));
    if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear();
    this.cache.set(piece, ids);
    return ids;
  }

  /** Ids of a byte string, merged by rank. */
  encodeBytes(bytes: Uint8Array): number[] {
    const n = bytes.length;
    if (n === 0) return [];
    if (n === 1) return [this.byteToId[bytes[0] as number] as number];
    const { ids, next, prev } = this.scratchFor(n);
    for (let i = 0; i < n; i++) {
      ids[i] = this.byteToId[bytes[i] as number] as number;
      // Doubly linked list of live symbols; a merged pair keeps the left position; prev -2 marks a dead one.
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    const heap = this.heap;
    heap.clear();
    for (let i = 0; i + 1 < n; i++) this.pushPair(ids, i, i + 1);
    for (let key = heap.pop(); key !== undefined; key = heap.pop()) {
      const rank = Math.floor(key / HEAP_POSITION_BASE);
      const left = key - rank * HEAP_POSITION_BASE;
      const right = next[left] as number;
      // Stale entry: the left symbol was absorbed or its pair changed since it was pushed.
      if (prev[left] === -2 || right < 0 || this.rankOf(ids[left] as number, ids[right] as number) !== rank) continue;
      ids[left] = this.mergedOfRank[rank] as number;
      const after = next[right] as number;
      next[left] = after;
      if (after >= 0) prev[after] = left;
      prev[right] = -2;
      const before = prev[left] as number;
      if (before >= 0) this.pushPair(ids, before, left);
      if (after >= 0) this.pushPair(ids, left, after);
    }
    const out: number[] = [];
    for (let i = 0; i >= 0; i = next[i] as number) out.push(ids[i] as number);
    return out;
  }

  /** Reused work arrays of at least `n` entries (no allocation per piece). */
  private scratchFor(n: number): { ids: Int32Array; next: Int32Array; prev: Int32Array } {
    if (this.scratch.ids.length < n) {
      const size = Math.max(n, this.scratch.ids.length * 2);
      this.scratch = { ids: new Int32Array(size), next: new Int32Array(size), prev: new Int32Array(size) };
    }
    return this.scratch;
  }

  private rankOf(left: number, right: number): number {
    return this.rankOfPair.get(left, right);
  }

  private pushPair(ids: Int32Array, left: number, right: number): void {
    const rank = this.rankOf(ids[left] as number, ids[right] as number);
    if (rank >= 0) this.heap.push(rank * HEAP_POSITION_BASE + left);
  }
}
