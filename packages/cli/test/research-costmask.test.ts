/**
 * `cephalon research cost` and `cephalon research masks` end to end on the shared random-weight Whisper (gibberish
 * text: the checks are on the mechanism: budgets, identical baselines, typed errors).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportWhisper } from '@cephalon/stt';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const JFK = fileURLToPath(new URL('../../../../shared/data/audio/jfk.flac', import.meta.url));
const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const hasEspeak = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;

interface CostJson {
  budget: { voicedRuns: number; pauses: number };
  known: { phonemes: number; tokens: number } | null;
  results: { name: string; tokens: number[]; stats: { steps: number; changedSteps: number } | null; budget: { phon: number } | null }[];
}

test('cephalon research cost: JSON with the audio budget, plain beam and beam + cost; lambda 0 decodes like plain beam', { skip: hasEspeak ? false : 'espeak-ng not installed' }, async () => {
  const base = ['research', 'cost', '--model', MODEL_DIR, JFK, '--beam-size', '2', '--sample-len', '12', '--json', '--lookup', 'piece'];
  const off = captureIo();
  assert.equal(await main([...base, '--lambda', '0', '--text', 'and so my fellow americans'], off.io), EXIT.ok, off.stderr());
  const o = JSON.parse(off.stdout()) as CostJson;
  assert.ok(o.budget.voicedRuns > 0, 'jfk has voiced runs');
  assert.ok(o.known !== null && o.known.phonemes > 10 && o.known.tokens >= 5);
  const [plain, costed] = o.results;
  assert.ok(plain !== undefined && costed !== undefined);
  assert.deepEqual(costed.tokens, plain.tokens);
  assert.equal(costed.stats?.changedSteps, 0);
  const on = captureIo();
  assert.equal(await main([...base, '--lambda', '5', '--slack', '0', '--rate', '0', '--no-pauses'], on.io), EXIT.ok, on.stderr());
  const c = JSON.parse(on.stdout()) as CostJson;
  assert.equal(c.results[1]?.budget?.phon, 0);
  assert.ok((c.results[1]?.stats?.changedSteps ?? 0) > 0, 'an empty phoneme budget changes beam decisions');
  const text = captureIo();
  assert.equal(await main(['research', 'cost', '--model', MODEL_DIR, JFK, '--beam-size', '2', '--sample-len', '6', '--lookup', 'piece'], text.io), EXIT.ok, text.stderr());
  assert.match(text.stdout(), /^audio: voiced runs \d+, pauses \d+/);
  assert.match(text.stdout(), /beam \+ cost\s+\d+ tokens/);
});

test('cephalon research cost/masks: usage errors and help', async () => {
  const missing = captureIo();
  assert.equal(await main(['research', 'cost', JFK], missing.io), EXIT.usage);
  assert.match(missing.stderr(), /--model DIR is required/);
  const bad = captureIo();
  assert.equal(await main(['research', 'cost', '--model', MODEL_DIR, JFK, '--lambda', '-1'], bad.io), EXIT.usage);
  const help = captureIo();
  assert.equal(await main(['research', 'masks', '--help'], help.io), EXIT.ok);
  assert.match(help.stdout(), /attention_bias/);
  const list = captureIo();
  assert.equal(await main(['research', '--help'], list.io), EXIT.ok);
  assert.match(list.stdout(), /cost\s+cost decoding/);
  assert.match(list.stdout(), /masks\s+graded attention masks/);
  const strategy = captureIo();
  assert.equal(await main(['research', 'masks', '--model', MODEL_DIR, JFK, '--strategy', 'wndow:4'], strategy.io), EXIT.usage);
  assert.match(strategy.stderr(), /unknown mask strategy 'wndow:4'/);
  const dynamic = captureIo();
  assert.equal(await main(['research', 'masks', '--model', MODEL_DIR, JFK, '--strategy', 'window:4'], dynamic.io), EXIT.usage);
  assert.match(dynamic.stderr(), /not a fixed-shape model/);
});

test('cephalon research masks on a static export: the exact row agrees with itself, int:2 agrees fully, window:1 does not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cli-masks-'));
  try {
    await exportWhisper(MODEL_DIR, { out: dir, static: true, cacheLength: 64 });
    const c = captureIo();
    assert.equal(await main(['research', 'masks', '--model', dir, JFK, '--strategy', 'int:2,window:1', '--sample-len', '24', '--json'], c.io), EXIT.ok, c.stderr());
    const rows = JSON.parse(c.stdout()) as { strategy: string; tokens: number[]; vsExact: { rate: number } }[];
    assert.deepEqual(rows.map((r) => r.strategy), ['exact', 'int value 2', 'window w=1']);
    assert.equal(rows[0]?.vsExact.rate, 1);
    assert.deepEqual(rows[1]?.tokens, rows[0]?.tokens);
    assert.ok((rows[2]?.vsExact.rate ?? 1) < 1);
    const graded = captureIo();
    // The plain export has no attention_bias input: a graded strategy is a typed error, not a silent exact decode.
    assert.equal(await main(['research', 'masks', '--model', dir, JFK, '--strategy', 'decay:0.9'], graded.io), EXIT.modelError);
    assert.match(graded.stderr(), /attention_bias/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
