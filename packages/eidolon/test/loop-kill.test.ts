import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomStream, loadState } from '../src/index.js';
import type { LoopState } from '../src/index.js';

const CHILD = new URL('./fixtures/loop-child.ts', import.meta.url).pathname;
const KILLS = 5;

interface ChildRun {
  opened: { tick: number; hash: string };
  woke: { downtimeSec: number } | null;
  committed: Map<number, string>;
}

/** Starts the child, SIGKILLs it after `killAfter` committed ticks, and collects what it printed. */
function runUntilKilled(store: string, killAfter: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, store], { stdio: ['ignore', 'pipe', 'inherit'] });
    const run: ChildRun = { opened: { tick: -1, hash: '' }, woke: null, committed: new Map() };
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const [kind, a, b] = buffer.slice(0, nl).split(' ');
        buffer = buffer.slice(nl + 1);
        if (kind === 'opened') run.opened = { tick: Number(a), hash: b ?? '' };
        if (kind === 'woke') run.woke = { downtimeSec: Number(a) };
        if (kind === 'committed') {
          run.committed.set(Number(a), b ?? '');
          if (run.committed.size === killAfter) child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    // 'close' (not 'exit'): fires after stdout is drained, so every line the child wrote is counted.
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(run) : reject(new Error(`child exited without being killed (${String(signal)})`))));
  });
}

test('acceptance 11: the loop survives kill -9 at random ticks and knows how long it was off', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eidolon-kill-'));
  const store = join(dir, 'duck.json');
  const rnd = new RandomStream(2024);
  try {
    let previous: ChildRun | null = null;
    for (let k = 0; k <= KILLS; k++) {
      const killAfter = 3 + Math.floor(rnd.nextFloat() * 40);
      const t0 = Date.now();
      const run = await runUntilKilled(store, killAfter);
      if (previous === null) {
        assert.equal(run.opened.tick, 0);
        assert.equal(run.woke, null, 'a fresh agent has no downtime');
      } else {
        const lastSeen = Math.max(...previous.committed.keys());
        // The child prints after each commit, so the kill can only fall between a commit and its line.
        assert.ok(run.opened.tick === lastSeen || run.opened.tick === lastSeen + 1, `loaded tick ${run.opened.tick}, last committed seen ${lastSeen}`);
        const seenHash: string | undefined = previous.committed.get(run.opened.tick);
        if (seenHash !== undefined) assert.equal(run.opened.hash, seenHash, 'the loaded world is the committed one');
        assert.ok(run.woke !== null, 'emits woke-after-downtime');
        assert.ok(run.woke.downtimeSec > 0 && run.woke.downtimeSec < (Date.now() - t0) / 1000 + 60, `downtime ${run.woke.downtimeSec} s`);
        const ticks = [...run.committed.keys()];
        assert.equal(ticks[0], run.opened.tick + 1, 'ticks continue without a gap');
      }
      previous = run;
    }
    const state = loadState(store) as LoopState;
    assert.ok(state.tick >= Math.max(...(previous?.committed.keys() ?? [0])));
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.tmp-')).length <= 1, true);
    console.log(`# ${KILLS} kills, final tick ${state.tick}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
