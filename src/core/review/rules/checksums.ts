/**
 * An artifact replaced under the same version: a lockfile entry whose checksum changed while its name and version
 * (or, for uv/poetry/pdm locks, its file URL) stayed, and download metadata whose entries point at new archives and
 * checksums while their version fields stay. Registries do not let a published version change (crates.io, PyPI, npm,
 * the Go checksum database), so a new hash for the same version in a lockfile means another source, a tampered
 * mirror, or a hand edit; in download metadata it means users who install "the same version" get other bytes from
 * now on (uv #21138: three released Pythons re-pointed to a new build). Either way a reviewer asks where the new
 * artifact came from. A version move is `dependency-moved`'s; a new artifact beside the old ones (another wheel for a
 * platform) changes no checksum and stays silent. The same holds for a third-party action pinned by commit whose
 * version comment stays while the commit changes (`@<sha> # v5` → `@<other sha> # v5`, crush #3227): a moving tag was
 * re-pointed and the diff does not say which release the new commit is (low: GitHub's own and the owner's actions are
 * left to the pipeline rules).
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { baseName } from '../model/paths';
import { firstParty } from '../model/workflowChange';
import type { FindingSink, RuleFamily, RuleMeta } from './rule';
import { quote } from './rule';

const SAME_VERSION_NEW_CHECKSUM: RuleMeta = {
  id: 'checksum-changed',
  claims: { languages: 'any', kinds: ['lockfile', 'ci'] },
  category: 'dependencies',
  title: 'Same version, different artifact',
  whatToDo:
    'Find out where the new artifact comes from before merging: a registry never changes a published version, so a new checksum under the same version is another source, a mirror or a hand edit; for download metadata, check the new archives against the upstream release checksums.',
};

/** One side of a hunk: artifact identity → its checksum and the line stating it. */
type Sums = Map<string, { sum: string; index: number }>;

/** A checksum value as lockfiles and metadata write it. */
const HASH = /(?:sha(?:1|256|384|512)[:-])?[A-Za-z0-9+/=]{32,}|h1:[A-Za-z0-9+/=]{40,}/;
/** `"sha256": "…"`, `sha256: …`, `checksum = "…"`, `"integrity": "sha512-…"` in data files. */
const SUM_FIELD = new RegExp(
  `^\\s*["']?(?:sha256|sha512|checksum|integrity|hash|digest)["']?\\s*[:=]\\s*["']?(${HASH.source})`,
  'i',
);
/** A field that names a version: its change makes the entry another version, not the same one re-pointed. */
const VERSION_FIELD =
  /^\s*["']?(?:version|major|minor|patch|micro|prerelease|pre|rev|revision|ref|tag|commit)["']?\s*[:=]/i;

function sumsOfLock(base: string, lines: readonly string[]): Sums {
  const out: Sums = new Map();
  const set = (id: string | null, sum: string, index: number): void => {
    if (id && !out.has(id)) out.set(id, { sum, index });
  };
  let name: string | null = null;
  let version: string | null = null;
  lines.forEach((t, i) => {
    if (base === 'go.sum') {
      const m = /^(\S+) (v\S+?)(\/go\.mod)? (h1:\S+)\s*$/.exec(t);
      if (m) set(`${m[1]} ${m[2]}${m[3] ?? ''}`, m[4], i);
      return;
    }
    if (base === 'cargo.lock' || base === 'uv.lock' || base === 'poetry.lock' || base === 'pdm.lock') {
      if (/^\[\[?/.test(t)) [name, version] = [null, null];
      const n = /^name = "([^"]+)"/.exec(t);
      if (n) name = n[1];
      const v = /^version = "([^"]+)"/.exec(t);
      if (v) version = v[1];
      const c = /^checksum = "([0-9a-f]{32,})"/.exec(t);
      if (c) set(name && version ? `${name} ${version}` : null, c[1], i);
      // uv/poetry/pdm list each artifact on one line: its URL or file name, and its hash.
      const artifact = /\b(?:url|file)\s*=\s*"([^"]+)"/.exec(t);
      const hash = /\bhash\s*=\s*"([^"]+)"/.exec(t);
      if (artifact && hash) set(artifact[1], hash[1], i);
      return;
    }
    if (base === 'package-lock.json' || base === 'npm-shrinkwrap.json') {
      const n = /^\s*"(?:[^"]*\/)?node_modules\/((?:@[^/"]+\/)?[^/"]+)":\s*\{/.exec(t);
      if (n) [name, version] = [n[1], null];
      const v = /^\s*"version":\s*"([^"]+)"/.exec(t);
      if (v) version = v[1];
      const s = /^\s*"integrity":\s*"([^"]+)"/.exec(t);
      if (s) set(name && version ? `${name}@${version}` : null, s[1], i);
      return;
    }
    if (base === 'yarn.lock') {
      const n = /^"?((?:@[^/@"\s]+\/)?[^@"\s,]+)@[^\n]*:\s*$/.exec(t);
      if (n) [name, version] = [n[1], null];
      const v = /^\s+version:?\s+"?([^"\s]+)"?/.exec(t);
      if (v) version = v[1];
      const s = /^\s+(?:integrity|checksum):?\s+"?([^"\s]+)"?/.exec(t);
      if (s) set(name && version ? `${name}@${version}` : null, s[1], i);
      return;
    }
    if (base === 'pnpm-lock.yaml') {
      const n = /^\s{2}'?\/?((?:@[^/@'\s]+\/)?[^/@'\s:()]+)@(\d[^\s:'()]*)'?(?:\([^)]*\))*:\s*$/.exec(t);
      if (n) [name, version] = [n[1], n[2]];
      const s = /resolution:\s*\{\s*integrity:\s*([^,}\s]+)/.exec(t);
      if (s) set(name && version ? `${name}@${version}` : null, s[1], i);
    }
  });
  return out;
}

