import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  DEFAULT_INPUT_PARAMS, DEFAULT_LOOP_PARAMS, DEFAULT_RUN_CONFIG, createLexiconScorer, createWorld, equationsNote, fitProjection, parseEventLog,
  parseTrajectory, recordTrajectory, scoreEvents, tex, trajectoryHtml, trajectorySvg,
} from '../src/index.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Where the screenshot is kept for a human look (the test also checks it). */
const SCREENSHOT = join(tmpdir(), 'eidolon-plot.png');

async function trajectory(): Promise<ReturnType<typeof parseTrajectory>> {
  const log = [
    { timestamp: 0.5, modality: 'text', content: "I'm here to help you", speaker: 'ada' },
    { timestamp: 4, modality: 'text', content: 'You are useless!', speaker: 'bob' },
    { timestamp: 9, modality: 'text', content: "You're one of us, we believe in this", speaker: 'ada' },
    { timestamp: 14, modality: 'world', content: { kind: 'damage', intensity: -0.8 } },
  ].map((l) => JSON.stringify(l)).join('\n');
  const scored = await scoreEvents(parseEventLog(log), createLexiconScorer());
  const { lines } = recordTrajectory(scored, { ...DEFAULT_RUN_CONFIG, seed: 3, dtSec: 0.02, tailSec: 30, recordEvery: 10 });
  return parseTrajectory(lines.join('\n'));
}

test('PCA recovers the direction of largest spread', () => {
  // A full factorial of t and s: their covariance is exactly 0, so the principal axes are known.
  const pts = Array.from({ length: 200 }, (_, i) => {
    const t = Math.floor(i / 2) / 10 - 5;
    const s = i % 2 === 0 ? 0.5 : -0.5;
    return [3 * t, s, 0, t, 0];
  });
  const p = fitProjection(pts);
  assert.equal(p.kind, 'pca');
  const expected = [3, 0, 0, 1, 0].map((x) => x / Math.sqrt(10));
  p.basis[0].forEach((x, k) => assert.ok(Math.abs(x - (expected[k] ?? 0)) < 1e-6, `component ${k}: ${x}`));
  p.basis[1].forEach((x, k) => assert.ok(Math.abs(x - (k === 1 ? 1 : 0)) < 1e-6, `second component ${k}: ${x}`));
  assert.ok(p.explained[0] > 0.95);
  assert.equal(fitProjection([[1, 2], [1, 2]]).kind, 'axes');
});

test('plot: the HTML opens in headless Chromium without console errors and draws a non-blank picture', async () => {
  const t = await trajectory();
  const svg = trajectorySvg(t);
  assert.equal((svg.match(/<polyline points=/g) ?? []).length, 3, 'self, ada and bob');
  assert.equal((svg.match(/<polyline class="energy"/g) ?? []).length, 1, 'the energy panel');
  assert.match(svg, /PC1 \(\d+\.\d% of variance\)/);
  assert.equal((svg.match(/class="event-marker"/g) ?? []).length, 4, 'one marker per event on the path');
  assert.equal((svg.match(/class="event-line"/g) ?? []).length, 4, 'one line per event in the energy panel');
  assert.ok((svg.match(/class="time-marker"/g) ?? []).length >= 4, 'time markers along the self path');
  assert.match(svg, />simulated time \[s\]</);
  assert.match(svg, />40</, 'a time tick value (the run lasts 44 s)');
  const dir = mkdtempSync(join(tmpdir(), 'eidolon-plot-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const file = join(dir, 'plot.html');
    writeFileSync(file, trajectoryHtml(t));
    const page = await browser.newPage({ viewport: { width: 1080, height: 1080 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.deepEqual(errors, []);
    const box = await page.locator('svg').boundingBox();
    assert.ok(box !== null && box.width > 800 && box.height > 600);
    assert.equal(await page.locator('polyline').count(), 4);
    // Margins: every label lies wholly inside the picture (none cut off at an edge).
    const outside = await page.locator('svg text').evaluateAll((els, b) => {
      const svgBox = { left: b.x - 0.5, top: b.y - 0.5, right: b.x + b.width + 0.5, bottom: b.y + b.height + 0.5 };
      return els.map((e) => ({ t: e.textContent, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.left < svgBox.left || r.right > svgBox.right || r.top < svgBox.top || r.bottom > svgBox.bottom)
        .map(({ t }) => t);
    }, box);
    assert.deepEqual(outside, []);
    assert.ok(png.length > 20_000, `screenshot has content (${png.length} bytes)`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('equations note: Obsidian front matter, balanced $$ blocks, ASCII only, current parameter values', () => {
  const world = createWorld({ ...DEFAULT_RUN_CONFIG.world, pairwise: { gravity: 0.0731, softening: 0.2 } }, 0);
  const note = equationsNote(world.params, DEFAULT_INPUT_PARAMS, DEFAULT_LOOP_PARAMS);
  assert.match(note, /^---\ntags: \[eidolon, equations\]\ndims: 8\n---\n/);
  assert.equal([...note].filter((ch) => ch.charCodeAt(0) > 0x7e || (ch.charCodeAt(0) < 0x20 && ch !== '\n')).length, 0, 'no non-ASCII characters');
  const lines = note.split('\n');
  const fences = lines.filter((l) => l.includes('$$'));
  assert.ok(fences.every((l) => l === '$$'), 'every $$ stands on its own line');
  assert.equal(fences.length % 2, 0, 'balanced');
  assert.ok(fences.length >= 20);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '$$') continue;
    const close = lines.indexOf('$$', i + 1);
    const body = lines.slice(i + 1, close).join(' ');
    let depth = 0;
    for (const ch of body) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    assert.equal(depth, 0, `balanced braces in: ${body}`);
    i = close;
  }
  assert.ok(note.includes('G = 0.0731'), 'the parameter given to the world appears');
  assert.ok(note.includes(`\\theta = ${tex(DEFAULT_LOOP_PARAMS.policy.threshold)}`));
  assert.equal(tex(1.5e-7), '1.5 \\times 10^{-7}');
  assert.equal(tex(Number.POSITIVE_INFINITY), '\\infty');
});
