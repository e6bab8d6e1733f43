/**
 * Whether a changed file belongs to a published library, from the manifests above it (src/git reads them; the
 * decisions are here): per ecosystem, the nearest manifest of the file's package decides.
 * - JS/TS: a package.json with `"private": true` is an application (an extension, a CLI, a web app, an internal
 *   workspace package); no package.json: a library.
 * - Rust: a crate whose Cargo.toml says `publish = false` or `publish = []` (itself, or through
 *   `publish.workspace = true` from the workspace's `[workspace.package]`), or that has no library target (no
 *   `[lib]` and no `src/lib.rs`: a binary only), is nobody's dependency; no Cargo.toml: a library. So is a member of
 *   a workspace versioned 0.0.x: Cargo takes every 0.0.x release as incompatible with every other (`^0.0.3` means
 *   `=0.0.3`), so the crate promises no compatible release to anyone, and a workspace publishes its internal
 *   components that way (uv's `uv-*` crates, "an internal component crate of uv", all called by the workspace).
 * - Python: only a directory under a manifest that declares a package is a library: a pyproject.toml with a
 *   `[project]` or `[tool.poetry]` table, a setup.py or a setup.cfg. One that declares a virtual project
 *   (`[tool.uv] package = false`) or says `Private :: Do Not Upload` is not published. Python code with no such
 *   manifest above it is an application or a set of scripts, not an importable API. When no manifest was looked for
 *   at all (a review of a diff alone), every production module counts, as before.
 * Unknown stays "a library": the review errs towards reporting a break, not hiding one.
 */
import type { Language } from './paths';

/** By the directory holding each manifest ('' for the root): whether the package there is kept private. */
export interface PackageIndex {
  readonly jsPackages?: ReadonlyMap<string, boolean>;
  /** Cargo.toml files with a `[package]` table: not a published library. */
  readonly crates?: ReadonlyMap<string, boolean>;
  /** Manifests that declare a Python package: not published. Present (maybe empty) when they were looked for. */
  readonly pythonPackages?: ReadonlyMap<string, boolean>;
  /**
   * By the directory of a published package.json: the modules its entry points reach (`main`, `exports`… and the
   * `export … from` chains of those files). A package absent here is unknown: every module counts.
   */
  readonly jsExports?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Whether `path` is outside every published library according to the manifests above it. */
export function outsidePublishedPackage(path: string, language: Language, packages?: PackageIndex): boolean {
  switch (language) {
    case 'js': {
      if (nearest(path, packages?.jsPackages)) return true;
      // A module no entry point of its package re-exports is nobody's import (gemini-cli #28470: an a2a-server
      // `config.ts` whose exported function became async, all its callers updated).
      const dir = nearestDir(path, packages?.jsPackages);
      const reached = dir !== undefined ? packages?.jsExports?.get(dir) : undefined;
      return reached !== undefined && !reached.has(path);
    }
    case 'rust':
      return nearest(path, packages?.crates) ?? false;
    case 'py':
      if (!packages?.pythonPackages) return false;
      return nearest(path, packages.pythonPackages) ?? true;
    default:
      return false;
  }
}

/** The value of the nearest directory above `path` (its own first) that `dirs` knows. */
function nearest(path: string, dirs?: ReadonlyMap<string, boolean>): boolean | undefined {
  if (!dirs || dirs.size === 0) return undefined;
  const parts = path.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const value = dirs.get(parts.slice(0, i).join('/'));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The nearest directory above `path` (its own first) that `dirs` knows. */
function nearestDir(path: string, dirs?: ReadonlyMap<string, boolean>): string | undefined {
  if (!dirs || dirs.size === 0) return undefined;
  const parts = path.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const dir = parts.slice(0, i).join('/');
    if (dirs.has(dir)) return dir;
  }
  return undefined;
}

const JS_SOURCE_EXT = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.jsx'];
/** Folders a build writes to: `dist/index.js` is built from `index.ts` or `src/index.ts`. */
const BUILD_DIR = /^(?:dist|build|lib|out|esm|cjs|types)\//;

/** Source files a module specifier relative to `dir` may name (`./x.js` written for `./x.ts`, a folder's index). */
export function jsModuleCandidates(dir: string, spec: string): string[] {
  const parts = (dir ? `${dir}/${spec}` : spec).split('/');
  const norm: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') norm.pop();
    else norm.push(p);
  }
  const base = norm.join('/').replace(/\.d\.ts$|\.(?:[mc]?js|jsx|tsx?|mts)$/, '');
  return [...JS_SOURCE_EXT.map((e) => base + e), ...JS_SOURCE_EXT.map((e) => `${base}/index${e}`)];
}

/**
 * The source files a package.json's entry points may be built from (`main`, `module`, `types`, `exports`; Node's
 * `index.js` when none), by path from the repository root; null when an export is a pattern (`"./*"`: every module
 * may be imported) or the manifest does not parse.
 */