const LOCKS = new Set([
  'go.sum',
  'cargo.lock',
  'uv.lock',
  'poetry.lock',
  'pdm.lock',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
]);

/** Lockfile artifacts whose checksum changed under the same identity, as the added lines stating the new sums. */
function lockChanges(file: ChangeFile): { line: ChangeLine; id: string }[] {
  const base = baseName(file.path).toLowerCase();
  if (!LOCKS.has(base) || file.diff.status !== 'modified') return [];
  const out: { line: ChangeLine; id: string }[] = [];
  file.diff.hunks.forEach((h, hi) => {
    const oldLines = h.lines.filter((l) => l.kind !== 'add');
    const newLines = h.lines.filter((l) => l.kind !== 'del');
    const before = sumsOfLock(
      base,
      oldLines.map((l) => l.text),
    );
    const after = sumsOfLock(
      base,
      newLines.map((l) => l.text),
    );
    for (const [id, now] of after) {
      const was = before.get(id);
      if (!was || was.sum === now.sum) continue;
      const index = h.lines.indexOf(newLines[now.index]);
      const line = file.added.find((l) => l.hunk === hi && l.index === index);
      if (line) out.push({ line, id });
    }
  });
  return out;
}

/**
 * Download metadata (JSON/YAML/TOML data, not a lockfile) whose hunk replaces checksum fields while no version field
 * changes: the entries stay the same versions and now point at other archives.
 */
function metadataChanges(file: ChangeFile): ChangeLine[] {
  const lang = file.cls.language;
  if (lang !== 'json' && lang !== 'yaml' && lang !== 'toml') return [];
  if (file.cls.lockfile || file.cls.test || file.cls.docs || file.diff.status !== 'modified') return [];
  const out: ChangeLine[] = [];
  file.diff.hunks.forEach((_, hi) => {
    const removed = file.removed.filter((l) => l.hunk === hi);
    const added = file.added.filter((l) => l.hunk === hi);
    if ([...removed, ...added].some((l) => VERSION_FIELD.test(l.text))) return;
    const oldSums = removed.filter((l) => SUM_FIELD.test(l.text));
    const newSums = added.filter((l) => SUM_FIELD.test(l.text));
    // Replaced one for one: the same entries, other bytes. Sums only added or only removed are entries added/removed.
    if (oldSums.length === 0 || oldSums.length !== newSums.length) return;
    out.push(...newSums);
  });
  return out;
}

/** `uses: owner/action@<40-hex sha> # v5`: the action, the commit, the version comment. */
const PINNED_USES = /^\s*-?\s*uses\s*:\s*['"]?([\w.-]+\/[\w./-]+)@([0-9a-f]{40})['"]?\s*#\s*(\S+)/;

/** Third-party actions re-pinned to another commit under an unchanged version comment. */
function actionRepins(change: Change, file: ChangeFile): { line: ChangeLine; name: string; comment: string }[] {
  if (!file.cls.ci || !/\.ya?ml$/i.test(file.path)) return [];
  const pins = (lines: readonly ChangeLine[]): Map<string, { sha: string; comment: string; line: ChangeLine }> => {
    const m = new Map<string, { sha: string; comment: string; line: ChangeLine }>();
    for (const l of lines) {
      const u = PINNED_USES.exec(l.text);
      if (u && !m.has(u[1])) m.set(u[1], { sha: u[2], comment: u[3], line: l });
    }
    return m;
  };
  const before = pins(file.removed);
  const out: { line: ChangeLine; name: string; comment: string }[] = [];
  for (const [name, now] of pins(file.added)) {
    const was = before.get(name);
    if (!was || was.sha === now.sha || was.comment !== now.comment) continue;
    if (firstParty(now.line.text, change.context.repositoryOwner)) continue;
    out.push({ line: now.line, name, comment: now.comment });
  }
  return out;
}

export const checksumRules: RuleFamily = {
  name: 'checksums',
  rules: [SAME_VERSION_NEW_CHECKSUM],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (file.cls.vendored) continue;
      const hit = (line: ChangeLine, severity: 'low' | 'medium', why: string): void =>
        sink.line(SAME_VERSION_NEW_CHECKSUM, file, line, 'new', severity, why);
      for (const { line, id } of lockChanges(file))
        hit(line, 'medium', `${quote(id, 80)} has a new checksum under the same version`);
      for (const { line, name, comment } of actionRepins(change, file))
        hit(
          line,
          'low',
          `${quote(name, 60)} re-pinned to another commit under the same ${quote(`# ${comment}`, 30)} comment: the diff does not say which release the new commit is`,
        );
      for (const line of metadataChanges(file)) {
        const entry = entryKeyBefore(change, file, line);
        hit(
          line,
          'medium',
          `download entry${entry ? ` ${quote(entry, 60)}` : ''} points at a new archive and checksum while no version field changed`,
        );
      }
    }
  },
};

/** The object key enclosing a metadata line at the head (`"cpython-3.14.7-linux-x86_64-gnu": {`), when known. */
function entryKeyBefore(change: Change, file: ChangeFile, l: ChangeLine): string | undefined {
  const head = change.context.headText?.get(file.path)?.split('\n');
  if (!head) return undefined;
  const indent = /^\s*/.exec(head[l.line - 1] ?? '')![0].length;
  for (let i = l.line - 2; i >= 0 && i >= l.line - 60; i--) {
    const t = head[i];
    const key = /^(\s*)["']?([^"':]+)["']?\s*:\s*\{?\s*$/.exec(t);
    if (key && key[1].length < indent) return key[2];
  }
  return undefined;
}
