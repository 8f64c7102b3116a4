/**
 * An open-addressing hash table from a pair of token ids to a merge rank, on typed arrays: several times
 * faster than a `Map` with large numeric keys in the BPE inner loop.
 */
export class PairRankTable {
  private readonly lefts: Int32Array;
  private readonly rights: Int32Array;
  private readonly ranks: Int32Array;
  private readonly mask: number;

  /** @param capacityHint number of pairs that will be stored. */
  constructor(capacityHint: number) {
    let size = 16;
    while (size < capacityHint * 2) size *= 2;
    this.lefts = new Int32Array(size).fill(-1);
    this.rights = new Int32Array(size);
    this.ranks = new Int32Array(size);
    this.mask = size - 1;
  }

  private slot(left: number, right: number): number {
    return (Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca77)) & this.mask;
  }

  /** Stores `rank` for the pair unless the pair already has one (the first, highest-priority merge wins). */
  setIfAbsent(left: number, right: number, rank: number): void {
    for (let i = this.slot(left, right); ; i = (i + 1) & this.mask) {
      const l = this.lefts[i] as number;
      if (l === -1) {
        this.lefts[i] = left;
        this.rights[i] = right;
        this.ranks[i] = rank;
        return;
      }
      if (l === left && this.rights[i] === right) return;
    }
  }

  /** Rank of the pair, or -1 when the pair has no merge. */
  get(left: number, right: number): number {
    for (let i = this.slot(left, right); ; i = (i + 1) & this.mask) {
      const l = this.lefts[i] as number;
      if (l === -1) return -1;
      if (l === left && this.rights[i] === right) return this.ranks[i] as number;
    }
  }
}
