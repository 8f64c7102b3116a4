import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AXES, AXIS_COUNT, CIRCUIT_SCORE_SCHEMA, createLexiconScorer, createLlmScorer, parseCircuitScores, scoreLexicon } from '../src/index.js';
import type { AffectScore } from '../src/index.js';

const SAMPLES = [
  "I'm here to help you",
  'You are useless',
  "You don't know what you're talking about",
  "You're brilliant at this",
  'Because X, therefore Y',
  'xkcd brrr zzt',
  "That's not right, you're hurting people",
  "You're one of us, we believe in this",
  '',
];

function assertValid(s: AffectScore): void {
  assert.equal(s.affect.length, AXIS_COUNT);
  for (const x of s.affect) assert.ok(Number.isFinite(x) && x >= -1 && x <= 1, `axis value ${x}`);
  assert.ok(s.confidence >= 0 && s.confidence <= 1);
}

test('lexicon scorer: deterministic, clamped, and the spec A2.2 examples push the documented axes', async () => {
  const scorer = createLexiconScorer();
  for (const text of SAMPLES) {
    const a = await scorer.score(text);
    const b = await scorer.score(text);
    assert.deepEqual(Array.from(a.affect), Array.from(b.affect));
    assert.equal(a.confidence, b.confidence);
    assertValid(a);
  }
  const v = (text: string, axis: number): number => scoreLexicon(text).affect[axis] as number;
  assert.ok(v("I'm here to help you", 0) > 0.2, 'help attracts on circuit 1');
  assert.ok(v('You are useless', 0) < -0.2, 'insult repels on circuit 1');
  assert.ok(v("You're brilliant at this", 1) > 0.5, 'praise raises assertiveness');
  assert.ok(v("You don't know what you're talking about", 1) < -0.2, 'challenge lowers circuit 2');
  assert.ok(v('Because X, therefore Y', 2) > 0.2, 'reasoning raises coherence');
  assert.ok(v('xkcd brrr zzt', 2) < -0.5, 'nonsense lowers coherence');
  assert.ok(v("That's not right, you're hurting people", 3) < 0, 'accusation is moral repulsion');
  assert.ok(v("You're one of us, we believe in this", 3) > 0.5, 'in-group invitation is moral attraction');
  assert.equal(scoreLexicon('').confidence, 0);
});

type Mode = 'good' | 'out-of-range' | 'malformed' | 'schema-invalid' | 'extra-key' | 'no-content' | 'http-500' | 'slow';

function goodScores(scale = 0.5): Record<string, number> {
  return { ...Object.fromEntries(AXES.map((a, k) => [a, scale * (k % 2 === 0 ? 1 : -1)])), confidence: 0.8 };
}

function reply(res: ServerResponse, mode: Mode, body: { model?: string; response_format?: { type?: string } }): void {
  const send = (content: string, status = 200): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'x', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content } }] }));
  };
  if (mode === 'good') return send(JSON.stringify(goodScores()));
  if (mode === 'out-of-range') return send(JSON.stringify(goodScores(7)));
  if (mode === 'malformed') return send('{"safety": 0.3, "status": ');
  if (mode === 'schema-invalid') return send(JSON.stringify({ ...goodScores(), coherence: 'high' }));
  if (mode === 'extra-key') return send(JSON.stringify({ ...goodScores(), mood: 'happy' }));
  if (mode === 'no-content') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end('{"choices": []}');
  }
  if (mode === 'http-500') return send('oops', 500);
  // slow: far beyond the scorer's timeout; unref'd so a timed-out request does not keep the test process alive.
  setTimeout(() => send(JSON.stringify(goodScores())), 8000).unref();
}

async function withServer(fn: (url: string, seen: unknown[]) => Promise<void>): Promise<void> {
  const seen: unknown[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model?: string; messages?: { content: string }[]; response_format?: { type?: string } };
      seen.push({ url: req.url, body });
      reply(res, (body.messages?.[1]?.content ?? 'good') as Mode, body);
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

test('LLM scorer: schema-valid output or fallback, against a real HTTP server (good, malformed, invalid, slow)', async () => {
  await withServer(async (url, seen) => {
    const reasons: string[] = [];
    // 1.5 s: a loaded machine (CI, parallel builds) must not turn the good answers into timeouts.
    const scorer = createLlmScorer({ baseUrl: url, model: 'test-model', timeoutMs: 1500, onFallback: (e) => reasons.push(e.reason) });
    const good = await scorer.score('good');
    assertValid(good);
    assert.equal(good.source, 'llm');
    assert.deepEqual(Array.from(good.affect), AXES.map((_, k) => 0.5 * (k % 2 === 0 ? 1 : -1)));
    assert.equal(good.confidence, 0.8);
    const clamped = await scorer.score('out-of-range');
    assert.equal(clamped.source, 'llm');
    assert.deepEqual(Array.from(clamped.affect), AXES.map((_, k) => (k % 2 === 0 ? 1 : -1)));
    const expected: Record<string, string> = {
      malformed: 'malformed-json', 'schema-invalid': 'schema-invalid', 'extra-key': 'schema-invalid', 'no-content': 'schema-invalid', 'http-500': 'http-status', slow: 'timeout',
    };
    for (const [mode, reason] of Object.entries(expected)) {
      const s = await scorer.score(mode);
      assertValid(s);
      assert.equal(s.source, 'lexicon-fallback', mode);
      assert.equal(s.fallbackReason, reason, mode);
      assert.deepEqual(Array.from(s.affect), Array.from(scoreLexicon(mode).affect));
    }
    assert.deepEqual(reasons, Object.values(expected));
    const first = seen[0] as { url: string; body: { model: string; response_format: { type: string; json_schema: { schema: unknown } } } };
    assert.equal(first.url, '/v1/chat/completions');
    assert.equal(first.body.model, 'test-model');
    assert.equal(first.body.response_format.type, 'json_schema');
    assert.deepEqual(first.body.response_format.json_schema.schema, JSON.parse(JSON.stringify(CIRCUIT_SCORE_SCHEMA)));
  });
  const down = await createLlmScorer({ baseUrl: 'http://127.0.0.1:9', model: 'm', timeoutMs: 500 }).score('You are useless');
  assert.equal(down.source, 'lexicon-fallback');
  assert.equal(down.fallbackReason, 'network');
});

test('parseCircuitScores rejects wrong shapes and clamps ranges', () => {
  assert.throws(() => parseCircuitScores('[1,2]'), { code: 'EIDOLON_SCORER' });
  assert.throws(() => parseCircuitScores(JSON.stringify({ safety: 1 })), { code: 'EIDOLON_SCORER' });
  const s = parseCircuitScores(JSON.stringify({ ...goodScores(), confidence: 3 }));
  assert.equal(s.confidence, 1);
});
