import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError, ModelCorruptError, ModelNotFoundError } from '../core/errors.js';
import { createEnglishNormalizer, getNormalizer, loadSpellingMap, normalizeEnglishNumbers, spellingMapFromJson } from './index.js';
import { decimalDigitValue, pySplit } from './python-text.js';

const en = createEnglishNormalizer({ spellings: spellingMapFromJson({ colour: 'color', analyse: 'analyze' }) });

test('Python whitespace: split and collapse use str.isspace(), not JavaScript \\s', () => {
  assert.deepEqual(pySplit('a\x1cb\u0085c\ufeffd'), ['a', 'b', 'c\ufeffd']);
});

test('Unicode decimal digits keep their value (Python int() semantics)', () => {
  assert.equal(decimalDigitValue('٣'), 3);
  assert.equal(decimalDigitValue('𝟗'), 9);
  assert.equal(decimalDigitValue('x'), -1);
  assert.equal(normalizeEnglishNumbers('٣ apples'), '3 apples');
});

test('word boundaries are Unicode-aware (Python \\b), so "um" inside "umbrella" or "éum" survives', () => {
  // expected values from running OpenAI's english.py on the same input
  assert.equal(en.normalize('umbrella um'), 'umbrella');
  assert.equal(en.normalize('éum um'), 'eum');
});

test('numbers beyond 2^53 stay exact (bigint), spellings and multipliers combine', () => {
  assert.equal(en.normalize('one decillion'), '1000000000000000000000000000000000');
  assert.equal(en.normalize('twelve hundred colours'), '1200 colours');
  assert.equal(en.normalize('analyse the colour'), 'analyze the color');
  assert.equal(en.normalize('three and a half percent'), '3.5%');
  assert.equal(en.normalize('minus five'), '-5');
  assert.equal(en.normalize('the 1990s'), 'the 1990s');
});

test('registry: names, versions, typed errors', () => {
  assert.equal(getNormalizer('whisper-basic').name, 'whisper-basic');
  assert.equal(getNormalizer('whisper-basic-nodiacritics').normalize('Café'), 'cafe');
  assert.equal(getNormalizer('lower-punct').normalize("  Don't STOP, now!  "), 'dont stop now');
  assert.equal(getNormalizer('none').normalize(' A. '), ' A. ');
  assert.throws(() => getNormalizer('nope'), InvalidOptionError);
  assert.equal(getNormalizer('whisper-english').name, 'whisper-english'); // bundled spelling map: no longer an error
});

test('spelling map files: missing, not JSON, wrong shape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-norm-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{not json');
  const arr = join(dir, 'arr.json');
  writeFileSync(arr, '["colour"]');
  assert.throws(() => loadSpellingMap(join(dir, 'missing.json')), ModelNotFoundError);
  assert.throws(() => loadSpellingMap(bad), ModelCorruptError);
  assert.throws(() => loadSpellingMap(arr), ModelCorruptError);
  assert.throws(() => spellingMapFromJson({ colour: 1 }), ModelCorruptError);
});

test('whisper-english works without a model folder: the bundled english.json (MIT, licence shipped beside it)', async () => {
  const { getNormalizer: get, BUNDLED_SPELLINGS_PATH: path } = await import('./index.js');
  const { existsSync, readFileSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  assert.ok(existsSync(join(dirname(path), 'LICENSE-openai-whisper')));
  assert.match(readFileSync(join(dirname(path), 'LICENSE-openai-whisper'), 'utf8'), /MIT License[\s\S]*OpenAI/);
  const en = get('whisper-english');
  assert.equal(en.normalize('The colour of the theatre, organised.'), 'the color of the theater organized');
  assert.equal(en.normalize('I have 2 apples'), get('whisper-english', { spellingsPath: path }).normalize('I have 2 apples'));
  assert.equal(Object.keys(JSON.parse(readFileSync(path, 'utf8')) as object).length, 1739);
});
