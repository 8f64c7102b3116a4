/**
 * Acceptance for installable packages: `npm pack` every workspace package, install the tarballs into a fresh folder
 * outside the workspace (third-party dependencies from the npm registry, local cache first), and there
 * - run README's library snippet from a plain .mjs file (compiled JavaScript, no tsx) on the shared random-weight model:
 *   its SRT must equal what the workspace sources produce in this process;
 * - run `npx -- cephalon --help` (the `--` keeps npm from taking `--help` for itself): the same text as `main(['--help'])`;
 * - typecheck a TypeScript consumer against the packed declarations (with `@ts-expect-error` lines that fail if they are `any`);
 * - find the transformers.js engine's optional peer missing and get the typed error with its install hint.
 * Along the way: tarballs hold only dist/ (+ bin/, README, LICENSE), with every run-time asset under src/; the install
 * attempts no CUDA download (onnxruntime-node's script goes through a trap proxy that must see nothing) and pulls in no
 * TypeScript tooling, transformers.js or Playwright.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createTranscriber, formatTranscript } from '@cephalon/stt';
import { main } from '../packages/cli/src/main.js';
import { captureIo } from '../packages/cli/test/capture-io.js';
import { freshInstall, packAll, ROOT, run, tarballFiles, userEnv, workspaces } from '../scripts/pack-install.js';
import { startTrap, trapProxyEnv } from './support/trap-proxy.js';

const SHARED = process.env['CEPHALON_SHARED_DIR'] ?? resolve(ROOT, '../shared');
const MODEL = join(SHARED, 'models/whisper-dev-random');
const AUDIO = join(SHARED, 'data/audio/jfk.flac');

/** README's library snippet (the ```ts block under "Library use"), pointed at the shared model and audio. */
function readmeSnippet(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /Library use[^]*?```ts\n([^]*?)```/.exec(readme)?.[1];
  assert.ok(block !== undefined, 'README.md has no ```ts block under "Library use"');
  assert.equal(block.split("'tiny.en'").length, 2, 'the snippet names the model once as \'tiny.en\'');
  assert.equal(block.split("'audio.flac'").length, 2, 'the snippet names the audio once as \'audio.flac\'');
  return block.replace("'tiny.en'", JSON.stringify(MODEL)).replace("'audio.flac'", JSON.stringify(AUDIO));
}

/** Files under a package's src/ that tsc does not emit and the code may read at run time (tests excluded). */
function runtimeAssets(pkgDir: string): string[] {
  const src = join(pkgDir, 'src');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const rel = relative(src, p);
      if (/(^|\/)(test|test-support)(\/|$)/.test(rel) || /\.test\.[cm]?[jt]s$/.test(rel)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('.ts')) out.push(rel);
    }
  };
  walk(src);
  return out;
}

