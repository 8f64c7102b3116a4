import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Segment, Token, Transcript } from '../../core/types.js';
import { InvalidOptionError } from '../../core/errors.js';
import { annotatedJson, annotatedText, annotateTranscript } from './annotate.js';

const tok = (text: string, p: number, margin = 5): Token => ({ id: 0, text, logprob: Math.log(p), confidence: 0.9, margin });

function segment(id: number, tokens: Token[]): Segment {
  return { id, seek: 0, startSec: id, endSec: id + 1, text: tokens.map((t) => t.text).join(''), tokenIds: [], tokens, temperature: 0, avgLogprob: 0, compressionRatio: 1, noSpeechProb: 0 };
}

const transcript: Transcript = {
  text: '',
  language: 'en',
  durationSec: 2,
  segments: [
    // " the gn|ome said" : "gn" is unsure -> the whole word "gnome" is marked; "said" follows as a confident word.
    segment(0, [tok(' the', 0.9), tok(' gn', 0.3), tok('ome', 0.95), tok(' said', 0.8)]),
    // two adjacent unsure words form one region; the margin rule marks "we" though its probability is high.
    segment(1, [tok(' so', 0.2), tok(' we', 0.9, 0.5), tok(' go', 0.99)]),
  ],
};

test('annotate: low-confidence tokens mark whole words, adjacent words merge, each rule is named', () => {
  const a = annotateTranscript(transcript, { tokenProbBelow: 0.5, marginBelow: 1 });
  assert.deepEqual(a.segments.map((s) => s.annotated), [' the [[gnome]] said', ' [[so we]] go']);
  assert.deepEqual(
    a.regions.map((r) => [r.segment, r.text, r.startChar, r.endChar, r.reasons]),
    [
      [0, 'gnome', 5, 10, ['tokenProbBelow']],
      [1, 'so we', 1, 6, ['tokenProbBelow', 'marginBelow']],
    ],
  );
  assert.ok(Math.abs((a.regions[0]?.minTokenProb ?? 0) - 0.3) < 1e-12);
  const txt = annotatedText(a);
  assert.match(txt, /^Note: .*\[\[ \]\].*tokenProbBelow 0\.5, marginBelow 1.*\n\nthe \[\[gnome\]\] said\n\[\[so we\]\] go\n$/s);
  const json = JSON.parse(annotatedJson(a)) as { legend: string; text: string; regions: unknown[] };
  assert.equal(json.text, ' the [[gnome]] said [[so we]] go');
  assert.equal(json.regions.length, 2);
  assert.deepEqual(annotateTranscript(transcript, { tokenProbBelow: 0.1 }).regions, [], 'a looser rule marks nothing');
  assert.throws(() => annotateTranscript(transcript, {}), InvalidOptionError);
  assert.throws(() => annotateTranscript(transcript, { tokenProbBelow: 2 }), /tokenProbBelow/);
});
