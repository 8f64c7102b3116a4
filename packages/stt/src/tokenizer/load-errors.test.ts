/** Bad model folders give a typed TokenizerError that names the folder, the file and what is expected. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CephalonError, TokenizerError } from '../core/errors.js';
import { loadTokenizer } from './load.js';
import { SHARED_MODEL_DIR } from './parity/paths.js';

async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-tok-bad-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a folder without tokenizer files names the folder and the files expected', () =>
  withDir(async (dir) => {
    await assert.rejects(loadTokenizer(dir), (e: unknown) => {
      assert.ok(e instanceof TokenizerError && e instanceof CephalonError);
      assert.equal(e.code, 'TOKENIZER_FILES_MISSING');
      for (const part of [dir, 'tokenizer.json', 'vocab.json', 'merges.txt']) assert.ok(e.message.includes(part), `${part} in: ${e.message}`);
      assert.ok(e.hint !== undefined && e.hint.length > 0);
      assert.equal(e.toJSON().details?.['dir'], dir);
      return true;
    });
  }));

test('vocab.json without merges.txt says merges.txt is missing', () =>
  withDir(async (dir) => {
    copyFileSync(join(SHARED_MODEL_DIR, 'vocab.json'), join(dir, 'vocab.json'));
    await assert.rejects(loadTokenizer(dir), (e: unknown) => {
      assert.ok(e instanceof TokenizerError);
      assert.match(e.message, /missing merges\.txt\)$/);
      return true;
    });
  }));

test('malformed files name the file: invalid JSON, a merge with an unknown token, no special tokens', () =>
  withDir(async (dir) => {
    writeFileSync(join(dir, 'tokenizer.json'), '{"model": ');
    await assert.rejects(loadTokenizer(dir), { name: 'TokenizerError', code: 'TOKENIZER_FILE_MALFORMED', message: new RegExp(`${join(dir, 'tokenizer.json')} is not valid JSON`) });
    rmSync(join(dir, 'tokenizer.json'));
    copyFileSync(join(SHARED_MODEL_DIR, 'vocab.json'), join(dir, 'vocab.json'));
    writeFileSync(join(dir, 'merges.txt'), '#version: 0.2\nĠ t\nzzz qqq\n');
    await assert.rejects(loadTokenizer(dir), { code: 'TOKENIZER_INCONSISTENT', message: /merge 1 \(zzz qqq\)/ });
    writeFileSync(join(dir, 'merges.txt'), '#version: 0.2\nĠ t\n');
    await assert.rejects(loadTokenizer(dir), { code: 'TOKENIZER_TOKEN_MISSING', message: /<\|0\.00\|>/ });
  }));
