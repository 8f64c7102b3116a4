/**
 * Long acceptance runs for the physics core (the tests run shorter versions of the same scenarios):
 *   npx tsx packages/eidolon/scripts/acceptance.ts [--steps 1000000]
 * Prints each criterion, the measured number and PASS/FAIL; exits 1 on any failure.
 */
import { createWorld } from '../src/index.js';
import { conservativeParams, drivenParams, harmonicWorld, maxCoordinate, measureEnergy, verletHarmonicMaxError } from '../test/scenarios.js';

const DT = 0.01;
const argSteps = process.argv.indexOf('--steps');
const STEPS = argSteps > 0 ? Number(process.argv[argSteps + 1]) : 1_000_000;
let failures = 0;

function report(name: string, measured: string, pass: boolean): void {
  if (!pass) failures++;
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${measured}`);
}

function progress(label: string): (done: number, total: number) => void {
  return (done, total) => process.stderr.write(`\r${label} ${((100 * done) / total).toFixed(0)}%   `);
}

function conservative(): void {
  const world = createWorld(conservativeParams(), 7);
  const t0 = performance.now();
  const run = measureEnergy(world, STEPS, DT, 10);
  const bound = 2 * (run.omegaMax * DT) ** 2;
  report(
    `1. conservative 8-D, 4 agents, ${STEPS} steps`,
    `E0 = ${run.e0.toFixed(6)}, max |dE|/|E0| = ${run.maxRelError.toExponential(3)} (bound 2 (w_max dt)^2 = ${bound.toExponential(3)}, w_max = ${run.omegaMax.toFixed(3)}), drift = ${run.drift.toExponential(3)} (<= 1e-5); max |x| at the end = ${maxCoordinate(world).toFixed(3)} (bound orbits) [${((performance.now() - t0) / 1000).toFixed(1)} s]`,
    run.maxRelError <= bound && run.drift <= 1e-5 && maxCoordinate(world) < 2,
  );
  const span = 20;
  const errors = [0.02, 0.01, 0.001].map((dt) => measureEnergy(createWorld(conservativeParams(), 3), Math.round(span / dt), dt, 1).maxRelError);
  const ratio = (errors[1] as number) / (errors[2] as number);
  report(
    '1b. second order: max error at dt = 0.02 / 0.01 / 0.001 over 20 s',
    `${errors.map((e) => e.toExponential(3)).join(' / ')}; ratio(0.01 -> 0.001) = ${ratio.toFixed(1)} (~100), ratio(0.02 -> 0.01) = ${((errors[0] as number) / (errors[1] as number)).toFixed(2)} (~4)`,
    ratio > 70 && ratio < 140,
  );
}

function harmonic(): void {
  const expected = verletHarmonicMaxError(1, DT);
  const run = measureEnergy(harmonicWorld(1), STEPS, DT);
  report(
    `2. harmonic oscillator w = 1, dt = 0.01, ${STEPS} steps`,
    `max rel error = ${run.maxRelError.toExponential(5)}, analytic (w dt)^2/4 = ${expected.toExponential(5)} (ratio ${(run.maxRelError / expected).toFixed(5)}); error envelope first/last 10% = ${run.envelopeFirst.toExponential(6)} / ${run.envelopeLast.toExponential(6)} (no drift); difference of window means = ${run.drift.toExponential(2)}`,
    Math.abs(run.maxRelError / expected - 1) <= 0.05 && Math.abs(run.envelopeLast - run.envelopeFirst) < 1e-3 * expected,
  );
}

function driven(): void {
  const world = createWorld(drivenParams(), 5);
  world.setDrive(0, { power: 0.05, minSpeed: 0.02, paidFrom: 'external' });
  world.setDrive(1, { power: 0.01, minSpeed: 0.02, paidFrom: 'internal' });
  const chunks = 100;
  for (let c = 0; c < chunks; c++) {
    if (c % 10 === 0) world.setLanguageTarget(0, new Array<number>(8).fill(0.3 * Math.sin(c)), 1.5, 3);
    world.run(Math.round(STEPS / 10 / chunks), DT, c === 0 ? progress('driven') : undefined);
  }
  const r = world.ledger();
  const scale = Math.abs(r.externalWork.total) + r.heat.total;
  report(
    `3. damping + wind + drives + language spring, ${STEPS / 10} steps`,
    `|E_end - E0 - W_ext - effort + D| = ${Math.abs(r.numericalError).toExponential(3)}, W_ext = ${r.externalWork.total.toFixed(4)}, D = ${r.heat.total.toFixed(4)}, ratio = ${(Math.abs(r.numericalError) / scale).toExponential(3)} (<= 1e-4); violations = ${r.violations}`,
    Math.abs(r.numericalError) <= 1e-4 * scale,
  );
}

function momentum(): void {
  const world = createWorld({ ...conservativeParams(), wells: [], boundary: { kind: 'none' as const }, agentCount: 6, pairwise: { gravity: 0.2, softening: 0.1 } }, 11);
  const p0 = world.momentum();
  world.run(STEPS / 10, DT);
  const p1 = world.momentum();
  const rel = Math.hypot(...p1.map((x, k) => x - (p0[k] as number))) / Math.hypot(...p0);
  report(`4. pair forces only, 6 agents, ${STEPS / 10} steps`, `|P - P0| / |P0| = ${rel.toExponential(3)} (<= 1e-12)`, rel <= 1e-12);
}

conservative();
harmonic();
driven();
momentum();
process.stderr.write('\n');
console.log(failures === 0 ? 'all acceptance runs passed' : `${failures} acceptance run(s) FAILED`);
if (failures > 0) process.exitCode = 1;
