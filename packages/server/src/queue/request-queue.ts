/**
 * The bounded request queue: a request is admitted when it arrives (before its upload is read) if fewer than
 * `concurrency + maxWaiting` requests are in the house, else it is refused (429). Admitted requests then take one
 * of `concurrency` decoding slots in arrival order. Every ticket is released exactly once, whatever happens
 * (done, failed, client gone, timed out), so a slot can never leak.
 */
import { RequestAbortedError } from '../api-error.js';

export interface QueueStats {
  /** Admitted requests not yet decoding (uploading or waiting for a slot). */
  readonly waiting: number;
  /** Requests decoding now. */
  readonly running: number;
  readonly capacity: number;
}

/** One admitted request. */
export interface Ticket {
  /** Waits for a decoding slot (in order), runs `work`, frees the slot. Rejects with the signal's reason if aborted while waiting. */
  run<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T>;
  /** Leaves the house; idempotent. Call it in `finally`. */
  release(): void;
}

export class RequestQueue {
  readonly concurrency: number;
  readonly maxWaiting: number;
  /** Admitted tickets that have not taken a slot and are not released. */
  #waiting = 0;
  #running = 0;
  readonly #waiters: (() => void)[] = [];
  /** Exponential moving average of the decoding time, for `Retry-After`. */
  #serviceSec = 1;

  constructor(concurrency: number, maxWaiting: number) {
    this.concurrency = concurrency;
    this.maxWaiting = maxWaiting;
  }

  get stats(): QueueStats {
    return { waiting: this.#waiting, running: this.#running, capacity: this.concurrency + this.maxWaiting };
  }

  /** Seconds after which a refused client may try again: the time to drain the queue once. */
  retryAfterSec(): number {
    return Math.max(1, Math.ceil((this.#serviceSec * (this.maxWaiting + this.concurrency)) / this.concurrency));
  }

  /** A ticket, or `null` when the house is full. */
  tryAdmit(): Ticket | null {
    if (this.#waiting + this.#running >= this.concurrency + this.maxWaiting) return null;
    this.#waiting++;
    let state: 'waiting' | 'running' | 'gone' = 'waiting';
    const release = (): void => {
      // A running ticket frees its slot when its work settles (the CPU is busy until then), not here.
      if (state === 'waiting') this.#waiting--;
      state = 'gone';
    };
    const run = async <T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> => {
      if (state !== 'waiting') throw new Error('a ticket runs once, before it is released');
      await this.#takeSlot(signal);
      if (state !== 'waiting') {
        this.#freeSlot();
        throw new RequestAbortedError('client');
      }
      state = 'running';
      this.#waiting--;
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        this.#serviceSec = 0.8 * this.#serviceSec + 0.2 * ((performance.now() - t0) / 1000);
        this.#freeSlot();
      }
    };
    return { run, release };
  }

  #freeSlot(): void {
    this.#running--;
    const next = this.#waiters.shift();
    if (next !== undefined) next();
  }

  #takeSlot(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    if (this.#running < this.concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        this.#running++;
        resolve();
      };
      const onAbort = (): void => {
        const i = this.#waiters.indexOf(grant);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(grant);
    });
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof RequestAbortedError ? signal.reason : new RequestAbortedError('client');
}
