import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../core/errors.js';
import { DEFAULT_VAD_OPTIONS, fromReferenceToolVadOptions, resolveVadOptions } from './options.js';

function failsOn(field: string, run: () => unknown): void {
  assert.throws(run, (e: unknown) => e instanceof InvalidOptionError && e.details?.['option'] === field && e.message.includes(field));
}

test("defaults are faster-whisper's VadOptions; neg threshold follows the threshold", () => {
  const r = resolveVadOptions();
  assert.deepEqual({ ...r }, { ...DEFAULT_VAD_OPTIONS, negThreshold: 0.35 });
  assert.equal(r.minSilenceDurationMs, 2000);
  assert.equal(r.speechPadMs, 400);
  assert.equal(r.maxSpeechDurationS, Number.POSITIVE_INFINITY);
  assert.equal(resolveVadOptions({ threshold: 0.1 }).negThreshold, 0.01);
});

test('bad values are typed errors naming the field', () => {
  failsOn('threshold', () => resolveVadOptions({ threshold: 1.5 }));
  failsOn('threshold', () => resolveVadOptions({ threshold: Number.NaN }));
  failsOn('negThreshold', () => resolveVadOptions({ threshold: 0.5, negThreshold: 0.6 }));
  failsOn('minSpeechDurationMs', () => resolveVadOptions({ minSpeechDurationMs: -1 }));
  failsOn('maxSpeechDurationS', () => resolveVadOptions({ maxSpeechDurationS: 0 }));
  failsOn('minSilenceDurationMs', () => resolveVadOptions({ minSilenceDurationMs: Number.NaN }));
  failsOn('speechPadMs', () => resolveVadOptions({ speechPadMs: -5 }));
});

test("the reference NPU tool's VAD options map onto ours with the tool's defaults", () => {
  assert.equal(fromReferenceToolVadOptions({}), null);
  const r = fromReferenceToolVadOptions({ useVad: true });
  assert.ok(r !== null);
  assert.equal(r.threshold, 0.5);
  assert.equal(r.minSilenceDurationMs, 100);
  assert.equal(r.minSpeechDurationMs, 100);
  assert.equal(r.maxSpeechDurationS, 30);
  assert.equal(fromReferenceToolVadOptions({ useVad: true, vadThold: 0.7, vadSilDur: 250 })?.minSilenceDurationMs, 250);
  failsOn('vadThold', () => fromReferenceToolVadOptions({ useVad: true, vadThold: 2 }));
  failsOn('vadSilDur', () => fromReferenceToolVadOptions({ useVad: true, vadSilDur: -1 }));
  failsOn('vadMinSpDur', () => fromReferenceToolVadOptions({ useVad: true, vadMinSpDur: Number.NaN }));
  failsOn('vadMaxSpDur', () => fromReferenceToolVadOptions({ useVad: true, vadMaxSpDur: 0 }));
  failsOn('usePyannoteVad', () => fromReferenceToolVadOptions({ useVad: true, usePyannoteVad: true }));
});
