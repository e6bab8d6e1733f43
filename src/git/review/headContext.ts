/**
 * What the review reads from the tree at the head besides the diff: the full text of changed source and test files (to
 * parse them, and to find tests inside production files, such as Rust `#[cfg(test)]` modules) and where the functions the change touched are
 * referenced (`git grep -w` at the head), so a rule can see a changed function whose only callers are tests.
 * Bounded (files, bytes, names, time); anything it cannot read is left out and the rules fall back to the diff.
 */
import { changedFunctionNames, classifyPath, type ParsedDiff, type ReviewContext } from '../../core/review';
import { CatFileBatch } from '../catFileBatch';
import { runGit } from '../exec';
import type { RepoInfo } from '../repo';

const MAX_FILES = 200;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_HITS_PER_NAME = 200;

type HeadContext = Pick<ReviewContext, 'headText' | 'references' | 'workflows' | 'lockfiles'>;

export async function readHeadContext(
  repo: RepoInfo,
  head: string,
  diff: ParsedDiff,
  log: (message: string) => void = () => {},
): Promise<HeadContext> {
  const names = changedFunctionNames(diff);
  const [headText, references, manifests] = await Promise.all([
    readChangedSources(repo, head, diff, log),
    grepNames(repo, head, names, log),
    readManifestContext(repo, head, diff, log),
  ]);
  // Rust files holding references need their text too, to tell their inline tests from their code.
  const more = references
    ? [...new Set([...references.values()].flat().map((r) => r.path))].filter(
        (p) => p.endsWith('.rs') && !headText.has(p),
      )
    : [];
  if (more.length > 0)
    for (const [p, t] of await readBlobs(repo, head, more.slice(0, MAX_FILES), log)) headText.set(p, t);
  return { headText, ...(references ? { references } : {}), ...manifests };
}

/** Lockfiles looked for next to a changed manifest and at the root (what CI installs). */
const LOCKFILES = [
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'Cargo.lock',
  'uv.lock',
  'poetry.lock',
  'pdm.lock',
];

/**
 * Only when a manifest changed: the CI workflows at the head (.github/workflows/*.yml: does a job run a moved minimum
 * version?) and the lockfiles next to the changed manifests and at the root (what CI installs; names the rules check new
 * dependencies against). Workflows are absent when git failed (the bound rule then stays silent) and empty when the
 * repository has none; lockfiles over 1 MiB are left out.
 */
async function readManifestContext(
  repo: RepoInfo,
  head: string,
  diff: ParsedDiff,
  log: (message: string) => void,
): Promise<Pick<ReviewContext, 'workflows' | 'lockfiles'>> {
  const manifests = diff.files.filter((f) => f.newPath !== null && classifyPath(f.path).manifest).map((f) => f.path);
  if (manifests.length === 0) return {};
  const dirs = new Set(['', ...manifests.map((p) => p.replace(/[^/]*$/, ''))]);
  const candidates = [...dirs].slice(0, 20).flatMap((d) => LOCKFILES.map((n) => d + n));
  try {
    const r = await runGit(['ls-tree', '--name-only', head, '--', '.github/workflows/', ...candidates], {
      cwd: repo.root,
    });
    const listed = r.stdout.split('\n').filter((p) => p !== '');
    const workflowPaths = listed.filter((p) => p.startsWith('.github/workflows/') && /\.ya?ml$/.test(p));
    const lockPaths = listed.filter((p) => candidates.includes(p));
    const texts = await readBlobs(repo, head, [...workflowPaths.slice(0, 50), ...lockPaths], log);
    const pick = (paths: readonly string[]): { path: string; text: string }[] =>
      paths.filter((p) => texts.has(p)).map((path) => ({ path, text: texts.get(path)! }));
    return { workflows: pick(workflowPaths), lockfiles: pick(lockPaths) };
  } catch (err) {
    log(
      `review: could not read the CI workflows and lockfiles at the head (${(err as Error).message}); moved version bounds are not checked`,
    );
    return {};
  }
}

async function readChangedSources(
  repo: RepoInfo,
  head: string,
  diff: ParsedDiff,
  log: (message: string) => void,
): Promise<Map<string, string>> {
  const paths = diff.files
    .filter((f) => {
      if (f.newPath === null || f.binary) return false;
      const cls = classifyPath(f.path);
      return cls.source || cls.test;
    })
    .map((f) => f.path);
  if (paths.length > MAX_FILES)
    log(
      `review: read ${MAX_FILES} of ${paths.length} changed source files at the head; the rest are judged from the diff alone`,
    );
  return readBlobs(repo, head, paths.slice(0, MAX_FILES), log);
}

async function readBlobs(
  repo: RepoInfo,
  head: string,
  paths: readonly string[],
  log: (message: string) => void,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const batch = new CatFileBatch(repo.root);
  try {
    const objects = await batch.readMany(paths.map((p) => `${head}:${p}`));
    objects.forEach((o, i) => {
      if (o && o.type === 'blob' && o.size <= MAX_FILE_BYTES) out.set(paths[i], o.content.toString('utf8'));
    });
  } catch (err) {
    log(
      `review: could not read changed files at the head (${(err as Error).message}); tests inside production files are judged from the diff alone`,
    );
  } finally {
    await batch.close();
  }
  return out;
}

/** `git grep -n -w` of every name at the head, in one process; undefined when git fails. */
async function grepNames(
  repo: RepoInfo,
  head: string,
  names: readonly string[],
  log: (message: string) => void,
): Promise<Map<string, { path: string; line: number; text: string }[]> | undefined> {
  if (names.length === 0) return new Map();
  // One extended pattern with the names as alternatives: the same lines as one -F pattern per name (git retries a
  // match that is not a whole word further along the line either way), about 20 times cheaper for git.
  const alternatives = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const args = ['grep', '-n', '-w', '-I', '-E', '--no-color', '-e', `(${alternatives})`, head, '--'];
  try {
    const r = await runGit(args, {
      cwd: repo.root,
      okExitCodes: [1],
      timeoutMs: 30_000,
      maxOutputBytes: 32 * 1024 * 1024,
    });
    const out = new Map<string, { path: string; line: number; text: string }[]>(names.map((n) => [n, []]));
    const prefix = `${head}:`;
    const patterns = names.map((n) => [n, new RegExp(`(?<![\\w$])${n.replace(/\$/g, '\\$')}(?![\\w$])`)] as const);
    for (const line of r.stdout.split('\n')) {
      if (!line.startsWith(prefix)) continue;
      const m = /^([^:]+):(\d+):(.*)$/.exec(line.slice(prefix.length));
      if (!m) continue;
      const text = m[3].slice(0, 500);
      for (const [n, re] of patterns) {
        const list = out.get(n)!;
        if (list.length <= MAX_HITS_PER_NAME && re.test(text)) list.push({ path: m[1], line: Number(m[2]), text });
      }
    }
    // A name with more hits than kept is too common to judge by its callers.
    for (const [n, list] of out) if (list.length > MAX_HITS_PER_NAME) out.delete(n);
    return out;
  } catch (err) {
    log(`review: could not search the head for callers (${(err as Error).message}); test-only callers are not checked`);
    return undefined;
  }
}
