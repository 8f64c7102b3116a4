/**
 * `cephalon transcribe --word-timestamps` end to end on the random-weight timestamped fixture (gibberish text):
 * with `--temperature-increment-on-fallback none` the JSON reproduces OpenAI's
 * `transcribe(word_timestamps=True, temperature=0)` reference on jfk.flac (tokens, segment bounds, every word time);
 * the subtitle line options then work; on a model without cross-attention outputs the error names the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const SHARED = fileURLToPath(new URL('../../../../shared/models/', import.meta.url));
const TIMESTAMPED = join(SHARED, 'whisper-dev-random_timestamped');
const JFK = join(SHARED, 'whisper-dev-random', 'audio', 'jfk.flac');
const ARGS = ['--language', 'en', '--temperature-increment-on-fallback', 'none', '--word-timestamps'];

interface JsonWord { word: string; start: number; end: number; probability: number }
interface JsonSegment { seek: number; start: number; end: number; text: string; tokens: number[]; words?: JsonWord[] }

test('--word-timestamps reproduces the OpenAI reference on jfk.flac, and the line options shape word cues', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cephalon-words-'));
  try {
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, out);
    const code = await main(['transcribe', JFK, '--model', TIMESTAMPED, ...ARGS, '--max-line-width', '24', '--max-line-count', '1'], c.io);
    assert.equal(code, EXIT.ok, c.stderr());
    assert.doesNotMatch(c.stderr(), /no effect/);
    const ours = JSON.parse(await readFile(join(out, 'jfk.json'), 'utf8')) as { segments: JsonSegment[]; words: JsonWord[] };
    const ref = JSON.parse(await readFile(join(TIMESTAMPED, 'reference', 'transcribe_jfk_words.json'), 'utf8')) as { segments: JsonSegment[] };
    assert.equal(ours.segments.length, ref.segments.length);
    ours.segments.forEach((s, i) => {
      const r = ref.segments[i] as JsonSegment;
      assert.deepEqual([s.seek, s.start, s.end, s.text, s.tokens], [r.seek, r.start, r.end, r.text, r.tokens], `segment ${i}`);
      assert.deepEqual(s.words?.map((w) => [w.word, w.start, w.end]), r.words?.map((w) => [w.word, w.start, w.end]), `segment ${i} words`);
      s.words?.forEach((w, k) => assert.ok(Math.abs(w.probability - (r.words?.[k]?.probability ?? -1)) < 1e-4));
    });
    assert.equal(ours.words.length, 38);
    const srt = await readFile(join(out, 'jfk.srt'), 'utf8');
    const cues = srt.split('-->').length - 1;
    assert.ok(cues > ours.segments.length, `${cues} word cues for ${ours.segments.length} segments`);
    for (const block of srt.trim().split('\n\n')) assert.ok((block.split('\n')[2] ?? '').length <= 24 + 12, block);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('--word-timestamps on a model without cross-attention outputs fails with the timestamped-export hint', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cephalon-words-'));
  try {
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, out);
    const code = await main(['transcribe', JFK, '--model', join(SHARED, 'whisper-dev-random'), ...ARGS, '-f', 'json'], c.io);
    assert.notEqual(code, EXIT.ok);
    assert.match(c.stderr(), /cross-attention/);
    assert.match(c.stderr(), /_timestamped/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
