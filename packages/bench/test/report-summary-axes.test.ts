/** The summary charts' axes (WER bars, sweeps, calibration) come from d3-scale: round ticks covering every value. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport } from '../src/index.js';
import { summaryAxes } from '../src/report/summary-axes.js';
import type { AxisScale } from '../src/report/chart-data.js';
import { crowdedScatterResults, sampleResults } from './helpers/records.js';

function assertRound(a: AxisScale, covers: readonly number[], what: string): void {
  const t = a.ticks;
  assert.ok(t.length >= 3, `${what}: ${t.length} ticks`);
  const step = (t[1] ?? 0) - (t[0] ?? 0);
  // Every tick a whole multiple of a step that is 1, 2 or 5 times a power of ten.
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  assert.ok([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9), `${what}: step ${step}`);
  assert.ok(t.every((v) => Math.abs(v / step - Math.round(v / step)) < 1e-9), `${what}: ticks ${t.join(',')}`);
  assert.deepEqual(a.labels.map(Number), [...t].map((v) => Number(v.toPrecision(12))), `${what}: labels are the ticks`);
  assert.equal(a.domain[0], 0);
  for (const v of covers) assert.ok(v <= a.domain[1], `${what}: ${v} inside [0, ${a.domain[1]}]`);
}

test('WER bars, sweep and calibration axes: round d3 ticks whose domain covers every bar, CI end and point', () => {
  for (const [name, results] of [['sample', sampleResults()], ['crowded', crowdedScatterResults(7)]] as const) {
    const report = buildReport(results, { iterations: 50 });
    const axes = summaryAxes(report);
    assertRound(axes.werBars, report.summaries.flatMap((s) => [s.wer, s.werCi.upper]), `${name} bars`);
    for (const [key, ax] of Object.entries(axes.sweeps)) {
      const group = report.summaries.filter((s) => `${s.engine} [${s.dataset}]` === key);
      assert.ok(group.length > 0 && group.every((s) => s.swept.length > 0), key);
      assertRound(ax.wer, group.map((s) => s.wer), `${name} ${key} WER`);
      assertRound(ax.rtfx, group.map((s) => s.rtfx), `${name} ${key} RTFx`);
    }
    assert.deepEqual(axes.unit.domain, [0, 1]);
    assert.deepEqual(axes.unit.labels, ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  }
  assert.ok(Object.keys(summaryAxes(buildReport(sampleResults(), { iterations: 50 })).sweeps).length > 0, 'the sample has a sweep group');
});
