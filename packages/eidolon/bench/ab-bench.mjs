#!/usr/bin/env node
/**
 * A/B of `npm run bench:eidolon` between two checkouts, alternating (A B, B A, A B, ...), and the median over
 * rounds of the per-round ratio B/A of the fast CPU rate at each agent count (and of the wind-off rate).
 *   node packages/eidolon/bench/ab-bench.mjs <checkoutA> <checkoutB> [rounds=5]
 *   node packages/eidolon/bench/ab-bench.mjs --parse a1.log,a2.log,... b1.log,b2.log,...   (only the table)
 * Each checkout must hold packages/eidolon with node_modules reachable from it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Per agent count: [fast cpu steps/s, fast wind-off cpu steps/s] from one bench output. */
function parse(text) {
  const rows = new Map();
  const num = (s) => {
    const m = /^([\d.]+)([kM]?)$/.exec(s.trim());
    if (m === null) throw new Error(`cannot read rate '${s}'`);
    return Number(m[1]) * (m[2] === 'M' ? 1e6 : m[2] === 'k' ? 1e3 : 1);
  };
  for (const line of text.split('\n')) {
    const cells = line.split('|');
    if (cells.length < 8 || !/^\s*\d+\s*$/.test(cells[0])) continue;
    rows.set(Number(cells[0]), [num(cells[2]), num(cells[7])]);
  }
  if (rows.size === 0) throw new Error('no bench table in the output');
  return rows;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function report(a, b) {
  console.log(`rounds: ${a.length}; ratio = B / A per round, then the median`);
  console.log('agents | A fast cpu (median) | B fast cpu (median) | median ratio | ratios | A wind-off | B wind-off | median ratio');
  for (const n of a[0].keys()) {
    const ra = a.map((r) => r.get(n)[0]);
    const rb = b.map((r) => r.get(n)[0]);
    const ratios = rb.map((x, i) => x / ra[i]);
    const wa = a.map((r) => r.get(n)[1]);
    const wb = b.map((r) => r.get(n)[1]);
    const wr = wb.map((x, i) => x / wa[i]);
    const k = (x) => `${(x / 1000).toFixed(1)}k`;
    console.log(`${String(n).padStart(6)} | ${k(median(ra)).padStart(19)} | ${k(median(rb)).padStart(19)} | ${median(ratios).toFixed(3).padStart(12)} | ${ratios.map((r) => r.toFixed(2)).join(' ')} | ${k(median(wa))} | ${k(median(wb))} | ${median(wr).toFixed(3)}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--parse') {
  const read = (list) => list.split(',').map((f) => parse(readFileSync(f, 'utf8')));
  report(read(args[1]), read(args[2]));
} else {
  const [dirA, dirB] = args;
  const rounds = Number(args[2] ?? 5);
  if (dirA === undefined || dirB === undefined) throw new Error('usage: ab-bench.mjs <checkoutA> <checkoutB> [rounds]');
  const run = (dir) => parse(execFileSync('npx', ['tsx', '--conditions=cephalon-source', 'packages/eidolon/bench/eidolon.bench.ts'], { cwd: dir, encoding: 'utf8' }));
  const a = [];
  const b = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      a.push(run(dirA));
      b.push(run(dirB));
    } else {
      b.push(run(dirB));
      a.push(run(dirA));
    }
    process.stderr.write(`round ${r + 1}/${rounds} done\n`);
  }
  report(a, b);
}
