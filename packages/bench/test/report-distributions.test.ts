/**
 * The distribution charts (WER by condition, per-utterance WER, S/D/I, confusion pairs, latency trials, time to first
 * token) and the token-confidence view, in headless Chromium: each renders ink, tick labels are round numbers that do
 * not overlap, row labels do not overlap, marks carry hover details, the log switch redraws, and the confidence view
 * colours every token. Also checks the build-time chart data against hand counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildReport, renderHtmlReport } from '../src/index.js';
import { conditionOf, conditionsOf, confusionPairs, sdiBars, werByCondition, werDistribution } from '../src/report/chart-data.js';
import { countNonWhite, decodePng } from './helpers/png.js';
import { crowdedScatterResults, sampleResultsWithDistributions } from './helpers/records.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const MIN_INK_PIXELS = 2000;
const REGIONS = ['chart-scatter', 'dist-wer-condition', 'dist-wer-distribution', 'dist-sdi', 'dist-confusions', 'dist-latency', 'dist-ttft'];

test('chart data: conditions from augmentation tags, pooled WER per condition, S/D/I and confusion counts', () => {
  assert.equal(conditionOf({ synthetic: true }), 'clean');
  assert.equal(conditionOf({ aug_speed: 1.1, aug_noise_snr_db: 15, aug_noise_seed: 99, synthetic: true }), 'noise_snr_db=15 speed=1.1');
  const report = buildReport(sampleResultsWithDistributions(), { iterations: 50 });
  const byCond = werByCondition(report);
  assert.deepEqual(conditionsOf({ aug_noise_snr_db: 15, aug_noise_seed: 3, aug_pitch_cents: -150 }), ['noise', 'pitch']);
  assert.deepEqual(byCond.series, ['clean', 'noise', 'speed']);
  for (const row of byCond.rows) {
    const us = report.utterances.filter((u) => u.configLabel === row.label);
    byCond.series.forEach((c, k) => {
      const g = us.filter((u) => conditionsOf(u.tags).includes(c));
      const want = g.reduce((n, u) => n + Number(u.metrics.word_edit_distance), 0) / g.reduce((n, u) => n + Number(u.metrics.reference_words), 0);
      assert.ok(Math.abs((row.values[k] ?? NaN) - want) < 1e-12, `${row.label} ${c}`);
    });
  }
  const sdi = sdiBars(report);
  report.summaries.forEach((s, i) => assert.deepEqual(sdi.rows[i]?.values, [s.substitutions, s.deletions, s.insertions]));
  const dist = werDistribution(report);
  assert.equal(dist.rows.reduce((n, r) => n + r.values.length, 0), report.utterances.length);
  // Round ticks from d3: every linear tick is a multiple of its step.
  const t = dist.axis.linear.ticks;
  const step = (t[1] ?? 0) - (t[0] ?? 0);
  assert.ok(t.every((v) => Math.abs(v / step - Math.round(v / step)) < 1e-9), `ticks ${t.join(',')}`);
  const conf = confusionPairs(report);
  const total = report.utterances.reduce((n, u) => n + u.chunks.filter((c) => c.type === 'substitute').reduce((m, c) => m + c.refEnd - c.refStart, 0), 0);
  assert.ok(conf.rows.length > 0 && conf.rows.reduce((n, r) => n + (r.values[0] ?? 0), 0) <= total);
  assert.ok(conf.rows.every((r, i) => i === 0 || (r.values[0] ?? 0) <= (conf.rows[i - 1]?.values[0] ?? 0)), 'most frequent first');
});

interface Box { x: number; y: number; w: number; h: number; text: string }
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Asserts that no two text labels of the SVGs in region `id` overlap (bounding boxes in SVG user units). */
async function assertNoLabelOverlap(page: Page, id: string): Promise<void> {
  const boxes = await page.locator(`#${id} svg text`).evaluateAll((nodes) => nodes.map((n) => {
    const b = (n as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }).getBBox();
    return { x: b.x, y: b.y, w: b.width, h: b.height, text: n.textContent ?? '' };
  }));
  assert.ok(boxes.length > 0, `${id} has text labels`);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i] as Box;
    const b = boxes[j] as Box;
    assert.ok(!overlaps(a, b), `${id}: labels "${a.text}" and "${b.text}" overlap`);
  }
}

