/**
 * The queue of unspoken thoughts (spec B5): candidates generated each tick from the field and the
 * drives, merged by kind and topic, aged, capped. Its total priority is the monologue pressure of B4.
 */

export type ThoughtKind = 'reply' | 'defend' | 'remark-on-shift' | 'bond' | 'ask' | 'downtime';

export interface Thought {
  readonly id: number;
  readonly kind: ThoughtKind;
  /** Who or what it is about (a speaker, 'self', 'operator'). */
  readonly topic: string;
  /** In [0, 1]. */
  readonly priority: number;
  readonly createdMs: number;
  /** The field projection that produced it (position of the self, rounded), for the narrator. */
  readonly position: readonly number[];
  readonly note: string;
}

export interface QueueParams {
  readonly capacity: number;
  /** Priority half-life of a queued thought [s]. */
  readonly halfLifeSec: number;
  /** Thoughts below this priority are forgotten. */
  readonly forgetBelow: number;
}

export const DEFAULT_QUEUE_PARAMS: QueueParams = { capacity: 16, halfLifeSec: 300, forgetBelow: 0.05 };

/** Immutable priority queue of thoughts. */
export class ThoughtQueue {
  constructor(readonly items: readonly Thought[] = []) {}

  /** Adds a thought, or raises the priority of a queued one of the same kind and topic. */
  push(t: Thought, p: QueueParams = DEFAULT_QUEUE_PARAMS): ThoughtQueue {
    const same = this.items.find((x) => x.kind === t.kind && x.topic === t.topic);
    const items = same === undefined ? [...this.items, t] : this.items.map((x) => (x === same ? { ...x, priority: Math.max(x.priority, t.priority), note: t.note, position: t.position } : x));
    return new ThoughtQueue(sorted(items).slice(0, p.capacity));
  }

  /** Ages every priority by dtSec and forgets the faint ones. */
  age(dtSec: number, p: QueueParams = DEFAULT_QUEUE_PARAMS): ThoughtQueue {
    const f = Math.pow(0.5, dtSec / p.halfLifeSec);
    return new ThoughtQueue(this.items.map((x) => ({ ...x, priority: x.priority * f })).filter((x) => x.priority >= p.forgetBelow));
  }

  top(): Thought | undefined {
    return this.items[0];
  }

  remove(id: number): ThoughtQueue {
    return new ThoughtQueue(this.items.filter((x) => x.id !== id));
  }

  /** Monologue pressure q = 1 - exp(-sum of priorities), in [0, 1). */
  pressure(): number {
    return 1 - Math.exp(-this.items.reduce((s, x) => s + x.priority, 0));
  }
}

function sorted(items: readonly Thought[]): Thought[] {
  return [...items].sort((a, b) => b.priority - a.priority || a.id - b.id);
}
