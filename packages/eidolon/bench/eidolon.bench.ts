/**
 * npm run bench:eidolon — world steps per second for 1, 4, 16 and 64 agents (8-D, six wells,
 * wind, pair gravity, damping, soft walls), against a naive array-of-objects baseline in the same
 * run. Throughput = world steps per second with that many agents (one step advances all of them).
 * Both wall-clock and process CPU time are reported: the machine is shared, so CPU time is the
 * fairer measure of the code. Each rate is the best of REPEATS equal runs (fast and naive alike),
 * since other processes only ever slow a run down. The answer is checked: both implementations
 * must agree.
 */
import { BENCH_DT, benchParams, benchWorld } from './bench-world.js';
import { NaiveWorld } from './naive-world.js';
import { createWorld, resolveParams } from '../src/index.js';
import type { World } from '../src/index.js';

const AGENT_COUNTS = [1, 4, 16, 64] as const;
const TARGETS: Record<number, number> = { 1: 1_500_000, 4: 350_000, 16: 100_000, 64: 20_000 };
const MIN_SPEEDUP = 2;
const CHECK_STEPS = 200;
const AGREE_TOL = 1e-9;
const WARM_UP_SEC = 0.3;
/** Timed runs per measurement; the best rate of each kind is reported. */
const REPEATS = 3;

interface Timing {
  readonly wallPerSec: number;
  readonly cpuPerSec: number;
}

/** Times `steps` calls of step(); returns world steps per second by wall clock and by CPU time. */
function time(stepper: { step(dt: number): void }, steps: number): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) stepper.step(BENCH_DT);
  const wallSec = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  return { wallPerSec: steps / wallSec, cpuPerSec: steps / cpuSec };
}

/** The best wall and CPU rates over REPEATS runs of `steps` steps. */
function best(stepper: { step(dt: number): void }, steps: number): Timing {
  let wallPerSec = 0;
  let cpuPerSec = 0;
  for (let r = 0; r < REPEATS; r++) {
    const t = time(stepper, steps);
    wallPerSec = Math.max(wallPerSec, t.wallPerSec);
    cpuPerSec = Math.max(cpuPerSec, t.cpuPerSec);
  }
  return { wallPerSec, cpuPerSec };
}

/** Steps until `seconds` of CPU time have passed, so the JIT has optimised the hot loops. */
function warmUp(stepper: { step(dt: number): void }, seconds: number): void {
  const cpu0 = process.cpuUsage();
  for (;;) {
    for (let i = 0; i < 50; i++) stepper.step(BENCH_DT);
    const c = process.cpuUsage(cpu0);
    if ((c.user + c.system) / 1e6 >= seconds) return;
  }
}

/** Runs fast and naive side by side from the same state and returns the largest position difference. */
function agreement(agents: number): number {
  const fast: World = benchWorld(agents, 5);
  const naive = new NaiveWorld(resolveParams(benchParams(agents)), fast);
  for (let i = 0; i < CHECK_STEPS; i++) {
    fast.step(BENCH_DT);
    naive.step(BENCH_DT);
  }
  let maxDiff = 0;
  naive.agents.forEach((a, i) => {
    const p = fast.agent(i).position;
    a.x.forEach((x, k) => (maxDiff = Math.max(maxDiff, Math.abs(x - (p[k] as number)))));
  });
  return maxDiff;
}

function main(): void {
  const load = (process.env.BENCH_SECONDS ?? '').length > 0 ? Number(process.env.BENCH_SECONDS) : 1.5;
  console.log(`eidolon bench: 8-D, 6 wells, wind, pairs, damping, soft walls; dt = ${BENCH_DT}; ~${load} s per measurement, best of ${REPEATS} runs`);
  console.log('agents | fast steps/s (wall) | fast steps/s (cpu) | naive steps/s (cpu) | speedup (cpu) | target | max |dx| fast vs naive | fast, wind off (cpu)');
  let ok = true;
  for (const n of AGENT_COUNTS) {
    const diff = agreement(n);
    const fast = benchWorld(n);
    warmUp(fast, WARM_UP_SEC);
    const probe = time(fast, 2000);
    const fastSteps = Math.max(1000, Math.round((probe.cpuPerSec * load) / REPEATS));
    const f = best(fast, fastSteps);
    const naive = new NaiveWorld(resolveParams(benchParams(n)), benchWorld(n));
    warmUp(naive, WARM_UP_SEC);
    const nprobe = time(naive, 50);
    const nv = best(naive, Math.max(100, Math.round((nprobe.cpuPerSec * load * 0.5) / REPEATS)));
    const speedup = f.cpuPerSec / nv.cpuPerSec;
    const calm = createWorld({ ...benchParams(n), wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0.1 } }, 1);
    warmUp(calm, WARM_UP_SEC);
    const c = best(calm, fastSteps);
    const target = TARGETS[n] ?? 0;
    const agree = diff < AGREE_TOL;
    ok &&= agree && speedup >= MIN_SPEEDUP;
    console.log(
      `${String(n).padStart(6)} | ${fmt(f.wallPerSec).padStart(19)} | ${fmt(f.cpuPerSec).padStart(18)} | ${fmt(nv.cpuPerSec).padStart(19)} | ` +
        `${speedup.toFixed(1).padStart(12)}x | ${fmt(target).padStart(6)} ${f.cpuPerSec >= target ? 'met' : 'MISSED'} | ${diff.toExponential(1)}${agree ? '' : ' DISAGREE'} | ${fmt(c.cpuPerSec)}`,
    );
  }
  console.log(ok ? 'answers agree and fast >= 2x naive at every size' : 'FAILED: disagreement or speedup below 2x');
  if (!ok) process.exitCode = 1;
}

function fmt(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0);
}

main();
