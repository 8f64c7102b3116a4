/**
 * Kill -9 the runner (a real `cephalon bench run` child process) mid-run, resume it (in-process), and check the final results
 * equal an uninterrupted run's: nothing lost, nothing repeated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec, readResults, runBench, type BenchEvent, type ResultRecord } from '../src/index.js';
import { FAKE_ENGINE, writeFakeDataset } from './helpers/fake-dataset.js';

const CLI = new URL('../../cli/bin/cephalon.js', import.meta.url).pathname;
const UTTERANCES = 8;
const KILL_AFTER_RESULTS = 4;

function writeSpec(dir: string, manifest: string): string {
  const spec = {
    name: 'resume', datasets: [{ name: 'fake', manifest }],
    engines: [{ name: 'fake', kind: 'command', command: [FAKE_ENGINE, '{audio}', '{seed}', '{delay}'], params: { delay: '0.02' }, grid: { seed: [1, 2] } }],
  };
  const path = join(dir, 'spec.json');
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

function resultLines(path: string): number {
  // Complete lines only: the text after the last newline may be a write in progress.
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(0, -1).filter((l) => l.includes('"type":"result"')).length : 0;
}

/** The fields that must match between runs (timings and dates legitimately differ). */
function essence(results: readonly ResultRecord[]): string[] {
  return results.map((r) => JSON.stringify([r.key, r.hypothesis, r.reference, r.audioSec, r.params])).sort();
}

async function runAndKill(spec: string, results: string): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'bench', 'run', spec, '--results', results], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (resultLines(results) >= KILL_AFTER_RESULTS) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('exit', (_code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`runner finished before it could be killed (results: ${resultLines(results)}): ${stderr}`));
    });
  });
}

test('kill -9 mid-run then resume gives the same results as an uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-resume-'));
  try {
    const spec = writeSpec(dir, writeFakeDataset(dir, UTTERANCES));
    const full = join(dir, 'full.jsonl');
    const expected = (await runBench(await loadSpec(spec), { resultsPath: full })).results;
    assert.equal(expected.length, UTTERANCES * 2);

    const resumed = join(dir, 'resumed.jsonl');
    await runAndKill(spec, resumed);
    const partial = readResults(resumed).results.length;
    assert.ok(partial >= KILL_AFTER_RESULTS && partial < UTTERANCES * 2, `killed after ${partial} results`);
    // A write torn by the kill: half a JSON line with no newline, which the resume must drop and redo.
    appendFileSync(resumed, '{"type":"result","key":"fake{\\"delay\\":\\"0.02');
    const events: BenchEvent[] = [];
    await runBench(await loadSpec(spec), { resultsPath: resumed, onEvent: (e) => events.push(e) });
    assert.deepEqual(events[0], { type: 'start', total: UTTERANCES * 2, skipped: partial, tornTail: true });
    assert.equal(events.filter((e) => e.type === 'result').length, UTTERANCES * 2 - partial, 'only the missing items ran');
    const final = readResults(resumed);
    assert.equal(final.tornTail, false);
    assert.deepEqual(essence(final.results), essence(expected));
    assert.equal(new Set(final.results.map((r) => r.key)).size, final.results.length, 'no key repeated');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
