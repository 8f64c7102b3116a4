/**
 * `npm run bench:e2e`: Cephalon against transformers.js end to end, on the same ONNX files, same dtype, same threads
 * (2 intra-op, 1 inter-op), same audio in the same fixed windows, greedy, no timestamps, no temperature fallback, the
 * same token limit. Each run is one child process (`e2e/child.ts`: honest load time and peak RSS); the engines
 * alternate run by run (and which goes first alternates by round), so load from other jobs hits both alike. Every run's
 * tokens are compared with the other engine's: any difference fails the bench (exit 1) after printing it.
 * Also prints each engine's floor: the summed time of its raw ONNX Runtime encoder and decoder `session.run` calls
 * (Cephalon: `startOrtRunTimer`; transformers.js: its sessions' `run` wrapped), and `loop overhead = wall / floor`.
 *
 * Models: random-weight Whisper `tiny` and `base` written by our exporter (fp32 by default; multilingual vocabulary of
 * ../shared/models/whisper-dev-random, decoded with language en), cached in .cache/bench-models/; or `--model DIR`.
 * Random weights: the text is gibberish; the figures are about cost and agreement.
 *
 * Usage: npm run bench:e2e [-- --model DIR] [--sizes tiny,base] [--dtype fp32|q8] [--rounds 3] [--windows N]
 *        [--max-tokens 224] [--threads 2] [--audio FILE] [--cpu-prof] [--spin]
 * `--spin`: Cephalon's ORT worker threads spin between operators (ORT's default, which transformers.js keeps) instead
 * of Cephalon's default of sleeping (`allowSpinning: false`); every other setting is the same either way.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportRandomWhisper } from '@cephalon/stt';
import type { ExportDtype, OrtRunTimes } from '@cephalon/stt';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEV_MODEL = `${ROOT}../shared/models/whisper-dev-random`;
const CHILD = fileURLToPath(new URL('./e2e/child.ts', import.meta.url));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const dtype = (arg('dtype') ?? 'fp32') as ExportDtype;
const rounds = Number(arg('rounds') ?? 3);
const windows = Number(arg('windows') ?? 0);
const maxTokens = Number(arg('max-tokens') ?? 224);
const threads = Number(arg('threads') ?? 2);
const audio = arg('audio') ?? `${DEV_MODEL}/audio/long.wav`;
const cpuProf = process.argv.includes('--cpu-prof');
const spin = process.argv.includes('--spin');
const explicitModel = arg('model');
const sizes = (arg('sizes') ?? 'tiny,base').split(',');

type Engine = 'cephalon' | 'transformers-js';
interface ChildResult {
  readonly engine: Engine;
  readonly loadMs: number;
  readonly wallMs: number;
  readonly audioSec: number;
  readonly windows: readonly (readonly number[])[];
  readonly peakRssBytes: number;
  readonly ort: OrtRunTimes;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs one engine once in a fresh process; its stderr passes through. */
