/**
 * Which files are a library's public surface, and which of those are its entry point. Production code outside
 * scripts, examples, binaries and private modules (Go's `internal/`, Python's `_private` modules unless the package's
 * `__init__.py` re-exports their names).
 */
import type { DiffFile } from '../diff/types';
import { outsidePublishedPackage, type PackageIndex } from './packages';
import type { FileClass } from './paths';

/**
 * Folders of code nobody imports: binaries, developer scripts and tools, test data and its generators (uv #21081),
 * documentation and its build hooks (`docs/.hooks/*.py`, MkDocs plug-ins), hidden folders (`.github/`, `.hooks/`: no
 * Python package or published module is named with a leading dot). Python's `doc/` too (Sphinx's folder); elsewhere
 * `doc` may be a library's package (Go's `spf13/cobra/doc`).
 */
const NOT_LIBRARY =
  /(?:^|\/)(?:internal\/|docs\/|\.[^/]+\/|scripts?\/|examples?\/|cmd\/|bin\/|benches?\/|tools?\/|tests?\/|e2e\/|demo\/|apps?\/|pages\/|routes\/|stories\/|test_?vectors\/|test_?data\/|testdata\/|fixtures\/|hack\/)/;
/** Entry scripts and build or tool files: run, never imported (Python's setup.py, noxfile.py, conftest.py, manage.py). */
const MAIN = /(?:^|\/)(?:main|__main__|build|setup|noxfile|conftest|manage)\.\w+$|\.(?:stories|story|config)\.\w+$/;
/** UI components (`.tsx`, `.jsx`) are an application's parts, unless they sit in a package of a monorepo. */
const COMPONENT = /\.[jt]sx$/;
const LANGS = new Set(['js', 'py', 'rust', 'go', 'java']);

/**
 * Code a library exposes to other code: production files outside scripts, examples, binaries and applications (`apps/`,
 * pages, routes, stories, UI components outside `packages/`), in a package its manifests say is published
 * (model/packages.ts: not a private npm package, an unpublished or binary-only crate, Python outside any declared
 * package). Python modules
 * under a private name count only with `privatePython` (the caller then keeps the names their `__init__.py` names).
 */
export function libraryModule(path: string, cls: FileClass, privatePython = false, packages?: PackageIndex): boolean {
  if (!cls.source || cls.test || !LANGS.has(cls.language)) return false;
  if (outsidePublishedPackage(path, cls.language, packages)) return false;
  if (NOT_LIBRARY.test(path) || MAIN.test(path)) return false;
  if (cls.language === 'py' && /(?:^|\/)doc\//.test(path)) return false;
  if (COMPONENT.test(path) && !/(?:^|\/)packages\//.test(path)) return false;
  return privatePython || pythonInitFor(path) === undefined;
}

/**
 * For a Python module under a private name (`pkg/_client.py`, `pkg/_transports/http.py`), the `__init__.py` that
 * decides which of its names are public: the one of the package holding the first private part. Undefined for
 * modules with public names all the way.
 */
export function pythonInitFor(path: string): string | undefined {
  if (!path.endsWith('.py')) return undefined;
  const parts = path.split('/');
  const i = parts.findIndex((p) => p.startsWith('_') && p !== '__init__.py');
  if (i < 0) return undefined;
  return [...parts.slice(0, i), '__init__.py'].join('/');
}

/**
 * The module importers reach first: `index.*` of a package or its `src/`, Rust's `lib.rs`, a Python package's
 * top-level `__init__.py`, a Go package at the module root. A break there reaches every user.
 */
export function entryPoint(path: string): boolean {
  const depth = path.split('/').length;
  if (/(?:^|\/)index\.(?:[mc]?[jt]s|tsx)$/.test(path)) return depth <= 4;
  if (/(?:^|\/)lib\.rs$/.test(path)) return true;
  if (/(?:^|\/)__init__\.py$/.test(path)) return depth <= 3;
  if (path.endsWith('.go')) return depth === 1;
  return false;
}

/** Words of a declaration or its visibility, per language, and of the deletion APIs rules/public-deletes.ts knows. */
const SURFACE_HINT =
  /\b(?:export|exports|def|class|fn|func|pub|public|protected|function|interface|type|enum|struct|trait|impl|const|static|__all__|use|overload)\b|remove|Remove|unlink|rmtree|rmdir|\brm|rimraf|delete|Delete|emptyDir|send2trash/;
/** A line of a parameter list spread over lines (`url: str | None = None,`), the line closing it, a listed name. */
const PARAM_LINE =
  /^\s*(?:\*{1,2}|\.\.\.)?[A-Za-z_$][\w$]*\??\s*(?::[^=]*)?(?:=[^=].*)?,\s*$|^\s*\)\s*(?:->|:|\{|=>|$)|^\s*["'][\w.]+["'],?\s*$/;
/** A method header without a keyword (TS/JS, Java): `name(params): T {`, not `if (x) {`. */
const METHOD_LINE =
  /^\s*(?:(?:async|static|get|set|readonly|override|abstract|synchronized|final|private|public|protected)\s+)*(?!(?:if|for|while|switch|catch|with|return|else)\b)[\w$]+\s*(?:<[^>]*>)?\s*\(.*\)\s*(?::\s*[^={]+)?\s*(?:throws\s+[\w., ]+)?\{\s*$/;
/** A deletion API anywhere in the file: a changed call to a helper there may now reach it. */
const DELETION_API =
  /\b(?:os\.(?:remove|unlink|rmdir|removedirs|RemoveAll|Remove)|shutil\.rmtree|remove_file|remove_dir(?:_all)?|Files\.delete\w*|FileUtils\.\w*[dD]elete\w*|rmSync|unlinkSync|rmdirSync|rimraf|send2trash)\b|\.(?:unlink|rmdir|rmtree)\s*\(|\bfs\w*\.(?:rm|unlink|rmdir|remove)\b/;

/**
 * Whether a change to a library file can change its public surface or what its public functions delete: a changed
 * line that declares, exports, lists parameters or names a deletion API, or any change in a file that deletes files
 * somewhere (`headText`). Changes inside function bodies that do none of that (`super()` -> `super(opts)`) are not
 * parsed on either side.
 */
export function mayChangeSurface(file: DiffFile, headText?: string): boolean {
  if (file.status === 'added' || file.status === 'deleted') return true;
  if (headText !== undefined && DELETION_API.test(headText)) return true;
  for (const h of file.hunks)
    for (const l of h.lines)
      if (l.kind !== 'context' && (SURFACE_HINT.test(l.text) || PARAM_LINE.test(l.text) || METHOD_LINE.test(l.text)))
        return true;
  return false;
}
