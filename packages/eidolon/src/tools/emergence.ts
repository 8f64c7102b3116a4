/**
 * Emergence of meaning over recorded trajectories (spec A10.1, A10.2, A10.6), post hoc: it reads the
 * samples and never touches the dynamics ("labelling only names").
 *  - Stabilisation test (A10.1): the self is stable from t* when |dp_k/dt| < epsilon on every axis k
 *    for every sample interval in [t*, t* + T]. Velocities are finite differences of consecutive
 *    samples. Chosen reading of F_k: the self's coordinate on circuit k (the field as the self feels
 *    it); per-axis settling times show whether circuits 1-2 settle before circuit 3.
 *  - Attractors (A10.2): dwell segments (runs of samples with every |dp_k/dt| < epsilon lasting at
 *    least T) are merged greedily, in time order, into attractors when their mean positions lie within
 *    mergeRadius of an attractor's centre. Each is labelled by its two axes of largest |centre_k|.
 */
import { AXES } from '../input/axes.js';
import type { TrajectorySample } from './run-log.js';

export interface EmergenceParams {
  /** Speed bound per axis [position units per simulated second]. */
  readonly epsilon: number;
  /** How long the bound must hold [simulated s]. */
  readonly durationSec: number;
  /** Dwell centres closer than this to an attractor's centre join it. */
  readonly mergeRadius: number;
}

export const DEFAULT_EMERGENCE: EmergenceParams = { epsilon: 0.01, durationSec: 5, mergeRadius: 0.15 };

export interface Attractor {
  readonly centre: readonly number[];
  readonly visits: number;
  readonly dwellSec: number;
  /** e.g. "+safety -status". */
  readonly label: string;
}

/** Per sample interval i (between samples i and i+1): the largest |dp_k/dt| of agent `id`, per axis. */
function speeds(samples: readonly TrajectorySample[], id: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < samples.length; i++) {
    const a = samples[i] as TrajectorySample;
    const b = samples[i + 1] as TrajectorySample;
    const pa = a.positions[id];
    const pb = b.positions[id];
    const dt = b.timeSec - a.timeSec;
    if (pa === undefined || pb === undefined || !(dt > 0)) out.push([Number.POSITIVE_INFINITY]);
    else out.push(pb.map((x, k) => Math.abs(x - (pa[k] as number)) / dt));
  }
  return out;
}

/** Maximal runs [from, to] of sample intervals whose speeds all satisfy `ok`, lasting >= durationSec. */
function runs(samples: readonly TrajectorySample[], v: number[][], ok: (s: number[]) => boolean, durationSec: number): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= v.length; i++) {
    const good = i < v.length && ok(v[i] as number[]);
    if (good && start < 0) start = i;
    if (!good && start >= 0) {
      const span = (samples[i] as TrajectorySample).timeSec - (samples[start] as TrajectorySample).timeSec;
      if (span >= durationSec - 1e-9) out.push([start, i]);
      start = -1;
    }
  }
  return out;
}

/**
 * First time from which agent `id` (default the self) stays stable for durationSec, or null.
 * `axes` restricts the test to some circuits (0-based), e.g. [0, 1] for circuits 1 and 2.
 * @example stabilisationTime(trajectory.samples, DEFAULT_EMERGENCE)
 */
export function stabilisationTime(samples: readonly TrajectorySample[], p: EmergenceParams = DEFAULT_EMERGENCE, axes?: readonly number[], id = 0): number | null {
  const v = speeds(samples, id);
  const ok = (s: number[]): boolean => (axes ?? s.map((_, k) => k)).every((k) => (s[k] ?? Number.POSITIVE_INFINITY) < p.epsilon);
  const first = runs(samples, v, ok, p.durationSec)[0];
  return first === undefined ? null : (samples[first[0]] as TrajectorySample).timeSec;
}

function label(centre: readonly number[]): string {
  return centre
    .map((x, k) => ({ x, k }))
    .sort((a, b) => Math.abs(b.x) - Math.abs(a.x) || a.k - b.k)
    .slice(0, 2)
    .map(({ x, k }) => `${x >= 0 ? '+' : '-'}${AXES[k] ?? `axis${k + 1}`}`)
    .join(' ');
}

/**
 * The attractors agent `id` dwelt in, in order of first visit.
 * @example attractors(trajectory.samples).map((a) => a.label)
 */
export function attractors(samples: readonly TrajectorySample[], p: EmergenceParams = DEFAULT_EMERGENCE, id = 0): Attractor[] {
  const v = speeds(samples, id);
  const dwell = runs(samples, v, (s) => s.every((x) => x < p.epsilon), p.durationSec);
  const found: { sum: number[]; weight: number; visits: number; dwellSec: number }[] = [];
  for (const [from, to] of dwell) {
    const pts = samples.slice(from, to + 1).map((s) => s.positions[id] as number[]);
    const centre = (pts[0] as number[]).map((_, k) => pts.reduce((acc, q) => acc + (q[k] as number), 0) / pts.length);
    const dwellSec = (samples[to] as TrajectorySample).timeSec - (samples[from] as TrajectorySample).timeSec;
    const near = found.find((f) => Math.hypot(...f.sum.map((x, k) => x / f.weight - (centre[k] as number))) < p.mergeRadius);
    if (near === undefined) {
      found.push({ sum: centre.map((x) => x * dwellSec), weight: dwellSec, visits: 1, dwellSec });
    } else {
      centre.forEach((x, k) => (near.sum[k] = (near.sum[k] as number) + x * dwellSec));
      near.weight += dwellSec;
      near.visits++;
      near.dwellSec += dwellSec;
    }
  }
  return found.map((f) => {
    const centre = f.sum.map((x) => x / f.weight);
    return { centre, visits: f.visits, dwellSec: f.dwellSec, label: label(centre) };
  });
}
