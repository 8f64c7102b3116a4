/**
 * Opens the HTML report in Debian's headless Chromium and checks that every chart rendered: each chart region's
 * screenshot has enough non-white pixels, and the page logged no errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summaryAxes } from '../src/report/summary-axes.js';
import { chromium } from 'playwright-core';
import { getNormalizer } from '@cephalon/stt';
import { addPerplexity, buildReport, createArpaScorer, parseArpa, renderHtmlReport, type LoadedLanguageModel } from '../src/index.js';
import { countNonWhite, decodePng } from './helpers/png.js';
import { sampleResults } from './helpers/records.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** A drawn chart has axes, labels and marks: thousands of non-white pixels; an empty region has none. */
const MIN_INK_PIXELS = 2000;
/** A unigram model over a few words of the sample references (enough for finite perplexities). */
const ARPA = '\\data\\\nngram 1=6\n\n\\1-grams:\n-2\t<unk>\n-99\t<s>\n-1\t</s>\n-0.8\tthe\n-1.2\tquick\n-1.3\tat\n\n\\end\\\n';

function unigramLm(): LoadedLanguageModel {
  const scorer = createArpaScorer(parseArpa(ARPA), { name: 'unigram' });
  return { scorer, info: { name: 'unigram', kind: 'arpa', source: 'inline', tokenizer: scorer.tokenizer, window: null, boundaryPolicy: scorer.boundaryPolicy, text: 'normalized' } };
}

test('the HTML report renders every chart in headless Chromium without console errors', { skip: !existsSync(CHROMIUM) && 'no /usr/bin/chromium' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-html-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const file = join(dir, 'report.html');
    const report = await addPerplexity(buildReport(sampleResults(), { iterations: 100 }), [unigramLm()], { normalizer: getNormalizer('lower-punct') });
    writeFileSync(file, renderHtmlReport(report, { title: 'chart test' }));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    const external: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) external.push(r.url()); });
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 5000 });
    for (const id of ['chart-scatter', 'chart-bars', 'chart-sweeps', 'chart-calibration', 'chart-perplexity']) {
      const svgs = await page.locator(`#${id} svg`).count();
      assert.ok(svgs >= 1, `${id} has an svg`);
      const ink = countNonWhite(decodePng(await page.locator(`#${id}`).screenshot()));
      assert.ok(ink >= MIN_INK_PIXELS, `${id}: ${ink} non-white pixels`);
    }
    assert.equal(await page.locator('#chart-scatter circle').count(), 4, 'one point per configuration');
    assert.equal(await page.locator('#chart-sweeps svg').count(), 2, 'WER and RTFx against the swept beam');
    assert.equal(await page.locator('#chart-perplexity rect').count(), 4, 'one perplexity bar per configuration');
    // Summary charts print the d3 tick labels computed at build time, nothing else numeric.
    const axes = summaryAxes(report);
    const numeric = async (sel: string): Promise<string[]> => (await page.locator(sel).allTextContents()).filter((t) => t.trim() !== '' && Number.isFinite(Number(t)));
    assert.deepEqual(await numeric('#chart-bars svg text.tick'), [...axes.werBars.labels]);
    const sweep = Object.values(axes.sweeps)[0];
    assert.ok(sweep !== undefined);
    const sweepTexts = await numeric('#chart-sweeps svg text');
    for (const label of [...sweep.wer.labels, ...sweep.rtfx.labels]) assert.ok(sweepTexts.includes(label), `sweep tick ${label} drawn`);
    assert.ok(sweepTexts.every((t) => t.replace(/^-?\d*\.?/, '').length <= 3), `sweep ticks are short round numbers: ${sweepTexts.join(' ')}`);
    const worst = countNonWhite(decodePng(await page.locator('#worst').screenshot()));
    assert.ok(worst >= MIN_INK_PIXELS, `worst-utterance view: ${worst}`);
    assert.deepEqual(errors, []);
    assert.deepEqual(external, []);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
