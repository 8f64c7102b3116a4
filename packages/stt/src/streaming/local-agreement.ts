/**
 * LocalAgreement-n (Macháček et al., whisper_streaming): keep the uncommitted tail of the last n hypotheses and
 * commit their longest common prefix, comparing words by their normalised key (case and punctuation ignored).
 * Committed words take the times and spelling of the newest hypothesis, clamped so that commits never go back
 * in time or overlap. Pure: no audio, no engine.
 */
import { wordKey } from '../stitching/index.js';
import { committedPrefixLength } from './committed-prefix.js';
import type { StreamWord } from './types.js';

export class LocalAgreement {
  readonly n: number;
  /** Uncommitted tails of the last (up to) n hypotheses, oldest first. */
  private tails: StreamWord[][] = [];
  /** Committed words whose audio is still in the buffer (re-heard by every new hypothesis). */
  private inBuffer: StreamWord[] = [];
  private lastEnd = Number.NEGATIVE_INFINITY;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`LocalAgreement: n must be a whole number >= 1, got ${n}`);
    this.n = n;
  }

  /** End time of the last committed word (-Infinity before the first commit). */
  get lastCommittedEndSec(): number {
    return this.lastEnd;
  }

  /** The newest hypothesis' words that are not committed yet. */
  get pending(): readonly StreamWord[] {
    return this.tails[this.tails.length - 1] ?? [];
  }

  /** Committed words still inside the buffer. */
  get committedInBuffer(): readonly StreamWord[] {
    return this.inBuffer;
  }

  /** Adds a hypothesis (absolute times) and returns the words committed by it (possibly none). */
  insert(words: readonly StreamWord[]): StreamWord[] {
    const skip = committedPrefixLength(words, this.inBuffer, this.lastEnd);
    this.tails.push(words.slice(skip));
    if (this.tails.length > this.n) this.tails.shift();
    if (this.tails.length < this.n) return [];
    const newest = this.tails[this.tails.length - 1] as StreamWord[];
    let k = 0;
    while (k < newest.length && this.tails.every((t) => t[k] !== undefined && wordKey((t[k] as StreamWord).text) === wordKey((newest[k] as StreamWord).text))) k++;
    return this.commit(k, true);
  }

  /** Commits the first `count` pending words of the newest hypothesis without agreement. */
  commitPending(count = this.pending.length): StreamWord[] {
    return this.commit(Math.min(count, this.pending.length), false);
  }

  /** Forgets committed words that end at or before `sec` (the buffer was cut there). */
  trimmedAt(sec: number): void {
    this.inBuffer = this.inBuffer.filter((w) => w.endSec > sec);
  }

  /** Starts a new utterance: no hypotheses, nothing committed in the (emptied) buffer. Keeps the last commit time. */
  reset(): void {
    this.tails = [];
    this.inBuffer = [];
  }

  /** Commits the first `k` words of the newest tail; older tails keep step only when they agreed on them. */
  private commit(k: number, agreed: boolean): StreamWord[] {
    if (k === 0) return [];
    const newest = this.tails[this.tails.length - 1] as StreamWord[];
    const out: StreamWord[] = [];
    for (const w of newest.slice(0, k)) {
      const startSec = Math.max(w.startSec, this.lastEnd);
      const endSec = Math.max(w.endSec, startSec);
      out.push({ ...w, startSec, endSec });
      this.lastEnd = endSec;
    }
    this.tails = agreed ? this.tails.map((t) => t.slice(k)) : [newest.slice(k)];
    this.inBuffer.push(...out);
    return out;
  }
}
