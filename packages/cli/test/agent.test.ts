/**
 * `cephalon agent` end to end on a short scripted conversation (espeak-ng, two voices, three turns with pauses)
 * played unpaced (speed 0, lockstep: deterministic) through the shared random-weight Whisper (gibberish text: the
 * checks are on utterance counts, timing, decisions and the state hash, not on words).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentRecord } from '../src/agent/index.js';
import { main } from '../src/main.js';
import { EXIT } from '../src/command.js';
import { checkAgentLog, formatTable } from './agent-checks.js';
import { buildConversation, hasEspeak, SHORT_CONVERSATION, TALKATIVE_LOOP_PARAMS } from './agent-conversation.js';
import { captureIo } from './capture-io.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));

test('option mistakes are usage errors naming the option, before any model is loaded', async () => {
  for (const [argv, what] of [
    [['agent', '--no-vad'], '--no-vad'],
    [['agent', '--llm-model', 'x'], '--llm-model'],
    [['agent', '--voice', 'en+f3'], '--voice'],
    [['agent', '--lookahead', '-5'], '--lookahead'],
    [['agent', '--input', '-', '--speed', '1'], '--speed'],
  ] as const) {
    const c = captureIo();
    assert.equal(await main(argv, c.io), EXIT.usage, `${argv.join(' ')}: ${c.stderr()}`);
    assert.ok(c.stderr().includes(what), c.stderr());
  }
  const help = captureIo();
  assert.equal(await main(['agent', '--help'], help.io), EXIT.ok);
  for (const flag of ['--speaker', '--script', '--state', '--log', '--llm', '--speak', '--model']) assert.ok(help.stdout().includes(flag), flag);
});

test('a scripted conversation at speed 0: each turn enters the field once, no speaking over speech, replay gives the same hash; JSONL on stdout, every record in the log', { skip: hasEspeak() ? false : 'espeak-ng is not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-agent-cli-'));
  try {
    const conv = await buildConversation(SHORT_CONVERSATION, dir, 3);
    const params = join(dir, 'params.json');
    writeFileSync(params, JSON.stringify(TALKATIVE_LOOP_PARAMS));
    const c = captureIo();
    const code = await main(['agent', '--input', conv.wavPath, '--speed', '0', '--model', MODEL_DIR, '--script', conv.scriptPath, '--log', join(dir, 'log.jsonl'), '--loop-params', params], c.io);
    assert.equal(code, EXIT.ok, c.stderr());
    const out = c.stdout().trim().split('\n').map((l) => JSON.parse(l) as AgentRecord);
    assert.deepEqual(out.filter((r) => r.type === 'utterance').map((r) => (r as { speaker: string }).speaker), ['ada', 'bob', 'ada']);
    assert.equal(out.at(-1)?.type, 'end');
    assert.ok(!out.some((r) => r.type === 'tick'), 'ticks go to the log only');
    const log = readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AgentRecord);
    assert.equal(log[0]?.type, 'open');
    assert.ok(log.filter((r) => r.type === 'tick').length >= Math.floor(conv.durationSec));
    const rows = checkAgentLog(log, conv.turns, { requireSuppression: true });
    assert.ok(rows.every((r) => r.ok), formatTable(rows));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
