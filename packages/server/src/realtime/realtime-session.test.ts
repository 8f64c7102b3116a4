/** The session's mapping of library stream events to Realtime events, on a scripted stream (no model). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent, StreamOptions } from '@cephalon/stt';
import { RealtimeSession } from './realtime-session.js';
import type { ServerEvent, StreamOpener } from './realtime-session.js';

const base = { audioSec: 0, wallSec: 0 };
const commit = (text: string): StreamEvent => ({ ...base, type: 'commit', text, words: [], startSec: 0, endSec: 0, reason: 'agreement' });

/** A stream that reads its whole source, then yields `script` and a final; `read` gets the samples it read. */
function scripted(script: StreamEvent[], seen: StreamOptions[], read: number[] = []): StreamOpener {
  return async function* (source, options) {
    seen.push(options);
    let samples = 0;
    for await (const c of source) samples += c.length;
    read.push(samples);
    yield* script;
    yield { ...base, type: 'final', text: '', words: [], aborted: false, decodes: 0, audioSec: samples / 16_000 };
  };
}

const append = (n: number): string => JSON.stringify({ type: 'input_audio_buffer.append', audio: Buffer.from(new Int16Array(n).buffer).toString('base64') });
const update = (turn: unknown): string => JSON.stringify({ type: 'session.update', session: { type: 'transcription', audio: { input: { format: { type: 'audio/pcm', rate: 16000 }, turn_detection: turn } } } });

test('server_vad: Silero options from the session; start, deltas, stop, committed, completed with session times; clear discards', async () => {
  const events: ServerEvent[] = [];
  const seen: StreamOptions[] = [];
  const read: number[] = [];
  const script: StreamEvent[] = [
    { ...base, type: 'speech-start', startSec: 0.5 },
    commit('hello there'),
    commit('world'),
    { ...base, type: 'speech-end', endSec: 1.25 },
  ];
  const s = new RealtimeSession((e) => events.push(e), scripted(script, seen, read), { maxAudioSec: 60 });
  s.handle(update({ type: 'server_vad', threshold: 0.6, prefix_padding_ms: 200, silence_duration_ms: 700 }));
  s.handle(append(16_000));
  await new Promise((resolve) => setImmediate(resolve)); // the first stream has read its first second
  s.handle(append(8_000)); // not read yet when the clear comes: discarded
  s.handle(JSON.stringify({ type: 'input_audio_buffer.clear' })); // OpenAI's semantics: the uncommitted audio is gone
  s.handle(append(8_000)); // a second stream, starting 1.5 s into the session
  s.handle(JSON.stringify({ type: 'input_audio_buffer.commit' })); // ends the second stream, which drains its audio
  await s.idle();
  assert.deepEqual(seen[0]?.vad, { model: 'silero', threshold: 0.6, speechPadMs: 200, minSilenceDurationMs: 700 });
  assert.equal(seen[0]?.lockstep, false);
  assert.deepEqual(read, [16_000, 8_000], 'the cleared stream never read the audio queued before the clear');
  assert.deepEqual(seen.map((o) => o.signal?.aborted), [true, false], 'the cleared stream was aborted, the next one not');
  const types = events.map((e) => e.type).filter((t) => !t.startsWith('session.'));
  const turn = ['input_audio_buffer.speech_started', 'conversation.item.input_audio_transcription.delta', 'conversation.item.input_audio_transcription.delta', 'input_audio_buffer.speech_stopped', 'input_audio_buffer.committed', 'conversation.item.input_audio_transcription.completed'];
  // The cleared stream's turn is not reported; the second stream's is.
  assert.deepEqual(types, ['input_audio_buffer.cleared', ...turn]);
  const starts = events.filter((e) => e.type === 'input_audio_buffer.speech_started');
  assert.deepEqual(starts.map((e) => e['audio_start_ms']), [2000]);
  assert.deepEqual(events.filter((e) => e.type === 'input_audio_buffer.speech_stopped').map((e) => e['audio_end_ms']), [2750]);
  const done = events.filter((e) => e.type === 'conversation.item.input_audio_transcription.completed');
  assert.deepEqual(done.map((e) => e['transcript']), ['hello there world']);
  assert.deepEqual(done.map((e) => e['item_id']), starts.map((e) => e['item_id']));
  const committed = events.filter((e) => e.type === 'input_audio_buffer.committed');
  assert.equal(committed[0]?.['previous_item_id'], null);
});

