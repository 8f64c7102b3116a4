/**
 * A local imitation of the Hugging Face Hub for tests: two node:http servers on 127.0.0.1 (the Hub, and a
 * "storage" server on another origin that LFS redirects point to), the endpoints and headers the Hub serves,
 * and knobs to cut a connection, corrupt a byte, fail with a status, or require a token.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Delay between sending the bytes before a cut and destroying the connection. */
const CUT_DELAY_MS = 250;

/** A file of a fake repository. LFS files are served through a redirect to the storage server, like the Hub does. */
export interface FakeFile {
  readonly path: string;
  readonly bytes: Buffer;
  readonly lfs: boolean;
}

/** A fake repository. */
export interface FakeRepo {
  readonly id: string;
  readonly files: readonly FakeFile[];
  /** When set, requests must carry `Authorization: Bearer {token}` (else 401 GatedRepo). */
  readonly token?: string;
}

/** One request the fake Hub received. */
export interface LoggedRequest {
  readonly server: 'hub' | 'storage';
  readonly method: string;
  readonly path: string;
  readonly range: string | undefined;
  readonly authorization: string | undefined;
}

interface Served extends FakeFile {
  readonly sha256: string;
  readonly gitSha1: string;
}

interface RepoState {
  readonly repo: FakeRepo;
  readonly commit: string;
  readonly files: Map<string, Served>;
}

