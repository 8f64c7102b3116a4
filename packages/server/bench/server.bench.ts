/**
 * `npm run bench:server`: requests/s and p50/p95 latency of `POST /v1/audio/transcriptions` with jfk.flac at
 * client concurrency 1, 2, 4, for the inline engine (decoding on the main thread, ONNX Runtime's async runs) and
 * the worker engine (decoding in a worker thread), side by side in one run, with the ratio. Each server is a
 * `cephalon serve` child process; a probe hits `/health` every 25 ms meanwhile, so its latency shows how long the
 * server's event loop is blocked. Every answer is checked against the first. Dev model: random weights, the
 * text is gibberish; the figures are about the serving machinery and this machine, not Whisper quality.
 *
 * Env: BENCH_REQUESTS (per concurrency level, default 8), BENCH_ENGINES (default "inline,worker"),
 * BENCH_MODEL (default ../shared/models/whisper-dev-random).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MODEL = process.env['BENCH_MODEL'] ?? fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const JFK = fileURLToPath(new URL('../../../../shared/data/audio/jfk.flac', import.meta.url));
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 8);
const ENGINES = (process.env['BENCH_ENGINES'] ?? 'inline,worker').split(',');
const LEVELS = [1, 2, 4];

interface Served {
  readonly url: string;
  readonly child: ChildProcess;
}

async function serve(engine: string): Promise<Served> {
  const child = spawn(process.execPath, [`${ROOT}packages/cli/bin/cephalon.js`, 'serve', '--model', MODEL, '--port', '0', '--queue', '64', '--engine', engine], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    let address = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      address ||= /listening on (http:\/\/\S+)/.exec(log)?.[1] ?? '';
      if (address !== '' && log.includes('ready in')) resolve(address);
    });
    child.once('exit', (code) => reject(new Error(`cephalon serve exited with ${code}: ${log}`)));
  });
  return { url, child };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

async function transcribe(url: string, bytes: Uint8Array): Promise<{ ms: number; text: string }> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'jfk.flac');
  form.append('model', 'whisper-1');
  const t0 = performance.now();
  const r = await fetch(`${url}/v1/audio/transcriptions`, { method: 'POST', body: form });
  const body = (await r.json()) as { text?: string };
  if (r.status !== 200 || body.text === undefined) throw new Error(`HTTP ${r.status}: ${JSON.stringify(body)}`);
  return { ms: performance.now() - t0, text: body.text };
}

interface Row {
  readonly engine: string;
  readonly concurrency: number;
  readonly rps: number;
  readonly p50: number;
  readonly p95: number;
  readonly healthP99: number;
  readonly healthMax: number;
}

async function level(url: string, engine: string, bytes: Uint8Array, concurrency: number, expected: { text: string | null }): Promise<Row> {
  const latencies: number[] = [];
  const health: number[] = [];
  let next = 0;
  let running = true;
  const probe = (async () => {
    while (running) {
      const t0 = performance.now();
      await fetch(`${url}/health`);
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS) {
        next++;
        const { ms, text } = await transcribe(url, bytes);
        expected.text ??= text;
        if (text !== expected.text) throw new Error(`${engine}: a different transcript of the same file`);
        latencies.push(ms);
      }
    }),
  );
  const wallSec = (performance.now() - t0) / 1000;
  running = false;
  await probe;
  latencies.sort((a, b) => a - b);
  health.sort((a, b) => a - b);
  return { engine, concurrency, rps: REQUESTS / wallSec, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), healthP99: quantile(health, 0.99), healthMax: health.at(-1) ?? Number.NaN };
}

const bytes = new Uint8Array(await readFile(JFK));
const rows: Row[] = [];
const expected = { text: null as string | null };
for (const engine of ENGINES) {
  const { url, child } = await serve(engine);
  try {
    await transcribe(url, bytes); // warm-up
    for (const c of LEVELS) {
      const row = await level(url, engine, bytes, c, expected);
      rows.push(row);
      console.error(`${engine} c=${c}: ${row.rps.toFixed(2)} req/s`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

console.log(`\nbench:server — jfk.flac (11 s), dev model (random weights), ${REQUESTS} requests per level, ${availableParallelism()} CPUs, server --concurrency 1`);
console.log('engine  clients  req/s   p50 ms   p95 ms   /health p99 ms   /health max ms   req/s vs inline');
for (const r of rows) {
  const base = rows.find((b) => b.engine === 'inline' && b.concurrency === r.concurrency);
  const ratio = base === undefined ? '' : `${(r.rps / base.rps).toFixed(2)}x`;
  console.log(
    `${r.engine.padEnd(8)}${String(r.concurrency).padStart(7)}${r.rps.toFixed(2).padStart(8)}${r.p50.toFixed(0).padStart(9)}${r.p95.toFixed(0).padStart(9)}` +
      `${r.healthP99.toFixed(1).padStart(17)}${r.healthMax.toFixed(1).padStart(17)}${ratio.padStart(18)}`,
  );
}
