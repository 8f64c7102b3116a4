/**
 * The two-pool resource ledger of research section 3.3: a phoneme pool that word tokens spend from and a pause pool that
 * whitespace/punctuation (and optionally timestamp) tokens spend from (or, in the "credit" reading, pay into). Pure
 * bookkeeping: `initial + credited - spent = balance` for each pool at all times.
 */

export type Pool = 'phon' | 'pause';

/** A pool's state. */
export interface PoolState {
  readonly initial: number;
  readonly spent: number;
  readonly credited: number;
}

/** Balance `B_P = initial - spent + credited` (may go negative: the ledger is a soft constraint). */
export function balance(p: PoolState): number {
  return p.initial - p.spent + p.credited;
}

/** Immutable ledger (each beam carries its own; a step returns a new one). */
export interface Ledger {
  readonly phon: PoolState;
  readonly pause: PoolState;
}

export function openLedger(phonBudget: number, pauseBudget: number): Ledger {
  return { phon: { initial: phonBudget, spent: 0, credited: 0 }, pause: { initial: pauseBudget, spent: 0, credited: 0 } };
}

/** Debits `amount` (>= 0) from `pool`. */
export function spend(l: Ledger, pool: Pool, amount: number): Ledger {
  if (amount === 0) return l;
  const p = l[pool];
  return { ...l, [pool]: { ...p, spent: p.spent + amount } };
}

/** Credits `amount` (>= 0) to `pool`. */
export function credit(l: Ledger, pool: Pool, amount: number): Ledger {
  if (amount === 0) return l;
  const p = l[pool];
  return { ...l, [pool]: { ...p, credited: p.credited + amount } };
}

/** Which pools count in the cost (each term switchable). */
export interface LedgerCostOptions {
  readonly phonemes: boolean;
  readonly pauses: boolean;
  /** Weight of the unspent-budget term (section 3.4, `mu`); 0 = only the overdraft counts. */
  readonly mu: number;
}

/** `C_ledger = sum_P max(0, -B_P)^2 + mu * sum_P max(0, B_P)` over the switched-on pools (section 3.4). */
export function ledgerCost(l: Ledger, o: LedgerCostOptions): number {
  let c = 0;
  for (const [on, p] of [[o.phonemes, l.phon], [o.pauses, l.pause]] as const) {
    if (!on) continue;
    const b = balance(p);
    c += b < 0 ? b * b : o.mu * b;
  }
  return c;
}
