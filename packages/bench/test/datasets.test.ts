import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchDataError, InvalidOptionError } from '@cephalon/stt';
import { encodeWav16, parseAugmentArgs, parseManifest, planAugmentations, readAudioFolder, readManifest, scriptLines, wavDurationFromHeader, writeManifest } from '../src/index.js';

test('parseManifest resolves audio paths against the manifest folder and keeps offset and extra fields', () => {
  const text = [
    JSON.stringify({ audio_filepath: 'audio/a.wav', duration: 2.5, text: 'hello there', speaker: 'x' }),
    '',
    JSON.stringify({ audio_filepath: '/abs/long.wav', duration: 1, text: 'part', offset: 12.5 }),
  ].join('\n');
  const [a, b] = parseManifest(text, '/data/set/manifest.jsonl');
  assert.deepEqual(a, { id: 'a', audioPath: '/data/set/audio/a.wav', reference: 'hello there', durationSec: 2.5, tags: { speaker: 'x' } });
  assert.deepEqual(b, { id: 'long@12.5', audioPath: '/abs/long.wav', reference: 'part', durationSec: 1, offsetSec: 12.5 });
});

test('parseManifest names the line of a bad entry', () => {
  const good = JSON.stringify({ audio_filepath: 'a.wav', duration: 1, text: 'x' });
  assert.throws(() => parseManifest(`${good}\n{"audio_filepath":"b.wav","text":"y"}`, 'm.jsonl'), (e: unknown) => e instanceof BenchDataError && /m\.jsonl:2: duration/.test(e.message));
  assert.throws(() => parseManifest(`${good}\nnot json`, 'm.jsonl'), /m\.jsonl:2: not valid JSON/);
  assert.throws(() => parseManifest(`${good}\n${good}`, 'm.jsonl'), /duplicate utterance id 'a'/);
});

test('writeManifest then readManifest round-trips utterances with relative paths', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ds-'));
  try {
    const utterances = [{ id: 'u1', audioPath: join(dir, 'audio', 'u1.wav'), reference: 'one two', durationSec: 1.25, tags: { synthetic: true } }];
    await writeManifest(join(dir, 'manifest.jsonl'), utterances);
    const ds = await readManifest(join(dir, 'manifest.jsonl'), 'set');
    assert.equal(ds.name, 'set');
    assert.deepEqual(ds.utterances, utterances);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readAudioFolder pairs audio with .txt references and reads durations from the WAV header', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-folder-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'b.wav'), encodeWav16(new Float32Array(8000), 16000));
    writeFileSync(join(dir, 'sub', 'b.txt'), 'bee\n');
    writeFileSync(join(dir, 'a.wav'), encodeWav16(new Float32Array(24000), 16000));
    writeFileSync(join(dir, 'a.txt'), 'ay');
    const ds = await readAudioFolder(dir);
    assert.deepEqual(ds.utterances.map((u) => [u.id, u.reference, u.durationSec]), [['a', 'ay', 1.5], ['sub/b', 'bee', 0.5]]);
    writeFileSync(join(dir, 'c.wav'), encodeWav16(new Float32Array(10), 16000));
    await assert.rejects(readAudioFolder(dir), /No reference .*c\.txt/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wavDurationFromHeader reads data size / byte rate and rejects non-WAV bytes', () => {
  assert.equal(wavDurationFromHeader(encodeWav16(new Float32Array(16000 * 3), 16000)), 3);
  assert.equal(wavDurationFromHeader(new TextEncoder().encode('ID3 not a wav file')), undefined);
});

test('planAugmentations: the seed decides the plan; plans do not depend on how many utterances follow', () => {
  const opts = { speed: [0.9, 1.1], pitch: [-100, 100], reverb: [50], noiseSnrDb: [20, 10], probability: 0.5 };
  const a = planAugmentations(30, opts, 7);
  assert.deepEqual(planAugmentations(30, opts, 7), a);
  assert.deepEqual(planAugmentations(10, opts, 7), a.slice(0, 10));
  assert.notDeepEqual(planAugmentations(30, opts, 8), a);
  const kinds = (k: keyof (typeof a)[number]): number => a.filter((p) => p[k] !== undefined).length;
  for (const k of ['speed', 'pitchCents', 'reverb', 'noiseSnrDb'] as const) assert.ok(kinds(k) > 5 && kinds(k) < 25, `${k}: ${kinds(k)} of 30`);
  assert.ok(a.every((p) => (p.noiseSnrDb === undefined) === (p.noiseSeed === undefined)));
  assert.deepEqual(planAugmentations(5, { speed: [1.2], probability: 0 }, 1), [{}, {}, {}, {}, {}]);
});

test('parseAugmentArgs parses CLI items and rejects bad ones', () => {
  assert.deepEqual(parseAugmentArgs(['speed=0.9,1.1', 'noise=20', 'p=0.3']), { speed: [0.9, 1.1], noiseSnrDb: [20], probability: 0.3 });
  assert.throws(() => parseAugmentArgs(['echo=1']), InvalidOptionError);
  assert.throws(() => parseAugmentArgs(['speed=9']), /speed: 9 is not in/);
});

test('scriptLines strips numbering, bullets and quotes and drops one-word lines', () => {
  assert.deepEqual(scriptLines('1. Hello there friend\n- "Second line here"\nOk\n\n3) third one'), ['Hello there friend', 'Second line here', 'third one']);
});
