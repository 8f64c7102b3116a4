/**
 * `npm run bench:queue`: batch throughput (files/s) of `cephalon worker` processes on one Redis, 1 worker vs 2,
 * side by side in one run, with the ratio. The jobs are copies of jfk.flac made distinct by one trailing sample;
 * every result is checked to carry a transcript. Redis is a throwaway `redis-server` on a free loopback port. Dev
 * model (random weights, gibberish text): the figures are about the queue and this machine, not Whisper quality.
 *
 * Env: BENCH_JOBS (default 8), BENCH_MODEL.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAudio } from '@cephalon/stt';
import { queueResults, submitFiles } from '../src/index.js';
import { startRedis } from '../test/redis-server.js';
import { wavBytes } from '../test/support.js';

const CLI = fileURLToPath(new URL('../../cli/bin/cephalon.js', import.meta.url));
const MODEL = process.env['BENCH_MODEL'] ?? fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const JFK = fileURLToPath(new URL('../../../../shared/data/audio/jfk.flac', import.meta.url));
const JOBS = Number(process.env['BENCH_JOBS'] ?? 8);

function worker(redisUrl: string, queueName: string, name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'worker', '--redis', redisUrl, '--model', MODEL, '--queue-name', queueName, '--name', name], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (c: Buffer) => {
      log += c.toString();
      if (log.includes('ready on')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${log}`)));
  });
}

const redis = await startRedis();
const dir = await mkdtemp(join(tmpdir(), 'cephalon-bench-queue-'));
const rows: { workers: number; sec: number; perWorker: Record<string, number> }[] = [];
try {
  const audio = await loadAudio(JFK);
  const files: string[] = [];
  for (let i = 0; i < JOBS; i++) {
    const samples = new Float32Array(audio.samples.length + i + 1);
    samples.set(audio.samples);
    files.push(join(dir, `jfk-${i}.wav`));
    await writeFile(files[i] as string, wavBytes(samples));
  }
  for (const n of [1, 2]) {
    const queueName = `bench-${n}`;
    const children = await Promise.all(Array.from({ length: n }, (_, i) => worker(redis.url, queueName, `w${i + 1}`)));
    try {
      const t0 = performance.now();
      await submitFiles({ redisUrl: redis.url, queueName, files, options: { language: 'en' } });
      for (;;) {
        const r = await queueResults(redis.url, queueName);
        if (r.failed.length > 0) throw new Error(`failed jobs: ${JSON.stringify(r.failed)}`);
        if (r.completed.length === JOBS) {
          if (r.completed.some((c) => c.transcript.text.length === 0)) throw new Error('an empty transcript');
          const perWorker: Record<string, number> = {};
          for (const c of r.completed) perWorker[c.worker] = (perWorker[c.worker] ?? 0) + 1;
          rows.push({ workers: n, sec: (performance.now() - t0) / 1000, perWorker });
          break;
        }
        await new Promise((r2) => setTimeout(r2, 100));
      }
    } finally {
      for (const c of children) c.kill('SIGTERM');
    }
    console.error(`${n} worker(s): done`);
  }
} finally {
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
}

console.log(`\nbench:queue — ${JOBS} jobs of jfk.flac (11 s each), dev model (random weights), ${availableParallelism()} CPUs, worker engine, --concurrency 1 per worker`);
console.log('workers   seconds   files/s   jobs per worker      files/s vs 1 worker');
const base = rows[0];
for (const r of rows) {
  const ratio = base === undefined ? '' : `${(base.sec / r.sec).toFixed(2)}x`;
  console.log(`${String(r.workers).padStart(7)}${r.sec.toFixed(1).padStart(10)}${(JOBS / r.sec).toFixed(2).padStart(10)}   ${JSON.stringify(r.perWorker).padEnd(20)}${ratio.padStart(8)}`);
}
