/**
 * The manifests above the changed source files that say whether their package is a published library (decided in
 * core/review/model/packages.ts): package.json for JS/TS, Cargo.toml (and whether `src/lib.rs` exists beside it) for
 * Rust, pyproject.toml / setup.py / setup.cfg for Python. Read through the review's one cat-file batch (or from disk
 * for the working tree), at most 50 candidate paths per ecosystem, nearest first.
 */
import {
  cargoWorkspace,
  classifyPath,
  jsEntryCandidates,
  jsModuleCandidates,
  jsReExports,
  manifestCandidates,
  manifestDir,
  privateCrate,
  privatePackage,
  privatePythonPackage,
  type PackageIndex,
} from '../../core/review';

/** Texts of the paths that exist at the head (others left out). */
type Read = (paths: readonly string[]) => Promise<Map<string, string>>;

const MAX_CANDIDATES = 50;
const PYTHON_MANIFESTS = ['pyproject.toml', 'setup.py', 'setup.cfg'];

export async function readPackages(read: Read, changed: readonly { path: string }[]): Promise<PackageIndex> {
  const byLanguage = (lang: string, names: readonly string[]): string[] => [
    ...new Set(
      changed
        .filter((f) => classifyPath(f.path).language === lang)
        .flatMap((f) => names.flatMap((n) => manifestCandidates(f.path, n))),
    ),
  ];
  const js = byLanguage('js', ['package.json']).slice(0, MAX_CANDIDATES);
  const cargo = byLanguage('rust', ['Cargo.toml']).slice(0, MAX_CANDIDATES);
  const py = byLanguage('py', PYTHON_MANIFESTS).slice(0, MAX_CANDIDATES * 3);
  const texts = await read([...js, ...cargo, ...py]);
  const out: {
    jsPackages?: Map<string, boolean>;
    crates?: Map<string, boolean>;
    pythonPackages?: Map<string, boolean>;
    jsExports?: Map<string, Set<string>>;
  } = {};
  const jsPackages = new Map<string, boolean>();
  for (const p of js) if (texts.has(p)) jsPackages.set(manifestDir(p), privatePackage(texts.get(p)!));
  if (jsPackages.size > 0) out.jsPackages = jsPackages;
  const published = js.filter((p) => texts.has(p) && jsPackages.get(manifestDir(p)) === false);
  if (published.length > 0) {
    const jsExports = await readJsExports(read, published.slice(0, MAX_PACKAGES), texts);
    if (jsExports.size > 0) out.jsExports = jsExports;
  }
  const cargoFound = cargo.filter((p) => texts.has(p));
  if (cargoFound.length > 0) out.crates = await readCrates(read, cargoFound, texts);
  if (py.length > 0) {
    const pythonPackages = new Map<string, boolean>();
    // Nearest first per file; within one directory pyproject.toml, then setup.py, then setup.cfg.
    for (const p of py) {
      const dir = manifestDir(p);
      if (!texts.has(p) || pythonPackages.has(dir)) continue;
      const isPrivate = privatePythonPackage(p.slice(dir ? dir.length + 1 : 0), texts.get(p)!);
      if (isPrivate !== undefined) pythonPackages.set(dir, isPrivate);
    }
    out.pythonPackages = pythonPackages;
  }
  return out;
}

const MAX_PACKAGES = 5;
/** Modules read per package while following re-exports; past it the package stays unknown. */
const MAX_MODULES = 300;

/**
 * Per published package: the modules reachable from its entry points (model/packages.ts `jsEntryCandidates`) through
 * `export … from` chains, read breadth first. A package whose entry is a pattern, is not found, or has more modules
 * than MAX_MODULES is left out (unknown: every module counts).
 */
async function readJsExports(
  read: Read,
  manifests: readonly string[],
  texts: ReadonlyMap<string, string>,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const p of manifests) {
    const dir = manifestDir(p);
    const entries = jsEntryCandidates(dir, texts.get(p)!);
    if (!entries) continue;
    const reached = new Set<string>();
    const tried = new Set<string>();
    let frontier = entries;
    let complete = true;
    for (let depth = 0; depth < 12 && frontier.length > 0; depth++) {
      const fresh = frontier.filter((c) => !tried.has(c));
      for (const c of fresh) tried.add(c);
      if (fresh.length === 0) {
        frontier = [];
        break;
      }
      const found = await read(fresh);
      const next: string[] = [];
      for (const [path, text] of found) {
        if (reached.has(path)) continue;
        reached.add(path);
        const from = path.replace(/\/?[^/]*$/, '');
        for (const spec of jsReExports(text)) next.push(...jsModuleCandidates(from, spec));
      }
      if (reached.size > MAX_MODULES) {
        complete = false;
        break;
      }
      frontier = next;
    }
    if (complete && frontier.length === 0 && reached.size > 0) out.set(dir, reached);
  }
  return out;
}

/** Crate directory -> not a published library; `src/lib.rs` looked for beside each crate's Cargo.toml. */
async function readCrates(
  read: Read,
  manifests: readonly string[],
  texts: ReadonlyMap<string, string>,
): Promise<Map<string, boolean>> {
  const libs = await read(manifests.map((p) => `${manifestDir(p) ? `${manifestDir(p)}/` : ''}src/lib.rs`));
  // The workspace root: the outermost Cargo.toml with a [workspace] table (candidates come nearest first).
  const workspace = [...manifests].reverse().find((p) => cargoWorkspace(texts.get(p)!));
  const out = new Map<string, boolean>();
  for (const p of manifests) {
    const dir = manifestDir(p);
    const isPrivate = privateCrate(
      texts.get(p)!,
      libs.has(`${dir ? `${dir}/` : ''}src/lib.rs`),
      workspace ? texts.get(workspace) : undefined,
      workspace !== undefined && workspace !== p,
    );
    if (isPrivate !== undefined) out.set(dir, isPrivate);
  }
  return out;
}
