/**
 * Other tools' option spellings, for people coming from OpenAI's `whisper` CLI, whisper.cpp and faster-whisper:
 * OpenAI's underscores (`--output_format`) and `True`/`False` flag values (`--verbose False`) are accepted
 * everywhere; each command may add rules for spellings with an identical meaning (`-otxt` = `-f txt`), and
 * refusals that explain what differs (`-ml`). Unknown options get a "did you mean" (Levenshtein distance).
 * The table a user sees is in docs/cli.md.
 */
import { closest, distance } from 'fastest-levenshtein';
import { InvalidOptionError } from '@cephalon/stt';
import type { OptionTable } from './args.js';

/** What a foreign option becomes: replacement arguments (plus an optional note), or a refusal with the reason. */
export type CompatOutcome = { readonly args: readonly string[]; readonly warning?: string } | { readonly refuse: string; readonly hint: string };

/** One foreign spelling. */
export interface CompatRule {
  /** Whether it takes a value (`--fp16 False`, `-bs 5`); given inline (`--fp16=False`) or as the next argument. */
  readonly takesValue: boolean;
  map(value: string | undefined): CompatOutcome;
}

/** Foreign spellings of one command, keyed by the exact flag (`--fp16`, `-otxt`). */
export type CompatTable = Readonly<Record<string, CompatRule>>;

const BOOL_TEXT = /^(true|false)$/i;
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

function usage(command: string, message: string, hint: string): never {
  throw new InvalidOptionError('CLI_USAGE', message, { hint, details: { command } });
}

/** A rule that replaces a flag by fixed arguments (`-otxt` -> `--output-format txt`). */
export function sameAs(...args: string[]): CompatRule {
  return { takesValue: false, map: () => ({ args }) };
}

/** A rule that renames a flag taking a value (`-bs 5` -> `--beam-size 5`). */
export function renamedTo(flag: string): CompatRule {
  return { takesValue: true, map: (v) => ({ args: [`${flag}=${v ?? ''}`] }) };
}

/** A rule that refuses a flag, saying why and what to use instead. */
export function refused(takesValue: boolean, why: string, hint: string): CompatRule {
  return { takesValue, map: () => ({ refuse: why, hint }) };
}

/** A `True`/`False` rule: each value maps to arguments or a refusal. */
export function boolRule(onTrue: CompatOutcome, onFalse: CompatOutcome): CompatRule {
  return {
    takesValue: true,
    map: (v) => {
      if (v === undefined || !BOOL_TEXT.test(v)) return { refuse: `expects True or False, got ${v === undefined ? 'nothing' : `'${v}'`}`, hint: 'give True or False' };
      return v.toLowerCase() === 'true' ? onTrue : onFalse;
    },
  };
}

function splitFlag(arg: string): { name: string; inline: string | undefined } {
  const eq = arg.indexOf('=');
  return eq < 0 ? { name: arg, inline: undefined } : { name: arg.slice(0, eq), inline: arg.slice(eq + 1) };
}

/** The result of mapping foreign spellings. */
export interface CompatResult {
  readonly args: string[];
  readonly warnings: string[];
}

/** Rewrites `args` so `parseArgs` sees only this command's own options. Arguments after `--` are left alone. */
export function applyCompat(command: string, args: readonly string[], table: OptionTable, compat: CompatTable): CompatResult {
  const out: string[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || NEGATIVE_NUMBER.test(arg)) {
      out.push(arg);
      continue;
    }
    const split = splitFlag(arg);
    const inline = split.inline;
    let name = split.name;
    const rule = Object.hasOwn(compat, name) ? compat[name] : undefined;
    if (rule !== undefined) {
      let value = inline;
      if (rule.takesValue && value === undefined) value = args[++i];
      const outcome = rule.map(value);
      if ('refuse' in outcome) usage(command, `option ${name}${value === undefined ? '' : ` ${value}`}: ${outcome.refuse}`, outcome.hint);
      out.push(...outcome.args);
      if (outcome.warning !== undefined) warnings.push(outcome.warning);
      continue;
    }
    if (name.startsWith('--') && name.includes('_') && table[name.slice(2).replace(/_/g, '-')] !== undefined) name = `--${name.slice(2).replace(/_/g, '-')}`;
    const spec = name.startsWith('--') ? table[name.slice(2)] : undefined;
    if (spec?.type === 'boolean') {
      // OpenAI's CLI writes flags as `--verbose True` / `--highlight_words False`
      const next = inline ?? args[i + 1];
      if (next !== undefined && BOOL_TEXT.test(next)) {
        if (inline === undefined) i++;
        if (next.toLowerCase() === 'true') out.push(name);
        continue;
      }
      if (inline !== undefined) usage(command, `option ${name} takes no value (or True/False), got '${inline}'`, `write ${name} alone`);
    }
    if (spec?.type === 'string' && inline === undefined && i + 1 < args.length) {
      out.push(`${name}=${args[++i] as string}`); // the value, verbatim (joined, so `--logprob_threshold -1` works)
      continue;
    }
    out.push(inline === undefined ? name : `${name}=${inline}`);
  }
  return { args: out, warnings };
}

/** `--name` of every option and the foreign flags, for suggestions. */
function candidates(table: OptionTable, compat: CompatTable): string[] {
  return [...Object.keys(table).map((n) => `--${n}`), ...Object.keys(compat)];
}

/** The known flag nearest to `flag`, when it is near enough to be a likely typo. */
export function didYouMean(flag: string, table: OptionTable, compat: CompatTable = {}): string | undefined {
  const all = candidates(table, compat);
  if (all.length === 0) return undefined;
  const best = closest(flag, all);
  const limit = Math.max(2, Math.floor(flag.length / 3));
  return distance(flag, best) <= limit ? best : undefined;
}

function unknown(command: string, flag: string, table: OptionTable, compat: CompatTable): never {
  const suggestion = didYouMean(flag, table, compat);
  usage(command, `unknown option '${flag}'`, suggestion === undefined ? `see 'cephalon ${command} --help'` : `did you mean ${suggestion}? See 'cephalon ${command} --help'`);
}

/** Throws a usage error with a suggestion for the first option `table` does not know. */
export function checkUnknownOptions(command: string, args: readonly string[], table: OptionTable, compat: CompatTable): void {
  const shorts = new Map(Object.entries(table).flatMap(([n, s]) => (s.short === undefined ? [] : [[s.short, n] as const])));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return;
    if (!arg.startsWith('-') || arg === '-' || NEGATIVE_NUMBER.test(arg)) continue;
    if (arg.startsWith('--')) {
      const { name, inline } = splitFlag(arg);
      const spec = table[name.slice(2)];
      if (spec === undefined) unknown(command, name, table, compat);
      if (spec.type === 'string' && inline === undefined) i++; // its value may start with '-'
      continue;
    }
    const long = shorts.get(arg.charAt(1));
    if (long === undefined) unknown(command, arg, table, compat);
    if (table[long]?.type === 'string' && arg.length === 2) i++;
  }
}
