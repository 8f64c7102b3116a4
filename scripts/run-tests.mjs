#!/usr/bin/env node
// Finds every *.test.ts in the workspace and runs them with node's test runner (TypeScript through tsx).
// Tests import the packages' sources (the `cephalon-source` export condition); the build (tsc -b, incremental: well
// under a second when nothing changed) runs first because tests that spawn `cephalon` run the compiled CLI.
// Usage: node scripts/run-tests.mjs [path-filter ...]
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const skip = new Set(['node_modules', 'dist', '.git', '.cache']);
const found = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) found.push(relative(root, p));
  }
}
walk(join(root, 'packages'));
walk(join(root, 'test'));
const filters = process.argv.slice(2);
const files = found.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(process.execPath, ['--conditions=cephalon-source', '--import', 'tsx', '--test', '--test-timeout=300000', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
