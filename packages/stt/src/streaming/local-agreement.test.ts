import { test } from 'node:test';
import assert from 'node:assert/strict';
import { committedPrefixLength } from './committed-prefix.js';
import { LocalAgreement } from './local-agreement.js';
import type { StreamWord } from './types.js';

/** Words "a b c" at 0.5 s each from `t0`. */
function words(text: string, t0 = 0, step = 0.5): StreamWord[] {
  return text.split(' ').map((w, i) => ({ text: w, startSec: t0 + i * step, endSec: t0 + (i + 1) * step, timing: 'estimated' as const }));
}

test('LocalAgreement-2 commits the common prefix of the last two hypotheses, compared without case and punctuation', () => {
  const la = new LocalAgreement(2);
  assert.deepEqual(la.insert(words('hello world this')), []);
  const c = la.insert(words('Hello, world! that is'));
  assert.deepEqual(c.map((w) => w.text), ['Hello,', 'world!']);
  assert.deepEqual(la.pending.map((w) => w.text), ['that', 'is']);
  // The next hypothesis re-hears the committed words; only what follows them is compared.
  assert.deepEqual(la.insert(words('hello world that is it')).map((w) => w.text), ['that', 'is']);
});

test('LocalAgreement-3 needs three hypotheses to agree', () => {
  const la = new LocalAgreement(3);
  la.insert(words('a b'));
  assert.deepEqual(la.insert(words('a b')), []);
  assert.deepEqual(la.insert(words('a c')).map((w) => w.text), ['a']);
});

test('committed prefix: re-heard words are stripped even when worded differently; a real repeat is kept', () => {
  const committed = words('the cat sat');
  assert.equal(committedPrefixLength(words('the cat sat on'), committed, 1.5), 3);
  assert.equal(committedPrefixLength(words('a cat sat on', 0.1), committed, 1.5), 3); // one word misheard, times shifted
  assert.equal(committedPrefixLength(words('the cat sat sat down'), committed, 1.5), 3); // "sat sat" was said
  assert.equal(committedPrefixLength(words('cat sat on', 0.5), committed, 1.5), 2); // first word cut by the buffer start
  // Leading words that end before the last commit cannot be new.
  assert.equal(committedPrefixLength(words('x y z', 0), [], 1.0), 2);
});

test('a forced commit and the clamp keep commit times monotonic and non-overlapping', () => {
  const la = new LocalAgreement(2);
  la.insert(words('a b c'));
  const forced = la.commitPending(2);
  assert.deepEqual(forced.map((w) => w.text), ['a', 'b']);
  // 'c' (0.7–1.2 s) now agrees with the forced hypothesis' remainder; it starts before the last commit ended (1.0 s).
  const agreed = la.insert([{ text: 'c', startSec: 0.7, endSec: 1.2, timing: 'estimated' }, { text: 'd', startSec: 1.2, endSec: 1.4, timing: 'estimated' }]);
  assert.deepEqual(agreed.map((w) => [w.text, w.startSec, w.endSec]), [['c', 1.0, 1.2]]);
  // The next hypothesis re-hears 'c' with other times: stripped; 'e' is new.
  la.insert([{ text: 'c', startSec: 0.8, endSec: 1.3, timing: 'estimated' }, { text: 'e', startSec: 1.3, endSec: 1.6, timing: 'estimated' }]);
  assert.deepEqual(la.pending.map((w) => w.text), ['e']);
  const all = [...forced, ...agreed, ...la.commitPending()];
  for (let i = 1; i < all.length; i++) assert.ok((all[i] as StreamWord).startSec >= (all[i - 1] as StreamWord).endSec);
});
