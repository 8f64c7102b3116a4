import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MissingToolError } from '@cephalon/stt';
import { importOptional } from './optional-import.js';

test('a package that is not installed becomes a MissingToolError naming it and the npm command', async () => {
  const name = '@cephalon/no-such-package-for-this-test';
  const err = await importOptional(name, 'the test engine', () => import(name)).then(
    () => assert.fail('the import should fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof MissingToolError);
  assert.equal(err.code, 'MISSING_PACKAGE');
  assert.match(err.message, /@cephalon\/no-such-package-for-this-test is not installed; the test engine needs it/);
  assert.equal(err.hint, `Install it next to Cephalon: npm install ${name}`);
  assert.equal(err.details?.['package'], name);
  assert.equal((err.cause as { code?: string }).code, 'ERR_MODULE_NOT_FOUND');
});

test('a package whose own dependency is missing is a broken install, passed on unchanged', async () => {
  const broken = Object.assign(new Error("Cannot find package 'sharp' imported from /x/node_modules/@huggingface/transformers/dist/t.js"), { code: 'ERR_MODULE_NOT_FOUND' });
  await assert.rejects(
    importOptional('@huggingface/transformers', 'the engine', () => Promise.reject(broken)),
    (e: unknown) => e === broken,
  );
});

test('an installed package is returned as imported', async () => {
  const yaml = await importOptional('yaml', 'the test', () => import('yaml'));
  assert.equal(typeof yaml.parse, 'function');
  assert.deepEqual(yaml.parse('a: 1'), { a: 1 });
});
