/**
 * One ONNX Runtime session per (model file, options) per process, shared by reference count.
 * Loading the same file twice with the same options returns the same session; the last release disposes it.
 */
import * as ort from 'onnxruntime-node';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ModelCorruptError, ModelNotFoundError, RuntimeError } from '../../core/errors.js';
import { sessionOptionsKey, toOrtOptions } from './session-options.js';
import type { ResolvedSessionOptions } from './session-options.js';

interface Entry {
  readonly session: Promise<ort.InferenceSession>;
  refs: number;
}

const sessions = new Map<string, Entry>();

/** A shared session; call `release()` exactly once when done. */
export interface SessionLease {
  readonly session: ort.InferenceSession;
  readonly path: string;
  release(): Promise<void>;
}

const CUDA_HINT =
  'Install the CUDA build of ONNX Runtime: in your project run `ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install.js` ' +
  '(needs an NVIDIA driver, CUDA 12 and cuDNN 9; see docs/runtime.md), or use executionProviders: ["cpu"].';

/** File name of the CUDA provider library that only the CUDA build of onnxruntime-node ships. */
function cudaLibraryName(): string {
  return process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
}

/**
 * Whether the installed onnxruntime-node carries the CUDA provider library. Checked before a CUDA session is
 * attempted, so the CPU-only build fails with one typed error instead of ONNX Runtime's raw log line first.
 * Undefined when the package layout is unknown (then the session attempt decides).
 */
export function cudaProviderInstalled(): boolean | undefined {
  let binDir: string;
  try {
    const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
    binDir = join(dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return undefined;
  }
  if (!existsSync(binDir)) return undefined;
  return existsSync(join(binDir, cudaLibraryName()));
}

function toTypedError(path: string, options: ResolvedSessionOptions, cause: unknown): Error {
  const text = cause instanceof Error ? cause.message : String(cause);
  if (options.executionProviders.includes('cuda') && /cuda|providers_shared|shared library/i.test(text)) {
    return new RuntimeError('CUDA_UNAVAILABLE', `the CUDA execution provider could not start for ${path}: ${text}`, {
      hint: CUDA_HINT,
      cause,
      details: { file: path },
    });
  }
  if (/protobuf|invalid model|model_path|load model/i.test(text)) {
    return new ModelCorruptError('MODEL_FILE_CORRUPT', `${path} is not a valid ONNX model: ${text}`, {
      hint: 'Delete the file and download the model again.',
      cause,
      details: { file: path },
    });
  }
  return new RuntimeError('SESSION_CREATE_FAILED', `ONNX Runtime could not load ${path}: ${text}`, {
    hint: 'Check that the file is a Whisper ONNX export and that onnxruntime-node is installed correctly.',
    cause,
    details: { file: path },
  });
}

/** Opens (or shares) the session of `path`. Throws `ModelNotFoundError`, `ModelCorruptError` or `RuntimeError`. */
export async function acquireSession(path: string, options: ResolvedSessionOptions): Promise<SessionLease> {
  const file = resolve(path);
  if (!existsSync(file)) {
    throw new ModelNotFoundError('MODEL_FILE_MISSING', `model file not found: ${file}`, {
      hint: 'Download the model first (cephalon models pull) or pass the right folder.',
      details: { file },
    });
  }
  if (options.executionProviders.includes('cuda') && cudaProviderInstalled() === false) {
    throw new RuntimeError('CUDA_UNAVAILABLE', `the installed onnxruntime-node is the CPU-only build (no ${cudaLibraryName()}); it cannot run on CUDA`, {
      hint: CUDA_HINT,
      details: { file },
    });
  }
  const key = `${file}\u0000${sessionOptionsKey(options)}`;
  let entry = sessions.get(key);
  if (entry === undefined) {
    const session = ort.InferenceSession.create(file, toOrtOptions(options));
    entry = { session, refs: 0 };
    sessions.set(key, entry);
  }
  entry.refs += 1;
  const held = entry;
  let session: ort.InferenceSession;
  try {
    session = await held.session;
  } catch (cause) {
    held.refs -= 1;
    if (sessions.get(key) === held) sessions.delete(key);
    throw toTypedError(file, options, cause);
  }
  let released = false;
  return {
    session,
    path: file,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      held.refs -= 1;
      if (held.refs === 0 && sessions.get(key) === held) {
        sessions.delete(key);
        await session.release();
      }
    },
  };
}

/** Number of distinct sessions currently open in this process (for tests and diagnostics). */
export function openSessionCount(): number {
  return sessions.size;
}
