/**
 * The drive-level circuit model's two figures in docs/eidolon.md:
 *  1. ledger closure: relative numerical error of a driven drive-level run (inputs switching every 5 s,
 *     strong modulation, damping, wind, a well, a field) at dt = 0.01 and 0.001, against the same run with
 *     the field model;
 *  2. cost: CPU steps/s of the bench world (bench/bench-world.ts) with the field model and with the
 *     drive-level model (default sites), alternating, best of 5 one-second runs each, and their ratio.
 * Usage: npx tsx --conditions=cephalon-source packages/eidolon/scripts/drive-level.ts
 */
import { blobField, createWorld, driveLevelCircuits } from '../src/index.js';
import type { World, WorldParamsInput } from '../src/index.js';
import { BENCH_DT, benchParams } from '../bench/bench-world.js';

function ledgerRun(dt: number, drive: boolean): { rel: number; circuitWork: number } {
  const params: WorldParamsInput = {
    agentCount: 3,
    wells: [{ kind: 'plummer', centre: new Array<number>(8).fill(0.1), strength: 0.3, softening: 0.3 }],
    fields: [blobField({ initial: { blobs: 3, massStd: 0.3, width: 0.4, spread: 0.5 } })],
    ledger: { checkEvery: 1_000_000_000, tolerance: 1 },
    ...(drive ? { circuits: driveLevelCircuits(8, { modulation: { damping: 2, noise: 2, plasticity: 2, identity: 2, coupling: 2 } }) } : {}),
  };
  const w = createWorld(params, 9);
  const seconds = 60;
  const steps = Math.round(seconds / dt);
  const every = Math.round(5 / dt);
  for (let i = 0; i < steps; i++) {
    if (drive && i % every === 0) {
      const sign = (i / every) % 2 === 0 ? 1 : -1;
      w.setCircuitInput(0, [sign, -sign, 1, sign, sign, -sign, sign, sign], 5);
      w.setCircuitInput(1, [-sign, sign, 0.5, -sign, -sign, sign, -sign, -sign], 5);
    }
    w.step(dt);
  }
  const r = w.ledger();
  return { rel: r.relativeError, circuitWork: r.externalWork.circuits };
}

function cpuRate(w: World): number {
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    let steps = 0;
    let used = 0;
    do {
      for (let i = 0; i < 200; i++) w.step(BENCH_DT);
      steps += 200;
      const c = process.cpuUsage(c0);
      used = (c.user + c.system) / 1e6;
    } while (used < 1);
    best = Math.max(best, steps / used);
  }
  return best;
}

console.log('1. ledger closure, 60 s, 3 agents (relative numerical error |eps_num| / scale)');
for (const dt of [0.01, 0.001]) {
  const f = ledgerRun(dt, false);
  const d = ledgerRun(dt, true);
  console.log(`   dt = ${dt}: field model ${f.rel.toExponential(2)}, drive-level ${d.rel.toExponential(2)} (circuit work booked ${d.circuitWork.toFixed(4)})`);
}
console.log('2. bench world, CPU steps/s, best of 5 one-second runs (field model vs drive-level, default sites)');
for (const n of [1, 4, 16]) {
  const field = createWorld(benchParams(n), 5);
  const drive = createWorld({ ...benchParams(n), circuits: driveLevelCircuits(8) }, 5);
  for (let i = 0; i < 2000; i++) {
    field.step(BENCH_DT);
    drive.step(BENCH_DT);
  }
  let f = 0;
  let d = 0;
  for (let round = 0; round < 2; round++) {
    f = Math.max(f, cpuRate(field));
    d = Math.max(d, cpuRate(drive));
  }
  console.log(`   agents ${n}: field ${(f / 1000).toFixed(1)}k, drive-level ${(d / 1000).toFixed(1)}k, ratio ${(d / f).toFixed(2)}`);
}