/** The git blob id of some bytes: sha1("blob {size}\0" + bytes). */
export function gitBlobSha1(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function encodeVarint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** Bytes shaped like an ONNX ModelProto (ir_version, producer_name, a graph field of filler) of exactly `sizeBytes`. */
export function fakeOnnx(sizeBytes: number, seed: number): Buffer {
  const head = [0x08, 0x08, 0x12, 0x04, ...Buffer.from('fake')];
  let payload = sizeBytes - head.length - 1 - 1;
  while (head.length + 1 + encodeVarint(payload).length + payload > sizeBytes) payload--;
  const out = Buffer.alloc(sizeBytes);
  const prefix = Buffer.from([...head, 0x3a, ...encodeVarint(payload)]);
  prefix.copy(out, 0);
  for (let i = prefix.length; i < sizeBytes; i++) out[i] = (i * 31 + seed * 17) & 0xff;
  return out;
}

/** Reads a file of the shared test model. */
export function sharedFile(relativePath: string): Buffer {
  return readFileSync(new URL(`../../../../../../../shared/models/whisper-dev-random/${relativePath}`, import.meta.url));
}

export class FakeHub {
  readonly requests: LoggedRequest[] = [];
  /** path -> bytes after which the next GET of that path has its connection destroyed (one shot each). */
  readonly cutAfter = new Map<string, number>();
  /** path -> bytes after which the next GET of that path stalls (connection open, no more bytes; one shot each). */
  readonly stallAfter = new Map<string, number>();
  /** Paths served with one byte flipped (headers still describe the true file). */
  readonly corrupt = new Set<string>();
  /** Old repository id -> new id: requests for the old one get a same-host 307 redirect, like a renamed repo. */
  readonly renamed = new Map<string, string>();
  /** Statuses to answer the next requests with, in order (e.g. [503] for one transient failure). */
  readonly failNext: number[] = [];
  /** Hostile server: path -> size the HEAD declares (the GET still sends the whole file). */
  readonly declaredSize = new Map<string, number>();
  /** Hostile server: paths whose GET trickles one byte per `trickleMs` and never ends. */
  readonly trickle = new Set<string>();
  trickleMs = 50;
  /** Hostile server: extra file names added to every file list (e.g. '../../escape.onnx'). */
  readonly extraSiblings: string[] = [];
  /** Hostile server: bytes of padding streamed into the file list (JSON whitespace, no Content-Length). */
  fileListPaddingBytes = 0;
  private readonly repos = new Map<string, RepoState>();
  private readonly blobs = new Map<string, Served>();
  private hub!: Server;
  private storage!: Server;
  endpoint = '';
  private storageOrigin = '';

  private constructor(repos: readonly FakeRepo[]) {
    repos.forEach((repo, i) => {
      const files = new Map<string, Served>();
      for (const f of repo.files) {
        const served = { ...f, sha256: sha256(f.bytes), gitSha1: gitBlobSha1(f.bytes) };
        files.set(f.path, served);
        this.blobs.set(served.sha256, served);
      }
      const commit = createHash('sha1').update(`${repo.id}#${i}`).digest('hex');
      this.repos.set(repo.id, { repo, commit, files });
    });
  }

  static async start(repos: readonly FakeRepo[]): Promise<FakeHub> {
    const hub = new FakeHub(repos);
    hub.hub = createServer((req, res) => hub.onHub(req, res));
    hub.storage = createServer((req, res) => hub.onStorage(req, res));
    hub.endpoint = await listen(hub.hub);
    hub.storageOrigin = await listen(hub.storage);
    return hub;
  }

  commitOf(repoId: string): string {
    const state = this.repos.get(repoId);
    if (state === undefined) throw new Error(`no fake repo ${repoId}`);
    return state.commit;
  }

  /** Paths of the GET requests that carried file bytes (resolve or storage), in order. */
  downloadedPaths(): string[] {
    return this.requests.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/')).map((r) => r.path);
  }

  async close(): Promise<void> {
    this.hub.closeAllConnections();
    this.storage.closeAllConnections();
    await Promise.all([new Promise((r) => this.hub.close(r)), new Promise((r) => this.storage.close(r))]);
  }

  private log(server: LoggedRequest['server'], req: IncomingMessage): void {
    this.requests.push({ server, method: req.method ?? '', path: decodeURIComponent(req.url ?? ''), range: req.headers.range, authorization: req.headers.authorization });
  }

  private onHub(req: IncomingMessage, res: ServerResponse): void {
    this.log('hub', req);
    const status = this.failNext.shift();
    if (status !== undefined) return void res.writeHead(status).end();
    const url = decodeURIComponent(req.url ?? '');
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/(.+)$/.exec(url);
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const repoId = api?.[1] ?? resolve?.[1] ?? '';
    const newId = this.renamed.get(repoId);
    if (newId !== undefined) return void res.writeHead(307, { location: url.replace(repoId, newId) }).end();
    const state = this.repos.get(repoId);
    if (state === undefined) return void res.writeHead(404, { 'x-error-code': 'RepoNotFound' }).end();
    if (state.repo.token !== undefined && req.headers.authorization !== `Bearer ${state.repo.token}`) {
      return void res.writeHead(401, { 'x-error-code': 'GatedRepo' }).end();
    }
    const rev = api?.[2] ?? resolve?.[2] ?? '';
    if (rev !== 'main' && rev !== state.commit) return void res.writeHead(404, { 'x-error-code': 'RevisionNotFound' }).end();
    if (api !== null) {
      const names = [...state.files.keys(), ...this.extraSiblings];
      const body = JSON.stringify({ id: repoId, sha: state.commit, siblings: names.map((rfilename) => ({ rfilename })) });
      if (this.fileListPaddingBytes > 0) {
        res.writeHead(200, { 'content-type': 'application/json' });
        const pad = Buffer.alloc(1024 * 1024, 0x20);
        let left = this.fileListPaddingBytes;
        const pump = (): void => {
          while (left > 0 && !res.destroyed) {
            left -= pad.length;
            if (!res.write(pad)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end(body);
        };
        res.on('close', () => (left = 0));
        return pump();
      }
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    }
    const file = state.files.get(resolve?.[3] ?? '');
    if (file === undefined) return void res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end();
    const common = { 'x-repo-commit': state.commit };
    if (file.lfs) {
      return void res
        .writeHead(302, { ...common, location: `${this.storageOrigin}/blobs/${file.sha256}`, 'x-linked-etag': `"${file.sha256}"`, 'x-linked-size': String(this.declaredSize.get(file.path) ?? file.bytes.length), etag: `"${file.gitSha1}"` })
        .end();
    }
    this.sendBytes(req, res, file, { ...common, etag: `"${file.gitSha1}"` });
  }

  private onStorage(req: IncomingMessage, res: ServerResponse): void {
    this.log('storage', req);
    const file = this.blobs.get((req.url ?? '').replace('/blobs/', ''));
    if (file === undefined) return void res.writeHead(404).end();
    this.sendBytes(req, res, file, {});
  }

  /** Sends a file (honouring `Range: bytes=N-`), applying the cut and corrupt knobs. */
  private sendBytes(req: IncomingMessage, res: ServerResponse, file: Served, headers: Record<string, string>): void {
    let bytes = file.bytes;
    if (this.corrupt.has(file.path)) {
      bytes = Buffer.from(bytes);
      const mid = Math.floor(bytes.length / 2);
      bytes[mid] = (bytes[mid] ?? 0) ^ 0xff;
    }
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const body = bytes.subarray(start);
    const status = start > 0 ? 206 : 200;
    const range = start > 0 ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {};
    res.writeHead(status, { ...headers, ...range, 'content-length': String(body.length), 'accept-ranges': 'bytes' });
    if (req.method === 'HEAD') return void res.end();
    if (this.trickle.has(file.path)) {
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || at >= body.length) return clearInterval(timer);
        res.write(body.subarray(at, at + 1));
        at += 1;
      }, this.trickleMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    const stall = this.stallAfter.get(file.path);
    if (stall !== undefined) {
      this.stallAfter.delete(file.path);
      res.write(body.subarray(0, stall));
      return;
    }
    const cut = this.cutAfter.get(file.path);
    if (cut !== undefined) {
      this.cutAfter.delete(file.path);
      // give the client time to consume the bytes: a stream error discards chunks not yet read
      res.write(body.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), CUT_DELAY_MS));
      return;
    }
    res.end(body);
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
