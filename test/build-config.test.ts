/**
 * Every workspace package joins the build the same way (ARCHITECTURE.md, Build): a `tsconfig.build.json` compiling
 * src/ to dist/ with references to the workspace packages it depends on, listed in the root `tsconfig.build.json`,
 * and a package.json whose `exports` serve dist/ (types + import) and the sources under `cephalon-source`, whose `files`
 * ship dist/ only, and which needs no TypeScript tooling at run time. A package added without this fails here, naming
 * what is missing, before the slower packaging test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { ROOT, workspaces } from '../scripts/pack-install.js';

interface BuildConfig {
  extends?: string;
  compilerOptions?: Record<string, unknown>;
  include?: string[];
  exclude?: string[];
  references?: { path: string }[];
  files?: string[];
}

interface PackageJson {
  name: string;
  exports?: Record<string, unknown>;
  files?: string[];
  bin?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

test('the root build lists every workspace package', () => {
  const root = readJson<BuildConfig>(join(ROOT, 'tsconfig.build.json'));
  assert.deepEqual(root.files, []);
  const listed = new Set((root.references ?? []).map((r) => normalize(r.path)));
  for (const ws of workspaces()) assert.ok(listed.has(normalize(`${ws.dir}/tsconfig.build.json`)), `tsconfig.build.json does not reference ${ws.dir}/tsconfig.build.json`);
});

for (const ws of workspaces()) {
  test(`${ws.name} (${ws.dir}) joins the build and packs dist/`, () => {
    const dir = join(ROOT, ws.dir);
    const configPath = join(dir, 'tsconfig.build.json');
    assert.ok(existsSync(configPath), `${ws.dir}/tsconfig.build.json is missing`);
    const config = readJson<BuildConfig>(configPath);
    assert.equal(config.extends, '../../tsconfig.base.json');
    assert.deepEqual(
      { composite: config.compilerOptions?.['composite'], rootDir: config.compilerOptions?.['rootDir'], outDir: config.compilerOptions?.['outDir'] },
      { composite: true, rootDir: 'src', outDir: 'dist' },
    );
    assert.deepEqual(config.include, ['src', 'src/**/*.json'], 'JSON files imported by the code must be in the project (TS6307)');
    assert.deepEqual(config.exclude, ['src/**/*.test.ts', 'src/**/test/**', 'src/**/test-support/**']);
    assert.equal(config.compilerOptions?.['customConditions'], undefined, 'the build must resolve other packages to their dist/');

    const pkg = readJson<PackageJson>(join(dir, 'package.json'));
    const byName = new Map(workspaces().map((w) => [w.name, w.dir]));
    const referenced = new Set((config.references ?? []).map((r) => normalize(join(ws.dir, r.path))));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
      const depDir = byName.get(dep);
      if (depDir !== undefined) assert.ok(referenced.has(normalize(`${depDir}/tsconfig.build.json`)), `${ws.dir}/tsconfig.build.json must reference ${depDir} (${dep})`);
    }

    const main = pkg.exports?.['.'];
    assert.deepEqual(main, { 'cephalon-source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js' });
    assert.deepEqual(Object.keys(main as object), ['cephalon-source', 'types', 'import'], 'condition order matters: the first match wins');
    assert.ok(pkg.files?.includes('dist') && pkg.files.includes('!dist/.tsbuildinfo'), 'files: ["dist", "!dist/.tsbuildinfo", ...]');
    assert.equal(pkg.scripts?.['prepack'], 'node ../../scripts/build.mjs', 'prepack builds, so npm pack never ships a stale or missing dist/');
    for (const tool of ['tsx', 'typescript']) assert.equal(pkg.dependencies?.[tool], undefined, `${tool} is a dev tool, not a run-time dependency`);
    for (const bin of Object.values(pkg.bin ?? {})) {
      const text = readFileSync(join(dir, bin), 'utf8');
      assert.match(text, /^#!\/usr\/bin\/env node\n/);
      assert.doesNotMatch(text, /tsx|\.ts['"]/, `${bin} must run compiled JavaScript`);
      assert.ok((pkg.files ?? []).some((f) => bin.replace(/^\.\//, '').startsWith(f)), `${bin} is not in files`);
    }
  });
}
