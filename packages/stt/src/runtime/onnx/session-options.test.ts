import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../core/errors.js';
import { resolveSessionOptions, sessionOptionsKey, toOrtOptions } from './session-options.js';

test('allowSpinning: default false, passed to ORT as session.intra_op.allow_spinning, part of the session key', () => {
  const sleeping = resolveSessionOptions({ intraOpNumThreads: 2 });
  const spinning = resolveSessionOptions({ intraOpNumThreads: 2, allowSpinning: true });
  assert.equal(sleeping.allowSpinning, false);
  assert.deepEqual(toOrtOptions(sleeping).extra, { session: { intra_op: { allow_spinning: '0' } } });
  assert.deepEqual(toOrtOptions(spinning).extra, { session: { intra_op: { allow_spinning: '1' } } });
  assert.notEqual(sessionOptionsKey(sleeping), sessionOptionsKey(spinning), 'sessions with either setting are not shared');
});

test('allowSpinning that is not a boolean is InvalidOptionError naming the field', () => {
  assert.throws(
    () => resolveSessionOptions({ allowSpinning: 'yes' as unknown as boolean }),
    (e: unknown) => e instanceof InvalidOptionError && e.message.includes('sessionOptions.allowSpinning'),
  );
});
