/**
 * The integrator's kernels on the flat agent arrays. A velocity-Verlet step with damping split
 * symmetrically around it (O B A B O, the Langevin "OBABO" splitting):
 *   O(h): v <- e^{-c/m h} v (+ sqrt((1 - e^{-2c/m h}) T / m) xi with a thermostat),  h = dt/2
 *   B(h): v <- v + h F(x)/m     A(dt): x <- x + dt v
 * Every kernel books the energy it moves exactly: O books (1/2) m (v_before^2 - v_after^2) as
 * heat; B books h F_j . (v_before + v_after)/2 for each non-conservative force F_j, which is
 * exactly that force's share of the kinetic-energy change of the kick.
 */
import type { RandomStream } from '../random/xoshiro.js';
import type { AgentStore } from '../state/agents.js';
import type { StepTally } from './tally.js';

/** Recomputes store.dampFactor = exp(-c_k / m_k * h) for every component. */
export function refreshDampFactors(store: AgentStore, h: number): void {
  const total = store.count * store.dims;
  for (let i = 0; i < total; i++) {
    store.dampFactor[i] = Math.exp(-((store.damping[i] as number) * (store.invM[i] as number)) * h);
  }
}

/** O-step: exact exponential damping (and optional Langevin noise at temperature T). Heat goes to E_int. */
export function dampStep(store: AgentStore, tally: StepTally, temperature: number, random: RandomStream | null): void {
  const n = store.dims;
  const v = store.v;
  const m = store.m;
  const d = store.dampFactor;
  let heatAll = 0;
  let noiseAll = 0;
  for (let i = 0, base = 0; i < store.count; i++, base += n) {
    let heat = 0;
    for (let k = base; k < base + n; k++) {
      const vb = v[k] as number;
      const dk = d[k] as number;
      const va = vb * dk;
      heat += (m[k] as number) * (vb * vb - va * va);
      v[k] = va;
    }
    heat *= 0.5;
    store.internal[i] = (store.internal[i] as number) + heat;
    heatAll += heat;
    if (random !== null && temperature > 0) noiseAll += addNoise(store, base, temperature, random);
  }
  tally.dampingHeat += heatAll;
  tally.thermostatWork += noiseAll;
}

function addNoise(store: AgentStore, base: number, temperature: number, random: RandomStream): number {
  let work = 0;
  for (let k = base; k < base + store.dims; k++) {
    const dk = store.dampFactor[k] as number;
    const sigma = Math.sqrt((1 - dk * dk) * temperature * (store.invM[k] as number));
    const vb = store.v[k] as number;
    const va = vb + sigma * random.nextGaussian();
    work += 0.5 * (store.m[k] as number) * (va * va - vb * vb);
    store.v[k] = va;
  }
  return work;
}

/** B-step: v += h s (F_C + F_X + F_D [+ F_L]) / m, booking each non-conservative force's work exactly. */
export function kick(store: AgentStore, h: number, tally: StepTally, languageOn: Uint8Array): void {
  const n = store.dims;
  const { v, invM, fC, fX, fD } = store;
  const w = KICK_WORK;
  let wind = 0;
  let drive = 0;
  let effort = 0;
  let clamp = 0;
  for (let i = 0, base = 0; i < store.count; i++, base += n) {
    const s = store.clampScale[i] as number;
    const hs = h * s;
    let wX = 0;
    let wC = 0;
    let wD = 0;
    if (languageOn[i] === 1) {
      kickWithLanguage(store, base, hs, w);
      wC = w[0] as number;
      wX = w[1] as number;
      wD = w[2] as number;
      tally.languageWork += 0.5 * hs * (w[3] as number);
    } else {
      for (let k = base; k < base + n; k++) {
        const fc = fC[k] as number;
        const fx = fX[k] as number;
        const fd = fD[k] as number;
        const vb = v[k] as number;
        const va = vb + hs * (fc + fx + fd) * (invM[k] as number);
        v[k] = va;
        const vSum = vb + va;
        wC += fc * vSum;
        wX += fx * vSum;
        wD += fd * vSum;
      }
    }
    wind += 0.5 * hs * wX;
    if (s !== 1) clamp -= 0.5 * h * (1 - s) * wC;
    if (wD !== 0) {
      const wDrive = 0.5 * hs * wD;
      if ((store.driveInternal[i] as number) !== 0) {
        effort += wDrive;
        store.internal[i] = (store.internal[i] as number) - wDrive;
      } else {
        drive += wDrive;
      }
    }
  }
  tally.windWork += wind;
  tally.driveWork += drive;
  tally.effort += effort;
  tally.clampWork += clamp;
}

/** Scratch for kickWithLanguage: sums of F . (v_before + v_after) for fC, fX, fD, fL. */
const KICK_WORK = new Float64Array(4);

function kickWithLanguage(store: AgentStore, base: number, hs: number, w: Float64Array): void {
  const { v, invM, fC, fX, fD, fL } = store;
  w.fill(0);
  for (let k = base; k < base + store.dims; k++) {
    const fc = fC[k] as number;
    const fx = fX[k] as number;
    const fd = fD[k] as number;
    const fl = fL[k] as number;
    const vb = v[k] as number;
    const va = vb + hs * (fc + fx + fd + fl) * (invM[k] as number);
    v[k] = va;
    const vSum = vb + va;
    w[0] = (w[0] as number) + fc * vSum;
    w[1] = (w[1] as number) + fx * vSum;
    w[2] = (w[2] as number) + fd * vSum;
    w[3] = (w[3] as number) + fl * vSum;
  }
}

/** A-step: x += dt v. */
export function drift(store: AgentStore, dt: number): void {
  const total = store.count * store.dims;
  const { x, v } = store;
  for (let i = 0; i < total; i++) x[i] = (x[i] as number) + dt * (v[i] as number);
}

/**
 * Mass growth dm_k/dt = kappa_k (1 + |v_k|) at constant momentum (accretion of mass at rest):
 * v' = v m / m', so kinetic energy falls by (1/2)(m v^2 - m' v'^2), booked as heat into E_int.
 */
export function growMasses(store: AgentStore, dt: number, hDamp: number, tally: StepTally): void {
  const n = store.dims;
  let heatAll = 0;
  for (let i = 0, base = 0; i < store.count; i++, base += n) {
    let heat = 0;
    for (let k = base; k < base + n; k++) {
      const kappa = store.massGrowth[k] as number;
      if (kappa === 0) continue;
      const m = store.m[k] as number;
      const vb = store.v[k] as number;
      const m2 = m + dt * kappa * (1 + Math.abs(vb));
      const va = (vb * m) / m2;
      heat += 0.5 * (m * vb * vb - m2 * va * va);
      store.m[k] = m2;
      store.invM[k] = 1 / m2;
      store.v[k] = va;
      store.dampFactor[k] = Math.exp(-((store.damping[k] as number) / m2) * hDamp);
    }
    store.internal[i] = (store.internal[i] as number) + heat;
    heatAll += heat;
  }
  tally.massGrowthHeat += heatAll;
}

/** Kinetic energy sum (1/2) m v^2 over all agents. */
export function kineticEnergy(store: AgentStore): number {
  const total = store.count * store.dims;
  let e = 0;
  for (let i = 0; i < total; i++) e += (store.m[i] as number) * (store.v[i] as number) ** 2;
  return 0.5 * e;
}
