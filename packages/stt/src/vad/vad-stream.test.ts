import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAudio } from '../audio/index.js';
import { detectSpeechSamples } from './detect.js';
import { createSileroVad } from './silero.js';
import type { SampleRegion, SpeechEvent } from './types.js';
import { createVadStream } from './vad-stream.js';

const JFK = new URL('../../../../../shared/data/audio/jfk.flac', import.meta.url).pathname;

function pair(events: readonly SpeechEvent[]): SampleRegion[] {
  const out: SampleRegion[] = [];
  for (let i = 0; i < events.length; i += 2) {
    assert.equal(events[i]?.type, 'speech-start');
    assert.equal(events[i + 1]?.type, 'speech-end');
    out.push({ start: (events[i] as SpeechEvent).sample, end: (events[i + 1] as SpeechEvent).sample });
  }
  return out;
}

test('a Silero stream fed in chunks of any size gives the offline regions of jfk.flac', async () => {
  const audio = await loadAudio(JFK);
  const vad = await createSileroVad();
  try {
    const options = { minSilenceDurationMs: 200, speechPadMs: 30 };
    const offline = await detectSpeechSamples(audio, { ...options, vad });
    assert.ok(offline.length >= 3);
    const stream = createVadStream(vad, options);
    for (const sizes of [[160], [512], [1000, 37, 4096], [16000]]) {
      stream.reset();
      const events: SpeechEvent[] = [];
      let at = 0;
      for (let k = 0; at < audio.samples.length; k++) {
        const size = sizes[k % sizes.length] as number;
        events.push(...(await stream.push(audio.samples.subarray(at, at + size))));
        at += size;
      }
      events.push(...(await stream.finish()));
      assert.deepEqual(pair(events), offline, `chunks ${sizes.join(',')}`);
      assert.equal(stream.samples, audio.samples.length);
    }
  } finally {
    await vad.dispose();
  }
});
