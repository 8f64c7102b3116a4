/**
 * A/B throughput of the bench world (CPU steps/s, best of 5 one-second runs, 1/4/16 agents) for the
 * checkout in the current directory; run it from two checkouts alternately to compare code versions:
 *   (cd OTHER && npx tsx /path/to/ab-steps.ts base); npx tsx packages/eidolon/bench/ab-steps.ts new
 */
const { benchWorld, BENCH_DT } = await import(process.cwd() + '/packages/eidolon/bench/bench-world.ts');
for (const n of [1, 4, 16]) {
  const w = benchWorld(n, 5);
  for (let i = 0; i < 2000; i++) w.step(BENCH_DT);
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage(); let steps = 0;
    do { for (let i = 0; i < 500; i++) w.step(BENCH_DT); steps += 500; } while ((process.cpuUsage(c0).user + process.cpuUsage(c0).system) < 1e6);
    const c = process.cpuUsage(c0); best = Math.max(best, steps / ((c.user + c.system) / 1e6));
  }
  console.log(`${process.argv[2]} agents=${n} cpu steps/s=${(best / 1000).toFixed(1)}k`);
}
