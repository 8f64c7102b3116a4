/**
 * Fails on any import that goes against the dependency direction in ../shared/docs/architecture.md:
 * packages import only what their row allows, and inside packages/stt/src lower layers never import higher ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Which workspace packages each package may import. */
const PACKAGE_RULES: Readonly<Record<string, readonly string[]>> = {
  stt: [],
  bench: ['@cephalon/stt'],
  server: ['@cephalon/stt'],
  eidolon: [],
  cli: ['@cephalon/stt', '@cephalon/bench', '@cephalon/server', '@cephalon/eidolon'],
};
const WORKSPACE_NAMES = ['@cephalon/stt', '@cephalon/bench', '@cephalon/server', '@cephalon/eidolon', 'cephalon'];

/** Layer rank of each folder of packages/stt/src: a folder may import only folders of a lower or equal rank. */
const STT_LAYERS: Readonly<Record<string, number>> = {
  core: 0,
  audio: 1,
  tokenizer: 1,
  runtime: 1,
  text: 1,
  vad: 2,
  alignment: 2,
  decoding: 2,
  export: 2,
  stitching: 2,
  transcription: 3,
  streaming: 3,
  research: 3,
  writers: 3,
  api: 4,
};

function listTs(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

export function importSpecifiers(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const s = m[1] ?? m[2] ?? m[3];
    if (s !== undefined) specs.push(s);
  }
  return specs;
}

export function violationsFor(file: string, source: string): string[] {
  const rel = relative(join(root, 'packages'), file).split(sep);
  const pkg = rel[0] ?? '';
  const allowed = PACKAGE_RULES[pkg] ?? [];
  const out: string[] = [];
  for (const spec of importSpecifiers(source)) {
    const where = `${relative(root, file)} imports '${spec}'`;
    for (const name of WORKSPACE_NAMES) {
      if (spec === name || spec.startsWith(`${name}/`)) {
        if (spec !== name) out.push(`${where}: import the package's public entry '${name}', not its internals`);
        else if (!allowed.includes(name)) out.push(`${where}: package '${pkg}' may not depend on '${name}'`);
      }
    }
    if (spec.startsWith('onnxruntime')) {
      const sttRuntime = pkg === 'stt' && rel[1] === 'src' && rel[2] === 'runtime';
      // Benchmarks and scripts measure against raw ONNX Runtime; the library (`src/`) reaches it only through runtime/.
      const sttTooling = pkg === 'stt' && (rel[1] === 'bench' || rel[1] === 'scripts');
      const benchAllowed = pkg === 'bench';
      if (!sttRuntime && !sttTooling && !benchAllowed) out.push(`${where}: only packages/stt/src/runtime (and stt bench/, scripts/) may import ONNX Runtime`);
    }
    if (pkg === 'stt' && rel[1] === 'src' && spec.startsWith('.')) {
      const from = rel.length > 3 ? (rel[2] ?? '') : '';
      const target = relative(join(root, 'packages', 'stt', 'src'), resolve(dirname(file), spec)).split(sep);
      if (target[0] === '..') {
        out.push(`${where}: leaves packages/stt/src`);
        continue;
      }
      const to = target.length > 1 ? (target[0] ?? '') : '';
      const fromRank = STT_LAYERS[from];
      const toRank = STT_LAYERS[to];
      if (from === '' || to === '' || from === to) continue;
      if (fromRank === undefined) out.push(`${where}: folder '${from}' has no layer in STT_LAYERS (add it)`);
      else if (toRank === undefined) out.push(`${where}: folder '${to}' has no layer in STT_LAYERS (add it)`);
      else if (toRank > fromRank) out.push(`${where}: '${from}' (layer ${fromRank}) may not import '${to}' (layer ${toRank})`);
    }
  }
  return out;
}

test('every import in packages/ follows the dependency direction', () => {
  const files = listTs(join(root, 'packages')).filter((f) => !f.includes(`${sep}node_modules${sep}`));
  assert.ok(files.length > 0);
  const problems = files.flatMap((f) => violationsFor(f, readFileSync(f, 'utf8')));
  assert.deepEqual(problems, []);
});

test('the checker catches wrong-way imports', () => {
  const core = join(root, 'packages', 'stt', 'src', 'core', 'x.ts');
  assert.equal(violationsFor(core, "import { y } from '../api/y.js';").length, 1);
  assert.equal(violationsFor(core, "import * as ort from 'onnxruntime-node';").length, 1);
  const eid = join(root, 'packages', 'eidolon', 'src', 'x.ts');
  assert.equal(violationsFor(eid, "import { a } from '@cephalon/stt';").length, 1);
  const bench = join(root, 'packages', 'bench', 'src', 'x.ts');
  assert.equal(violationsFor(bench, "import { a } from '@cephalon/stt/src/audio/wav.js';").length, 1);
  assert.equal(violationsFor(bench, "import { a } from '@cephalon/stt';").length, 0);
  const server = join(root, 'packages', 'server', 'src', 'x.ts');
  assert.equal(violationsFor(server, "import { a } from '@cephalon/stt';").length, 0);
  assert.equal(violationsFor(server, "import { a } from '@cephalon/bench';").length, 1);
  assert.equal(violationsFor(server, "import { a } from '@cephalon/stt/src/api/index.js';").length, 1);
  assert.equal(violationsFor(server, "import * as ort from 'onnxruntime-node';").length, 1);
  const api = join(root, 'packages', 'stt', 'src', 'api', 'x.ts');
  assert.equal(violationsFor(api, "import { a } from '../decoding/a.js';").length, 0);
});

test('ONNX Runtime: stt runtime/, bench/ and scripts/ may import it, other stt code may not', () => {
  const ortImport = "import * as ort from 'onnxruntime-node';";
  const stt = (...parts: string[]): string => join(root, 'packages', 'stt', ...parts);
  assert.equal(violationsFor(stt('src', 'runtime', 'onnx', 'x.ts'), ortImport).length, 0);
  assert.equal(violationsFor(stt('bench', 'x.bench.ts'), ortImport).length, 0);
  assert.equal(violationsFor(stt('scripts', 'x.ts'), ortImport).length, 0);
  assert.equal(violationsFor(stt('src', 'decoding', 'x.ts'), ortImport).length, 1);
  assert.equal(violationsFor(stt('src', 'bench', 'x.ts'), ortImport).length, 1);
  assert.equal(violationsFor(stt('test', 'x.test.ts'), ortImport).length, 1);
  assert.equal(violationsFor(join(root, 'packages', 'eidolon', 'bench', 'x.ts'), ortImport).length, 1);
});
