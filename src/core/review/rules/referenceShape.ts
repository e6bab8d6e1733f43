/**
 * Whether a line that mentions a changed function's name (a `git grep -w` hit) can be a use of that function, read
 * from the shape around the name. A grep hit is only a word: uv #17455's `resolver_options()` was "still used" where
 * another file read a struct field `scenario.resolver_options`, and #21131's free function `from_lock` where another
 * file called `Preference::from_lock`, another type's function of the same name. What counts:
 * - an import or re-export line that names it (`use a::b::name;`, `from m import name`, `export { name } from`);
 * - a free function: a call or path with no qualifier or a module's (`name(`, `module::name`, `pkg.Name(`), not a
 *   method call (`x.name(` in Rust, `self.name(`) nor a type's member (`Other::name`, `Other.name`: a capitalised
 *   qualifier);
 * - a method: a method call (`x.name(`) or the type's own path (`Lock::name`, `Self::name`, `Lock.name`), not another
 *   type's (`Preference::name`); a bare call only in Java (a subclass calling what it inherits);
 * - anything else (a field, a value, another definition, a word in text) is no caller: saying nothing beats naming a
 *   false one.
 * Types, constants and re-exports are not functions: every mention counts for them, as before.
 */
import type { Grammar } from '../syntax/tree';

export interface Referenced {
  readonly kind: string;
  /** Dotted, the owning type first for methods ("Lock.from_resolution"); Rust module prefixes with `::`. */
  readonly name: string;
}

const IMPORT_LINE =
  /^\s*(?:pub(?:\([^)]*\))?\s+)?use\s|^\s*(?:from\s+\S+\s+)?import\b|\brequire\s*\(|^\s*export\s+(?:type\s+)?\{[^}]*\}\s*from\b/;

export function mayUse(grammar: Grammar, symbol: Referenced, text: string): boolean {
  if (symbol.kind !== 'function' && symbol.kind !== 'method') return true;
  const parts = symbol.name.split('.');
  const short = parts[parts.length - 1].split('::').pop()!;
  const owner = symbol.kind === 'method' && parts.length > 1 ? parts[parts.length - 2].split('::').pop()! : undefined;
  if (symbol.kind === 'function' && IMPORT_LINE.test(text)) return true;
  const word = new RegExp(`(?<![\\w$])${short.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  for (const m of text.matchAll(word)) {
    const before = text.slice(0, m.index);
    // Another definition of the same name (another type's `fn from_lock(`) calls nothing.
    if (/\b(?:fn|def|func|function)\s+$|\bfunc\s*\([^)]*\)\s*$/.test(before)) continue;
    const after = text.slice(m.index + short.length);
    // A call (`name(`, Rust's `name::<T>(`, a generic `name<T>(`), or a path to it used as a value (`map(m::name)`).
    const call = /^\s*(?:::\s*)?(?:<[^()]*>\s*)?\(/.test(after);
    const sep = /(\.|::|->)\s*$/.exec(before)?.[1];
    const qualifier = sep ? /([A-Za-z_$][\w$]*)\s*(?:<[^<>]*>)?\s*(?:\.|::|->)\s*$/.exec(before)?.[1] : undefined;
    if (owner !== undefined) {
      // A method is never called bare from another file, but in Java (a subclass's inherited call).
      if (sep === undefined) {
        if (call && grammar === 'java') return true;
        continue;
      }
      if (qualifier !== undefined && /^[A-Z]/.test(qualifier) && qualifier !== owner && qualifier !== 'Self') continue;
      if (call || sep === '::') return true;
      continue;
    }
    if (sep === undefined) {
      if (call) return true;
      continue;
    }
    // A free function: a method call on a value (Rust `.`, `self.`/`this.` anywhere) or another type's member is not.
    if (qualifier !== undefined && /^(?:self|this|cls|Self)$/.test(qualifier)) continue;
    if (qualifier !== undefined && /^[A-Z]/.test(qualifier)) continue;
    if (sep === '.' && grammar === 'rust') continue;
    if (sep === '->') continue;
    if (call || sep === '::') return true;
  }
  return false;
}
