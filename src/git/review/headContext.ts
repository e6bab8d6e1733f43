/**
 * What the review reads from the tree besides the diff: the full text of changed source and test files on both sides
 * (the head to parse them and find tests inside production files such as Rust `#[cfg(test)]` modules; the base to
 * compare public signatures as trees), the `__init__.py` that says which names of a private Python module are
 * public, and where the functions the change touched are referenced (`git grep -w` at the head) with the text of the
 * files that mention them, so a rule can read each mention in its tree and see a function only tests call.
 * Every blob comes through one `git cat-file --batch`. The head is a commit, or the working tree (the editor's
 * review of uncommitted work: files read from disk, `git grep` over the work tree).
 * Bounded (files, bytes, names, time); anything it cannot read is left out and the rules fall back to the diff.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  changedFunctionNames,
  classifyPath,
  grammarFor,
  isGithubWorkflow,
  isPolicyFile,
  isSandboxPolicyFile,
  libraryModule,
  mayBePrompt,
  needsReading,
  pythonInitFor,
  repositoryOwnerOf,
  rustModuleDeclarers,
  type PackageIndex,
  type ParsedDiff,
  type ReviewContext,
} from '../../core/review';
import { CatFileBatch } from '../catFileBatch';
import { runGit } from '../exec';
import type { RepoInfo } from '../repo';
import { readPackages } from './packages';

const MAX_FILES = 200;
const MAX_FILE_BYTES = 1024 * 1024;
/**
 * Lockfiles are read whole up to this size: the rules only scan them for package names, and a workspace's lockfile is
 * often over 1 MiB (pydantic-ai's uv.lock: 1.5 MB); with it left out a locked dependency was called "absent".
 */
const MAX_LOCKFILE_BYTES = 32 * 1024 * 1024;
const MAX_HITS_PER_NAME = 200;
/** Files read only because they mention a changed name. */
const MAX_REFERENCE_FILES = 100;

type HeadContext = Pick<
  ReviewContext,
  | 'headText'
  | 'baseText'
  | 'jsPackages'
  | 'jsExports'
  | 'crates'
  | 'pythonPackages'
  | 'references'
  | 'workflows'
  | 'lockfiles'
  | 'ciText'
  | 'repositoryOwner'
  | 'gitattributes'
>;

/** The working tree as the head: texts from disk, grep over the work tree. */
export const WORKTREE = null;

/**
 * `head`: the head commit, or WORKTREE. `base`: the commit of the diff's old side (a merge base already resolved, or
 * a promise of it); without one, no base text is read.
 */
export async function readHeadContext(
  repo: RepoInfo,
  head: string | typeof WORKTREE,
  diff: ParsedDiff,
  log: (message: string) => void = () => {},
  base?: string | Promise<string>,
): Promise<HeadContext> {
  const names = changedFunctionNames(diff);
  const batch = new CatFileBatch(repo.root);
  try {
    const grep = grepNames(repo, head, names, log);
    const oldSide = base === undefined ? undefined : await Promise.resolve(base).catch(() => undefined);
    const [texts, references, manifests, ciText, repositoryOwner, attributes] = await Promise.all([
      readChangedSources(repo, batch, head, oldSide, diff, log),
      grep,
      // The working tree's review reads no workflows: the bound rule then stays silent there.
      head === WORKTREE ? Promise.resolve({}) : readManifestContext(repo, batch, head, diff, log),
      readChangedWorkflows(repo, batch, head, oldSide, diff, log),
      readRepositoryOwner(repo, diff, log),
      // Which files the project marks generated (linguist-generated): not counted as size.
      readTexts(repo, batch, head, ['.gitattributes'], log),
    ]);
    const gitattributes = attributes.get('.gitattributes');
    const { headText, baseText, packages } = texts;
    // A prompt file an agent step reads, or a reusable workflow changed (the workflow calling it may publish what it
    // builds): the workflows at the head say which job hands it to the agent, or takes the artifacts.
    const agentWorkflows =
      head !== WORKTREE && !('workflows' in manifests)
        ? await readAgentWorkflows(repo, batch, head, diff, log, callable(ciText))
        : {};
    const changed = new Set(diff.files.map((f) => f.path));
    const more = references ? mentionFiles(references, changed).filter((p) => !headText.has(p)) : [];
    if (more.length > 0)
      for (const [p, t] of await readTexts(repo, batch, head, more.slice(0, MAX_REFERENCE_FILES), log))
        headText.set(p, t);
    return {
      headText,
      ...(oldSide ? { baseText } : {}),
      ...packages,
      ...(references ? { references } : {}),
      ...manifests,
      ...agentWorkflows,
      ...(ciText.size > 0 ? { ciText } : {}),
      ...(repositoryOwner ? { repositoryOwner } : {}),
      ...(gitattributes ? { gitattributes } : {}),
    };
  } finally {
    await batch.close();
  }
}

