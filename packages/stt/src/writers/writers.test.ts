import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WriterInputError } from '../core/errors.js';
import { formatTimestamp, parseOutputFormat, roundHalfEven, SRT_TIMESTAMP, subtitleCues, toMilliseconds, toVerboseJson, toVtt, VTT_TIMESTAMP } from './index.js';
import { fixtureTranscript } from './test-support/fixtures.js';

test('roundHalfEven rounds ties to the even neighbour, like Python round()', () => {
  assert.deepEqual([0.5, 1.5, 2.5, 1080.5, 1187.5, 2.4999, 2.5001].map(roundHalfEven), [0, 2, 2, 1080, 1188, 2, 3]);
});

test('formatTimestamp matches OpenAI format_timestamp for SRT and VTT', () => {
  assert.equal(formatTimestamp(1.08, SRT_TIMESTAMP), '00:00:01,080');
  assert.equal(formatTimestamp(1.08, VTT_TIMESTAMP), '00:01.080');
  assert.equal(formatTimestamp(3661.5, VTT_TIMESTAMP), '01:01:01.500');
  assert.equal(formatTimestamp(0, SRT_TIMESTAMP), '00:00:00,000');
  assert.equal(formatTimestamp(59.9996, VTT_TIMESTAMP), '01:00.000');
  assert.equal(formatTimestamp(360_000, SRT_TIMESTAMP), '100:00:00,000');
});

test('bad times raise WriterInputError naming the time', () => {
  for (const bad of [-0.001, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => toMilliseconds(bad), (e: unknown) => e instanceof WriterInputError && e.code === 'WRITER_BAD_TIME');
  }
  const t = fixtureTranscript(false);
  const broken = { ...t, segments: [{ ...(t.segments[0] as (typeof t.segments)[number]), startSec: -1 }] };
  assert.throws(() => toVtt(broken), WriterInputError);
});

test('formatTimestamp round-trips to the nearest millisecond (property)', () => {
  fc.assert(
    fc.property(fc.double({ min: 0, max: 400_000, noNaN: true }), (sec) => {
      const m = /^(\d+):(\d\d):(\d\d),(\d{3})$/.exec(formatTimestamp(sec, SRT_TIMESTAMP));
      assert.ok(m !== null);
      const ms = ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
      assert.ok(Math.abs(ms - sec * 1000) <= 0.5 + 1e-6, `${sec} -> ${ms}`);
    }),
  );
});

test('parseOutputFormat expands all and rejects unknown names', () => {
  assert.deepEqual(parseOutputFormat('all'), ['txt', 'vtt', 'srt', 'tsv', 'json']);
  assert.deepEqual(parseOutputFormat('srt'), ['srt']);
  assert.throws(() => parseOutputFormat('docx'), (e: unknown) => e instanceof WriterInputError && e.code === 'WRITER_UNKNOWN_FORMAT');
});

test('verbose_json carries every segment field and the words of all segments', () => {
  const t = fixtureTranscript(true);
  const j = toVerboseJson(t, { task: 'translate' });
  assert.equal(j.task, 'translate');
  assert.equal(j.language, 'english');
  assert.equal(j.duration, t.durationSec);
  assert.equal(j.segments.length, t.segments.length);
  const s = t.segments[2];
  assert.ok(s !== undefined);
  assert.deepEqual(j.segments[2], {
    id: s.id, seek: s.seek, start: s.startSec, end: s.endSec, text: s.text, tokens: s.tokenIds,
    temperature: s.temperature, avg_logprob: s.avgLogprob, compression_ratio: s.compressionRatio, no_speech_prob: s.noSpeechProb,
    words: (s.words ?? []).map((w) => ({ word: w.text, start: w.startSec, end: w.endSec, probability: w.probability })),
  });
  assert.notEqual(s.words?.[0]?.probability, s.words?.[0]?.confidence, 'the fixture tells probability and confidence apart');
  assert.equal(j.words?.length, t.segments.reduce((n, seg) => n + (seg.words?.length ?? 0), 0));
  assert.equal(toVerboseJson(fixtureTranscript(false)).words, undefined);
  assert.equal(toVerboseJson({ ...t, language: 'xx' }).language, 'xx');
});

test('estimated word times are labelled in JSON and never drive subtitle cues', () => {
  const t = fixtureTranscript(true);
  const estimated = { ...t, segments: t.segments.map((s) => ({ ...s, words: (s.words ?? []).map((w) => ({ ...w, timing: 'estimated' as const })) })) };
  const j = toVerboseJson(estimated);
  assert.ok((j.words ?? []).length > 0 && (j.words ?? []).every((w) => w.timing === 'estimated'));
  assert.ok(j.segments.every((s) => (s.words ?? []).every((w) => w.timing === 'estimated')));
  assert.ok((toVerboseJson(t).words ?? []).every((w) => w.timing === undefined), 'measured words keep OpenAI\'s shape');
  const segmentCues = subtitleCues(fixtureTranscript(false), SRT_TIMESTAMP);
  assert.deepEqual(subtitleCues(estimated, SRT_TIMESTAMP, { maxLineWidth: 20 }), segmentCues);
  assert.notDeepEqual(subtitleCues(t, SRT_TIMESTAMP, { maxLineWidth: 20 }), segmentCues);
});
