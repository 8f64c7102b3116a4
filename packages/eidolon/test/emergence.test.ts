import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_EMERGENCE, attractors, stabilisationTime } from '../src/index.js';
import type { TrajectorySample } from '../src/index.js';

const DT = 0.1;

/** A path through waypoints: straight moves of `moveSec`, then rests of `restSec` (2-D, padded to 8-D). */
function path(legs: { to: [number, number]; moveSec: number; restSec: number }[]): TrajectorySample[] {
  const out: TrajectorySample[] = [];
  let p: [number, number] = [0, 0];
  let t = 0;
  const push = (q: [number, number]): void => {
    out.push({ step: out.length, timeSec: t, positions: [[q[0], q[1], 0, 0, 0, 0, 0, 0]], energy: 0 });
    t = Math.round((t + DT) * 1e9) / 1e9;
  };
  for (const leg of legs) {
    const n = Math.round(leg.moveSec / DT);
    for (let i = 0; i < n; i++) push([p[0] + ((leg.to[0] - p[0]) * i) / n, p[1] + ((leg.to[1] - p[1]) * i) / n]);
    p = leg.to;
    for (let i = 0; i < Math.round(leg.restSec / DT); i++) push(p);
  }
  push(p);
  return out;
}

test('A10 stabilisation: the first time the self stays still for T; null when it never does', () => {
  const s = path([{ to: [0.5, 0], moveSec: 4, restSec: 3 }, { to: [0.5, -0.6], moveSec: 2, restSec: 8 }]);
  // Timeline: move 0-4 s, rest 4-7 s, move 7-9 s, rest 9-17 s.
  assert.equal(stabilisationTime(s), 9, 'the 3 s rest is shorter than T = 5 s; the 8 s rest from t = 9 s counts');
  assert.equal(stabilisationTime(s, { ...DEFAULT_EMERGENCE, durationSec: 2 }), 4);
  // Circuit 1 alone settles when the second leg (which moves only circuit 2) starts.
  assert.equal(stabilisationTime(s, DEFAULT_EMERGENCE, [0]), 4);
  const circle = Array.from({ length: 200 }, (_, i): TrajectorySample => ({ step: i, timeSec: i * DT, positions: [[Math.cos(i * DT), Math.sin(i * DT)]], energy: 0 }));
  assert.equal(stabilisationTime(circle), null);
});

test('A10 attractors: dwell places merged by position, counted, labelled by their strongest circuits; deterministic', () => {
  const s = path([
    { to: [0.6, 0.1], moveSec: 3, restSec: 6 },
    { to: [-0.2, -0.7], moveSec: 3, restSec: 6 },
    { to: [0.62, 0.08], moveSec: 3, restSec: 10 },
  ]);
  const a = attractors(s);
  assert.equal(a.length, 2);
  assert.equal(a[0]?.visits, 2);
  assert.equal(a[1]?.visits, 1);
  assert.equal(a[0]?.label, '+safety +status');
  assert.equal(a[1]?.label, '-status -safety');
  assert.ok(Math.abs((a[0]?.centre[0] ?? 0) - (0.6 * 6 + 0.62 * 10) / 16) < 1e-9, 'centre weighted by dwell time');
  assert.ok(Math.abs((a[0]?.dwellSec ?? 0) - 16) < 1e-6);
  assert.deepEqual(attractors(s), a);
  assert.equal(attractors(s, { ...DEFAULT_EMERGENCE, mergeRadius: 0.01 }).length, 3, 'a tight radius keeps the two visits apart');
});
