import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, compareCorpus, csvCell, latencyPercentiles, renderHtmlReport, summaryCsv, utterancesCsv, METRIC_COLUMNS } from '../src/index.js';
import { sampleResults } from './helpers/records.js';

test('buildReport pools WER per configuration exactly as compareCorpus does, with a bootstrap CI around it', () => {
  const results = sampleResults();
  const report = buildReport(results, { normalizer: 'lower-punct', iterations: 200, seed: 1 });
  assert.equal(report.summaries.length, 4);
  for (const s of report.summaries) {
    const mine = results.filter((r) => r.configId === s.configId);
    const expected = compareCorpus(mine.map((r) => ({ id: r.utteranceId, hypothesis: r.hypothesis, reference: r.reference })));
    assert.equal(s.wer, expected.words.wer);
    assert.equal(s.cer, expected.chars.cer);
    assert.equal(s.substitutions + s.deletions + s.insertions, expected.words.substitutions + expected.words.deletions + expected.words.insertions);
    assert.ok(s.werCi.lower <= s.wer && s.wer <= s.werCi.upper, `${s.label}: ${s.werCi.lower} <= ${s.wer} <= ${s.werCi.upper}`);
    assert.equal(s.normalizer.name, 'lower-punct');
  }
  assert.deepEqual(report.summaries.map((s) => s.label), ['good beam=3', 'good beam=2', 'good beam=1', 'poor']);
  assert.equal(report.summaries[0]?.wer, 0);
});

test('speed figures: pooled RTFx = Σaudio / Σwall, latency percentiles, tokens/s; null where not reported', () => {
  const results = sampleResults();
  const report = buildReport(results, { iterations: 50 });
  const beam2 = report.summaries.find((s) => s.label === 'good beam=2');
  const mine = results.filter((r) => r.configLabel === 'good beam=2');
  const audio = mine.reduce((n, r) => n + r.audioSec, 0);
  const wall = mine.reduce((n, r) => n + r.wallSec, 0);
  assert.ok(beam2 !== undefined);
  assert.equal(beam2.audioSec, audio);
  assert.ok(Math.abs(beam2.rtfx - audio / wall) < 1e-12);
  assert.ok(Math.abs((beam2.tokensPerSec ?? 0) - 60 / wall) < 1e-9);
  assert.deepEqual(latencyPercentiles([1, 2, 3, 4, 5]), { p50: 3, p90: 4.6, p99: 4.96 });
  const poor = report.summaries.find((s) => s.engine === 'poor');
  assert.equal(poor?.tokensPerSec, null);
  assert.equal(poor?.meanConfidence, null);
  // Per-utterance means of [0.9 - 0.1·(i mod 3), 0.8] are 0.85, 0.8, 0.75, twice each.
  assert.ok(Math.abs((beam2.meanConfidence ?? 0) - (0.85 + 0.8 + 0.75) / 3) < 1e-12);
});

test('engine load times from the results file: median per engine, null where none was recorded', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const engineLoads = [1, 3, 2].map((loadSec, worker) => ({ type: 'engine-load' as const, engine: 'good', worker, loadSec, at }));
  const report = buildReport(sampleResults(), { iterations: 20, engineLoads });
  assert.ok(report.summaries.filter((s) => s.engine === 'good').every((s) => s.engineLoadSec === 2));
  assert.equal(report.summaries.find((s) => s.engine === 'poor')?.engineLoadSec, null);
});

test('paired comparisons cover every pair of configurations on common utterances', () => {
  const report = buildReport(sampleResults(), { iterations: 200 });
  assert.equal(report.comparisons.length, 6);
  const best = report.comparisons.find((c) => c.a === 'good beam=3' && c.b === 'poor');
  assert.ok(best !== undefined);
  assert.equal(best.utterances, 6);
  assert.equal(best.probabilityABetter, 1);
  assert.ok(best.difference.upper < 0);
});

test('CSV: one row per utterance and per configuration, normaliser in every row, quoting, empty cells for null', () => {
  const report = buildReport(sampleResults(), { iterations: 20 });
  const rows = utterancesCsv(report.utterances).trimEnd().split('\n');
  assert.equal(rows.length, 1 + 24);
  const header = rows[0]?.split(',') ?? [];
  assert.ok(METRIC_COLUMNS.every((c) => header.includes(c)));
  const normalizerAt = header.indexOf('normalizer');
  assert.ok(rows.slice(1).every((r) => r.split(',')[normalizerAt] === 'lower-punct'));
  const summary = summaryCsv(report.summaries).trimEnd().split('\n');
  assert.equal(summary.length, 1 + 4);
  assert.match(summary[0] ?? '', /^config_id,config_label,engine,engine_kind,dataset,params,normalizer,normalizer_version,utterances,errors,wer,wer_ci_lower/);
  assert.equal(csvCell('a "b", c'), '"a ""b"", c"');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(Number.NaN), '');
});

test('HTML report is self-contained and escapes transcript text', () => {
  const results = sampleResults();
  const evil = { ...results[0], hypothesis: '</script><img src=x onerror=alert(1)>' } as (typeof results)[number];
  const html = renderHtmlReport(buildReport([evil, ...results.slice(1)], { iterations: 20 }));
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  assert.equal(html.split('</script>').length, 6, 'only the five script blocks end (three JSON data blocks, two scripts)');
  assert.doesNotMatch(html, /<img src=x/);
});
