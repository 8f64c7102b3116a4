/**
 * The agent's parts without a model: utterances from stream events, the paced source, the sidecar script, the LLM
 * narrator against a real loopback HTTP server (good, malformed, invalid, slow, down), and the whole agent loop on a
 * scripted stream (each utterance enters once, held back while someone speaks, words from the narrator or the loop).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Thought } from '@cephalon/eidolon';
import type { PcmChunk, StreamEvent, StreamWord } from '@cephalon/stt';
import {
  completionsUrl, createLlmNarrator, NarratorError, pacedSource, parseScript, replayAgentLog, runAgent, speakerFor, UtteranceTracker, utteranceConfidence,
} from '../src/agent/index.js';
import type { AgentRecord } from '../src/agent/index.js';

const word = (text: string, startSec: number, endSec: number, probability?: number): StreamWord => ({ text, startSec, endSec, timing: 'estimated', ...(probability === undefined ? {} : { probability }) });
const at = { audioSec: 0, wallSec: 0 };

test('utterance = the words committed between speech-start and speech-end; a region without words is one with empty text', () => {
  const t = new UtteranceTracker();
  assert.deepEqual(t.push({ ...at, type: 'speech-start', startSec: 1 }).map((u) => u.kind), ['speech-start']);
  t.push({ ...at, type: 'commit', text: 'a b', words: [word('a', 1.1, 1.3, 0.5), word('b', 1.3, 1.6, 0.8)], startSec: 1.1, endSec: 1.6, reason: 'agreement' });
  t.push({ ...at, type: 'commit', text: 'c', words: [word('c', 1.7, 2, 0.2)], startSec: 1.7, endSec: 2, reason: 'speech-end' });
  assert.equal(t.speechBetween(2.5, 3), true, 'open region reaches the present');
  const closed = t.push({ ...at, audioSec: 2.7, type: 'speech-end', endSec: 2.2 });
  assert.deepEqual(closed.map((u) => u.kind), ['utterance', 'speech-end']);
  const u = closed[0] as Extract<(typeof closed)[number], { kind: 'utterance' }>;
  assert.equal(u.utterance.text, 'a b c');
  assert.equal(u.utterance.index, 1);
  assert.deepEqual([u.utterance.startSec, u.utterance.endSec, u.utterance.heardAtSec], [1, 2.2, 2.7]);
  assert.ok(Math.abs(u.utterance.confidence - Math.cbrt(0.5 * 0.8 * 0.2)) < 1e-12);
  assert.equal(t.speechBetween(2.3, 3), false);
  assert.equal(t.speechBetween(2.2, 3), true, 'the end is inside');
  assert.equal(t.speechBetween(0, 0.99), false);
  t.push({ ...at, type: 'speech-start', startSec: 4 });
  const empty = t.push({ ...at, type: 'speech-end', endSec: 5 });
  assert.deepEqual(empty.map((x) => x.kind), ['utterance', 'speech-end']);
  const e = empty[0] as Extract<(typeof empty)[number], { kind: 'utterance' }>;
  assert.deepEqual([e.utterance.index, e.utterance.text, e.utterance.words, e.utterance.confidence], [2, '', 0, 0], 'a region without words is still an utterance');
  assert.equal(utteranceConfidence([word('x', 0, 1)]), 1, 'no probability: 1');
});

test('sidecar script: typed errors naming the line; speaker by largest overlap', () => {
  const turns = parseScript('{"speaker":"bob","startSec":3,"endSec":5}\n\n{"speaker":"ada","startSec":0.5,"endSec":2.5}\n', 's.jsonl');
  assert.deepEqual(turns.map((t) => t.speaker), ['ada', 'bob']);
  assert.equal(speakerFor(turns, 2, 4, 'x'), 'bob');
  assert.equal(speakerFor(turns, 0.4, 2.9, 'x'), 'ada');
  assert.equal(speakerFor(turns, 6, 7, 'x'), 'x');
  assert.throws(() => parseScript('{"speaker":"a","startSec":2,"endSec":1}', 's.jsonl'), /s\.jsonl:1: startSec and endSec/);
  assert.throws(() => parseScript('\n{"speaker":', 's.jsonl'), /s\.jsonl:2: not valid JSON/);
});

async function* silence(chunks: number, chunkSec = 0.1, delayMs = 0): AsyncGenerator<Float32Array> {
  for (let i = 0; i < chunks; i++) {
    if (delayMs > 0) await sleep(delayMs);
    yield new Float32Array(Math.round(chunkSec * 16_000));
  }
}

test('paced source: onProcessed sees the seconds handed over before each chunk; a live source is merged; abort ends it', async () => {
  const seen: number[] = [];
  const got: number[] = [];
  for await (const c of pacedSource(silence(3), { pcm: undefined, live: false, onProcessed: async (s) => void seen.push(Math.round(s * 10) / 10) })) got.push((c as Float32Array).length);
  assert.deepEqual(seen, [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(got, [1600, 1600, 1600]);
  const merged: number[] = [];
  for await (const c of pacedSource(silence(10, 0.1, 5), { pcm: undefined, live: true, onProcessed: async () => undefined })) {
    merged.push((c as Float32Array).length);
    await sleep(40);
  }
  assert.equal(merged.reduce((a, b) => a + b, 0), 16_000, 'nothing lost');
  assert.ok(merged.length < 10, `chunks that arrived meanwhile are merged (${merged.join(' ')})`);
  const bytes: number[] = [];
  for await (const c of pacedSource((async function* () { yield Buffer.alloc(320); })(), { pcm: { sampleType: 's16', sampleRate: 8000, channels: 1 }, live: false, onProcessed: async (s) => void bytes.push(s) })) void c;
  assert.deepEqual(bytes, [0, 0.02]);
  const controller = new AbortController();
  const blocked = (async function* (): AsyncGenerator<Float32Array> {
    yield new Float32Array(160);
    await new Promise(() => undefined);
  })();
  const done = (async () => {
    let n = 0;
    for await (const c of pacedSource(blocked, { pcm: undefined, live: true, signal: controller.signal, onProcessed: async () => undefined })) n += (c as Float32Array).length;
    return n;
  })();
  await sleep(20);
  controller.abort();
  assert.equal(await done, 160);
});

type Mode = 'good' | 'malformed' | 'no-content' | 'empty' | 'http-500' | 'slow';

async function withServer(fn: (url: string, seen: { url: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }[]) => Promise<void>): Promise<void> {
  const seen: { url: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; messages: { role: string; content: string }[] };
      seen.push({ url: req.url, body });
      const mode = (JSON.parse(body.messages[1]?.content ?? '{}') as { thought?: { note?: string } }).thought?.note as Mode;
      const send = (content: string | null, status = 200): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: content === null ? [] : [{ index: 0, message: { role: 'assistant', content } }] }));
      };
      if (mode === 'malformed') return void res.end('{"choices": [');
      if (mode === 'no-content') return send(null);
      if (mode === 'empty') return send('   ');
      if (mode === 'http-500') return send('oops', 500);
      if (mode === 'slow') return void setTimeout(() => send('too late'), 1500);
      send('  Nice to  hear from you.\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

const thought = (note: string): Thought => ({ id: 7, kind: 'reply', topic: 'ada', priority: 0.8, createdMs: 0, position: [0.1, -0.2, 0, 0, 0, 0, 0, 0.3], note });

test('LLM narrator: words or a typed error, against a real HTTP server (good, malformed, invalid, empty, 500, slow, down)', async () => {
  await withServer(async (url, seen) => {
    const n = createLlmNarrator({ url, model: 'test-model', timeoutMs: 300 });
    const ctx = { agentName: 'duck', drives: undefined, heard: [{ speaker: 'ada', text: 'hi' }] };
    assert.equal(await n.narrate(thought('good'), ctx), 'Nice to hear from you.');
    const expected: Record<string, string> = { malformed: 'malformed-json', 'no-content': 'schema-invalid', empty: 'empty', 'http-500': 'http-status', slow: 'timeout' };
    for (const [mode, reason] of Object.entries(expected)) {
      await assert.rejects(n.narrate(thought(mode), ctx), (e: unknown) => e instanceof NarratorError && e.reason === reason, mode);
    }
    const first = seen[0];
    assert.equal(first?.url, '/v1/chat/completions');
    assert.equal(first?.body.model, 'test-model');
    const prompt = JSON.parse(first?.body.messages[1]?.content ?? '{}') as { position: Record<string, number>; heard: unknown[] };
    assert.equal(prompt.position['safety'], 0.1);
    assert.equal(prompt.position['coupling'], 0.3);
    assert.deepEqual(prompt.heard, [{ speaker: 'ada', text: 'hi' }]);
  });
  await assert.rejects(createLlmNarrator({ url: 'http://127.0.0.1:9', model: 'm', timeoutMs: 500 }).narrate(thought('x'), { agentName: 'duck', drives: undefined, heard: [] }), (e: unknown) => e instanceof NarratorError && e.reason === 'network');
  assert.equal(completionsUrl('http://h:1/'), 'http://h:1/v1/chat/completions');
  assert.equal(completionsUrl('http://h:1/v1/chat/completions'), 'http://h:1/v1/chat/completions');
  assert.throws(() => completionsUrl('h:1'), /not an http\(s\) URL/);
});

/** A stand-in for transcriber.stream(): reads the source and emits the scripted events once their audio time has arrived. */
function scriptedStream(script: readonly { at: number; event: StreamEvent }[]) {
  return {
    async *stream(source: AsyncIterable<PcmChunk>): AsyncGenerator<StreamEvent> {
      let audio = 0;
      let next = 0;
      for await (const c of source) {
        audio += (c as Float32Array).length / 16_000;
        for (; next < script.length && (script[next]?.at ?? 0) <= audio + 1e-9; next++) yield { ...(script[next]?.event as StreamEvent), audioSec: audio };
      }
      for (; next < script.length; next++) yield script[next]?.event as StreamEvent;
      yield { ...at, audioSec: audio, type: 'final', text: '', words: [], aborted: false, decodes: 0 };
    },
  };
}

