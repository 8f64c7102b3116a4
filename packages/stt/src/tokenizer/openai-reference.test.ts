/**
 * Against outputs of OpenAI's own whisper package (shared/models/whisper-dev-random/reference): the text of
 * every decode, the encoded initial prompt, the decoder prompts, and the segments `transcribe()` cut from each
 * window's tokens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAMES_PER_SECOND } from '../core/constants.js';
import { loadTokenizer } from './load.js';
import { SHARED_MODEL_DIR } from './parity/paths.js';
import { pythonStrip } from './token-groups.js';

interface Attempt { tokens: number[]; text: string; outcome: string }
interface Window { seek: number; time_offset: number; segment_frames: number; skipped_as_silence: boolean; prompt_tokens: number[]; attempts: Attempt[] }
interface RefSegment { seek: number; start: number; end: number; text: string; tokens: number[] }
interface Transcribe { language: string; segments: RefSegment[]; windows: Window[] }
interface DecodeCase { tokens: number[]; text: string; initial_tokens: number[]; language: string; options: Record<string, unknown> }

const REFERENCE = join(SHARED_MODEL_DIR, 'reference');
const readRef = <T>(name: string): T => JSON.parse(readFileSync(join(REFERENCE, name), 'utf8')) as T;
const VARIANTS = ['default', 'beam5', 'initial_prompt', 'no_condition', 't0'];
const transcripts = VARIANTS.map((v) => readRef<Transcribe>(`transcribe_long_${v}.json`));
const decodeCases = ['decode_jfk.json', 'decode_long.json'].flatMap((f) => Object.values(readRef<{ cases: Record<string, DecodeCase> }>(f).cases));
const tokenizer = loadTokenizer(SHARED_MODEL_DIR);


test('decode(tokens).strip() is the text OpenAI reported, for every decode case and transcribe attempt', async () => {
  const tok = await tokenizer;
  const all = [...decodeCases, ...transcripts.flatMap((t) => t.windows.flatMap((w) => w.attempts))];
  const wrong = all.filter((c) => pythonStrip(tok.decode(c.tokens)) !== c.text);
  assert.ok(all.length >= 60, `${all.length} cases`);
  assert.deepEqual(wrong.map((c) => c.text), []);
});

test('decoder prompts: sotSequence (+ no-timestamps) and the encoded initial prompt match OpenAI', async () => {
  const tok = await tokenizer;
  for (const c of decodeCases) {
    const task = c.options['task'] === 'translate' ? 'translate' : 'transcribe';
    const language = typeof c.options['language'] === 'string' ? c.options['language'] : undefined;
    const expected = [...tok.sotSequence(language ?? c.language, task), ...(c.options['without_timestamps'] === true ? [tok.noTimestamps] : [])];
    if (language !== undefined) assert.deepEqual(c.initial_tokens, expected);
  }
  const first = transcripts[VARIANTS.indexOf('initial_prompt')]?.windows[0];
  const lang = transcripts[0]?.language ?? '';
  const prompt = [tok.sotPrev, ...tok.encode(' Cephalon listens.'), ...tok.sotSequence(lang, 'transcribe')];
  assert.deepEqual(first?.prompt_tokens, prompt);
});

test("splitToSegments reproduces the segments of OpenAI's transcribe() for every window of 5 runs", async () => {
  const tok = await tokenizer;
  let compared = 0;
  for (const t of transcripts) {
    for (const w of t.windows) {
      const used = w.attempts.filter((a) => a.outcome !== 'failed, next temperature').at(-1);
      const expected = t.segments.filter((s) => s.seek === w.seek);
      if (w.skipped_as_silence || used === undefined) {
        assert.equal(expected.length, 0);
        continue;
      }
      const ours = tok.splitToSegments(used.tokens, w.time_offset, w.segment_frames / FRAMES_PER_SECOND).filter((s) => s.endSec !== null);
      assert.equal(ours.length, expected.length, `window at seek ${w.seek}`);
      ours.forEach((s, i) => {
        const e = expected[i] as RefSegment;
        assert.ok(Math.abs(s.startSec - e.start) < 1e-9 && Math.abs((s.endSec ?? NaN) - e.end) < 1e-9, `${s.startSec}-${s.endSec} vs ${e.start}-${e.end}`);
        // OpenAI empties instantaneous or blank segments but keeps their times.
        if (e.tokens.length === 0) assert.ok(s.startSec === s.endSec || s.text.trim() === '');
        else assert.deepEqual({ text: s.text, tokens: s.tokens }, { text: e.text, tokens: e.tokens });
        compared++;
      });
    }
  }
  assert.equal(compared, transcripts.reduce((n, t) => n + t.segments.length, 0));
  assert.ok(compared >= 60, `${compared} segments`);
});
