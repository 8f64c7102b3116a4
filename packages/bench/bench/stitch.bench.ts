/**
 * Stitching benchmark (`npm run bench:stitch`): simulated chunked runs over a fixed suite (see bench/stitch/),
 * every merge algorithm with and without the repetition cleanup, scored against the reference; then the cleanup on
 * the real prototype outputs of stt-test-data.md. Exits 1 when an acceptance check fails.
 */
import { performance } from 'node:perf_hooks';
import { fixtureCriterion, meetsCriterion } from './stitch/fixture-criterion.js';
import { ALL_FIXTURES, evaluateFixtures, fixtureNormalizer } from './stitch/fixtures-eval.js';
import { add, provenanceOf, score, ZERO, type Counts } from './stitch/score.js';
import { readFixture, buildSuite, buildTextOnlySuite, PIPELINES, runPipeline, TEXT_ONLY_PIPELINES, ZERO_OVERLAP_SETTINGS, type Pipeline, type SimCase } from './stitch/suite.js';

const pct = (n: number, d: number): string => ((100 * n) / Math.max(1, d)).toFixed(2);

interface SuiteTotals {
  readonly totals: Map<string, Counts>;
  readonly unchunked: Counts;
}

function runSuite(title: string, suite: readonly SimCase[], pipelines: readonly Pipeline[] = PIPELINES): SuiteTotals {
  const totals = new Map<string, Counts>();
  const loopTotals = new Map<string, Counts>();
  const ms = new Map<string, number>();
  let unchunked = ZERO;
  for (const c of suite) {
    const base = { referenceText: c.referenceText, referenceCount: c.reference.length, genuine: c.genuine };
    unchunked = add(unchunked, score({ ...base, text: c.unchunked.text, prov: c.unchunked.prov, provBeforeCleanup: c.unchunked.prov }));
    for (const p of pipelines) {
      const t0 = performance.now();
      const out = runPipeline(p, c.windows);
      ms.set(p.name, (ms.get(p.name) ?? 0) + performance.now() - t0);
      const s = score({ ...base, text: out.text, prov: provenanceOf(out.final, c.windows), provBeforeCleanup: provenanceOf(out.merged, c.windows) });
      totals.set(p.name, add(totals.get(p.name) ?? ZERO, s));
      if (c.loops) loopTotals.set(p.name, add(loopTotals.get(p.name) ?? ZERO, s));
    }
  }
  const refWords = suite.reduce((s, c) => s + c.reference.length, 0);
  const names = [...new Set(suite.map((c) => c.name.split(' ')[0]))].join(', ');
  console.log(`\n${title}: ${suite.length} cases (window/overlap ${names}; 3 seeds${suite.some((c) => c.loops) ? '; with and without loops' : ''}), ${refWords} reference words, ${suite.reduce((s, c) => s + c.windows.length, 0)} windows`);
  console.log('| pipeline | WER % | duplicated % | dropped % | dup+drop words | false removals | loop words left (loop cases) | time vs lcs |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(`| unchunked reference hypothesis | ${pct(unchunked.errors, unchunked.referenceWords)} | ${pct(unchunked.duplicated, refWords)} | ${pct(unchunked.dropped, refWords)} | ${unchunked.duplicated + unchunked.dropped} | - | - | - |`);
  const lcsMs = ms.get('lcs') ?? 1;
  for (const p of pipelines) {
    const t = totals.get(p.name) ?? ZERO;
    const l = loopTotals.get(p.name) ?? ZERO;
    console.log(`| ${p.name} | ${pct(t.errors, t.referenceWords)} | ${pct(t.duplicated, refWords)} | ${pct(t.dropped, refWords)} | ${t.duplicated + t.dropped} | ${p.cleanup !== null ? t.falseRemovals : '-'} | ${l.loopWordsLeft} | ${((ms.get(p.name) ?? 0) / lcsMs).toFixed(1)}x |`);
  }
  return { totals, unchunked };
}

function main(): number {
  const main = runSuite('default suite', buildSuite());
  runSuite('zero-overlap suite (diagnostic, not in the acceptance checks)', buildSuite(ZERO_OVERLAP_SETTINGS));
  const text = runSuite('text-only suite (no word times; echoed passage of ~10-60 words starting at word 2-5)', buildTextOnlySuite(), TEXT_ONLY_PIPELINES);
  return checkAcceptance(main.totals, main.unchunked) + checkTextOnly(main.totals, text.totals) + reportFixtures();
}

/** Without decoded times the default merge must be at least as good as `lcs` (WER and duplicated + dropped words). */
function checkTextOnly(main: ReadonlyMap<string, Counts>, text: ReadonlyMap<string, Counts>): number {
  const wer = (c: Counts | undefined): number => (100 * (c?.errors ?? 0)) / Math.max(1, c?.referenceWords ?? 0);
  const dd = (c: Counts | undefined): number => (c?.duplicated ?? 0) + (c?.dropped ?? 0);
  const pairs: [string, ReadonlyMap<string, Counts>, string, string][] = [
    ['text-only suite', text, 'timed, no timestamps', 'lcs'],
    ['text-only suite', text, 'timed, no timestamps + cleanup', 'lcs + cleanup'],
    ['default suite', main, 'timed, no timestamps', 'lcs'],
    ['default suite', main, 'timed, no timestamps + cleanup', 'lcs + cleanup'],
  ];
  console.log('\ntext-only acceptance (default merge without word times vs lcs):');
  let failed = 0;
  for (const [suite, totals, ours, base] of pairs) {
    const a = totals.get(ours);
    const b = totals.get(base);
    const ok = wer(a) <= wer(b) && dd(a) <= dd(b);
    if (!ok) failed++;
    console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${suite}: ${ours} WER ${wer(a).toFixed(2)} % / ${dd(a)} dup+drop vs ${base} ${wer(b).toFixed(2)} % / ${dd(b)}`);
  }
  return failed;
}

function checkAcceptance(totals: ReadonlyMap<string, Counts>, unchunked: Counts): number {
  const lcs = totals.get('lcs') ?? ZERO;
  const best = totals.get('timed + cleanup') ?? ZERO;
  const dd = (c: Counts): number => c.duplicated + c.dropped;
  const reduction = 1 - dd(best) / Math.max(1, dd(lcs));
  const werGap = (100 * best.errors) / best.referenceWords - (100 * unchunked.errors) / unchunked.referenceWords;
  const checks: [string, boolean][] = [
    [`timed + cleanup has ${(100 * reduction).toFixed(1)}% fewer duplicated + dropped words than lcs (>= 50%)`, reduction >= 0.5],
    [`timed + cleanup WER is ${werGap.toFixed(2)} points above the unchunked hypothesis (<= 0.5)`, werGap <= 0.5],
    [`false removals of genuine repeats: ${best.falseRemovals} (must be 0)`, best.falseRemovals === 0],
    [`loop words left in loop cases: ${best.loopWordsLeft} (must be 0)`, best.loopWordsLeft === 0],
  ];
  console.log('\nacceptance:');
  for (const [label, ok] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${label}`);
  return checks.filter(([, ok]) => !ok).length;
}

function reportFixtures(): number {
  const rows = evaluateFixtures();
  console.log(`\ncleanup on the prototype outputs (stt-test-data.md), WER against fixture 0, normaliser ${fixtureNormalizer().label} (diagnostic):`);
  console.log('| fixture | WER before % | WER after % | removals |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.id} | ${(100 * r.werBefore).toFixed(1)} | ${(100 * r.werAfter).toFixed(1)} | ${r.removals} |`);
  const reference = readFixture('00');
  console.log('\nrestated criterion (issue 12): duplicated / dropped words against the reference alignment, before -> after the cleanup:');
  console.log('| fixture | words | removed | duplicated before | duplicated after | dropped: lost | dropped: chance hit of a removed copy | dropped: realigned | verdict |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  let failed = 0;
  for (const id of ALL_FIXTURES) {
    const r = fixtureCriterion(id, readFixture(id), reference);
    const ok = meetsCriterion(r);
    if (!ok) failed++;
    const verdict = ok ? (r.chanceHit + r.realigned > 0 ? 'PASS (alignment artefacts only)' : 'PASS') : 'FAIL';
    console.log(`| ${r.id} | ${r.words} | ${r.removedWords} | ${r.duplicatedBefore} | ${r.duplicatedAfter} | ${r.lost} | ${r.chanceHit} | ${r.realigned} | ${verdict} |`);
  }
  console.log(`  ${failed === 0 ? 'PASS' : 'FAIL'}  the cleanup introduces 0 duplicated and 0 dropped (lost) words on every fixture`);
  return failed;
}

process.exitCode = main() > 0 ? 1 : 0;
