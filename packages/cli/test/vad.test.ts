/**
 * `cephalon vad` and the VAD flags of `cephalon transcribe`, end to end on jfk.flac with the real Silero weights and
 * the shared random-weight Whisper (its text is gibberish: the checks are on times and on agreement with the library).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTranscriber, createVadBatchedStrategy, createVadStrategy, detectSpeech, loadAudio } from '@cephalon/stt';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const JFK = fileURLToPath(new URL('../../../../shared/data/audio/jfk.flac', import.meta.url));
const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const VAD_FLAGS = ['--vad-min-silence-ms', '200', '--vad-speech-pad-ms', '30'];

test('cephalon vad --format json prints the library regions in seconds', async () => {
  const c = captureIo();
  assert.equal(await main(['vad', JFK, '--format', 'json', ...VAD_FLAGS], c.io), EXIT.ok, c.stderr());
  const printed = JSON.parse(c.stdout()) as { start: number; end: number }[];
  const regions = await detectSpeech(await loadAudio(JFK), { minSilenceDurationMs: 200, speechPadMs: 30 });
  assert.ok(regions.length >= 3);
  assert.deepEqual(printed, regions.map((r) => ({ start: Math.round(r.startSec * 1000) / 1000, end: Math.round(r.endSec * 1000) / 1000 })));
  const text = captureIo();
  assert.equal(await main(['vad', JFK, '--vad-model', 'energy'], text.io), EXIT.ok, text.stderr());
  assert.match(text.stdout(), /^\d\d:\d\d\.\d\d\d --> \d\d:\d\d\.\d\d\d\n/);
});

test('bad VAD flags are usage errors naming the flag', async () => {
  for (const [argv, flag] of [
    [['vad', JFK, '--vad-threshold', '2'], '--vad-threshold'],
    [['vad', JFK, '--vad-threshold', '0.5', '--vad-neg-threshold', '0.7'], '--vad-neg-threshold'],
    [['vad', JFK, '--vad-speech-pad-ms', 'lots'], '--vad-speech-pad-ms'],
    [['vad', JFK, '--vad-model', 'pyannote'], '--vad-model'],
    [['transcribe', JFK, '--vad-min-silence-ms', '200'], '--vad'],
  ] as const) {
    const c = captureIo();
    assert.equal(await main([...argv], c.io), EXIT.usage, argv.join(' '));
    assert.ok(c.stderr().includes(flag), c.stderr());
  }
});

test('transcribe --vad and --strategy vad-batched give the library result, on the original timeline', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cephalon-vad-'));
  const base = ['--model', MODEL_DIR, '--language', 'en', '--temperature-increment-on-fallback', 'none', '--output-format', 'json', ...VAD_FLAGS];
  try {
    const transcriber = await createTranscriber({ model: MODEL_DIR });
    try {
      const options = { language: 'en', temperature: [0] };
      const vadOptions = { minSilenceDurationMs: 200, speechPadMs: 30 };
      for (const [flags, strategy] of [
        [['--vad'], createVadStrategy({ options: vadOptions })],
        [['--strategy', 'vad-batched'], createVadBatchedStrategy({ options: vadOptions })],
      ] as const) {
        const c = captureIo({ HF_HUB_OFFLINE: '1' }, out);
        assert.equal(await main(['transcribe', JFK, ...base, ...flags, '--output-dir', 'o'], c.io), EXIT.ok, c.stderr());
        const json = JSON.parse(await readFile(join(out, 'o', 'jfk.json'), 'utf8')) as { segments: { start: number; end: number; text: string }[] };
        const expected = await transcriber.transcribe(JFK, { ...options, strategy });
        assert.ok(expected.segments.length > 0, flags.join(' '));
        assert.deepEqual(json.segments.map((s) => [s.start, s.end, s.text]), expected.segments.map((s) => [s.startSec, s.endSec, s.text]), flags.join(' '));
        for (const s of expected.segments) assert.ok(s.startSec >= 0 && s.endSec <= 11.01 && s.startSec <= s.endSec, JSON.stringify(s));
      }
    } finally {
      await transcriber.dispose();
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
