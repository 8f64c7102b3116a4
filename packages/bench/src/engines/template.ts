/**
 * Command templates: an argument array whose items may contain `{name}` placeholders, filled per call.
 * Each item stays one argument whatever the value holds (spaces, quotes), because nothing goes through a shell.
 */
import { InvalidOptionError } from '@cephalon/stt';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names of the placeholders used in `template`. */
export function placeholders(template: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const arg of template) for (const m of arg.matchAll(PLACEHOLDER)) if (m[1] !== undefined) names.add(m[1]);
  return names;
}

/**
 * Fills `{name}` placeholders from `values`.
 * @throws InvalidOptionError naming a placeholder without a value.
 * @example fillTemplate(['espeak-ng', '-w', '{out}', '{text}'], { out: 'a.wav', text: 'hi there' })
 * // ['espeak-ng', '-w', 'a.wav', 'hi there']
 */
export function fillTemplate(template: readonly string[], values: Readonly<Record<string, string>>): string[] {
  return template.map((arg) =>
    arg.replace(PLACEHOLDER, (_all, name: string) => {
      const v = values[name];
      if (v === undefined) {
        throw new InvalidOptionError('template_placeholder', `Command template uses {${name}} but no value was given`, {
          hint: `Set '${name}' in the engine's params or remove the placeholder. Known: ${Object.keys(values).join(', ')}`,
        });
      }
      return v;
    }),
  );
}

/** Splits a command line written as one string into arguments (whitespace, with "double" or 'single' quotes). */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) args.push(m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? m[3] ?? '');
  return args;
}
