/**
 * Packs every workspace package (`npm pack`, which builds first through each package's `prepack`) and installs the
 * tarballs into a fresh folder outside the workspace, as a user would install them from npm. Third-party dependencies
 * come from the npm registry (`--prefer-offline`: the local npm cache first). Used by test/packaging.test.ts and
 * `npm run size:install`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('..', import.meta.url).pathname);

/** The workspace packages, in the root package.json's order. */
export function workspaces(): { dir: string; name: string; version: string }[] {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces.map((ws) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, ws, 'package.json'), 'utf8')) as { name: string; version: string };
    return { dir: ws, name: pkg.name, version: pkg.version };
  });
}

/**
 * The environment for npm and node in the fresh folder: the caller's, without what npm or the test runner put there
 * (npm_* variables, NODE_OPTIONS with the workspace's source condition), plus `extra`.
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'NODE_OPTIONS' && !/^onnxruntime_node_install/i.test(k)) env[k] = v;
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion (asynchronously, so that servers in this process, like a test's proxy, keep answering). */
export function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
  });
}

async function check(pending: Promise<Run>, what: string): Promise<Run> {
  const r = await pending;
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `npm pack` of every workspace package into `dest`; returns the tarball paths. */
export async function packAll(dest: string): Promise<string[]> {
  mkdirSync(dest, { recursive: true });
  const tarballs: string[] = [];
  for (const ws of workspaces()) {
    await check(run('npm', ['pack', '-w', ws.dir, '--pack-destination', dest], ROOT, userEnv()), `npm pack -w ${ws.dir}`);
    // npm's tarball name: the package name without '@', '/' as '-', then the version.
    const tarball = join(dest, `${ws.name.replace(/^@/, '').replace('/', '-')}-${ws.version}.tgz`);
    if (!existsSync(tarball)) throw new Error(`npm pack -w ${ws.dir} did not write ${tarball}`);
    tarballs.push(tarball);
  }
  return tarballs;
}

/** The files a tarball holds (paths inside `package/`). */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const r = await check(run('tar', ['tzf', tarball], ROOT, userEnv()), `tar tzf ${tarball}`);
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.replace(/^package\//, ''));
}

/**
 * A fresh project folder in the system temp folder (outside the workspace) whose package.json denies onnxruntime-node
 * its install script, as docs/runtime.md tells users to (no CUDA download); `npm install` of the tarballs there.
 */
export async function freshInstall(tarballs: readonly string[], env: NodeJS.ProcessEnv = userEnv()): Promise<{ dir: string; install: Run }> {
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-install-'));
  if (dir.startsWith(`${ROOT}/`)) throw new Error(`temp folder ${dir} is inside the workspace`);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'cephalon-user', private: true, type: 'module', allowScripts: { 'onnxruntime-node': false } }, null, 2)}\n`);
  const install = await check(run('npm', ['install', '--prefer-offline', '--foreground-scripts', ...tarballs], dir, env), 'npm install of the tarballs');
  return { dir, install };
}

/** Bytes of every regular file under `path` (apparent size; symlinks not followed). */
export function treeBytes(path: string): number {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return 0;
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of readdirSync(path)) total += treeBytes(join(path, name));
  return total;
}
