import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { MissingToolError } from '../../core/errors.js';
import { countPhonemes, EspeakPhonemizer, wordKey } from './phonemes.js';

const hasEspeak = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;

test('countPhonemes: units of -x --sep=_ output, stress marks are not phonemes', () => {
  assert.equal(countPhonemes("h_@_l_'oU"), 4);
  assert.equal(countPhonemes("f_'o@_t_i t_'u:"), 6);
  assert.equal(countPhonemes(''), 0);
  assert.equal(wordKey(' Hello,'), 'hello');
});

test('espeak-ng phoneme budget of known words: "hello" = h @ l oU, "world" = w 3: l d; one process per batch', { skip: hasEspeak ? false : 'espeak-ng not installed' }, () => {
  const p = new EspeakPhonemizer();
  p.prepare(['hello', 'World!', 'cat', 'hello']);
  assert.equal(p.spawns, 1);
  assert.equal(p.size, 3);
  assert.equal(p.count('hello'), 4);
  assert.equal(p.count(' world'), 4);
  assert.equal(p.count('cat'), 3);
  assert.equal(p.count('...'), 0);
  assert.equal(p.spawns, 1, 'cached words spawn nothing');
  p.count('dog');
  assert.equal(p.spawns, 2);
});

test('a missing espeak-ng is a typed error naming the tool', () => {
  const p = new EspeakPhonemizer({ command: 'espeak-ng-not-installed-here' });
  assert.throws(() => p.count('hello'), (e: unknown) => e instanceof MissingToolError && /espeak-ng-not-installed-here/.test(e.message));
});

test('espeak-ng answers that do not line up (symbols, spelled-out words) are split until they do', { skip: hasEspeak ? false : 'espeak-ng not installed' }, () => {
  const p = new EspeakPhonemizer();
  p.prepare(['hello', 'ǂ', '日本', 'world', 'µ', 'cat']);
  assert.equal(p.count('hello'), 4);
  assert.equal(p.count('world'), 4);
  assert.equal(p.count('cat'), 3);
  assert.equal(p.size, 6);
  const alone = new EspeakPhonemizer();
  assert.equal(alone.count('ǂ'), p.count('ǂ'), 'a word phonemised in a batch counts as when phonemised alone');
});
