/**
 * The help texts are golden files (`packages/cli/test/golden/*.txt`), so a change to an option shows up as a
 * reviewed diff. Regenerate with `CEPHALON_UPDATE_GOLDEN=1 node scripts/run-tests.mjs packages/cli/test/help-golden`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env['CEPHALON_UPDATE_GOLDEN'] === '1';

const CASES: readonly (readonly [string, readonly string[]])[] = [
  ['transcribe-help.txt', ['transcribe', '--help']],
  ['models-help.txt', ['models', '--help']],
  ['models-pull-help.txt', ['models', 'pull', '--help']],
  ['vad-help.txt', ['vad', '--help']],
  ['listen-help.txt', ['listen', '--help']],
];

test('help texts equal their golden files', async () => {
  if (UPDATE) mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const [name, argv] of CASES) {
    const c = captureIo();
    assert.equal(await main(argv, c.io), EXIT.ok);
    if (UPDATE) writeFileSync(join(GOLDEN_DIR, name), c.stdout(), 'utf8');
    assert.equal(c.stdout(), readFileSync(join(GOLDEN_DIR, name), 'utf8'), `${name} differs`);
  }
});
