/**
 * Argument parsing shared by the commands: an option table that drives both `node:util` `parseArgs` (strict) and
 * the `--help` text, with parse failures turned into `InvalidOptionError`s (exit code `usage`).
 */
import { parseArgs } from 'node:util';
import { InvalidOptionError } from '@cephalon/stt';
import { applyCompat, checkUnknownOptions } from './compat.js';
import type { CompatTable } from './compat.js';

/** One option of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Placeholder of the value in the help (`N`, `FOLDER`). */
  readonly value?: string;
  /** The default, as shown in the help. */
  readonly defaultText?: string;
  readonly help: string;
  /** May be given several times; the values are joined with commas (`-f srt -f vtt` = `-f srt,vtt`). */
  readonly multiple?: boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Parsed options: strings for value options, `true` for given flags. */
export type ParsedOptions = Readonly<Record<string, string | boolean | undefined>>;

export interface ParsedArgs {
  readonly options: ParsedOptions;
  readonly positionals: readonly string[];
  /** Notes about accepted foreign spellings that differ slightly in meaning (printed as warnings). */
  readonly warnings: readonly string[];
}

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/** Lets `--logprob-threshold -1.5` through: parseArgs would read `-1.5` as an option, so it is joined as `--x=-1.5`. */
function joinNegativeValues(args: readonly string[], table: OptionTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && table[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Throws the usage error of `command` (exit code `usage`). */
export function usageError(command: string, message: string, hint = `see 'cephalon ${command} --help'`): never {
  throw new InvalidOptionError('CLI_USAGE', message, { hint, details: { command } });
}

/**
 * Parses `args` strictly against `table`; unknown options (with a "did you mean"), missing values and stray
 * positionals are usage errors. `compat` maps other tools' spellings (OpenAI's `--output_format`, whisper.cpp's
 * `-otxt`) onto this table first; a lone `-` is a positional (stdin).
 */
export function parseCommandArgs(command: string, args: readonly string[], table: OptionTable, allowPositionals: boolean, compat: CompatTable = {}): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(table)) {
    options[name] = { type: spec.type, ...(spec.short === undefined ? {} : { short: spec.short }), ...(spec.multiple === true ? { multiple: true } : {}) };
  }
  const mapped = applyCompat(command, joinNegativeValues(args, table), table, compat);
  checkUnknownOptions(command, mapped.args, table, compat);
  try {
    const parsed = parseArgs({ args: mapped.args, options, strict: true, allowPositionals });
    const values: Record<string, string | boolean | undefined> = {};
    for (const [k, v] of Object.entries(parsed.values)) {
      values[k] = Array.isArray(v) ? (table[k]?.multiple === true ? v.map(String).join(',') : String(v[v.length - 1])) : v;
    }
    return { options: values, positionals: parsed.positionals, warnings: mapped.warnings };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) usageError(command, (error as Error).message.split(/\.\s|\n/)[0] ?? 'bad arguments');
    throw error;
  }
}

/** The help text: usage line, description, then one line per option. */
export function helpText(usage: string, description: string, table: OptionTable): string {
  const rows = Object.entries(table).map(([name, spec]) => {
    const flag = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
    const dflt = spec.defaultText === undefined ? '' : ` (default: ${spec.defaultText})`;
    return [flag, `${spec.help}${dflt}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const lines = rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`);
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${lines.join('\n')}\n`;
}

/** A string option's value, or undefined. */
export function stringOpt(o: ParsedOptions, name: string): string | undefined {
  const v = o[name];
  return typeof v === 'string' ? v : undefined;
}

function badValue(command: string, name: string, value: string, expected: string): never {
  usageError(command, `option --${name}: '${value}' is not ${expected}`);
}

/** A number option (finite), or undefined when absent. */
export function numberOpt(command: string, o: ParsedOptions, name: string): number | undefined {
  const v = stringOpt(o, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) badValue(command, name, v, 'a number');
  return n;
}

/** An integer option at least `min`, or undefined when absent. */
export function intOpt(command: string, o: ParsedOptions, name: string, min: number): number | undefined {
  const n = numberOpt(command, o, name);
  if (n !== undefined && (!Number.isInteger(n) || n < min)) badValue(command, name, String(n), `a whole number >= ${min}`);
  return n;
}

/** A number option that also accepts `none` (-> null), as OpenAI's `optional_float`. */
export function nullableNumberOpt(command: string, o: ParsedOptions, name: string): number | null | undefined {
  const v = stringOpt(o, name);
  if (v !== undefined && v.trim().toLowerCase() === 'none') return null;
  return numberOpt(command, o, name);
}

/** A `true`/`false` option (OpenAI's `str2bool`, case-insensitive). */
export function boolOpt(command: string, o: ParsedOptions, name: string): boolean | undefined {
  const v = stringOpt(o, name);
  if (v === undefined) return undefined;
  const lower = v.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return badValue(command, name, v, 'true or false');
}

/** One of `choices`, or undefined when absent. */
export function choiceOpt<T extends string>(command: string, o: ParsedOptions, name: string, choices: readonly T[]): T | undefined {
  const v = stringOpt(o, name);
  if (v === undefined) return undefined;
  const found = choices.find((c) => c === v);
  return found ?? badValue(command, name, v, `one of ${choices.join(', ')}`);
}