function runChild(engine: Engine, modelDir: string): Promise<ChildResult> {
  const nodeArgs = ['--conditions=cephalon-source', '--import', 'tsx'];
  if (cpuProf) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${ROOT}.cache/bench-profiles`, `--cpu-prof-name=${engine}-${Date.now()}.cpuprofile`);
  const args = [...nodeArgs, CHILD, engine, modelDir, dtype, audio, String(windows), String(maxTokens), String(threads), spin ? 'spin' : 'sleep'];
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('E2E_RESULT '));
      if (code !== 0 || line === undefined) reject(new Error(`${engine} run failed (exit ${code}): ${out.slice(-2000)}`));
      else resolveRun(JSON.parse(line.slice('E2E_RESULT '.length)) as ChildResult);
    });
  });
}

/** The first difference between two runs' tokens, or null when identical. */
function firstDifference(a: ChildResult, b: ChildResult): string | null {
  if (a.windows.length !== b.windows.length) return `${a.windows.length} windows vs ${b.windows.length}`;
  for (let w = 0; w < a.windows.length; w++) {
    const x = a.windows[w] as readonly number[];
    const y = b.windows[w] as readonly number[];
    const n = Math.max(x.length, y.length);
    for (let i = 0; i < n; i++) {
      if (x[i] !== y[i]) return `window ${w} token ${i}: ${a.engine} ${x[i] ?? 'end'} (${x.length} tokens) vs ${b.engine} ${y[i] ?? 'end'} (${y.length} tokens)`;
    }
  }
  return null;
}

/**
 * Agreement of these tokens with the fp32 run of the same size and windows (recorded by an earlier fp32 run in
 * `.cache/bench-models/tokens-*.json`): per window, the tokens before the first difference, summed.
 */
function agreementWithFp32(size: string | null, result: ChildResult): string | null {
  if (size === null) return null;
  const file = (d: string): string => `${ROOT}.cache/bench-models/tokens-${size}-${d}-${windows}w-${maxTokens}.json`;
  writeFileSync(file(dtype), JSON.stringify(result.windows));
  if (dtype === 'fp32' || !existsSync(file('fp32'))) return null;
  const ref = JSON.parse(readFileSync(file('fp32'), 'utf8')) as number[][];
  let prefix = 0;
  let total = 0;
  const perWindow = ref.map((want, w) => {
    const got = result.windows[w] ?? [];
    let k = 0;
    while (k < want.length && k < got.length && want[k] === got[k]) k++;
    prefix += k;
    total += want.length;
    return `${k}/${want.length}${k === want.length && got.length === want.length ? '' : ` (${dtype} ${got.length})`}`;
  });
  return `${dtype} vs fp32 tokens (cephalon): ${prefix}/${total} fp32 tokens before the first difference of their window; per window ${perWindow.join(', ')}`;
}

async function modelDirs(): Promise<{ label: string; dir: string; size: string | null }[]> {
  if (explicitModel !== undefined) return [{ label: explicitModel, dir: explicitModel, size: null }];
  const out = [];
  for (const size of sizes) {
    const dir = `${ROOT}.cache/bench-models/random-${size}-${dtype}`;
    const suffix = dtype === 'fp32' ? '' : dtype === 'fp16' ? '_fp16' : '_quantized';
    if (!existsSync(`${dir}/onnx/decoder_model_merged${suffix}.onnx`)) {
      console.log(`exporting random ${size} (${dtype}) to ${dir} ...`);
      await exportRandomWhisper(size, { out: dir, dtype, tokenizerFrom: DEV_MODEL });
    }
    out.push({ label: `random ${size}`, dir, size });
  }
  return out;
}

const tokenCount = (r: ChildResult): number => r.windows.reduce((n, w) => n + w.length, 0);
const fmt = (x: number, d = 2): string => x.toFixed(d);

let last: { speedup: number; same: boolean } | null = null;
let allSame = true;
console.log(`bench:e2e  ${dtype}, ${threads} intra-op thread(s), 1 inter-op, ${rounds} alternating rounds, ${windows === 0 ? 'whole file' : `${windows} window(s)`} of ${audio.split('/').at(-1)}, greedy, no timestamps, <= ${maxTokens} tokens/window; cephalon ORT threads ${spin ? 'spin (ORT default)' : 'sleep (cephalon default)'}, transformers.js ORT default (spin)`);
for (const model of await modelDirs()) {
  const runs: Record<Engine, ChildResult[]> = { cephalon: [], 'transformers-js': [] };
  let same = true;
  for (let round = 0; round < rounds; round++) {
    const order: Engine[] = round % 2 === 0 ? ['cephalon', 'transformers-js'] : ['transformers-js', 'cephalon'];
    for (const engine of order) {
      const r = await runChild(engine, model.dir);
      runs[engine].push(r);
      console.log(`  round ${round + 1} ${engine.padEnd(15)} wall ${fmt(r.wallMs / 1000)} s  load ${fmt(r.loadMs / 1000)} s  tokens ${tokenCount(r)}  peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
    }
    const diff = firstDifference(runs.cephalon.at(-1) as ChildResult, runs['transformers-js'].at(-1) as ChildResult);
    if (diff !== null) {
      same = false;
      allSame = false;
      console.error(`TOKENS DIFFER (${model.label}, round ${round + 1}): ${diff}`);
    }
  }
  const ceph = runs.cephalon;
  const tjs = runs['transformers-js'];
  const audioSec = (ceph[0] as ChildResult).audioSec;
  const ratios = ceph.map((c, i) => (tjs[i] as ChildResult).wallMs / c.wallMs);
  console.log(`${model.label} (${model.dir}), ${fmt(audioSec, 1)} s audio, ${(ceph[0] as ChildResult).windows.length} windows; medians of ${rounds}:`);
  console.log('  engine           wall s   RTFx   tokens  ms/token  load s  peak RSS MiB');
  for (const [name, rs] of [['cephalon', ceph], ['transformers.js', tjs]] as const) {
    const wall = median(rs.map((r) => r.wallMs));
    const tokens = tokenCount(rs[0] as ChildResult);
    console.log(
      `  ${name.padEnd(15)} ${fmt(wall / 1000).padStart(7)} ${fmt(audioSec / (wall / 1000)).padStart(6)} ${String(tokens).padStart(8)} ${fmt(wall / tokens, 1).padStart(9)} ${fmt(median(rs.map((r) => r.loadMs)) / 1000).padStart(7)} ${(median(rs.map((r) => r.peakRssBytes)) / 2 ** 20).toFixed(0).padStart(13)}`,
    );
  }
  for (const [name, rs] of [['cephalon', ceph], ['transformers.js', tjs]] as const) {
    const ort = rs.map((r) => r.ort as OrtRunTimes);
    const floor = rs.map((r, i) => (ort[i] as OrtRunTimes).encoderMs + (ort[i] as OrtRunTimes).decoderMs);
    console.log(
      `  ${name} floor (raw ORT session.run): ${fmt(median(floor) / 1000)} s = encoder ${fmt(median(ort.map((o) => o.encoderMs)) / 1000)} s (${(ort[0] as OrtRunTimes).encoderCalls} calls) + decoder ${fmt(median(ort.map((o) => o.decoderMs)) / 1000)} s (${(ort[0] as OrtRunTimes).decoderCalls} calls); loop overhead = wall / floor = ${fmt(median(rs.map((r, i) => r.wallMs / (floor[i] as number))), 3)}`,
    );
  }
  const agreement = agreementWithFp32(model.size, ceph.at(-1) as ChildResult);
  if (agreement !== null) console.log(`  ${agreement}`);
  last = { speedup: median(ratios), same };
  console.log(`  speed-up (transformers.js wall / cephalon wall, median of per-round ratios): ${fmt(last.speedup)}  same tokens: ${same ? 'yes' : 'NO'}`);
}
if (last !== null) console.log(`speedup vs transformers.js: ${fmt(last.speedup)} (same tokens: ${last.same ? 'yes' : 'no'})`);
if (last === null || !allSame) process.exitCode = 1;