/**
 * Whenever a GitHub workflow changed: the owner of the `origin` remote's repository, whose own actions are first-party
 * like GitHub's. No origin, or a local path as its URL: undefined, and only GitHub's actions are.
 */
async function readRepositoryOwner(
  repo: RepoInfo,
  diff: ParsedDiff,
  log: (message: string) => void,
): Promise<string | undefined> {
  if (!diff.files.some((f) => isGithubWorkflow(f.path))) return undefined;
  try {
    const r = await runGit(['config', '--get', 'remote.origin.url'], { cwd: repo.root, okExitCodes: [1] });
    return r.code === 0 ? repositoryOwnerOf(r.stdout) : undefined;
  } catch (err) {
    log(
      `review: could not read the origin remote (${(err as Error).message}); only GitHub's own actions count as first-party`,
    );
    return undefined;
  }
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
 * repository has none; lockfiles over 32 MiB are left out, with a log line.
 */
async function readManifestContext(
  repo: RepoInfo,
  batch: CatFileBatch,
  head: string,
  diff: ParsedDiff,
  log: (message: string) => void,
): Promise<Pick<ReviewContext, 'workflows' | 'lockfiles'>> {
  const manifests = diff.files.filter((f) => f.newPath !== null && classifyPath(f.path).manifest).map((f) => f.path);
  if (manifests.length === 0) return {};
  const dirs = new Set(['', ...manifests.map((p) => p.replace(/[^/]*$/, ''))]);
  const candidates = [...dirs].slice(0, 20).flatMap((d) => LOCKFILES.map((n) => d + n));
  try {
    const { workflows, also } = await readHeadWorkflows(repo, batch, head, candidates, log);
    return { workflows, lockfiles: also };
  } catch (err) {
    log(
      `review: could not read the CI workflows and lockfiles at the head (${(err as Error).message}); moved version bounds are not checked`,
    );
    return {};
  }
}

/**
 * The CI workflows at the head (`.github/workflows/*.yml`, at most 50) and whichever of `also` exist there, listed by
 * one `git ls-tree` and read through the batch. Throws when git fails; callers say what they then leave unchecked.
 */
async function readHeadWorkflows(
  repo: RepoInfo,
  batch: CatFileBatch,
  head: string,
  also: readonly string[],
  log: (message: string) => void,
): Promise<{ workflows: { path: string; text: string }[]; also: { path: string; text: string }[] }> {
  const r = await runGit(['ls-tree', '--name-only', head, '--', '.github/workflows/', ...also], { cwd: repo.root });
  const listed = r.stdout.split('\n').filter((p) => p !== '');
  const workflowPaths = listed.filter((p) => p.startsWith('.github/workflows/') && /\.ya?ml$/.test(p));
  const alsoPaths = listed.filter((p) => also.includes(p));
  const texts = await readTexts(repo, batch, head, [...workflowPaths.slice(0, 50), ...alsoPaths], log);
  const pick = (paths: readonly string[]): { path: string; text: string }[] =>
    paths.filter((p) => texts.has(p)).map((path) => ({ path, text: texts.get(path)! }));
  return { workflows: pick(workflowPaths), also: pick(alsoPaths) };
}

/**
 * When a text file that may be an agent's prompt changed (Markdown, templates, agent settings), or a reusable workflow
 * did: the workflows at the head, so a prompt a CI agent step reads is judged with that step (rules/agent-prompts.ts)
 * and a reusable workflow's artifacts with the calling job that publishes them (pipelineTier.ts). Absent when none
 * changed or git failed (then the file is judged by its name alone), with a log line for the latter.
 */
async function readAgentWorkflows(
  repo: RepoInfo,
  batch: CatFileBatch,
  head: string,
  diff: ParsedDiff,
  log: (message: string) => void,
  reusableChanged = false,
): Promise<Pick<ReviewContext, 'workflows'>> {
  if (!reusableChanged && !diff.files.some((f) => !f.binary && f.newPath !== null && mayBePrompt(f.path))) return {};
  try {
    return { workflows: (await readHeadWorkflows(repo, batch, head, [], log)).workflows };
  } catch (err) {
    log(
      `review: could not read the CI workflows at the head (${(err as Error).message}); prompt files are judged by their names alone`,
    );
    return {};
  }
}

/** A changed workflow other workflows can call (`on: workflow_call`) at the head. */
function callable(ciText: ReadonlyMap<string, { head?: string }>): boolean {
  return [...ciText.values()].some((t) => t.head !== undefined && /^\s*workflow_call\s*:/m.test(t.head));
}

/**
 * Whenever a GitHub workflow changed: its whole text at the head and at the base, so the CI rules and the tier judge
 * an edit in the job it lands in (which permissions, secrets and untrusted text that job holds). A file whose text
 * could not be read is left out and judged from its hunks.
 */
async function readChangedWorkflows(
  repo: RepoInfo,
  batch: CatFileBatch,
  head: string | typeof WORKTREE,
  base: string | undefined,
  diff: ParsedDiff,
  log: (message: string) => void,
): Promise<Map<string, { head?: string; base?: string }>> {
  const out = new Map<string, { head?: string; base?: string }>();
  const files = diff.files.filter((f) => !f.binary && isGithubWorkflow(f.path)).slice(0, 50);
  if (files.length === 0) return out;
  const heads = files.filter((f) => f.newPath !== null).map((f) => f.path);
  const olds = base ? files.filter((f) => f.oldPath !== null) : [];
  const [headTexts, baseTexts] = await Promise.all([
    readTexts(repo, batch, head, heads, log),
    readBlobs(
      batch,
      olds.map((f) => `${base}:${f.oldPath}`),
      log,
    ),
  ]);
  for (const f of files) out.set(f.path, {});
  for (const [p, t] of headTexts) out.set(p, { ...out.get(p), head: t });
  baseTexts.forEach((t, i) => {
    if (typeof t === 'string') out.set(olds[i].path, { ...out.get(olds[i].path), base: t });
  });
  return out;
}

/**
 * Production files to read so each mention of a changed name is judged in its tree: only for names that may turn out
 * test-only (needsReading: a test mentions them and no production line plainly calls them).
 */
function mentionFiles(
  references: ReadonlyMap<string, readonly { path: string; text: string }[]>,
  changed: ReadonlySet<string>,
): string[] {
  const out = new Set<string>();
  for (const [name, hits] of references) {
    if (!needsReading(name, hits, changed)) continue;
    for (const h of hits) {
      const cls = classifyPath(h.path);
      if ((!cls.test || h.path.endsWith('.rs')) && grammarFor(h.path, cls.language) !== undefined) out.add(h.path);
    }
  }
  return [...out];
}

async function readChangedSources(
  repo: RepoInfo,
  batch: CatFileBatch,
  head: string | typeof WORKTREE,
  base: string | undefined,
  diff: ParsedDiff,
  log: (message: string) => void,
): Promise<{ headText: Map<string, string>; baseText: Map<string, string>; packages: PackageIndex }> {
  const changed = diff.files.filter((f) => {
    if (f.binary) return false;
    const cls = classifyPath(f.path);
    return cls.source || cls.test;
  });
  // An agent's tool-approval policy, on both sides: which allow rules are new or changed (rules/agent-policy.ts); a
  // sandbox profile, on both sides: which verb a changed rule falls under, and the default it flips (model/surface.ts).
  const policies = diff.files
    .filter((f) => !f.binary && (isPolicyFile(f.path) || isSandboxPolicyFile(f.path)))
    .slice(0, 20);
  const heads = changed.filter((f) => f.newPath !== null).map((f) => f.path);
  if (heads.length > MAX_FILES)
    log(
      `review: read ${MAX_FILES} of ${heads.length} changed source files at the head; the rest are judged from the diff alone`,
    );
  // A private Python module's names are public when its package's __init__.py imports them; a Rust module's, when
  // the modules above it are `pub mod` or re-export them (the files that declare them).
  const inits = [
    ...new Set([
      ...heads.map(pythonInitFor).filter((p): p is string => p !== undefined),
      ...heads.flatMap(rustModuleDeclarers).slice(0, 40),
    ]),
  ].filter((p) => !heads.includes(p));
  // Which packages are not published libraries: their modules are no library's API, so no base side is read.
  const packages = await readPackages((paths) => readTexts(repo, batch, head, paths, log), changed);
  // The base side of library files only: what the public-signature and file-deletion rules compare.
  const bases = base
    ? changed
        .filter((f) => f.oldPath !== null && libraryModule(f.path, classifyPath(f.path), true, packages))
        .slice(0, MAX_FILES)
    : [];
  const olderPolicies = base ? policies.filter((f) => f.oldPath !== null) : [];
  // Manifests whole: a dependency line added inside a section the hunk does not show (rules/manifest-kind.ts).
  const manifests = diff.files
    .filter((f) => !f.binary && f.newPath !== null && classifyPath(f.path).manifest)
    .map((f) => f.path)
    .slice(0, 50);
  const [headText, baseBlobs] = await Promise.all([
    readTexts(
      repo,
      batch,
      head,
      [
        ...heads.slice(0, MAX_FILES),
        ...inits.slice(0, 60),
        ...manifests,
        ...policies.filter((f) => f.newPath !== null).map((f) => f.path),
      ],
      log,
    ),
    base
      ? readBlobs(
          batch,
          [...bases, ...olderPolicies].map((f) => `${base}:${f.oldPath}`),
          log,
        )
      : Promise.resolve([]),
  ]);
  const baseText = new Map<string, string>();
  baseBlobs.forEach((t, i) => {
    const f = i < bases.length ? bases[i] : olderPolicies[i - bases.length];
    if (typeof t === 'string') baseText.set(f.path, t);
  });
  return { headText, baseText, packages };
}

/** Texts at the head: blobs of the head commit, or files on disk for the working tree. */
async function readTexts(
  repo: RepoInfo,
  batch: CatFileBatch,
  head: string | typeof WORKTREE,
  paths: readonly string[],
  log: (message: string) => void,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (head === WORKTREE) {
    await Promise.all(
      paths.map(async (p) => {
        try {
          const abs = path.join(repo.root, ...p.split('/'));
          const stat = await fs.stat(abs);
          if (stat.isFile() && stat.size <= maxBytes(p)) out.set(p, await fs.readFile(abs, 'utf8'));
          else if (stat.isFile() && lockfile(p)) log(tooLarge(p, stat.size));
        } catch {
          // Gone or unreadable since the diff: judged from the diff alone.
        }
      }),
    );
    return out;
  }
  const texts = await readBlobs(
    batch,
    paths.map((p) => `${head}:${p}`),
    log,
    paths.map(maxBytes),
  );
  texts.forEach((t, i) => {
    if (typeof t === 'string') out.set(paths[i], t);
    else if (t !== undefined && lockfile(paths[i])) log(tooLarge(paths[i], t.size));
  });
  return out;
}

function lockfile(p: string): boolean {
  return LOCKFILES.includes(p.slice(p.lastIndexOf('/') + 1));
}

function maxBytes(p: string): number {
  return lockfile(p) ? MAX_LOCKFILE_BYTES : MAX_FILE_BYTES;
}

function tooLarge(p: string, size: number): string {
  return `review: ${p} is ${(size / 1024 / 1024).toFixed(1)} MiB, over the ${MAX_LOCKFILE_BYTES / 1024 / 1024} MiB read for lockfiles; new dependencies are not checked against it`;
}

/** Blob texts; `{ size }` for a blob over its cap (so the caller can say so), undefined when absent. */
async function readBlobs(
  batch: CatFileBatch,
  names: readonly string[],
  log: (message: string) => void,
  caps?: readonly number[],
): Promise<(string | { size: number } | undefined)[]> {
  if (names.length === 0) return [];
  try {
    const objects = await batch.readMany(names);
    return objects.map((o, i) =>
      o && o.type === 'blob'
        ? o.size <= (caps?.[i] ?? MAX_FILE_BYTES)
          ? o.content.toString('utf8')
          : { size: o.size }
        : undefined,
    );
  } catch (err) {
    log(
      `review: could not read changed files (${(err as Error).message}); tests inside production files and public signatures are judged from the diff alone`,
    );
    return names.map(() => undefined);
  }
}

/** `git grep -n -w` of every name at the head (or the work tree), in one process; undefined when git fails. */
async function grepNames(
  repo: RepoInfo,
  head: string | typeof WORKTREE,
  names: readonly string[],
  log: (message: string) => void,
): Promise<Map<string, { path: string; line: number; text: string }[]> | undefined> {
  if (names.length === 0) return new Map();
  // One extended pattern with the names as alternatives: the same lines as one -F pattern per name (git retries a
  // match that is not a whole word further along the line either way), about 20 times cheaper for git.
  const alternatives = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const args = ['grep', '-n', '-w', '-I', '-E', '--no-color', '-e', `(${alternatives})`, ...(head ? [head] : []), '--'];
  try {
    const r = await runGit(args, {
      cwd: repo.root,
      okExitCodes: [1],
      timeoutMs: 30_000,
      maxOutputBytes: 32 * 1024 * 1024,
    });
    const out = new Map<string, { path: string; line: number; text: string }[]>(names.map((n) => [n, []]));
    const prefix = head ? `${head}:` : '';
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
