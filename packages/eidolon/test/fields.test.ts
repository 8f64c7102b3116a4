import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlobField, GridField, blobField, gridField } from '../src/index.js';

test('blob field: value and gradient agree with finite differences; diffusion conserves mass; decay is exact', () => {
  const n = 8;
  const f = new BlobField(n, blobField({ diffusion: 0.05, decay: 0 }));
  f.addSource({ centre: new Array<number>(n).fill(0.1), mass: 1, width: 0.4 });
  f.addSource({ centre: new Array<number>(n).fill(-0.2), mass: -0.5, width: 0.3 });
  const x = Float64Array.from({ length: n }, (_, k) => 0.05 * k - 0.1);
  const grad = new Float64Array(n);
  const phi = f.valueAndGradient(x, 0, grad, 0, 1);
  assert.equal(phi, f.value(x, 0));
  const h = 1e-6;
  for (let k = 0; k < n; k++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[k]! += h;
    xm[k]! -= h;
    const fd = (f.value(xp, 0) - f.value(xm, 0)) / (2 * h);
    assert.ok(Math.abs(fd - grad[k]!) < 1e-6 * Math.max(1, Math.abs(fd)), `axis ${k}: ${fd} vs ${grad[k]}`);
  }
  const m0 = f.mass();
  for (let i = 0; i < 100; i++) f.advance(0.1);
  assert.ok(Math.abs(f.mass() - m0) < 1e-15);
  const decaying = new BlobField(n, blobField({ diffusion: 0.05, decay: 0.3 }));
  decaying.addSource({ centre: new Array<number>(n).fill(0), mass: 2, width: 0.5 });
  for (let i = 0; i < 10; i++) decaying.advance(0.1);
  assert.ok(Math.abs(decaying.mass() - 2 * Math.exp(-0.3)) < 1e-14);
  const l = decaying.ledger();
  assert.ok(Math.abs(l.massDecayed - 2 * (1 - Math.exp(-0.3))) < 1e-14);
});

test('blob field energy 1/2 integral phi^2 matches 1-D quadrature; diffusion widens sigma^2 by 2 D t', () => {
  const f = new BlobField(1, blobField({ diffusion: 0.1, decay: 0 }));
  f.addSource({ centre: [0.3], mass: 1.2, width: 0.2 });
  f.addSource({ centre: [-0.1], mass: -0.4, width: 0.5 });
  f.advance(0.5); // variances 0.04 + 0.1 and 0.25 + 0.1
  let e = 0;
  const dx = 1e-3;
  for (let x = -10; x <= 10; x += dx) e += 0.5 * f.value([x], 0) ** 2 * dx;
  assert.ok(Math.abs(e - f.energy()) < 1e-9, `${e} vs ${f.energy()}`);
  const expectedPeak = 1.2 / Math.sqrt(2 * Math.PI * 0.14);
  const single = new BlobField(1, blobField({ diffusion: 0.1, decay: 0 }));
  single.addSource({ centre: [0], mass: 1.2, width: 0.2 });
  single.advance(0.5);
  assert.ok(Math.abs(single.value([0], 0) - expectedPeak) < 1e-14);
});

test('grid backend: a dt above h^2/(2 d D) is rejected or sub-stepped', () => {
  const spec = gridField([32, 32], { diffusion: 0.1, spacing: 0.1, origin: [-1.6, -1.6], dtPolicy: 'reject' });
  const grid = new GridField(spec);
  const bound = (0.1 * 0.1) / (2 * 2 * 0.1);
  assert.ok(Math.abs(grid.stableDt - bound) < 1e-18);
  assert.throws(() => grid.advance(bound * 1.01), { code: 'EIDOLON_UNSTABLE_STEP' });
  grid.advance(bound); // at the bound: accepted
  const sub = new GridField({ ...spec, dtPolicy: 'substep' });
  sub.addSource({ centre: [0, 0], mass: 1, width: 0 });
  sub.advance(bound * 7.5); // 8 sub-steps
  let maxAbs = 0;
  for (const v of sub.values) maxAbs = Math.max(maxAbs, Math.abs(v));
  assert.ok(Number.isFinite(maxAbs) && Math.min(...sub.values) >= 0, 'sub-stepped diffusion stays positive (stable)');
});

for (const boundary of ['periodic', 'no-flux'] as const) {
  for (const shape of [[64], [24, 20], [10, 9, 8]]) {
    test(`grid backend ${shape.length}-D ${boundary}: mass conserved to 1e-12 with zero decay`, () => {
      const d = shape.length;
      const grid = new GridField(gridField(shape, { diffusion: 0.05, decay: 0, spacing: 0.1, origin: shape.map(() => -0.5), boundary }));
      grid.addSource({ centre: shape.map(() => 0.1), mass: 1, width: 0.15 });
      grid.addSource({ centre: shape.map(() => -0.45), mass: 0.5, width: 0 }); // near the edge, cloud-in-cell
      const m0 = grid.mass();
      assert.ok(Math.abs(m0 - 1.5) < 1e-13);
      for (let i = 0; i < 400; i++) grid.advance(grid.stableDt);
      assert.ok(Math.abs(grid.mass() - m0) / m0 <= 1e-12, `${d}-D drift ${Math.abs(grid.mass() - m0) / m0}`);
      const e = grid.ledger();
      assert.ok(e.energyDissipated > 0, 'diffusion dissipates field energy');
    });
  }
}

test('grid backend: decay is exp(-lambda t) and booked; gradient of the interpolant matches finite differences', () => {
  const grid = new GridField(gridField([16, 16], { diffusion: 0.01, decay: 0.5, spacing: 0.125, origin: [-1, -1], boundary: 'no-flux' }));
  grid.addSource({ centre: [0.1, -0.2], mass: 2, width: 0.3 });
  const steps = 10;
  for (let i = 0; i < steps; i++) grid.advance(0.1);
  assert.ok(Math.abs(grid.mass() - 2 * Math.exp(-0.5)) < 1e-12);
  assert.ok(Math.abs(grid.ledger().massDecayed - 2 * (1 - Math.exp(-0.5))) < 1e-12);
  const x = Float64Array.from([0.07, -0.13]);
  const g = new Float64Array(2);
  grid.valueAndGradient(x, 0, g, 0, 1);
  const h = 1e-7;
  for (let a = 0; a < 2; a++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[a]! += h;
    xm[a]! -= h;
    const fd = (grid.value(xp, 0) - grid.value(xm, 0)) / (2 * h);
    assert.ok(Math.abs(fd - g[a]!) < 1e-6, `axis ${a}: ${fd} vs ${g[a]}`);
  }
});
