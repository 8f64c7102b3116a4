/** Decoding with and without timestamps, segments, per-token text and word grouping, on hand-built sequences. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTokenizer } from './load.js';
import { SHARED_MODEL_DIR } from './parity/paths.js';
import { generateTexts } from './parity/text-generator.js';

const tokenizer = loadTokenizer(SHARED_MODEL_DIR);

/** Compares numbers to 1e-9 (timestamp arithmetic is in float64). */
function assertClose(actual: number | null, expected: number | null, what: string): void {
  if (actual === null || expected === null) return assert.equal(actual, expected, what);
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);
}

test('decodeWithTimestamps renders <|x.xx|>; decode drops timestamps; skipSpecial drops all specials', async () => {
  const tok = await tokenizer;
  const ts = (sec: number): number => tok.timestampBegin + Math.round(sec / 0.02);
  const ids = [...tok.sotSequence('en', 'transcribe'), ts(0), ...tok.encode(' Hello'), ts(1.08), ts(1.08), ...tok.encode(' world'), ts(2), tok.eot];
  assert.equal(tok.decodeWithTimestamps(ids), '<|startoftranscript|><|en|><|transcribe|><|0.00|> Hello<|1.08|><|1.08|> world<|2.00|><|endoftext|>');
  assert.equal(tok.decode(ids), '<|startoftranscript|><|en|><|transcribe|> Hello world<|endoftext|>');
  assert.equal(tok.decode(ids, { skipSpecial: true }), ' Hello world');
  assert.equal(tok.decodeWithTimestamps([tok.timestampEnd]), '<|30.00|>');
  assert.equal(tok.timestampToken(1.081), ts(1.08));
  assert.equal(tok.isTimestamp(tok.noTimestamps), false);
  assert.throws(() => tok.timestampToSec(tok.eot), { code: 'TOKENIZER_NOT_TIMESTAMP' });
  assert.throws(() => tok.decode([tok.vocabSize]), { name: 'TokenizerError', code: 'TOKENIZER_UNKNOWN_ID' });
});

test("splitToSegments: OpenAI's rule (pairs, single ending, unfinished tail, no pairs)", async () => {
  const tok = await tokenizer;
  const ts = (sec: number): number => tok.timestampBegin + Math.round(sec / 0.02);
  const hello = tok.encode(' Hello');
  const world = tok.encode(' world');
  type Expected = [number, number | null, string, number[]];
  const check = (ids: number[], offset: number, duration: number | undefined, expected: Expected[]): void => {
    const segs = tok.splitToSegments(ids, offset, duration);
    assert.equal(segs.length, expected.length, JSON.stringify(segs));
    segs.forEach((s, i) => {
      const [start, end, text, tokens] = expected[i] as Expected;
      assertClose(s.startSec, start, `segment ${i} start`);
      assertClose(s.endSec, end, `segment ${i} end`);
      assert.equal(s.text, text);
      assert.deepEqual(s.tokens, tokens);
    });
  };
  // A pair, then a single timestamp at the end: two segments.
  check([ts(0), ...hello, ts(1.08), ts(1.08), ...world, ts(2)], 30, undefined, [
    [30, 31.08, ' Hello', [ts(0), ...hello, ts(1.08)]],
    [31.08, 32, ' world', [ts(1.08), ...world, ts(2)]],
  ]);
  // No adjacent pair: one segment to the last timestamp, inner timestamps included.
  check([ts(0), ...hello, ts(1), ...world, ts(2)], 0, 30, [[0, 2, ' Hello world', [ts(0), ...hello, ts(1), ...world, ts(2)]]]);
  // Text after the last pair is an unfinished tail that starts at the pair's second timestamp.
  check([ts(0.5), ...hello, ts(1), ts(1.2), ...world], 10, 30, [
    [10.5, 11, ' Hello', [ts(0.5), ...hello, ts(1)]],
    [11.2, null, ' world', [ts(1.2), ...world]],
  ]);
  // No timestamps (or only <|0.00|>): the window's duration ends it, when known.
  check([...hello, ...world], 4, 7, [[4, 11, ' Hello world', [...hello, ...world]]]);
  check([ts(0), ...hello], 4, undefined, [[4, null, ' Hello', [ts(0), ...hello]]]);
  // A final pair leaves only a timestamp behind: no tail segment.
  check([ts(0), ...hello, ts(3.5), ts(3.5)], 0, 30, [[0, 3.5, ' Hello', [ts(0), ...hello, ts(3.5)]]]);
  assert.deepEqual(tok.splitToSegments([]), []);
});

test('tokenTexts: a character split over tokens is carried by the token that completes it', async () => {
  const tok = await tokenizer;
  const ids = tok.encode('日本語😀');
  const split = ids.findIndex((id) => tok.decode([id]).includes('\ufffd'));
  assert.ok(split >= 0, 'the test string must contain a token that is a partial character');
  const texts = tok.tokenTexts(ids);
  assert.equal(texts.length, ids.length);
  assert.equal(texts[split], '');
  assert.equal(texts.join(''), '日本語😀');
  assert.ok(texts.every((t) => !t.includes('\ufffd')));
  assert.deepEqual(tok.splitTokensOnUnicode(ids).map((g) => g.text).at(-1), '😀');
  // A stray continuation byte is invalid in the full text too: it forms its own group.
  const stray = tok.encode('\u0080')[1] as number; // U+0080 is C2 80; take the 0x80 byte token
  const groups = tok.splitTokensOnUnicode([stray, ...tok.encode('a')]);
  assert.deepEqual(groups.map((g) => g.text), ['\ufffd', 'a']);
  for (const text of generateTexts(7, 300)) assert.equal(tok.tokenTexts(tok.encode(text)).join(''), text);
});

test('splitToWordTokens: words at spaces and punctuation; characters for zh', async () => {
  const tok = await tokenizer;
  const ids = [tok.sot, ...tok.encode(" Hello, transcriptionist! It's")];
  const words = tok.splitToWordTokens(ids, 'en');
  assert.deepEqual(words.map((w) => w.text), ['<|startoftranscript|>', ' Hello', ',', ' transcriptionist', '!', " It's"]);
  assert.deepEqual(words.flatMap((w) => w.tokens), ids);
  assert.ok((words[3]?.tokens.length ?? 0) > 1, 'a word of several tokens is joined');
  const zh = tok.splitToWordTokens(tok.encode('你好世界'), 'zh');
  assert.equal(zh.map((w) => w.text).join(''), '你好世界');
  assert.ok(zh.every((w) => !w.text.includes('\ufffd')));
  assert.deepEqual(zh, tok.splitTokensOnUnicode(tok.encode('你好世界')));
});