test('packed packages install outside the workspace; README snippet and `cephalon --help` run from compiled JavaScript', {
  skip: !existsSync(MODEL) || !existsSync(AUDIO) ? `shared fixtures missing (${SHARED})` : false,
  timeout: 600_000,
}, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'cephalon-pack-'));
  let installDir: string | undefined;
  try {
    const tarballs = await packAll(join(work, 'tarballs'));

    await t.test('tarballs hold dist/ (JavaScript, declarations, run-time assets), not sources or tests', async () => {
      for (const [i, ws] of workspaces().entries()) {
        const files = await tarballFiles(tarballs[i] ?? '');
        const misplaced = files.filter((f) => !(f.startsWith('dist/') || f.startsWith('bin/') || /^(package\.json|README\.md|LICENSE)$/.test(f)));
        assert.deepEqual(misplaced, [], `${ws.name}: files outside dist/`);
        assert.deepEqual(files.filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || /\.test\.|test-support\/|tsbuildinfo/.test(f)), [], `${ws.name}: sources or tests packed`);
        for (const f of ['dist/index.js', 'dist/index.d.ts']) assert.ok(files.includes(f), `${ws.name}: ${f} missing`);
        for (const asset of runtimeAssets(join(ROOT, ws.dir))) assert.ok(files.includes(`dist/${asset}`), `${ws.name}: run-time asset src/${asset} not packed`);
      }
    });

    const trap = await startTrap();
    let installed: Awaited<ReturnType<typeof freshInstall>>;
    try {
      installed = await freshInstall(tarballs, userEnv(trapProxyEnv(trap)));
    } finally {
      trap.server.close();
    }
    installDir = installed.dir;
    const dir = installed.dir;
    const env = userEnv();

    await t.test('the install attempts no CUDA download and leaves out dev-only and optional packages', () => {
      assert.deepEqual(trap.requests, [], 'onnxruntime-node tried to download');
      assert.doesNotMatch(installed.install.stdout + installed.install.stderr, /Unknown (project|user|env) config/);
      const modules = join(dir, 'node_modules');
      assert.ok(existsSync(join(modules, 'onnxruntime-node/package.json')));
      assert.equal(existsSync(join(modules, 'onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so')), false);
      for (const absent of ['tsx', 'typescript', 'esbuild', '@huggingface/transformers', 'onnxruntime-web', 'sharp', 'playwright-core']) {
        assert.equal(existsSync(join(modules, absent)), false, `${absent} was installed`);
      }
    });

    await t.test("README's library snippet runs as plain .mjs and matches the sources' result", async () => {
      writeFileSync(join(dir, 'snippet.mjs'), readmeSnippet());
      const packed = run(process.execPath, ['snippet.mjs'], dir, env); // runs while the sources transcribe here
      const transcriber = await createTranscriber({ model: MODEL });
      let expected: string;
      try {
        expected = formatTranscript(await transcriber.transcribe(AUDIO, { language: 'en' }), 'srt');
      } finally {
        await transcriber.dispose();
      }
      const r = await packed;
      assert.equal(r.status, 0, r.stderr);
      assert.match(expected, /^1\n00:00:00,\d{3} --> /);
      assert.equal(r.stdout, `${expected}\n`);
    });

    await t.test('`npx -- cephalon --help` runs the compiled CLI', async () => {
      const r = await run('npx', ['--no-install', '--', 'cephalon', '--help'], dir, env);
      assert.equal(r.status, 0, r.stderr);
      const c = captureIo();
      assert.equal(await main(['--help'], c.io), 0);
      assert.match(r.stdout, /^Usage: cephalon <command>/);
      assert.equal(r.stdout, c.stdout());
      assert.equal(r.stderr, '');
    });

    await t.test('TypeScript users get the declarations through the exports maps (types, not any)', async () => {
      writeFileSync(join(dir, 'consumer.ts'), [
        "import { createTranscriber, formatTranscript, type Transcript } from '@cephalon/stt';",
        "import { createEngine } from '@cephalon/bench';",
        "import { main } from 'cephalon';",
        "const transcriber = await createTranscriber({ model: 'tiny.en' });",
        "const transcript: Transcript = await transcriber.transcribe('a.flac', { language: 'en' });",
        "const srt: string = formatTranscript(transcript, 'srt');",
        '// @ts-expect-error: a misspelt option is a type error only if the declarations are real',
        "await createTranscriber({ modle: 'tiny.en' });",
        '// @ts-expect-error: not a format',
        "formatTranscript(transcript, 'docx');",
        'void createEngine; void main; void srt;',
        '',
      ].join('\n'));
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck'];
      const r = await run(process.execPath, [tsc, ...flags, '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), 'consumer.ts'], dir, env);
      assert.equal(r.status, 0, r.stdout + r.stderr);
    });

    await t.test('the transformers.js engine without its optional peer: MissingToolError with the install command', async () => {
      writeFileSync(join(dir, 'tjs.mjs'), [
        "import { createEngine } from '@cephalon/bench';",
        `await createEngine({ kind: 'transformers-js', name: 'tjs', modelDir: ${JSON.stringify(MODEL)} }).then(`,
        "  () => console.log('loaded'),",
        '  (e) => console.log(JSON.stringify({ name: e.name, code: e.code, hint: e.hint })),',
        ');',
      ].join('\n'));
      const r = await run(process.execPath, ['tjs.mjs'], dir, env);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), {
        name: 'MissingToolError',
        code: 'MISSING_PACKAGE',
        hint: 'Install it next to Cephalon: npm install @huggingface/transformers',
      });
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (installDir !== undefined) rmSync(installDir, { recursive: true, force: true });
  }
});