export function jsEntryCandidates(dir: string, packageJson: string): string[] | null {
  let pkg: Record<string, unknown>;
  try {
    const value = JSON.parse(packageJson) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    pkg = value as Record<string, unknown>;
  } catch {
    return null;
  }
  const targets: string[] = [];
  let pattern = false;
  const visit = (v: unknown, key?: string): void => {
    if (key?.includes('*')) pattern = true;
    if (typeof v === 'string') {
      if (v.includes('*')) pattern = true;
      targets.push(v);
    } else if (Array.isArray(v)) for (const x of v) visit(x);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  for (const k of ['main', 'module', 'types', 'typings', 'exports']) visit(pkg[k]);
  if (pattern) return null;
  if (targets.length === 0) targets.push('index.js');
  const out = new Set<string>();
  for (const t of targets) {
    const rel = t.replace(/^\.\//, '');
    for (const r of new Set([rel, rel.replace(BUILD_DIR, ''), `src/${rel.replace(BUILD_DIR, '')}`]))
      for (const c of jsModuleCandidates(dir, r)) out.add(c);
  }
  return [...out];
}

/** Relative module specifiers a JS/TS file re-exports (`export * from './x.js'`, `export { a } from '../y'`). */
export function jsReExports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /^\s*export\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/gm,
  ))
    out.push(m[1]);
  return out;
}

/** The files named `name` that may hold `path`'s package (its directory and every one above it), nearest first. */
export function manifestCandidates(path: string, name: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) out.push([...parts.slice(0, i), name].join('/'));
  return out;
}

/** The directory of a manifest path ('' for the root). */
export function manifestDir(path: string): string {
  return path.replace(/\/?[^/]*$/, '');
}

/** Whether a package.json marks its package as never published (`"private": true`). */
export function privatePackage(packageJson: string): boolean {
  try {
    const value = JSON.parse(packageJson) as unknown;
    return typeof value === 'object' && value !== null && (value as { private?: unknown }).private === true;
  } catch {
    return false;
  }
}

/**
 * For a Cargo.toml: whether its crate is kept out of every other crate's dependencies (unpublished, a binary only, or
 * a workspace member at 0.0.x); undefined when it has no `[package]` table (a workspace root alone). `hasLibRs`:
 * `src/lib.rs` exists beside it. `workspace`: the text of the workspace root's Cargo.toml, for keys inherited with
 * `key.workspace = true`. `member`: the crate is a member of that workspace, not its root package.
 */
export function privateCrate(
  cargoToml: string,
  hasLibRs: boolean,
  workspace?: string,
  member = false,
): boolean | undefined {
  const pkg = tomlTable(cargoToml, 'package');
  if (!pkg) return undefined;
  const inherited = (key: string): string | undefined => {
    const own = pkg.get(key);
    if (pkg.get(`${key}.workspace`) !== 'true' && !/\bworkspace\s*=\s*true\b/.test(own ?? '')) return own;
    return workspace !== undefined ? tomlTable(workspace, 'workspace.package')?.get(key) : undefined;
  };
  const publish = inherited('publish');
  if (publish === 'false' || /^\[\s*\]$/.test(publish ?? '')) return true;
  if (member && workspace !== undefined && /^["']0\.0\.\d+/.test(inherited('version') ?? '')) return true;
  return !hasLibRs && !tomlTable(cargoToml, 'lib');
}

/** Whether a Cargo.toml is a workspace root (`[workspace]`). */
export function cargoWorkspace(cargoToml: string): boolean {
  return tomlTable(cargoToml, 'workspace') !== undefined;
}

/**
 * For a Python manifest (`name`: pyproject.toml, setup.py or setup.cfg): undefined when it declares no package (a
 * pyproject.toml holding only tool settings), else whether that package is kept private.
 */
export function privatePythonPackage(name: string, text: string): boolean | undefined {
  if (name === 'setup.py') return /\bsetup\s*\(/.test(text) ? false : undefined;
  if (name === 'setup.cfg') return tomlTable(text, 'metadata') ? false : undefined;
  if (!tomlTable(text, 'project') && !tomlTable(text, 'tool.poetry')) return undefined;
  return tomlTable(text, 'tool.uv')?.get('package') === 'false' || /Private\s*::\s*Do Not Upload/.test(text);
}

/**
 * The keys of one table of a TOML (or INI) file with their raw values, dotted keys kept as written
 * (`publish.workspace`); undefined when the table is absent. Enough for the few scalar keys read here.
 */
function tomlTable(text: string, table: string): Map<string, string> | undefined {
  let inside = false;
  let out: Map<string, string> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      inside = header[1].trim() === table;
      if (inside) out ??= new Map();
      continue;
    }
    if (!inside) continue;
    const kv = /^([\w.-]+)\s*[=:]\s*(.*?)\s*(?:#[^"']*)?$/.exec(line);
    if (kv) out!.set(kv[1].replace(/\s+/g, ''), kv[2]);
  }
  return out;
}
