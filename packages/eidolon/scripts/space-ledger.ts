/**
 * Ledger closure of the space mechanisms (docs/eidolon.md, "Space"): for each mechanism alone, a 2-D
 * world of 6 agents in a harmonic bowl (damping 0.05, soft walls, wind, pair gravity: the defaults),
 * 50 simulated seconds at dt = 0.01 and 0.005; prints the ledger's numerical error (absolute and
 * relative to the ledger's scale) and the collision counts. Then the resting-contact case (3 agents,
 * e = 0, pair attraction, no other forces) at three dt.
 *   npx tsx --conditions=cephalon-source packages/eidolon/scripts/space-ledger.ts
 */
import { createWorld, defaultSpaceParams, particleSpec, trailSpec } from '../src/index.js';
import type { SpaceParams } from '../src/index.js';

const variants: Record<string, Partial<SpaceParams>> = {
  'trails (g = +0.05, shared)': { trails: trailSpec({ coupling: 0.05 }) },
  'trails (g = -0.05, individual)': { trails: trailSpec({ coupling: -0.05, shared: false }) },
  'obstacles (sphere + box, e = 1)': {
    obstacles: [
      { kind: 'sphere', centre: [0.3, 0.2], radius: 0.2, restitution: 1 },
      { kind: 'box', min: [-0.6, -0.6], max: [-0.3, -0.2], restitution: 1 },
    ],
  },
  'obstacles (sphere + box, e = 0.5)': {
    obstacles: [
      { kind: 'sphere', centre: [0.3, 0.2], radius: 0.2, restitution: 0.5 },
      { kind: 'box', min: [-0.6, -0.6], max: [-0.3, -0.2], restitution: 0.5 },
    ],
  },
  'exclusion (R = 0.1, e = 1)': { exclusion: { kind: 'hard', radius: 0.1, restitution: 1 } },
  'particles (64, with the wind)': { particles: particleSpec() },
};

console.log('mechanism | dt | numerical error | relative | bounces | contacts | pushOuts');
for (const [name, space] of Object.entries(variants)) {
  for (const dt of [0.01, 0.005]) {
    const world = createWorld(
      {
        dims: 2,
        agentCount: 6,
        damping: [0.05, 0.05],
        initialSpeed: 0.3,
        wells: [{ kind: 'harmonic', centre: [0, 0], stiffness: 0.5 }],
        space: { ...defaultSpaceParams(), ...space },
      },
      3,
    );
    world.run(Math.round(50 / dt), dt);
    const r = world.ledger();
    const c = r.space?.collisions;
    console.log(`${name} | ${dt} | ${r.numericalError.toExponential(2)} | ${r.relativeError.toExponential(2)} | ${c?.bounces} | ${c?.contacts} | ${c?.pushOuts}`);
    if (r.space?.particles) console.log(`  particles' own ledger error ${r.space.particles.error.toExponential(2)} (wind work ${r.space.particles.windWork.toExponential(2)})`);
  }
}

console.log('\nresting contacts: 3 agents, e = 0, pair gravity 0.05, no other forces, 4 s');
for (const dt of [0.01, 0.005, 0.0025]) {
  const world = createWorld(
    {
      dims: 2, agentCount: 3, initialSpread: 0.6, initialSpeed: 0.5, damping: [0, 0], massGrowth: [0, 0], masses: [1, 1.5],
      wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0 }, boundary: { kind: 'none' }, pairwise: { gravity: 0.05, softening: 0.2 },
      internalEnergy: { initial: 0, leakRate: 0 }, space: { ...defaultSpaceParams(), exclusion: { kind: 'hard', radius: 0.15, restitution: 0 } },
    },
    2144337904,
  );
  world.run(Math.round(4 / dt), dt);
  const r = world.ledger();
  console.log(`dt ${dt}: numerical error ${r.numericalError.toExponential(3)}, collision heat ${r.heat.collision.toExponential(3)}, contacts ${r.space?.collisions.contacts}`);
}
