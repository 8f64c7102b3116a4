/**
 * Batch transcription on a real redis-server (started here on a free loopback port, stopped after): results are
 * stored once per file, a poisoned job fails once with its typed error, resubmitting is idempotent; and with two
 * `cephalon worker` processes, killing one with SIGKILL mid-job leaves every file with exactly one result, the
 * killed job finished by the other. Dev model (gibberish text).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAudio } from '@cephalon/stt';
import { queueResults, queueStatus, startBatchWorker, submitFiles } from '../src/index.js';
import { JFK_FLAC, MODEL_DIR, eventually, toneWav, wavBytes } from './support.js';
import { startRedis } from './redis-server.js';
import type { TestRedis } from './redis-server.js';

const CLI = fileURLToPath(new URL('../../cli/bin/cephalon.js', import.meta.url));
let redis: TestRedis;
let dir: string;

before(async () => {
  redis = await startRedis();
  dir = await mkdtemp(join(tmpdir(), 'cephalon-queue-'));
});
after(async () => {
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
});

test('one result per file, a poisoned job fails once with its typed error, resubmitting is idempotent', async () => {
  const queueName = 'unit';
  const tone = join(dir, 'tone.wav');
  const junk = join(dir, 'junk.mp3');
  await writeFile(tone, toneWav(1));
  await writeFile(junk, 'not audio at all '.repeat(100));
  const jobs = await submitFiles({ redisUrl: redis.url, queueName, files: [tone, junk], options: { language: 'en' }, backoffMs: 100 });
  assert.deepEqual(jobs.map((j) => j.created), [true, true]);
  const worker = await startBatchWorker({ redisUrl: redis.url, queueName, model: MODEL_DIR, engine: 'inline', name: 'unit-worker' });
  try {
    assert.ok(await eventually(async () => {
      const s = await queueStatus(redis.url, queueName);
      return (s.counts['completed'] ?? 0) + (s.counts['failed'] ?? 0) === 2;
    }, 120_000));
  } finally {
    await worker.close();
  }
  const again = await submitFiles({ redisUrl: redis.url, queueName, files: [tone], options: { language: 'en' } });
  assert.deepEqual(again.map((j) => [j.jobId, j.created]), [[jobs[0]?.jobId, false]]);
  const r = await queueResults(redis.url, queueName);
  assert.deepEqual(r.completed.map((c) => [c.jobId, c.file, c.worker]), [[jobs[0]?.jobId, tone, 'unit-worker']]);
  assert.equal(r.completed[0]?.transcript.duration, 1);
  assert.equal(r.failed.length, 1);
  assert.equal(r.failed[0]?.attempts, 1, 'unreadable audio is not retried');
  assert.equal(r.failed[0]?.error.name, 'AudioDecodeError');
  assert.match(r.failed[0]?.error.message ?? '', /ffmpeg could not decode/);
});

function startWorker(name: string): { child: ChildProcess; log: () => string } {
  const child = spawn(process.execPath, [CLI, 'worker', '--redis', redis.url, '--model', MODEL_DIR, '--queue-name', 'kill', '--lock-s', '2', '--name', name], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  return { child, log: () => log };
}

test('two workers, one killed with SIGKILL mid-job: every file ends with exactly one result', async () => {
  const audio = await loadAudio(JFK_FLAC);
  const files: string[] = [];
  for (const copies of [1, 2, 3, 2]) {
    const samples = new Float32Array(audio.samples.length * copies + files.length); // distinct bytes per file
    for (let i = 0; i < copies; i++) samples.set(audio.samples, i * audio.samples.length);
    const path = join(dir, `jfk-x${copies}-${files.length}.wav`);
    await writeFile(path, wavBytes(samples));
    files.push(path);
  }
  const a = startWorker('A');
  const b = startWorker('B');
  try {
    assert.ok(await eventually(() => a.log().includes('ready') && b.log().includes('ready'), 120_000), `workers ready: ${a.log()} ${b.log()}`);
    const jobs = await submitFiles({ redisUrl: redis.url, queueName: 'kill', files, options: { language: 'en' } });
    let killedJob: string | undefined;
    assert.ok(
      await eventually(async () => {
        const s = await queueStatus(redis.url, 'kill');
        killedJob = s.jobs.find((j) => j.state === 'active' && j.progress?.worker === 'A')?.jobId;
        return killedJob !== undefined;
      }, 120_000),
      'worker A started a job',
    );
    a.child.kill('SIGKILL');
    assert.ok(await eventually(async () => (await queueResults(redis.url, 'kill')).completed.length === files.length, 240_000), 'all files done');
    const r = await queueResults(redis.url, 'kill');
    assert.deepEqual(r.failed, []);
    assert.deepEqual(r.completed.map((c) => c.jobId).sort(), jobs.map((j) => j.jobId).sort(), 'exactly one result per file');
    assert.equal(r.completed.find((c) => c.jobId === killedJob)?.worker, 'B', 'the killed job was finished by B');
  } finally {
    a.child.kill('SIGKILL');
    b.child.kill('SIGTERM');
    await new Promise((resolve) => (b.child.exitCode === null ? b.child.once('exit', resolve) : resolve(undefined)));
  }
});