test('server_vad: commit ends the stream but keeps its audio (its turn is reported); turns committed before a clear keep their events', async () => {
  const events: ServerEvent[] = [];
  const read: number[] = [];
  const turn: StreamEvent[] = [{ ...base, type: 'speech-start', startSec: 0.5 }, commit('kept'), { ...base, type: 'speech-end', endSec: 1 }];
  const s = new RealtimeSession((e) => events.push(e), scripted(turn, [], read), { maxAudioSec: 60 });
  s.handle(update({ type: 'server_vad' }));
  s.handle(append(16_000));
  s.handle(JSON.stringify({ type: 'input_audio_buffer.commit' }));
  await s.idle(); // the turn was reported
  s.handle(JSON.stringify({ type: 'input_audio_buffer.clear' })); // no stream open: nothing to discard
  await s.idle();
  assert.deepEqual(read, [16_000]);
  assert.deepEqual(
    events.filter((e) => e.type === 'conversation.item.input_audio_transcription.completed').map((e) => e['transcript']),
    ['kept'],
  );
  assert.equal(events.at(-1)?.type, 'input_audio_buffer.cleared');
});

test('turn_detection null: no VAD, lockstep; commit completes the item, clear drops it, an empty commit is an error', async () => {
  const events: ServerEvent[] = [];
  const seen: StreamOptions[] = [];
  const s = new RealtimeSession((e) => events.push(e), scripted([commit('one'), commit('two')], seen), { maxAudioSec: 1 });
  s.handle(update(null));
  s.handle(JSON.stringify({ type: 'input_audio_buffer.commit' }));
  s.handle(append(1600));
  s.handle(JSON.stringify({ type: 'input_audio_buffer.clear' }));
  s.handle(append(1600));
  s.handle(append(16_000)); // over maxAudioSec with the 0.1 s already there
  s.handle(JSON.stringify({ type: 'input_audio_buffer.commit' }));
  await s.idle();
  assert.equal(seen[0]?.vad, false);
  assert.equal(seen[0]?.lockstep, true);
  const errors = events.filter((e) => e.type === 'error').map((e) => (e['error'] as { code: string }).code);
  assert.deepEqual(errors, ['input_audio_buffer_commit_empty', 'input_audio_buffer_too_large']);
  const committed = events.filter((e) => e.type === 'input_audio_buffer.committed');
  const done = events.filter((e) => e.type === 'conversation.item.input_audio_transcription.completed');
  assert.equal(committed.length, 1);
  assert.deepEqual(done.map((e) => [e['item_id'], e['transcript']]), [[committed[0]?.['item_id'], 'one two']]);
  // The cleared item's deltas were dropped with it: only the committed item's two.
  assert.deepEqual(events.filter((e) => e.type.endsWith('.delta')).map((e) => e['item_id']), [committed[0]?.['item_id'], committed[0]?.['item_id']]);
});

test('a stream that fails fails its item', async () => {
  const events: ServerEvent[] = [];
  // eslint-disable-next-line require-yield
  const failing: StreamOpener = async function* () {
    throw new Error('boom');
  };
  const s = new RealtimeSession((e) => events.push(e), failing, { maxAudioSec: 60 });
  s.handle(update(null));
  s.handle(append(1600));
  await s.idle();
  assert.equal(events.at(-1)?.type, 'conversation.item.input_audio_transcription.failed');
});
