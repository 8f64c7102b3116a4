/**
 * The space mechanisms of one world, wired into its step (spec A5.5): after the drift, (f) collisions
 * (exclusion between agents, then obstacles, repeated until nothing overlaps); before the forces are
 * evaluated, (g) trail decay and deposits (their potential-energy change booked as 'trail' work); after
 * the step, the passive particles. Null parts are off and cost nothing.
 */
import type { Wind } from '../forces/wind.js';
import type { StepTally } from '../integrator/tally.js';
import type { RandomStream } from '../random/xoshiro.js';
import type { AgentStore } from '../state/agents.js';
import { Exclusion } from './exclusion.js';
import { Obstacles } from './obstacles.js';
import { ParticleSystem } from './particles.js';
import type { ParticleLedger } from './particles.js';
import type { SpaceParams } from './space-params.js';
import { TrailMemory } from './trails.js';
import type { TrailLedger } from './trails.js';

/** Collision passes per step before leftover overlaps are pushed apart. */
const MAX_PASSES = 8;

/** The space part of a ledger report (present only when a space mechanism is on). */
export interface SpaceLedger {
  readonly trails: TrailLedger | null;
  readonly particles: ParticleLedger | null;
  /** Bounces off obstacles, agent-agent contacts, and position pushes (bodies found inside at the start of a drift). */
  readonly collisions: { readonly bounces: number; readonly contacts: number; readonly pushOuts: number };
}

export class SpaceModel {
  readonly trails: TrailMemory | null;
  readonly particles: ParticleSystem | null;
  readonly obstacles: Obstacles | null;
  readonly exclusion: Exclusion | null;
  private readonly events = { events: 0 };
  private trailBefore = 0;

  constructor(p: SpaceParams, dims: number, random: RandomStream) {
    this.trails = p.trails.kind === 'deposits' ? new TrailMemory(p.trails, dims) : null;
    this.obstacles = p.obstacles.length > 0 ? new Obstacles(p.obstacles, dims) : null;
    this.exclusion = p.exclusion.kind === 'hard' ? new Exclusion(p.exclusion.radius, p.exclusion.restitution, dims) : null;
    this.particles = p.particles.kind === 'passive' && p.particles.count > 0 ? new ParticleSystem(p.particles, dims, random) : null;
  }

  /** (f) Resolves the agents' last drift against each other and the obstacles; heat into E_int and the tally. */
  collide(store: AgentStore, dtSec: number, tally: StepTally): void {
    if (this.exclusion === null && this.obstacles === null) return;
    let heat = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      this.events.events = 0;
      if (this.exclusion !== null) heat += this.exclusion.resolvePass(store, dtSec, this.events);
      if (this.obstacles !== null) {
        for (let i = 0, base = 0; i < store.count; i++, base += store.dims) {
          if (this.obstacles.containing(store.x, base) < 0) continue;
          this.events.events++;
          const lost = this.obstacles.resolve(store, base, dtSec);
          store.internal[i] = (store.internal[i] as number) + lost;
          heat += lost;
        }
      }
      if (this.events.events === 0) break;
    }
    if (this.events.events !== 0) {
      // Still overlapping after MAX_PASSES (a jam of several contacts, e.g. inelastic clusters): separate
      // by position only, counted as push-outs.
      const moved = this.separate(store);
      if (this.exclusion !== null) this.exclusion.pushOuts += moved;
      else if (this.obstacles !== null) this.obstacles.pushOuts += moved;
    }
    tally.collisionHeat += heat;
  }

  /**
   * Moves agents out of obstacles and apart to the exclusion radius (positions only), for placements:
   * the world books the energy change as placement work. Returns the number of moves.
   */
  separate(store: AgentStore): number {
    let total = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let moved = this.exclusion?.separate(store) ?? 0;
      if (this.obstacles !== null) for (let i = 0; i < store.count; i++) if (this.obstacles.separate(store.x, i * store.dims)) moved++;
      total += moved;
      if (moved === 0) break;
    }
    return total;
  }

  /** (g) Decays the trails and deposits; call before the forces are evaluated at the new positions. */
  advanceTrails(store: AgentStore, dtSec: number): void {
    if (this.trails === null) return;
    this.trailBefore = this.trails.potential(store);
    this.trails.advance(store, dtSec, this.trailBefore);
  }

  /** Books the trail update's potential-energy change once the forces (and trail potential) are re-evaluated. */
  bookTrails(tally: StepTally): void {
    const t = this.trails;
    if (t === null) return;
    const total = t.lastPotential - this.trailBefore;
    t.depositWork += total - t.lastDecayWork;
    tally.trailWork += total;
  }

  /** Particles after the agents' step (they start the step at tSec). */
  stepParticles(dtSec: number, tSec: number, wind: Wind): void {
    if (this.particles !== null) this.particles.step(dtSec, tSec, wind, this.obstacles);
  }

  ledger(): SpaceLedger {
    const o = this.obstacles;
    const x = this.exclusion;
    return {
      trails: this.trails?.ledger() ?? null,
      particles: this.particles?.ledger() ?? null,
      collisions: {
        bounces: o?.bounces ?? 0,
        contacts: x?.contacts ?? 0,
        pushOuts: (o?.pushOuts ?? 0) + (x?.pushOuts ?? 0),
      },
    };
  }

  /** Plain numbers: [trail state length, trail state..., particle state..., counters]. */
  getState(): number[] {
    const t = this.trails?.getState() ?? [];
    const p = this.particles?.getState() ?? [];
    const o = this.obstacles;
    const x = this.exclusion;
    return [t.length, ...t, p.length, ...p, o?.bounces ?? 0, o?.pushOuts ?? 0, x?.contacts ?? 0, x?.pushOuts ?? 0];
  }

  setState(a: readonly number[]): void {
    let j = 0;
    const tLen = a[j++] as number;
    this.trails?.setState(a.slice(j, j + tLen));
    j += tLen;
    const pLen = a[j++] as number;
    this.particles?.setState(a.slice(j, j + pLen));
    j += pLen;
    if (this.obstacles !== null) [this.obstacles.bounces, this.obstacles.pushOuts] = [a[j] as number, a[j + 1] as number];
    if (this.exclusion !== null) [this.exclusion.contacts, this.exclusion.pushOuts] = [a[j + 2] as number, a[j + 3] as number];
  }
}
