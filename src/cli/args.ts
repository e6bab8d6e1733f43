/** A small, strict argument parser: `--flag`, `--key value`, `--key=value`, and positionals. */
import { UsageError } from './command';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

/**
 * `valued` lists options that take a value; `boolean` those that do not. Anything else starting with `--` is an
 * error, so a typo never silently changes behaviour.
 */
export function parseArgs(args: readonly string[], spec: { valued?: readonly string[]; boolean?: readonly string[] }): ParsedArgs {
  const valued = new Set(spec.valued ?? []);
  const boolean = new Set([...(spec.boolean ?? []), 'help']);
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
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
    } else if (boolean.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, flags };
}

export function stringFlag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
