import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random/', import.meta.url));
const JFK = `${MODEL_DIR}audio/jfk.wav`;

test('research logits capture -> inspect (text and JSON), annotated output, typed errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-logits-'));
  try {
    const cap = captureIo({}, dir);
    const args = ['research', 'logits', 'capture', JFK, '--model', MODEL_DIR, '--out', 'a.cphlogits', '--top-k', '10', '--language', 'en', '--sample-len', '16', '--annotate', 'a.json', '--token-prob-below', '0.9'];
    assert.equal(await main(args, cap.io), 0, cap.stderr());
    assert.match(cap.stderr(), /wrote a\.cphlogits: \d+ decodes, \d+ steps, top-10/);
    assert.ok(cap.stdout().trim().length > 0, 'the transcript is printed');
    const annotated = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as { legend: string; text: string; regions: unknown[] };
    assert.match(annotated.legend, /tokenProbBelow 0\.9/);
    assert.equal(annotated.text.includes('[['), annotated.regions.length > 0);

    const json = captureIo({}, dir);
    assert.equal(await main(['research', 'logits', 'inspect', 'a.cphlogits', '--json', '--token-prob-below', '0.9'], json.io), 0, json.stderr());
    const summary = JSON.parse(json.stdout()) as { topK: number; steps: number; lowConfidence: { measures: { tokenProb: number } }[] };
    assert.equal(summary.topK, 10);
    assert.ok(summary.steps > 0);
    for (const l of summary.lowConfidence) assert.ok(l.measures.tokenProb < 0.9);

    const text = captureIo({}, dir);
    assert.equal(await main(['research', 'logits', 'inspect', 'a.cphlogits', '--model', MODEL_DIR, '--limit', '3'], text.io), 0, text.stderr());
    assert.match(text.stdout(), /mean measures over used steps:\n {2}tokenLogprob/);
    assert.match(text.stdout(), /meanMargin +n\/a \(top-k mode\)/);
    assert.match(text.stdout(), /low-confidence steps \(tokenProbBelow 0\.5, marginBelow 1\): \d+ of \d+/);

    writeFileSync(join(dir, 'cut.cphlogits'), readFileSync(join(dir, 'a.cphlogits')).subarray(0, 100));
    const bad = captureIo({}, dir);
    assert.equal(await main(['research', 'logits', 'inspect', 'cut.cphlogits'], bad.io), 3);
    assert.match(bad.stderr(), /cut\.cphlogits: not a readable logit capture/);
    const usage = captureIo({}, dir);
    assert.equal(await main(['research', 'logits', 'capture', JFK, '--model', MODEL_DIR], usage.io), 2);
    assert.match(usage.stderr(), /--model and --out are required/);
    const help = captureIo({}, dir);
    assert.equal(await main(['research', '--help'], help.io), 0);
    assert.match(help.stdout(), /logits +logit capture/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
