/**
 * The naive baseline for the benchmark: the same physics (Plummer wells, pair gravity, soft walls,
 * simplex wind, exact damping half-steps, velocity Verlet) written the obvious way: an array of
 * agent objects holding number[] vectors and small vector helpers that allocate on every call.
 * The wind uses the fast world's own noise and projections, so both runs see the same field, and
 * is computed as the model says (trilinear interpolation of lattice noise values), keeping, per
 * agent and axis, the last cell's 8 corner values (all 8 recomputed when the cell changes) so the
 * baseline does not pay 64 noise calls per agent-step.
 */
import type { World, WellSpec, WorldParams } from '../src/index.js';
import { LATTICE_SPACING } from '../src/forces/wind-lattice.js';
import type { Wind } from '../src/forces/wind.js';

interface NaiveAgent {
  x: number[];
  v: number[];
  m: number[];
  c: number[];
  q: number;
  /** Per axis: the lattice cell [a, b, s] last used and its corner values. */
  windCells: { cell: number[]; corners: number[] }[];
}

const sub = (a: number[], b: readonly number[]): number[] => a.map((x, i) => x - (b[i] as number));
const add = (a: number[], b: number[]): number[] => a.map((x, i) => x + (b[i] as number));
const scale = (a: number[], s: number): number[] => a.map((x) => x * s);
const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

export class NaiveWorld {
  agents: NaiveAgent[];
  t: number;
  private forces: number[][] = [];
  private readonly wind: Wind;
  private readonly projections: { readonly u: number[]; readonly v: number[] }[];

  constructor(
    private readonly params: WorldParams,
    private readonly windSource: World,
  ) {
    this.t = windSource.time;
    this.agents = Array.from({ length: windSource.agentCount }, (_, i) => {
      const a = windSource.agent(i);
      return { x: a.position, v: a.velocity, m: a.masses, c: [...params.damping], q: a.charge, windCells: [] };
    });
    this.wind = windSource.forces.wind;
    this.projections = Array.from({ length: params.dims }, (_, k) => this.wind.projection(k));
    this.forces = this.computeForces();
  }

  private computeForces(): number[][] {
    const p = this.params;
    const forces = this.agents.map((a) => {
      let f = a.x.map(() => 0);
      for (const w of p.wells as WellSpec[]) {
        if (w.kind !== 'plummer') continue;
        const d = sub(a.x, w.centre);
        const r2 = dot(d, d) + w.softening * w.softening;
        f = add(f, scale(d, (-w.strength * a.q) / Math.pow(r2, 1.5)));
      }
      if (p.boundary.kind === 'soft') {
        const { halfWidth: L, stiffness: K } = p.boundary;
        f = f.map((fk, k) => {
          const xk = a.x[k] as number;
          return xk > L ? fk - K * (xk - L) : xk < -L ? fk - K * (xk + L) : fk;
        });
      }
      return add(f, this.windForce(a));
    });
    for (let i = 0; i < this.agents.length; i++) {
      for (let j = i + 1; j < this.agents.length; j++) {
        const ai = this.agents[i] as NaiveAgent;
        const aj = this.agents[j] as NaiveAgent;
        const d = sub(aj.x, ai.x);
        const r2 = dot(d, d) + p.pairwise.softening ** 2;
        const g = scale(d, (p.pairwise.gravity * ai.q * aj.q) / Math.pow(r2, 1.5));
        forces[i] = add(forces[i] as number[], g);
        forces[j] = sub(forces[j] as number[], g);
      }
    }
    return forces;
  }

  /** A * trilinear interpolation of noise4D on the lattice, per axis. */
  private windForce(a: NaiveAgent): number[] {
    const { amplitude, timeFrequency } = this.params.wind;
    const lerp = (p: number, q: number, t: number): number => p + t * (q - p);
    const s = (timeFrequency * this.t) / LATTICE_SPACING;
    return this.projections.map((proj, k) => {
      const la = dot(proj.u, a.x) / LATTICE_SPACING;
      const lb = dot(proj.v, a.x) / LATTICE_SPACING;
      const ia = Math.floor(la), ib = Math.floor(lb), is = Math.floor(s);
      const memo = (a.windCells[k] ??= { cell: [Number.NaN, Number.NaN, Number.NaN], corners: [0, 0, 0, 0, 0, 0, 0, 0] });
      if (memo.cell[0] !== ia || memo.cell[1] !== ib || memo.cell[2] !== is) {
        for (let c = 0; c < 8; c++) {
          memo.corners[c] = this.wind.rawNoise(k, (ia + (c & 1)) * LATTICE_SPACING, (ib + ((c >> 1) & 1)) * LATTICE_SPACING, (is + (c >> 2)) * LATTICE_SPACING);
        }
        memo.cell = [ia, ib, is];
      }
      const c = memo.corners as [number, number, number, number, number, number, number, number];
      const u = la - ia, v = lb - ib, w = s - is;
      const g0 = lerp(lerp(c[0], c[1], u), lerp(c[2], c[3], u), v);
      const g1 = lerp(lerp(c[4], c[5], u), lerp(c[6], c[7], u), v);
      return amplitude * lerp(g0, g1, w);
    });
  }

  step(dt: number): void {
    const damp = (): void => {
      for (const a of this.agents) a.v = a.v.map((vk, k) => vk * Math.exp((-(a.c[k] as number) / (a.m[k] as number)) * dt * 0.5));
    };
    const kick = (): void => {
      this.agents.forEach((a, i) => {
        a.v = add(a.v, (this.forces[i] as number[]).map((fk, k) => (fk / (a.m[k] as number)) * dt * 0.5));
      });
    };
    damp();
    kick();
    for (const a of this.agents) a.x = add(a.x, scale(a.v, dt));
    this.t += dt;
    this.forces = this.computeForces();
    kick();
    damp();
  }
}
