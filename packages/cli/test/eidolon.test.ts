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
  { timestamp: 6, modality: 'world', content: { kind: 'damage', intensity: -0.5 } },
].map((l) => JSON.stringify(l)).join('\n');

test('eidolon run -> replay verifies the hash -> plot -> equations', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-eidolon-'));
  try {
    writeFileSync(join(dir, 'events.jsonl'), LOG);
    const run = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'run', '--events', 'events.jsonl', '--seed', '4', '--tail', '5', '--out', 'traj.jsonl'], run.io), 0, run.stderr());
    const hash = /final state hash ([0-9a-f]{16})/.exec(run.stderr())?.[1];
    assert.ok(hash !== undefined, run.stderr());
    const replay = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'replay', 'traj.jsonl'], replay.io), 0, replay.stderr());
    assert.match(replay.stdout(), new RegExp(`replay ok: final state hash ${hash}`));
    const lines = readFileSync(join(dir, 'traj.jsonl'), 'utf8').trim().split('\n');
    const header = JSON.parse(lines[0] as string) as { seed: number };
    writeFileSync(join(dir, 'other.jsonl'), [JSON.stringify({ ...header, seed: 5 }), ...lines.slice(1)].join('\n'));
    const bad = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'replay', 'other.jsonl'], bad.io), 1);
    assert.match(bad.stderr(), /replay MISMATCH/);
    const plot = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'plot', 'traj.jsonl', '--out', 'p.svg'], plot.io), 0, plot.stderr());
    assert.match(readFileSync(join(dir, 'p.svg'), 'utf8'), /^<svg /);
    const eq = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'equations', '--obsidian'], eq.io), 0);
    assert.match(eq.stdout(), /^---\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('eidolon: bad input gives one readable line and a distinct exit code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-eidolon-'));
  try {
    writeFileSync(join(dir, 'bad.jsonl'), '{"timestamp": 1, "modality": "smell", "content": "x"}\n');
    const bad = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'run', '--events', 'bad.jsonl'], bad.io), 3);
    assert.match(bad.stderr(), /^cephalon: bad\.jsonl:1: modality must be one of text, audio, image, world/);
    const missing = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'run'], missing.io), 2);
    const plot = captureIo({}, dir);
    assert.equal(await main(['eidolon', 'plot', 'x.jsonl', '--out', 'p.png'], plot.io), 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
