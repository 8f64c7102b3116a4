/**
 * `cephalon serve`, `cephalon worker` and `cephalon queue` as commands: usage errors, a served process that answers
 * `/health` without the key and the rest only with it and stops cleanly on SIGTERM, and the queue subcommands on a
 * throwaway redis-server. Dev model (gibberish text).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBatchWorker } from '@cephalon/server';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';
import { startRedis } from '../../server/test/redis-server.js';
import type { TestRedis } from '../../server/test/redis-server.js';
import { toneWav } from '../../server/test/support.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/cephalon.js', import.meta.url));
let redis: TestRedis;
let dir: string;

before(async () => {
  redis = await startRedis();
  dir = await mkdtemp(join(tmpdir(), 'cephalon-cli-queue-'));
});
after(async () => {
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
});

test('usage errors: serve without --model, worker without --redis, queue without a subcommand', async () => {
  for (const argv of [['serve'], ['worker', '--model', MODEL_DIR], ['queue'], ['queue', 'submit', '--redis', redis.url], ['serve', '--model', 'm', '--tls-cert', 'c.pem']]) {
    const c = captureIo();
    assert.equal(await main(argv, c.io), EXIT.usage, `${argv.join(' ')}: ${c.stderr()}`);
    assert.match(c.stderr(), /^cephalon: /);
  }
});

test('serve: /health without the key, other routes only with it; SIGTERM stops it with exit code 0', async () => {
  const child = spawn(process.execPath, [BIN, 'serve', '--model', MODEL_DIR, '--port', '0', '--api-key', 'k1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready: ${log}`)), 120_000);
      child.stderr.on('data', () => {
        const m = /listening on (\S+)/.exec(log);
        if (m?.[1] === undefined || !log.includes('ready in')) return;
        clearTimeout(timer);
        resolve(m[1]);
      });
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/, 'loopback by default');
    assert.equal((await fetch(`${url}/health`)).status, 200);
    assert.equal((await fetch(`${url}/v1/models`)).status, 401);
    assert.equal((await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer k1' } })).status, 200);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, log);
  assert.match(log, /stopped by SIGTERM/);
});

test('queue submit, status and results', async () => {
  const tone = join(dir, 'tone.wav');
  const junk = join(dir, 'junk.mp3');
  await writeFile(tone, toneWav(1));
  await writeFile(junk, 'not audio '.repeat(100));
  const common = ['--redis', redis.url, '--queue-name', 'cli'];
  const submitted = captureIo({}, dir);
  assert.equal(await main(['queue', 'submit', 'tone.wav', 'junk.mp3', ...common, '--language', 'en'], submitted.io), EXIT.ok, submitted.stderr());
  assert.match(submitted.stdout(), /^[0-9a-f]{24}\ttone\.wav\n[0-9a-f]{24}\tjunk\.mp3\n$/);
  const worker = await startBatchWorker({ redisUrl: redis.url, queueName: 'cli', model: MODEL_DIR, engine: 'inline', name: 'cli-worker' });
  try {
    for (let i = 0; i < 600; i++) {
      const s = captureIo();
      await main(['queue', 'status', ...common], s.io);
      if (/completed 1, failed 1/.test(s.stdout())) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await worker.close();
  }
  const status = captureIo();
  assert.equal(await main(['queue', 'status', ...common], status.io), EXIT.ok);
  assert.match(status.stdout(), /waiting 0, active 0, delayed 0, completed 1, failed 1/);
  const results = captureIo({}, dir);
  assert.equal(await main(['queue', 'results', ...common, '--output-dir', 'out'], results.io), EXIT.failure, 'a failed job makes exit code 1');
  assert.match(results.stdout(), /^done\t.*tone\.wav\tcli-worker\t/m);
  assert.match(results.stdout(), /^failed\t.*junk\.mp3\tAudioDecodeError FFMPEG_FAILED: ffmpeg could not decode/m);
  const json = JSON.parse(await readFile(join(dir, 'out', 'tone.json'), 'utf8')) as { duration: number; segments: unknown[] };
  assert.equal(json.duration, 1);
  assert.ok(Array.isArray(json.segments));
});
