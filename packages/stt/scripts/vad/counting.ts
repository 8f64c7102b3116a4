/** A transcription context on the dev model whose encoder and decoder count their calls (to prove silence is free). */
import type { TranscriptionContext } from '../../src/transcription/index.js';
import { loadDevModel } from '../../src/transcription/reference/load-reference.js';

export interface CountingContext {
  readonly ctx: TranscriptionContext;
  readonly counts: { encoderCalls: number; decoderCalls: number };
  dispose(): Promise<void>;
}

/** `target` with method `name` counted by `count`; every other member reaches the target unchanged. */
function counted<T extends object>(target: T, name: string, count: () => void): T {
  return new Proxy(target, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key, t);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      return key === name ? (...args: unknown[]) => (count(), fn.apply(t, args)) : fn.bind(t);
    },
  });
}

/** The dev model (random weights) with counting encoder and decoder. */
export async function countingDevContext(): Promise<CountingContext> {
  const dev = await loadDevModel();
  const counts = { encoderCalls: 0, decoderCalls: 0 };
  const encoder = counted(dev.model.encoder, 'encode', () => counts.encoderCalls++);
  const decoder = counted(dev.model.decoder, 'step', () => counts.decoderCalls++);
  return { ctx: { encoder, decoder, tokenizer: dev.tokenizer }, counts, dispose: () => dev.model.dispose() };
}
