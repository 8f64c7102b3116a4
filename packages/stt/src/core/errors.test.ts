import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AudioDecodeError, CephalonError } from './errors.js';

test('CephalonError subclasses carry code, hint, cause and a JSON shape', () => {
  const cause = new Error('EOF');
  const e = new AudioDecodeError('AUDIO_TRUNCATED', 'x.wav: data chunk truncated', {
    hint: 'Re-export the file',
    cause,
    details: { file: 'x.wav' },
  });
  assert.ok(e instanceof CephalonError);
  assert.equal(e.name, 'AudioDecodeError');
  assert.equal(e.cause, cause);
  assert.deepEqual(e.toJSON(), {
    name: 'AudioDecodeError',
    code: 'AUDIO_TRUNCATED',
    message: 'x.wav: data chunk truncated',
    hint: 'Re-export the file',
    details: { file: 'x.wav' },
  });
});
