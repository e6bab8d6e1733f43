/**
 * Whether a changed file belongs to a published library, from the manifests above it (src/git reads them; the
 * decisions are here): per ecosystem, the nearest manifest of the file's package decides.
 * - JS/TS: a package.json with `"private": true` is an application (an extension, a CLI, a web app, an internal
 *   workspace package); no package.json: a library.
 * - Rust: a crate whose Cargo.toml says `publish = false` or `publish = []` (itself, or through
 *   `publish.workspace = true` from the workspace's `[workspace.package]`), or that has no library target (no
 *   `[lib]` and no `src/lib.rs`: a binary only), is nobody's dependency; no Cargo.toml: a library.
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
}

/** Whether `path` is outside every published library according to the manifests above it. */
export function outsidePublishedPackage(path: string, language: Language, packages?: PackageIndex): boolean {
  switch (language) {
    case 'js':
      return nearest(path, packages?.jsPackages) ?? false;
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
 * For a Cargo.toml: whether its crate is kept out of every other crate's dependencies (unpublished, or a binary
 * only); undefined when it has no `[package]` table (a workspace root alone). `hasLibRs`: `src/lib.rs` exists beside
 * it. `workspace`: the text of the workspace root's Cargo.toml, for `publish.workspace = true`.
 */
export function privateCrate(cargoToml: string, hasLibRs: boolean, workspace?: string): boolean | undefined {
  const pkg = tomlTable(cargoToml, 'package');
  if (!pkg) return undefined;
  let publish = pkg.get('publish');
  if (pkg.get('publish.workspace') === 'true' || /\bworkspace\s*=\s*true\b/.test(publish ?? ''))
    publish = workspace !== undefined ? tomlTable(workspace, 'workspace.package')?.get('publish') : undefined;
  if (publish === 'false' || /^\[\s*\]$/.test(publish ?? '')) return true;
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
