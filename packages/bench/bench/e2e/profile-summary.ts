/**
 * Summarises a V8 `.cpuprofile` (from `npm run bench:e2e -- --cpu-prof`, written to .cache/bench-profiles/): the share
 * of sampled time per function (self time) and per source file, top N, so the profile can be quoted.
 * Usage: npx tsx packages/bench/bench/e2e/profile-summary.ts FILE.cpuprofile [N]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, topArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: profile-summary.ts FILE.cpuprofile [N]');
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function shortUrl(url: string): string {
  const i = url.indexOf('/packages/');
  const j = url.indexOf('/node_modules/');
  return i >= 0 ? url.slice(i + 1) : j >= 0 ? url.slice(j + 1) : url === '' ? '(native)' : url;
}

function table(title: string, key: (n: ProfileNode) => string): void {
  const sums = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (n !== undefined) sums.set(key(n), (sums.get(key(n)) ?? 0) + us);
  }
  console.log(`${title} (self time, ${(total / 1e6).toFixed(2)} s sampled)`);
  for (const [k, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
}

table('functions', (n) => `${n.callFrame.functionName || '(anonymous)'}  ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`);
table('files', (n) => shortUrl(n.callFrame.url));
