/**
 * Theory of mind by placement (spec A8): every speaker becomes an agent in the same field and the same
 * coordinates as the self (the eight circuit scores). A new speaker is placed at its scored affect; a
 * known one is moved a step towards it, the step scaled by the score's confidence. The world books
 * the energy change as placement work; the pair forces of A4.4 then act between them and the self.
 */
import type { World } from '../sim/index.js';
import { embed } from '../input/perturb.js';

export interface PlacementParams {
  /** Fraction of the way towards the scored affect a known speaker moves per message, times confidence. */
  readonly followRate: number;
  /** Scale from affect ([-1, 1]) to field position. */
  readonly positionScale: number;
  /** Charge of a new speaker (its coupling G q in the pair forces). */
  readonly charge: number;
}

export const DEFAULT_PLACEMENT: PlacementParams = { followRate: 0.5, positionScale: 0.8, charge: 1 };

/** Speaker name -> agent id, in the order speakers first appeared. */
export class OtherMinds {
  private readonly ids = new Map<string, number>();

  constructor(entries: readonly (readonly [string, number])[] = []) {
    for (const [name, id] of entries) this.ids.set(name, id);
  }

  /** The agent id of a speaker, if placed. */
  idOf(speaker: string): number | undefined {
    return this.ids.get(speaker);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Plain JSON for persistence; `new OtherMinds(entries)` restores it. */
  entries(): [string, number][] {
    return [...this.ids.entries()];
  }

  /**
   * Places a new speaker or moves a known one towards its scored affect; returns its agent id.
   * @example minds.place(world, 'ada', score.affect, score.confidence)
   */
  place(world: World, speaker: string, affect: ArrayLike<number>, confidence: number, p: PlacementParams = DEFAULT_PLACEMENT): number {
    const target = embed(affect, world.dims).map((x) => x * p.positionScale + 0);
    const known = this.ids.get(speaker);
    if (known === undefined) {
      const id = world.addAgent({ position: target, velocity: new Array<number>(world.dims).fill(0), charge: p.charge, windGain: 0 });
      this.ids.set(speaker, id);
      return id;
    }
    const here = world.agent(known).position;
    const rate = p.followRate * Math.max(0, Math.min(1, confidence));
    world.placeAgent(known, here.map((x, k) => x + rate * ((target[k] ?? 0) - x) + 0));
    return known;
  }
}
