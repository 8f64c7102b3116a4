/**
 * onnxruntime-node's postinstall script downloads the CUDA execution provider (hundreds of MB from NuGet) on linux/x64
 * unless told not to. The workspace denies that script through npm's `allowScripts` policy in package.json (the
 * supported switch: the old `.npmrc` key `onnxruntime-node-install=skip` made every npm call warn "Unknown project
 * config"). This test proves no download is attempted: every HTTPS request the script makes goes through
 * global-agent, which we point at a local trap proxy that records each CONNECT. The control runs the same script
 * directly, without npm's policy, and must hit the trap — so the trap would see a download if npm ran the script.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userEnv } from '../scripts/pack-install.js';
import { startTrap, trapProxyEnv, type Trap } from './support/trap-proxy.js';

const ROOT = new URL('..', import.meta.url).pathname;
const ORT = join(ROOT, 'node_modules/onnxruntime-node');
const CUDA_PROVIDER = join(ORT, 'bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so');
const LINUX_X64 = process.platform === 'linux' && process.arch === 'x64';

/**
 * A user's environment (no npm_* variables: under `npm test` npm sets npm_package_json and npm_config_local_prefix,
 * which make the script believe it is onnxruntime-node's own checkout and exit early; no ONNXRUNTIME_NODE_INSTALL:
 * nothing may switch the download off behind the policy's back), with the trap as proxy.
 */
function trapEnv(trap: Trap): NodeJS.ProcessEnv {
  return userEnv(trapProxyEnv(trap));
}

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test('the project config no longer carries the unknown npm key, and package.json denies onnxruntime-node its install script', () => {
  const npmrc = readFileSync(join(ROOT, '.npmrc'), 'utf8');
  assert.doesNotMatch(npmrc, /onnxruntime-node-install/);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
  assert.equal(pkg.allowScripts?.['onnxruntime-node'], false);
});

test(
  'npm runs no onnxruntime-node install script (no CUDA download attempted, no config warning); without the policy the script would download',
  { skip: LINUX_X64 ? false : 'the script only downloads on linux/x64' },
  async () => {
    assert.equal(existsSync(CUDA_PROVIDER), false, 'precondition: the CUDA provider is not installed, so the script would want it');
    const trap = await startTrap();
    try {
      const npm = await run('npm', ['rebuild', 'onnxruntime-node', '--foreground-scripts', '--no-update-notifier'], trapEnv(trap));
      assert.equal(npm.code, 0, npm.out);
      assert.doesNotMatch(npm.out, /Unknown (project|user|env) config/);
      assert.doesNotMatch(npm.out, /script\/install/, 'npm ran the postinstall script');
      assert.deepEqual(trap.requests, [], 'a download was attempted');
      assert.equal(existsSync(CUDA_PROVIDER), false);

      // Control: the same script, same environment, run without npm's policy, tries to reach NuGet through the trap.
      const direct = await run(process.execPath, [join(ORT, 'script/install.js')], trapEnv(trap));
      assert.ok(trap.requests.some((r) => /^CONNECT [^ ]*nuget\.org:443/i.test(r)), `the control made no request: ${JSON.stringify(trap.requests)}\n${direct.out}`);
      assert.equal(existsSync(CUDA_PROVIDER), false);

      // The opt-in that docs/runtime.md and the CUDA_UNAVAILABLE hint give: the script, asked for cuda12, downloads.
      const before = trap.requests.length;
      const optIn = await run(process.execPath, [join(ORT, 'script/install.js')], { ...trapEnv(trap), ONNXRUNTIME_NODE_INSTALL: 'cuda12' });
      assert.ok(trap.requests.slice(before).some((r) => /^CONNECT [^ ]*nuget\.org:443/i.test(r)), `the opt-in made no request\n${optIn.out}`);
      assert.equal(existsSync(CUDA_PROVIDER), false);
    } finally {
      trap.server.close();
    }
  },
);
