import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNoise4D } from 'simplex-noise';
import { deriveStream } from '../random/xoshiro.js';
import { createWorld } from '../sim/world.js';
import { LATTICE_SCALE, LATTICE_SPACING, WindMemo, latticeNoise } from './wind-lattice.js';

const OFFSET = 42.5;

function seededNoise(seed: number): ReturnType<typeof createNoise4D> {
  const r = deriveStream(seed, 'wind-test');
  return createNoise4D(() => r.nextFloat());
}

test('the lattice wind equals the package noise at the nodes and stays within 3 % RMS of it between them', () => {
  const noise = seededNoise(1);
  const memo = new WindMemo(1);
  for (const [ia, ib, is] of [[0, 0, 0], [-3, 7, 2], [40, -41, 1000]] as const) {
    assert.equal(latticeNoise(memo, 0, noise, ia, ib, is, OFFSET), noise(ia * LATTICE_SPACING, ib * LATTICE_SPACING, is * LATTICE_SPACING, OFFSET));
  }
  const r = deriveStream(2, 'points');
  let err2 = 0;
  let ref2 = 0;
  for (let i = 0; i < 20_000; i++) {
    const a = 10 * r.nextFloat() - 5, b = 10 * r.nextFloat() - 5, s = 10 * r.nextFloat();
    const exact = noise(a, b, s, OFFSET);
    const lattice = latticeNoise(memo, 0, noise, a * LATTICE_SCALE, b * LATTICE_SCALE, s * LATTICE_SCALE, OFFSET);
    err2 += (lattice - exact) ** 2;
    ref2 += exact ** 2;
  }
  const relRms = Math.sqrt(err2 / ref2);
  assert.ok(relRms > 0 && relRms < 0.03, `relative RMS interpolation error ${relRms}`);
});

test('the corner memo is transparent: a slow walk across cells gives the bits of a fresh evaluation', () => {
  const noise = seededNoise(3);
  const memo = new WindMemo(2);
  const r = deriveStream(4, 'walk');
  let a = 0.3, b = -1.2, s = 0;
  let crossings = 0;
  let last = '';
  for (let i = 0; i < 5000; i++) {
    a += 0.02 * (r.nextFloat() - 0.5);
    b += 0.02 * (r.nextFloat() - 0.5);
    s += 0.004;
    const la = a * LATTICE_SCALE, lb = b * LATTICE_SCALE, ls = s * LATTICE_SCALE;
    const cell = `${Math.floor(la)},${Math.floor(lb)},${Math.floor(ls)}`;
    if (cell !== last) crossings++;
    last = cell;
    assert.equal(latticeNoise(memo, 1, noise, la, lb, ls, OFFSET), latticeNoise(new WindMemo(1), 0, noise, la, lb, ls, OFFSET));
  }
  assert.ok(crossings > 100, `the walk crossed ${crossings} cells`);
});

for (const dims of [8, 3]) {
  test(`the wind force on agents equals windAt(position) times windGain, bit for bit (${dims}-D)`, () => {
    const world = createWorld({ dims, agentCount: 3, wind: { amplitude: 0.2, spatialFrequency: 2, timeFrequency: 1 } }, 7);
    world.addAgent({ windGain: 0.5 }); // a power of two, so gain * (A * N) and (A * gain) * N round alike
    world.run(300, 0.01);
    for (let i = 0; i < world.agentCount; i++) {
      const gain = world.store.windGain[i] as number;
      const expected = world.windAt(world.agent(i).position).map((w) => gain * w);
      const actual = Array.from(world.store.fX.subarray(i * dims, (i + 1) * dims));
      assert.deepEqual(actual, expected);
    }
  });
}
