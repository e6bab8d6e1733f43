/**
 * Artifact locations of a SARIF run as repository paths: `index` into `run.artifacts`, `uriBaseId` chains through
 * `originalUriBaseIds`, `file:` URIs and relative references, all confined to the repository.
 */
import { cleanLabel } from '../blame/labels';
import { repoPathProblem } from '../commit/lines';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Why a location was not taken, and the URI that showed it. */
export interface Unresolved {
  readonly problem: string;
  readonly example: string;
}

const MAX_BASE_DEPTH = 8;

/** The repository path of an artifact location, following `index` into `run.artifacts` and base ids. */
export function resolveArtifact(loc: Json, run: Json, root: string): string | Unresolved {
  let uri = str(loc.uri);
  let base = str(loc.uriBaseId);
  if (uri === undefined) {
    const index = loc.index;
    const artifacts = Array.isArray(run.artifacts) ? run.artifacts : [];
    const artifact = obj(
      obj(typeof index === 'number' && Number.isInteger(index) && index >= 0 ? artifacts[index] : undefined)?.location,
    );
    uri = str(artifact?.uri);
    base = str(artifact?.uriBaseId);
  }
  if (uri === undefined) return { problem: 'no artifact URI', example: '' };
  if (uri.length > 4096) return { problem: 'artifact URI too long', example: uri.slice(0, 200) };
  const bases = obj(run.originalUriBaseIds);
  let rel = uri;
  for (let depth = 0; base !== undefined && !isAbsolute(rel) && depth < MAX_BASE_DEPTH; depth++) {
    const b = obj(bases && Object.prototype.hasOwnProperty.call(bases, base) ? bases[base] : undefined);
    const value = str(b?.uri);
    if (!value) break; // %SRCROOT% and other undeclared bases stand for the repository root
    const joined = (value.endsWith('/') ? value : value + '/') + rel;
    if (isAbsolute(value)) {
      const inside = toRepoPath(joined, root, uri);
      // A base recorded outside this checkout (a container, another runner) stands for the repository root.
      return typeof inside === 'string' || inside.problem !== OUTSIDE ? inside : toRepoPath(rel, root, uri);
    }
    rel = joined;
    base = str(b?.uriBaseId);
  }
  return toRepoPath(rel, root, uri);
}

const OUTSIDE = 'path outside the repository';
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]+):/;

function isAbsolute(uri: string): boolean {
  return SCHEME.test(uri) || uri.startsWith('/') || /^[A-Za-z]:[/\\]/.test(uri);
}

function toRepoPath(uri: string, root: string, example: string): string | Unresolved {
  const fail = (problem: string): Unresolved => ({ problem, example });
  let u = uri.replace(/[?#][^]*$/, '');
  const scheme = SCHEME.exec(u)?.[1];
  if (scheme && scheme.toLowerCase() !== 'file') return fail(`not a file URI (${cleanLabel(scheme, 20)}:)`);
  if (scheme) {
    u = u.slice(scheme.length + 1);
    if (u.startsWith('//')) {
      const slash = u.indexOf('/', 2);
      const host = u.slice(2, slash === -1 ? u.length : slash);
      if (host !== '' && host.toLowerCase() !== 'localhost') return fail('file URI on another host');
      u = slash === -1 ? '/' : u.slice(slash);
    }
  }
  let path: string;
  try {
    path = decodeURIComponent(u);
  } catch {
    return fail('malformed percent-encoding');
  }
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1); // file:///C:/repo/x
  const absolute = scheme !== undefined || path.startsWith('/') || /^[A-Za-z]:\//.test(path);
  if (absolute) {
    const normal = normalize(path.startsWith('/') ? path.slice(1) : path);
    const full = (path.startsWith('/') ? '/' : '') + (normal ?? '');
    const prefix = root + '/';
    const windows = /^[A-Za-z]:/.test(root);
    const inside = windows ? full.toLowerCase().startsWith(prefix.toLowerCase()) : full.startsWith(prefix);
    if (normal === null || !inside) return fail(OUTSIDE);
    path = full.slice(prefix.length);
  }
  const rel = normalize(path);
  if (rel === null) return fail(OUTSIDE);
  const problem = repoPathProblem(rel);
  return problem ? fail(`not a plain repository path (${problem})`) : rel;
}

/** `a/./b/../c` as `a/c`; null when `..` climbs above the start. */
function normalize(path: string): string | null {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(segment);
  }
  return out.join('/');
}
