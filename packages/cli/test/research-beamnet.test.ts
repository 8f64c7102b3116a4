import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const DEV = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random/', import.meta.url));

test('research beamnet: collect -> train -> eval on the dev model (short windows), and its errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-beamnet-'));
  try {
    const help = captureIo({}, dir);
    assert.equal(await main(['research', '--help'], help.io), 0);
    assert.match(help.stdout(), /beamnet\s+network approximating beam search/);
    // jfk.wav (11 s) in 4 s blocks: 3 audios for the split, one window each, 12 tokens at most per window.
    const collect = captureIo({}, dir);
    const args = ['research', 'beamnet', 'collect', '--model', DEV, '--audio', `${DEV}audio/jfk.wav`, '--block-sec', '4', '--offsets', '0', '--sample-len', '12', '--beam', '3', '--out', 'data.json'];
    assert.equal(await main(args, collect.io), 0, collect.stderr());
    assert.match(collect.stdout(), /beamnet: 3 windows, \d+ greedy steps/);
    const data = JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8')) as { windows: { audio: string }[]; examples: unknown[] };
    assert.deepEqual(data.windows.map((w) => w.audio), ['jfk#0', 'jfk#1', 'jfk#2']);
    assert.ok(data.examples.length >= 3);
    const train = captureIo({}, dir);
    assert.equal(await main(['research', 'beamnet', 'train', '--data', 'data.json', '--out', 'net.json', '--epochs', '3', '--hidden', '8', '--validation', '0.34'], train.io), 0, train.stderr());
    assert.match(train.stdout(), /trained on 2 audios .* held out 1 /);
    assert.match(train.stderr(), /epoch 3 /);
    const evaluation = captureIo({}, dir);
    assert.equal(await main(['research', 'beamnet', 'eval', '--model', DEV, '--data', 'data.json', '--net', 'net.json', '--repeats', '1'], evaluation.io), 0, evaluation.stderr());
    assert.match(evaluation.stdout(), /held-out windows 1;/);
    assert.match(evaluation.stdout(), /^beam\s+agreement 100\.0 %/m);
    assert.match(evaluation.stdout(), /^greedy \+ net\s+agreement\s+\d/m);

    const missing = captureIo({}, dir);
    assert.equal(await main(['research', 'beamnet', 'train', '--data', 'data.json'], missing.io), 2);
    assert.match(missing.stderr(), /--out is required/);
    writeFileSync(join(dir, 'bad.json'), '{"format":"cephalon-beamnet","version":1}');
    const bad = captureIo({}, dir);
    assert.equal(await main(['research', 'beamnet', 'eval', '--model', DEV, '--data', 'data.json', '--net', 'bad.json'], bad.io), 2);
    assert.match(bad.stderr(), /bad\.json: field 'features'/);
    const noModel = captureIo({}, dir);
    assert.notEqual(await main(['research', 'beamnet', 'collect', '--model', join(dir, 'nope'), '--audio', `${DEV}audio/jfk.wav`, '--out', 'x.json'], noModel.io), 0);
    assert.match(noModel.stderr(), /config\.json does not exist/);
    assert.ok(!existsSync(join(dir, 'x.json')), 'nothing half-written');
    const unknown = captureIo({}, dir);
    assert.equal(await main(['research', 'beamnet', 'fly'], unknown.io), 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
