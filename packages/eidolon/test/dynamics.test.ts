import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld, defaultMasses } from '../src/index.js';

const DT = 0.01;
const N = 8;
const zeros = (): number[] => new Array<number>(N).fill(0);
const noWind = { amplitude: 0, spatialFrequency: 1, timeFrequency: 1 };

test('heavier axes respond more slowly: velocity decays at c/m, oscillation amplitude at c/(2m), within 2%', () => {
  const masses = defaultMasses(N);
  const c = 0.2;
  // Free agent: velocity after an impulse decays as exp(-c t / m).
  const free = createWorld({ agentCount: 0, damping: new Array<number>(N).fill(c), massGrowth: zeros(), wind: noWind, boundary: { kind: 'none' } }, 1, [{ position: zeros(), velocity: zeros() }]);
  free.applyImpulse(0, new Array<number>(N).fill(0.1)); // an impulse on every axis: v_k = 0.1 / m_k
  const v0 = free.agent(0).velocity;
  free.run(1000, DT);
  const v1 = free.agent(0).velocity;
  masses.forEach((m, k) => {
    const rate = Math.log((v0[k] as number) / (v1[k] as number)) / 10;
    assert.ok(Math.abs(rate / (c / m) - 1) < 0.02, `axis ${k}: velocity rate ${rate} vs ${c / m}`);
  });
  // Harmonic bowl with omega = 1 on every axis: the peak amplitude decays at c / (2 m).
  const cBowl = 1;
  const bowl = createWorld(
    { agentCount: 0, damping: new Array<number>(N).fill(cBowl), massGrowth: zeros(), wind: noWind, boundary: { kind: 'none' }, wells: [{ kind: 'harmonic', centre: zeros(), stiffness: masses }] },
    1,
    [{ position: new Array<number>(N).fill(0.5), velocity: zeros() }],
  );
  const peaks = masses.map(() => [] as { t: number; a: number }[]);
  let prev = bowl.agent(0).position.map(Math.abs);
  const rising = masses.map(() => false);
  for (let i = 1; i <= 40_000; i++) {
    bowl.step(DT);
    const x = bowl.agent(0).position.map(Math.abs);
    x.forEach((a, k) => {
      if (rising[k] && a < (prev[k] as number)) peaks[k]!.push({ t: (i - 1) * DT, a: prev[k] as number });
      rising[k] = a > (prev[k] as number);
    });
    prev = x;
  }
  const rates = peaks.map((p) => Math.log(p[0]!.a / p[p.length - 1]!.a) / (p[p.length - 1]!.t - p[0]!.t));
  rates.forEach((rate, k) => {
    const expected = cBowl / (2 * (masses[k] as number));
    assert.ok(Math.abs(rate / expected - 1) < 0.02, `axis ${k}: amplitude rate ${rate} vs ${expected}`);
    if (k > 0) assert.ok(rate < (rates[k - 1] as number), 'heavier axis decays more slowly');
  });
});

test('mass growth on circuits 5-8 conserves momentum and books the lost kinetic energy as heat', () => {
  const world = createWorld({ agentCount: 1, damping: zeros(), wind: noWind, boundary: { kind: 'none' }, massGrowth: [0, 0, 0, 0, 0.1, 0.1, 0.1, 0.1] }, 2);
  const m0 = world.agent(0).masses;
  const p0 = world.momentum();
  world.run(1000, DT);
  const m1 = world.agent(0).masses;
  m0.forEach((m, k) => (k < 4 ? assert.equal(m1[k], m) : assert.ok((m1[k] as number) > m + 0.99)));
  world.momentum().forEach((p, k) => assert.ok(Math.abs(p - (p0[k] as number)) < 1e-12));
  const r = world.ledger();
  assert.ok(r.heat.massGrowth > 0);
  assert.ok(Math.abs(r.numericalError) < 1e-12 + 1e-6 * Math.abs(r.mechanical0));
});

test('homeostasis: constant-power drive balances dissipation; with the drive off the agent relaxes to the minimum', () => {
  const masses = defaultMasses(N);
  const world = createWorld(
    {
      agentCount: 0,
      damping: masses.map((m) => 0.2 * m),
      massGrowth: zeros(),
      wind: noWind,
      boundary: { kind: 'none' },
      wells: [{ kind: 'harmonic', centre: zeros(), stiffness: masses }],
    },
    3,
    [{ position: new Array<number>(N).fill(0.2), velocity: new Array<number>(N).fill(0.1) }],
  );
  world.setDrive(0, { power: 0.05, minSpeed: 0.01, paidFrom: 'external' });
  world.run(30_000, DT); // burn-in 300 s (velocity relaxation time m/c = 5 s)
  const energies: number[] = [];
  const a = world.ledger();
  for (let i = 0; i < 400; i++) {
    world.run(100, DT);
    energies.push(world.mechanicalEnergy());
  }
  const b = world.ledger();
  const spanSec = b.timeSec - a.timeSec;
  const input = (b.externalWork.drive - a.externalWork.drive) / spanSec;
  const dissipated = (b.heat.total - a.heat.total) / spanSec;
  assert.ok(Math.abs(input / 0.05 - 1) < 0.01, `input power ${input}`);
  assert.ok(Math.abs(dissipated / input - 1) < 0.01, `input ${input} vs dissipated ${dissipated}`);
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const first = mean(energies.slice(0, 200));
  const second = mean(energies.slice(200));
  assert.ok(Math.abs(second / first - 1) < 0.01, `windowed mean energy ${first} -> ${second}`);
  world.setDrive(0, null);
  world.run(30_000, DT); // amplitude decays at c/(2m) = 0.1 /s: e^-30
  const p = world.agent(0);
  assert.ok(Math.hypot(...p.position) < 1e-9, `distance to the minimum ${Math.hypot(...p.position)}`);
  assert.ok(world.kineticEnergy() < 1e-18);
});

test('Langevin thermostat: equipartition <m v_k^2 / 2> = T / 2 per axis, and the ledger still closes', () => {
  const temperature = 0.02;
  const world = createWorld(
    {
      dims: 2,
      agentCount: 16,
      masses: [1, 4],
      damping: [1, 4],
      massGrowth: [0, 0],
      wind: noWind,
      pairwise: { gravity: 0, softening: 1 },
      boundary: { kind: 'none' },
      wells: [{ kind: 'harmonic', centre: [0, 0], stiffness: [1, 2] }],
      thermostat: { kind: 'langevin', temperature },
    },
    8,
  );
  world.run(2000, 0.05); // relaxation time m/c = 1 s
  const sums = [0, 0];
  const samples = 2000;
  for (let s = 0; s < samples; s++) {
    world.run(10, 0.05);
    for (let i = 0; i < world.agentCount; i++) {
      const a = world.agent(i);
      a.velocity.forEach((v, k) => (sums[k]! += 0.5 * a.masses[k]! * v * v));
    }
  }
  sums.forEach((sum, k) => {
    const mean = sum / (samples * world.agentCount);
    assert.ok(Math.abs(mean / (temperature / 2) - 1) < 0.05, `axis ${k}: <K> = ${mean}, T/2 = ${temperature / 2}`);
  });
  const r = world.ledger();
  assert.ok(r.externalWork.thermostat > 0 && r.heat.damping > 0);
  assert.ok(Math.abs(r.numericalError) < 1e-3 * (r.externalWork.thermostat + r.heat.damping), `error ${r.numericalError}`);
});
