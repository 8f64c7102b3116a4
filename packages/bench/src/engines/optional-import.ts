/**
 * Optional peer dependencies, loaded on demand. `@huggingface/transformers` (with onnxruntime-web and sharp, ~180 MB)
 * is only needed by the transformers.js engine, so `@cephalon/bench` declares it as an optional peer: a plain install
 * leaves it out, and using that engine without it gives a typed error with the install command.
 */
import { MissingToolError } from '@cephalon/stt';

/** The transformers.js package, as the engine imports it. */
export const TRANSFORMERS_PACKAGE = '@huggingface/transformers';

/**
 * Imports an optional package; a missing package becomes a MissingToolError (code `MISSING_PACKAGE`) naming it and the
 * npm command that installs it. Any other failure (a broken install, an error inside the package) is passed on.
 * `load` is the import itself, written at the call site so bundlers and TypeScript see the literal specifier.
 * @example const transformers = await importOptional('@huggingface/transformers', 'the transformers-js engine', () => import('@huggingface/transformers'));
 */
export async function importOptional<T>(packageName: string, neededFor: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isMissingPackage(e, packageName)) {
      throw new MissingToolError('MISSING_PACKAGE', `${packageName} is not installed; ${neededFor} needs it (it is an optional peer dependency of @cephalon/bench)`, {
        hint: `Install it next to Cephalon: npm install ${packageName}`,
        cause: e,
        details: { package: packageName },
      });
    }
    throw e;
  }
}

/** Node's "Cannot find package 'X'" for X itself — not for a package X depends on, which is a broken install. */
function isMissingPackage(e: unknown, packageName: string): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return err?.code === 'ERR_MODULE_NOT_FOUND' && typeof err.message === 'string' && err.message.includes(`'${packageName}'`);
}
