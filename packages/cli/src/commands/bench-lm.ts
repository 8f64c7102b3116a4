/**
 * `cephalon bench report --lm ... [--spec FILE]`: repeated `--lm` values (the shared parser keeps only the last
 * value of an option, so they are taken out first), spec-file `languageModels`, loading and progress.
 */
import { resolve } from 'node:path';
import { loadLanguageModels, loadSpec, parseLmArg, resolveLmPaths, type ConfigSummary, type LmSpec, type LoadedLanguageModel, type PerplexityProgress } from '@cephalon/bench';
import type { CommandIo } from '../command.js';

/** Splits `--name VALUE` / `--name=VALUE` occurrences out of `args` (in order); the rest is returned unchanged. */
export function takeRepeated(args: readonly string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a === `--${name}` && i + 1 < args.length) {
      values.push(args[i + 1] as string);
      i++;
    } else if (a.startsWith(`--${name}=`)) values.push(a.slice(name.length + 3));
    else rest.push(a);
  }
  return { values, rest };
}

/** LM specs from `--lm` values (paths against `cwd`) and then from the spec file's `languageModels`. */
export async function reportLmSpecs(lmArgs: readonly string[], specPath: string | undefined, cwd: string): Promise<LmSpec[]> {
  const fromArgs = lmArgs.map((a) => resolveLmPaths(parseLmArg(a), cwd));
  const fromSpec = specPath === undefined ? [] : ((await loadSpec(resolve(cwd, specPath))).languageModels ?? []);
  return [...fromArgs, ...fromSpec];
}

/** Loads the LMs, writing one line per LM to stderr. */
export async function loadReportLms(specs: readonly LmSpec[], io: CommandIo): Promise<LoadedLanguageModel[]> {
  const lms = await loadLanguageModels(specs);
  lms.forEach((lm, i) => io.stderr.write(`perplexity: lm${i + 1} ${lm.info.name} (${lm.info.kind}, ${lm.info.tokenizer}, ${lm.info.window === null ? 'whole text' : `window ${lm.info.window.length} stride ${lm.info.window.stride}`}, ${lm.info.text} text)\n`));
  return lms;
}

/** Progress lines: about every tenth of the distinct texts, and the last one. */
export function perplexityProgress(io: CommandIo): (e: PerplexityProgress) => void {
  return (e) => {
    const step = Math.max(1, Math.floor(e.total / 10));
    if (e.done === e.total || e.done % step === 0) io.stderr.write(`perplexity: ${e.lm} ${e.done}/${e.total} texts\n`);
  };
}

function fmt(v: number | null): string {
  return v === null ? '-' : v.toFixed(2);
}

/** ` PPL[lm] hyp X ref Y` for each LM of a summary line (per-token perplexity). */
export function perplexityText(s: ConfigSummary): string {
  return (s.perplexity ?? []).map((p) => `  PPL[${p.lm}] hyp ${fmt(p.hypothesis.perTokenPerplexity)} ref ${fmt(p.reference.perTokenPerplexity)}`).join('');
}
