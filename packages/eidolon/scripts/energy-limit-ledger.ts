/**
 * Ledger closure with the energy limit (docs/eidolon.md, "Energy-limited motion"): the driven scenario
 * with the acceleration clamp, two drives and a language spring, 50 simulated seconds at dt = 0.01 and
 * 0.001, without the limit and with three budgets. Prints: budget, dt, relative ledger error, limit work,
 * clamp work, scale. Run: npx tsx packages/eidolon/scripts/energy-limit-ledger.ts
 */
import { createWorld } from '../src/index.js';
import { drivenParams } from '../test/scenarios.js';
for (const lim of [null, [1e-4, 1e-3], [1e-2, 1], [Infinity, 1e-3]] as const) {
  for (const dt of [0.01, 0.001]) {
  const w = createWorld({ ...drivenParams(), ...(lim ? { energyLimit: { kind: 'limited' as const, maxPerStep: lim[0]*dt/0.01, internalFraction: lim[1]*dt/0.01 } } : {}), maxAcceleration: 0.5 }, 5);
  w.setDrive(0, { power: 0.2, minSpeed: 0.02, paidFrom: 'external' });
  w.setDrive(1, { power: 0.1, minSpeed: 0.02, paidFrom: 'internal' });
  w.setLanguageTarget(0, new Array<number>(8).fill(0.5), 2, 10);
  w.run(Math.round(50/dt), dt);
  const r = w.ledger();
  console.log(JSON.stringify(lim), dt, r.relativeError.toExponential(2), r.externalWork.limit.toExponential(2), r.externalWork.clamp.toExponential(2), r.scale.toFixed(3));
  }
}
