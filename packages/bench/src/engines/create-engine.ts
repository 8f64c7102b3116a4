/**
 * Builds an engine from its plain-data definition (as written in a bench spec file).
 */
import { InvalidOptionError, type TranscribeOptions } from '@cephalon/stt';
import { createCephalonEngine } from './cephalon-engine.js';
import { createCommandEngine } from './command-engine.js';
import { createOpenAiHttpEngine } from './openai-http-engine.js';
import { splitCommandLine } from './template.js';
import { createTransformersEngine, type TransformersEngineOptions } from './transformers-engine.js';
import type { Engine } from './types.js';

/** An engine definition: `kind` picks the adapter, the other fields are its options. */
export type EngineDefinition =
  | { readonly kind: 'cephalon'; readonly name: string; readonly model: string; readonly threads?: number; readonly device?: 'cpu' | 'cuda'; readonly options?: TranscribeOptions }
  | { readonly kind: 'command'; readonly name: string; readonly command: readonly string[] | string; readonly audioFormat?: 'as-is' | 'wav16k'; readonly output?: string; readonly timeoutMs?: number }
  | { readonly kind: 'openai-http'; readonly name: string; readonly baseUrl: string; readonly model?: string; readonly apiKey?: string; readonly timeoutMs?: number }
  | { readonly kind: 'transformers-js'; readonly name: string; readonly modelDir: string; readonly dtype?: NonNullable<TransformersEngineOptions['dtype']> };

/** The adapter kinds {@link createEngine} knows. */
export const ENGINE_KINDS = ['cephalon', 'command', 'openai-http', 'transformers-js'] as const;

/**
 * Creates (and loads) the engine of a definition.
 * @example await createEngine({ kind: 'command', name: 'echo', command: ['cat', '{audio}.txt'] })
 */
export async function createEngine(def: EngineDefinition): Promise<Engine> {
  switch (def.kind) {
    case 'cephalon':
      return createCephalonEngine(def);
    case 'command':
      return createCommandEngine({ ...def, command: typeof def.command === 'string' ? splitCommandLine(def.command) : def.command });
    case 'openai-http':
      return createOpenAiHttpEngine(def);
    case 'transformers-js':
      return createTransformersEngine(def);
    default: {
      const kind = (def as { kind: unknown }).kind;
      throw new InvalidOptionError('engine_kind', `Unknown engine kind ${JSON.stringify(kind)}`, { hint: `Use one of: ${ENGINE_KINDS.join(', ')}` });
    }
  }
}
