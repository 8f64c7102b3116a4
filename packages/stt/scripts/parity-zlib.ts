/**
 * npm run parity:zlib — why compressionRatio() uses pako: compares compressed sizes of many texts under pako (our
 * choice), Node's bundled zlib and CPython's `zlib.compress` (the reference; OpenAI's outputs were made with zlib
 * 1.2.13, which this script prints for the local python3). Texts: every `text` in the shared models' reference JSON
 * files, plus seeded random texts up to 20 kB (repetitive word salads, as Whisper's loops are, and random Unicode).
 * Usage: tsx packages/stt/scripts/parity-zlib.ts [randomCount=3000] [seed=20261124]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { deflate } from 'pako';

const SHARED = process.env['CEPHALON_SHARED_DIR'] ?? new URL('../../../../shared/', import.meta.url).pathname;
const RANDOM_COUNT = Number(process.argv[2] ?? 3000);
let seed = Number(process.argv[3] ?? 20261124) >>> 0;

/** mulberry32: small seeded PRNG, uniform in [0, 1). */
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

function referenceTexts(): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string' && x.length > 0) out.add(x);
        else walk(x);
      }
    }
  };
  for (const model of ['whisper-dev-random', 'whisper-dev-random_timestamped']) {
    const dir = join(SHARED, 'models', model, 'reference');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.json')) walk(JSON.parse(readFileSync(join(dir, f), 'utf8')));
  }
  return [...out];
}

const WORDS = ['the', 'and', 'so', 'my', 'fellow', 'Americans', 'ask', 'not', 'what', 'your', 'country', 'can', 'do', 'for', 'you', 'Monica', 'Taliban', 'Hong', 'Mayor', 'prov', 'ва', 'と思', '오랜만', '길', '…', ',', '.', '?'];

function randomText(): string {
  const target = Math.floor(random() ** 2 * 20_000) + 1; // many short texts, some up to 20 kB
  const parts: string[] = [];
  let bytes = 0;
  const mode = random();
  while (bytes < target) {
    let piece: string;
    if (mode < 0.5) piece = `${pick(WORDS)} `; // word salad
    else if (mode < 0.8) piece = `${Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(WORDS)).join(' ')} `.repeat(1 + Math.floor(random() * 8)); // loops
    else piece = String.fromCodePoint(random() < 0.7 ? 32 + Math.floor(random() * 95) : 0xa0 + Math.floor(random() * 0xd000)); // random Unicode
    parts.push(piece);
    bytes += Buffer.byteLength(piece);
  }
  return parts.join('').slice(0, target);
}

const texts = referenceTexts();
const nReference = texts.length;
for (let i = 0; i < RANDOM_COUNT; i++) texts.push(randomText());

const py = spawnSync('python3', ['-c', [
  'import json, sys, zlib',
  'texts = json.load(sys.stdin)',
  'print(json.dumps({"version": zlib.ZLIB_RUNTIME_VERSION, "sizes": [len(zlib.compress(t.encode("utf-8"))) for t in texts]}))',
].join('\n')], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 28 });
if (py.status !== 0) {
  console.error(`python3 failed (it is the reference): ${py.stderr || py.error?.message}`);
  process.exit(1);
}
const reference = JSON.parse(py.stdout) as { version: string; sizes: number[] };

function tally(from: number, to: number): { pako: number; node: number; n: number } {
  let pako = 0;
  let node = 0;
  for (let i = from; i < to; i++) {
    const bytes = Buffer.from(texts[i] ?? '', 'utf8');
    if (deflate(bytes, { level: 6 }).length === reference.sizes[i]) pako++;
    if (deflateSync(bytes, { level: 6 }).length === reference.sizes[i]) node++;
  }
  return { pako, node, n: to - from };
}
const ref = tally(0, nReference);
const rnd = tally(nReference, texts.length);
console.log(`parity:zlib  CPython zlib ${reference.version} (reference), Node zlib ${process.versions.zlib}, pako`);
console.log(`reference texts (${ref.n}, from ${SHARED}models/*/reference): pako identical ${ref.pako}/${ref.n}, Node zlib identical ${ref.node}/${ref.n}`);
console.log(`random texts (${rnd.n}, up to 20 kB, seed ${process.argv[3] ?? 20261124}): pako identical ${rnd.pako}/${rnd.n}, Node zlib identical ${rnd.node}/${rnd.n}`);
const ok = ref.pako === ref.n && rnd.pako === rnd.n;
console.log(ok ? `pako matches CPython on all ${texts.length} texts` : 'pako DIFFERS from CPython');
process.exit(ok ? 0 : 1);
