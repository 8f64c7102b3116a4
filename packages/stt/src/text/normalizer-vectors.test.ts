// Every normaliser vector of shared/docs/bench-test-vectors.md, read from that file at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBasicNormalizer, getNormalizer, loadSpellingMap } from './index.js';

const SHARED = new URL('../../../../../shared/', import.meta.url);
const VECTORS_MD = readFileSync(new URL('docs/bench-test-vectors.md', SHARED), 'utf8');
const SPELLING_FILES = ['data/whisper-assets/english.json', 'models/whisper-dev-random/normalizer.json'].map((p) =>
  fileURLToPath(new URL(p, SHARED)),
);

/** Rows `| 1 | \`input\` | \`"output"\` | why |` of the EnglishTextNormalizer table. */
function englishVectors(): { id: number; input: string; expected: string }[] {
  const rows: { id: number; input: string; expected: string }[] = [];
  for (const line of VECTORS_MD.split('\n')) {
    const m = /^\| (\d+) \| `(.*)` \| `(".*")` \|/.exec(line);
    if (m === null) continue;
    rows.push({ id: Number(m[1]), input: m[2] ?? '', expected: JSON.parse(m[3] ?? '""') as string });
  }
  return rows;
}

/** Lines `* \`BasicTextNormalizer(opts)("in")\` → \`"out"\``. */
function basicVectors(): { options: string; input: string; expected: string }[] {
  const rows: { options: string; input: string; expected: string }[] = [];
  for (const line of VECTORS_MD.split('\n')) {
    const m = /^\* `BasicTextNormalizer\(([^)]*)\)\((".*")\)` → `(".*")`/.exec(line);
    if (m === null) continue;
    rows.push({ options: m[1] ?? '', input: JSON.parse(m[2] ?? '""') as string, expected: JSON.parse(m[3] ?? '""') as string });
  }
  return rows;
}

test('the vectors file has all 30 English rows and 4 basic rows', () => {
  assert.deepEqual(englishVectors().map((r) => r.id), Array.from({ length: 30 }, (_, i) => i + 1));
  assert.equal(basicVectors().length, 4);
});

for (const path of SPELLING_FILES) {
  test(`EnglishTextNormalizer vectors with ${path.split('/').slice(-2).join('/')}`, () => {
    const en = getNormalizer('whisper-english', { spellings: loadSpellingMap(path) });
    assert.equal(en.name, 'whisper-english');
    assert.equal(en.version, '20250625');
    for (const { id, input, expected } of englishVectors()) {
      assert.equal(JSON.stringify(en.normalize(input)), JSON.stringify(expected), `vector #${id}: ${input}`);
    }
  });
}

test('BasicTextNormalizer vectors (remove_diacritics, split_letters)', () => {
  for (const { options, input, expected } of basicVectors()) {
    const normalizer = createBasicNormalizer({
      removeDiacritics: options.includes('remove_diacritics=True'),
      splitLetters: options.includes('split_letters=True'),
    });
    assert.equal(JSON.stringify(normalizer.normalize(input)), JSON.stringify(expected), `${options}: ${input}`);
  }
});
