/**
 * Type aliases a changed public signature may name: `AsyncHTTPClient: TypeAlias = httpx.AsyncClient |
 * httpx2.AsyncClient` (Python), `type Id = string | number` (TypeScript), and the names a file imports them under
 * (`from ._http import AsyncHTTPClient as _Client`, `import { Id as Key }`). A parameter retyped from
 * `httpx.AsyncClient` to `_Client` accepts everything it accepted before when the alias's union holds the old type;
 * without reading the alias that looked like a break (pydantic-ai #7351: 24 providers, 24 wrong findings).
 *
 * Read from the head text of the change's own files only, by line patterns (an alias is one statement at module
 * level or one level inside `if TYPE_CHECKING:`): an alias defined in an unchanged file stays unresolved and the
 * type change is reported as before. Only looked up when two types already differ, so an ordinary review pays
 * nothing.
 */
import type { Grammar } from './tree';

export interface TypeAliases {
  /** The written type an alias name stands for in `path` at the head, whitespace removed; undefined when unknown. */
  resolve(path: string, name: string): string | undefined;
}

const NO_ALIASES: TypeAliases = { resolve: () => undefined };

/** A right side that can only be a type: dotted names, subscripts and `|` unions; no calls, literals or operators. */
const TYPE_EXPR = /^[A-Za-z_][\w.]*(?:\[[^=()]*\])?(?:\s*\|\s*(?:[A-Za-z_][\w.]*(?:\[[^=()]*\])?|None))*$/;
const PY_ALIAS = /^(?: {4}|\t)?([A-Za-z_]\w*)\s*(:\s*(?:typing\.|typing_extensions\.)?TypeAlias\s*)?=\s*(.+?)\s*$/;
const PY_TYPE_STMT = /^(?: {4}|\t)?type\s+([A-Za-z_]\w*)\s*=\s*(.+?)\s*$/;
const TS_ALIAS = /^\s*(?:export\s+)?(?:declare\s+)?type\s+([A-Za-z_$][\w$]*)\s*=\s*([^;{]+?)\s*;?\s*$/;
const PY_IMPORT_AS = /\b([A-Za-z_]\w*)\s+as\s+([A-Za-z_]\w*)/g;
const TS_IMPORT = /^\s*import\s+(?:type\s+)?\{([^}]*)\}\s*from\b/;

/** Aliases in the given head texts, for one grammar family (Python, or TypeScript/JavaScript). */
export function typeAliases(grammar: Grammar, headText: ReadonlyMap<string, string> | undefined): TypeAliases {
  const python = grammar === 'python';
  if (!headText || (!python && grammar !== 'typescript' && grammar !== 'tsx')) return NO_ALIASES;
  let defs: Map<string, string> | undefined;
  const renames = new Map<string, Map<string, string>>();
  const definitions = (): Map<string, string> => {
    if (defs) return defs;
    defs = new Map();
    const annotated = new Set<string>();
    for (const [path, text] of headText) {
      // Only files of the same family: Go also writes `type X = Y`.
      if (!(python ? /\.pyi?$/ : /\.[cm]?tsx?$/).test(path)) continue;
      for (const line of text.split('\n')) {
        const m = python ? (PY_TYPE_STMT.exec(line) ?? PY_ALIAS.exec(line)) : TS_ALIAS.exec(line);
        if (!m) continue;
        const marked = m.length === 4 ? m[2] !== undefined : true;
        const rhs = (m.length === 4 ? m[3] : m[2]).replace(/\s+/g, '');
        if (!marked && !TYPE_EXPR.test(m.length === 4 ? m[3] : m[2])) continue;
        // The declared alias (`: TypeAlias`, `type X =`) is what a type checker reads; a plain assignment of the same
        // name in a runtime branch does not override it.
        if (defs.has(m[1]) && (annotated.has(m[1]) || !marked)) continue;
        defs.set(m[1], rhs);
        if (marked) annotated.add(m[1]);
      }
    }
    return defs;
  };
  const renamesOf = (path: string): Map<string, string> => {
    let r = renames.get(path);
    if (r) return r;
    r = new Map();
    const text = headText.get(path) ?? '';
    // Python `from m import (A as B, ...)` may span lines: read the import statements as one string each.
    const imports = python
      ? (text.match(/^\s*from\s+[\w.]+\s+import\s+(?:\([^)]*\)|[^\n]*)/gm) ?? [])
      : text.split('\n').flatMap((l) => TS_IMPORT.exec(l)?.[1] ?? []);
    for (const stmt of imports) for (const m of stmt.matchAll(PY_IMPORT_AS)) r.set(m[2], m[1]);
    renames.set(path, r);
    return r;
  };
  return {
    resolve(path, name) {
      const original = renamesOf(path).get(name) ?? name;
      return definitions().get(original);
    },
  };
}
