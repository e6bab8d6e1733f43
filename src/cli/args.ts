/** A small, strict argument parser: `--flag`, `--key value`, `--key=value`, repeatable `--key`s, and positionals. */
import { UsageError } from './command';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
  /** Every value of each repeatable option, in order (`flags` holds the last one). */
  readonly lists: Map<string, string[]>;
}

/**
 * `valued` lists options that take a value; `repeatable` those that take a value and may be given more than once;
 * `boolean` those that take none. Anything else starting with `--` is an error, so a typo never silently changes
 * behaviour.
 */
export function parseArgs(
  args: readonly string[],
  spec: { valued?: readonly string[]; repeatable?: readonly string[]; boolean?: readonly string[] },
): ParsedArgs {
  const repeatable = new Set(spec.repeatable ?? []);
  const valued = new Set([...(spec.valued ?? []), ...repeatable]);
  const boolean = new Set([...(spec.boolean ?? []), 'help']);
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (valued.has(name)) {
      const value = eq === -1 ? args[++i] : a.slice(eq + 1);
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
      if (repeatable.has(name)) lists.set(name, [...(lists.get(name) ?? []), value]);
    } else if (boolean.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, flags, lists };
}

export function stringFlag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Every value given for a repeatable option (empty when none). */
export function listFlag(p: ParsedArgs, name: string): readonly string[] {
  return p.lists.get(name) ?? [];
}