test('the distribution charts and the token view render in headless Chromium', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-dist-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtmlReport(buildReport(sampleResultsWithDistributions(), { iterations: 100 }), { title: 'distribution test' }));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-dist-rendered="true"][data-rendered="true"]', { timeout: 5000 });
    const shots = process.env['CEPHALON_REPORT_SHOTS'];
    if (shots !== undefined) mkdirSync(shots, { recursive: true });
    for (const id of REGIONS) {
      const png = await page.locator(`#${id}`).screenshot();
      if (shots !== undefined) writeFileSync(join(shots, `${id}.png`), png);
      const ink = countNonWhite(decodePng(png));
      assert.ok(ink >= MIN_INK_PIXELS, `${id}: ${ink} non-white pixels`);
      await assertNoLabelOverlap(page, id);
      const marks = await page.locator(`#${id} .mark`).count();
      const titled = await page.locator(`#${id} .mark title`).count();
      assert.ok(marks > 0 && titled === marks, `${id}: every mark has hover details`);
    }
    // One dot per trial: 6 utterances x 3 beams x 3 trials + 6 single trials of "poor".
    assert.equal(await page.locator('#dist-latency circle.mark').count(), 60);
    // The log switch redraws with other ticks (the 40x outlier trial).
    const before = await page.locator('#dist-latency .tick').allTextContents();
    await page.locator('#dist-latency input[data-log]').check();
    const after = await page.locator('#dist-latency .tick').allTextContents();
    assert.notDeepEqual(after, before);
    assert.ok(countNonWhite(decodePng(await page.locator('#dist-latency').screenshot())) >= MIN_INK_PIXELS);
    if (shots !== undefined) writeFileSync(join(shots, 'dist-latency-log.png'), await page.locator('#dist-latency').screenshot());
    // Token view: every token of the chosen utterance coloured, low-confidence tokens red-ish.
    const options = await page.locator('#conf-utt option').count();
    assert.equal(options, 18, 'the 18 utterances of the engine with token confidences');
    await page.locator('#conf-utt').selectOption('3');
    const spans = page.locator('#conf-view .tok');
    assert.ok((await spans.count()) > 3);
    const colours = await spans.evaluateAll((n) => n.map((e) => (e as unknown as { style: { background: string } }).style.background));
    assert.ok(colours.every((c) => c.startsWith('rgb')) && new Set(colours).size > 1);
    if (shots !== undefined) writeFileSync(join(shots, 'tokens.png'), await page.locator('#conf-view').screenshot());
    if (shots !== undefined) await page.screenshot({ path: join(shots, 'page.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the accuracy-vs-speed scatter keeps the labels of close points apart, with hover details', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scatter-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // 6 configurations fit around their points; 30 push labels into the column right of the plot.
    for (const n of [6, 30]) {
      const file = join(dir, `report-${n}.html`);
      const report = buildReport(crowdedScatterResults(n), { iterations: 20 });
      // The crowded case really is crowded: the configurations lie within 1% RTFx apart and 0.1 WER of each other.
      const close = report.summaries.filter((s) => s.engine === 'close');
      assert.equal(close.length, n);
      const rtfx = close.map((s) => s.rtfx);
      const wer = close.map((s) => s.wer);
      assert.ok(Math.max(...rtfx) / Math.min(...rtfx) < 1 + 0.01 * n && Math.max(...wer) - Math.min(...wer) < 0.1, `rtfx ${rtfx.join(',')} wer ${wer.join(',')}`);
      writeFileSync(file, renderHtmlReport(report, { title: 'crowded scatter' }));
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-rendered="true"]', { timeout: 5000 });
      const shots = process.env['CEPHALON_REPORT_SHOTS'];
      if (shots !== undefined) {
        mkdirSync(shots, { recursive: true });
        writeFileSync(join(shots, `chart-scatter-crowded-${n}.png`), await page.locator('#chart-scatter').screenshot());
      }
      await assertNoLabelOverlap(page, 'chart-scatter');
      // Every configuration has its point (with hover details), its full label and a leader line to its dot.
      assert.equal(await page.locator('#chart-scatter circle.mark').count(), n + 1);
      assert.equal(await page.locator('#chart-scatter circle.mark title').count(), n + 1);
      assert.equal(await page.locator('#chart-scatter line.leader').count(), n, 'one leader line per crowded point');
      const hovers = await page.locator('#chart-scatter circle.mark title').allTextContents();
      assert.ok(hovers.some((h) => h.startsWith('close temperature=3: WER ')), hovers.join(' | '));
      const texts = await page.locator('#chart-scatter svg text').allTextContents();
      for (const s of report.summaries) assert.ok(texts.includes(s.label), `label of ${s.label}`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
