/**
 * Persistence across kill -9: the real `cephalon agent` binary runs on a file at real-time speed with `--state`;
 * it is SIGKILLed after a few committed ticks and restarted on the same state. The restart resumes at the next
 * tick (the state is committed inside the tick, its log line written just after, so the state may be one tick
 * ahead of the log when the kill falls between the two), reports how long it was away (at least the wait between kill and restart, at most the time from the kill
 * to the restart's end), and the appended event log replays to the recorded hashes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseAgentLog, replayAgentLog } from '../src/agent/index.js';
import type { AgentRecord } from '../src/agent/index.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const JFK = `${MODEL_DIR}/audio/jfk.wav`;
const BIN = fileURLToPath(new URL('../bin/cephalon.js', import.meta.url));

const readLog = (path: string): AgentRecord[] => (existsSync(path) ? parseAgentLog(readFileSync(path, 'utf8'), path) : []);

test('kill -9 and restart: the agent resumes its state and knows how long it was away', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-agent-kill-'));
  const log = join(dir, 'events.jsonl');
  const state = join(dir, 'state');
  try {
    const first = spawn(process.execPath, [BIN, 'agent', '--input', JFK, '--speed', '1', '--model', MODEL_DIR, '--state', state, '--log', log, '--seed', '9'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    first.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => first.on('close', (code) => resolve(code)));
    const deadline = Date.now() + 120_000;
    while (readLog(log).filter((r) => r.type === 'tick').length < 3) {
      assert.ok(Date.now() < deadline && first.exitCode === null, `no third tick before the kill: ${stderr}`);
      await sleep(50);
    }
    first.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    const before = readLog(log);
    const lastTick = Math.max(...before.flatMap((r) => (r.type === 'tick' ? [r.tick] : [])));
    assert.ok(!before.some((r) => r.type === 'end'), 'killed before the end');
    await sleep(1500);
    const waited = (Date.now() - killedAt) / 1000;
    const second = spawn(process.execPath, [BIN, 'agent', '--input', JFK, '--speed', '0', '--model', MODEL_DIR, '--state', state, '--log', log], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    second.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    second.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => second.on('close', (c) => resolve(c)));
    const upper = (Date.now() - killedAt) / 1000;
    assert.equal(code, 0, stderr);
    const woke = out.trim().split('\n').map((l) => JSON.parse(l) as AgentRecord).find((r) => r.type === 'woke-after-downtime');
    assert.ok(woke !== undefined && woke.type === 'woke-after-downtime', out);
    assert.ok(woke.downtimeSec >= waited && woke.downtimeSec <= upper, `downtime ${woke.downtimeSec} s, waited ${waited} s, upper ${upper} s`);
    const all = readLog(log);
    const opens = all.filter((r) => r.type === 'open');
    assert.equal(opens.length, 2);
    const resumed = opens[1];
    assert.ok(resumed?.type === 'open' && resumed.state !== null && resumed.state.tick >= lastTick && resumed.state.tick <= lastTick + 1, `resumed at ${resumed?.type === 'open' ? resumed.state?.tick : '?'}, last logged tick ${lastTick}`);
    const firstAfter = all.slice(all.indexOf(resumed)).find((r) => r.type === 'tick');
    assert.equal(firstAfter?.type === 'tick' ? firstAfter.tick : -1, resumed.state.tick + 1);
    const replay = replayAgentLog(all);
    assert.equal(replay.firstMismatch, null);
    const end = all.at(-1);
    assert.ok(end?.type === 'end' && replay.hash === end.hash);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
