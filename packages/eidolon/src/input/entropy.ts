/**
 * Entropy S(t) of the input stream (spec A12.1.3, A12.3). Definition chosen: each event is reduced
 * to a symbol (modality, speaker, and the sign pattern of its push: per circuit +, - or 0 with a dead
 * zone), and
 *   S(t) = N(t) * H(p_hat) = N log2 N - sum_x c_x log2 c_x   [bits]
 * with c_x the counts of the N symbols seen up to t and H the Shannon entropy of their empirical
 * distribution: the total information of the stream under its own symbol statistics.
 * Why this form: it needs no free constant (no alphabet size, no prior), it is deterministic and
 * independent of the scorer's exact numbers below the dead zone, and it never decreases (A12.3):
 * adding one symbol with count c <= N changes S by
 *   (N+1) log(N+1) - N log N - [(c+1) log(c+1) - c log c] >= 0,
 * because x log x is convex; it is 0 exactly when every event so far had the same symbol. Between
 * events S is constant, so "computed every tick" is reading the accumulator.
 */
import type { ScoredEvent } from './scored-event.js';

/** x log2 x with 0 log 0 = 0. */
function xlog2x(x: number): number {
  return x > 0 ? x * Math.log2(x) : 0;
}

/** The symbol of one event; `deadZone` is the |push| below which a circuit counts as 0. */
export function eventSymbol(e: ScoredEvent, deadZone: number): string {
  const ev = e.event;
  let pattern = '';
  if (e.score !== null) {
    for (const a of e.score.affect) pattern += a > deadZone ? '+' : a < -deadZone ? '-' : '0';
  } else if (ev.modality === 'world') {
    pattern = `${ev.content.kind}${ev.content.intensity > deadZone ? '+' : ev.content.intensity < -deadZone ? '-' : '0'}`;
  }
  return `${ev.modality}|${ev.speaker}|${pattern}`;
}

/** What one event added. */
export interface EntropyStep {
  readonly symbol: string;
  /** S after the event minus S before it [bits], >= 0. */
  readonly deltaBits: number;
  readonly totalBits: number;
}

/**
 * Accumulates S(t) over the events applied so far.
 * @example const s = new InputEntropy(); for (const e of scored) s.add(e); s.bits
 */
export class InputEntropy {
  private readonly counts = new Map<string, number>();
  private n = 0;
  private sumClogC = 0;
  private total = 0;

  constructor(readonly deadZone = 0.2) {}

  /** S(t) in bits. */
  get bits(): number {
    return this.total;
  }
  /** Events counted. */
  get events(): number {
    return this.n;
  }
  /** Distinct symbols seen. */
  get symbols(): number {
    return this.counts.size;
  }
  /** Entropy of the empirical distribution, S / N [bits per event] (0 before any event). */
  get perEvent(): number {
    return this.n === 0 ? 0 : this.total / this.n;
  }

  /** Books one event; returns its symbol and what it added. */
  add(e: ScoredEvent): EntropyStep {
    const symbol = eventSymbol(e, this.deadZone);
    const c = this.counts.get(symbol) ?? 0;
    this.counts.set(symbol, c + 1);
    this.sumClogC += xlog2x(c + 1) - xlog2x(c);
    this.n++;
    // Recomputed from the sums (not accumulated deltas) so S is exact for any N; clamp the round-off
    // of the all-same-symbol case (where it is 0) at the previous value so S never steps down.
    const next = Math.max(this.total, xlog2x(this.n) - this.sumClogC);
    const delta = next - this.total;
    this.total = next;
    return { symbol, deltaBits: delta, totalBits: next };
  }
}
