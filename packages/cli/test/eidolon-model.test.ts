import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const LOG = [
  { timestamp: 0.5, modality: 'text', content: "I'm here to help you", speaker: 'ada' },
  { timestamp: 3, modality: 'text', content: 'You are useless!', speaker: 'bob' },
].map((l) => JSON.stringify(l)).join('\n');

test('eidolon run --model drive-level records the circuit model, replays to the same hash, and differs from the field model', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-eidolon-model-'));
  try {
    writeFileSync(join(dir, 'events.jsonl'), LOG);
    const hashOf = async (model: string[], out: string): Promise<string> => {
      const run = captureIo({}, dir);
      assert.equal(await main(['eidolon', 'run', '--events', 'events.jsonl', '--seed', '4', '--tail', '3', '--out', out, ...model], run.io), 0, run.stderr());
      const hash = /final state hash ([0-9a-f]{16})/.exec(run.stderr())?.[1];
      assert.ok(hash !== undefined, run.stderr());
      return hash;
    };
    const drive = await hashOf(['--model', 'drive-level'], 'drive.jsonl');
    const field = await hashOf([], 'field.jsonl');
    assert.equal(await hashOf(['--model', 'field'], 'field2.jsonl'), field);
    assert.notEqual(drive, field);
    const header = JSON.parse(readFileSync(join(dir, 'drive.jsonl'), 'utf8').split('\n')[0] as string) as { world: { circuits: { model: string } } };
    assert.equal(header.world.circuits.model, 'drive-level');
    const replay = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'replay', 'drive.jsonl'], replay.io), 0, replay.stderr());
    assert.match(replay.stdout(), new RegExp(`replay ok: final state hash ${drive}`));
    const bad = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'run', '--events', 'events.jsonl', '--model', 'quantum'], bad.io), 2);
    assert.match(bad.stderr(), /--model must be field or drive-level/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
