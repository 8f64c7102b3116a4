import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld, restoreWorld } from '../src/index.js';
import type { World, WorldParamsInput } from '../src/index.js';
import { limitScale } from '../src/integrator/energy-limit.js';
import { drivenParams } from './scenarios.js';

const DT = 0.01;

function agentKinetic(world: World, id: number): number {
  const a = world.agent(id);
  return a.velocity.reduce((e, v, k) => e + 0.5 * (a.masses[k] as number) * v * v, 0);
}

/** Driven scenario (well, wind, damping, mass growth) with the limit on; drives make it bind often. */
function limited(maxPerStep: number, internalFraction: number): WorldParamsInput {
  return { ...drivenParams(), energyLimit: { kind: 'limited', maxPerStep, internalFraction } };
}

function drive(world: World): void {
  world.setDrive(0, { power: 0.2, minSpeed: 0.02, paidFrom: 'external' });
  world.setDrive(1, { power: 0.1, minSpeed: 0.02, paidFrom: 'internal' });
}

test('limitScale: the largest s in [0, 1] with s B + s^2 A <= budget', () => {
  for (const [a, b, budget] of [[1, 1, 0.5], [2, -1, 0.3], [0.5, 3, 0], [1, -2, 0], [0, 2, 0.5], [1e-12, 1e-3, 1e-6]] as const) {
    const s = limitScale(a, b, budget);
    assert.ok(s >= 0 && s <= 1, `s = ${s}`);
    const dk = s * b + s * s * a;
    assert.ok(dk <= budget + 1e-15, `dK(s) = ${dk} > ${budget}`);
    if (b + a > budget) assert.ok(Math.abs(dk - budget) < 1e-12 || s === 0, `binding: dK(s) = ${dk} should equal ${budget}`);
  }
  assert.equal(limitScale(1, 1, 5), 1, 'not binding: the kick is unchanged');
});

test('energy limit: no step raises an agent\'s kinetic energy by more than E_avail = min(cap, f * E_int); off, the same run does', () => {
  const cap = 2e-4;
  const f = 1e-3;
  const run = (on: boolean): { worst: number; binding: number } => {
    const world = createWorld(on ? limited(cap, f) : drivenParams(), 4);
    drive(world);
    let worst = -Infinity;
    let binding = 0;
    let withheld = 0;
    for (let step = 0; step < 3000; step++) {
      const before = [0, 1].map((id) => ({ k: agentKinetic(world, id), avail: Math.min(cap, f * Math.max(0, world.agent(id).internalEnergy)) }));
      world.step(DT);
      for (const id of [0, 1]) {
        const b = before[id] as { k: number; avail: number };
        worst = Math.max(worst, agentKinetic(world, id) - b.k - b.avail);
      }
      const w = world.ledger().externalWork.limit;
      if (w !== withheld) binding++;
      withheld = w;
    }
    return { worst, binding };
  };
  const on = run(true);
  assert.ok(on.worst <= 1e-13, `with the limit, the worst excess is ${on.worst}`);
  assert.ok(on.binding > 100, `the limit binds (in ${on.binding} of 3000 steps)`);
  assert.ok(run(false).worst > 1e-6, 'without the limit the same run exceeds the bound (the test can fail)');
});

test('energy limit: the ledger still closes every check, with the withheld work booked as "limit"', () => {
  // Same tolerance as the clamp's ledger test; the same run without the limit ends at 2.5e-5.
  const world = createWorld({ ...limited(1e-4, 1e-3), ledger: { checkEvery: 100, tolerance: 1e-4 }, maxAcceleration: 0.5 }, 5);
  drive(world);
  let checks = 0;
  let violations = 0;
  world.onEvent((e) => {
    if (e.kind === 'ledger-check') checks++;
    if (e.kind === 'ledger-violation') violations++;
  });
  world.setLanguageTarget(0, new Array<number>(8).fill(0.5), 2, 10);
  world.run(5000, DT);
  const r = world.ledger();
  assert.equal(checks, 50);
  assert.equal(violations, 0, `relative error ${r.relativeError}`);
  assert.ok(r.externalWork.limit !== 0, 'the limit withheld work');
  assert.ok(r.externalWork.limit < -1, `the limit removed ${-r.externalWork.limit} of kinetic energy`);
  // Internal energy closes exactly too (the internally paid drive spends it).
  const eInt = r.internal0 + r.heat.total - r.effort - r.leak;
  assert.ok(Math.abs(r.internal - eInt) <= 1e-12 * Math.max(1, Math.abs(r.internal)));
});

test('energy limit: an agent with no internal energy gains no kinetic energy and barely moves', () => {
  const start = new Array<number>(8).fill(0.4);
  const moved = (params: WorldParamsInput): { k: number; dist: number } => {
    const world = createWorld({ ...params, agentCount: 0, internalEnergy: { initial: 0, leakRate: 0 } }, 1);
    world.addAgent({ position: start, velocity: new Array<number>(8).fill(0), internalEnergy: 0 });
    world.run(500, DT);
    return { k: world.kineticEnergy(), dist: Math.hypot(...world.agent(0).position.map((x, k) => x - (start[k] as number))) };
  };
  const tired = moved(limited(Infinity, 0.5));
  const free = moved(drivenParams());
  assert.equal(tired.k, 0, 'in a well and wind, without energy its velocity is reset to 0 every step');
  assert.ok(free.k > 1e-4, 'the same agent without the limit speeds up');
  // Within a step the drift still moves it by dt * (dt/2) * a (the velocity the kick gave before the limit
  // took it back), so it creeps down the gradient instead of falling.
  assert.ok(tired.dist < 0.05 * free.dist, `crept ${tired.dist} vs fell ${free.dist}`);
});

test('energy limit: deterministic, and a snapshot continues bit-identically', () => {
  const make = (): World => {
    const w = createWorld(limited(1e-4, 1e-3), 11);
    drive(w);
    return w;
  };
  const a = make();
  const b = make();
  a.run(1500, DT);
  b.run(1500, DT);
  assert.equal(a.stateHash(), b.stateHash());
  const c = restoreWorld(JSON.parse(JSON.stringify(a.snapshot())));
  a.run(1500, DT);
  c.run(1500, DT);
  assert.equal(c.stateHash(), a.stateHash());
  assert.notEqual(a.stateHash(), createWorld(drivenParams(), 11).stateHash());
});
