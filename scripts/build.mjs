#!/usr/bin/env node
// npm run build: compiles every package (tsc -b tsconfig.build.json: src/ → dist/, JavaScript + declarations, in
// dependency order, incremental), then copies the non-TypeScript files under each package's src/ (data the code reads
// at run time) to the same place under dist/, so that `npm pack` ships them. Tests and test support stay out.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-b', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

/** Test files and folders, which the build leaves out (the same set as the packages' tsconfig.build.json exclude). */
const isTestPath = (rel) => /(^|\/)(test|test-support)(\/|$)/.test(rel) || /\.test\.[cm]?[jt]s$/.test(rel);

/** Run-time assets: files under src/ that tsc does not emit (everything but .ts), minus tests. */
function runtimeAssets(pkgDir) {
  const src = join(pkgDir, 'src');
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const rel = relative(src, p);
      if (isTestPath(rel)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('.ts')) out.push(rel);
    }
  };
  if (existsSync(src)) walk(src);
  return out;
}

const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
for (const ws of workspaces) {
  const pkgDir = join(root, ws);
  for (const rel of runtimeAssets(pkgDir)) {
    const to = join(pkgDir, 'dist', rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(pkgDir, 'src', rel), to);
  }
}
