/**
 * npm run size:install — the disk a user's `npm install cephalon` takes: packs every workspace package, installs the
 * tarballs (cephalon and the @cephalon/* packages it depends on) into a fresh folder outside the workspace, and prints
 * the apparent size (sum of file sizes; 1 MB = 10^6 bytes) of node_modules, in total and per package, largest first.
 * Goal (issue 15): ≤ 150 MB with onnxruntime-node included.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshInstall, packAll, treeBytes } from './pack-install.js';

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

const work = mkdtempSync(join(tmpdir(), 'cephalon-size-'));
let dir: string | undefined;
try {
  const tarballs = await packAll(work);
  ({ dir } = await freshInstall(tarballs));
  const modules = join(dir, 'node_modules');
  const rows: [string, number][] = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    const names = name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name];
    for (const n of names) rows.push([n, treeBytes(join(modules, n))]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  const total = treeBytes(modules);
  console.log(`installed: cephalon and the @cephalon/* packages it depends on, from packed tarballs, ${rows.length} packages in node_modules`);
  console.log(`node_modules total: ${mb(total)} (goal ≤ 150 MB)`);
  const ort = rows.find(([n]) => n === 'onnxruntime-node')?.[1] ?? 0;
  console.log(`  of which onnxruntime-node: ${mb(ort)}; everything else: ${mb(total - ort)}`);
  if (ort > 0) {
    const bins = join(modules, 'onnxruntime-node/bin/napi-v6');
    for (const os of readdirSync(bins)) for (const arch of readdirSync(join(bins, os))) console.log(`    onnxruntime-node native binaries ${os}/${arch}: ${mb(treeBytes(join(bins, os, arch)))}`);
  }
  console.log('largest packages:');
  for (const [n, b] of rows.slice(0, 12)) console.log(`  ${mb(b).padStart(9)}  ${n}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