function conversation(): { at: number; event: StreamEvent }[] {
  const out: { at: number; event: StreamEvent }[] = [];
  const turn = (start: number, end: number, text: string): void => {
    out.push({ at: start + 0.4, event: { ...at, type: 'speech-start', startSec: start } });
    out.push({ at: end + 0.5, event: { ...at, type: 'commit', text, words: [word(text, start + 0.1, end - 0.1, 0.9)], startSec: start + 0.1, endSec: end - 0.1, reason: 'speech-end' } });
    out.push({ at: end + 0.5, event: { ...at, type: 'speech-end', endSec: end } });
  };
  turn(1, 3, 'duck, what do you think?');
  turn(9, 16, 'a long story');
  turn(22, 23, 'duck?');
  return out;
}

test('the agent loop on a scripted stream: one field event per utterance, held back while someone speaks, words from the narrator', async () => {
  await withServer(async (url) => {
    const records: AgentRecord[] = [];
    const summary = await runAgent({
      transcriber: scriptedStream(conversation()),
      source: { chunks: silence(300), live: false },
      seed: 5,
      speaker: 'ada',
      loopParams: { states: { seekAbove: 0.35 }, policy: { threshold: 0.05, socialInhibition: 0, doubt: 0, cooldownSec: 4 } },
      narrator: createLlmNarrator({ url, model: 'm', timeoutMs: 2000 }),
      wallClock: () => 1_700_000_000_000,
      onRecord: (r) => records.push(r),
    });
    assert.equal(summary.utterances, 3);
    const inputs = records.flatMap((r) => (r.type === 'tick' ? r.inputs.map((i) => [i.utterance, r.tSec] as const) : []));
    assert.deepEqual(inputs.map(([i]) => i), [1, 2, 3], 'each utterance enters once, in order');
    inputs.forEach(([i, t]) => assert.ok(t >= [3, 16, 23][i - 1]!, `utterance ${i} entered at ${t}`));
    const regions = [[1, 3], [9, 16], [22, 23]] as const;
    const speaks = records.filter((r) => r.type === 'speak');
    assert.ok(speaks.length >= 1);
    for (const s of speaks) if (s.type === 'speak') assert.ok(!regions.some(([a, b]) => s.tSec >= a && s.tSec <= b + 0.5), `spoke at ${s.tSec}`);
    const holds = records.filter((r) => r.type === 'stay-silent' && r.reason === 'speech-in-progress');
    assert.ok(holds.length > 0, 'attempts to speak during a turn are held back');
    for (const h of holds) if (h.type === 'stay-silent') assert.ok(regions.some(([a, b]) => h.tSec + 0.5 >= a && h.tSec <= b), `held at ${h.tSec}`);
    const says = records.filter((r) => r.type === 'say');
    assert.equal(says.length, speaks.length);
    assert.ok(says.every((s) => s.type === 'say' && s.source === 'llm' && s.text === 'Nice to hear from you.'));
    const replay = replayAgentLog(records);
    assert.equal(replay.hash, summary.hash);
    assert.equal(replay.firstMismatch, null);
  });
});

test('the agent says the loop text, and logs why, when the LLM endpoint fails', async () => {
  const records: AgentRecord[] = [];
  await runAgent({
    transcriber: scriptedStream(conversation().slice(0, 3)),
    source: { chunks: silence(80), live: false },
    seed: 5,
    speaker: 'ada',
    narrator: createLlmNarrator({ url: 'http://127.0.0.1:9', model: 'm', timeoutMs: 500 }),
    onRecord: (r) => records.push(r),
  });
  const says = records.filter((r) => r.type === 'say');
  assert.ok(says.length >= 1, 'the addressed agent replies');
  for (const s of says) if (s.type === 'say') assert.ok(s.source === 'loop-fallback' && s.text.startsWith('[reply ada]') && s.reason?.startsWith('network'), JSON.stringify(s));
});
