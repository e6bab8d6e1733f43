/**
 * Which existing dependencies a change moved, and how far: manifest lines rewritten in place (package.json,
 * pyproject/requirements, Cargo.toml, go.mod including `// indirect` requires), lockfile entries whose version changed
 * (Cargo.lock, uv/poetry/pdm locks, package-lock, yarn, pnpm) and GitHub Actions `uses:` refs. Read from both sides of
 * each hunk: a lockfile hunk often shows only the `version` line changed under an unchanged `name` line.
 */
import type { ChangeFile, ChangeLine } from '../model/change';
import { baseName } from '../model/paths';
import type { Ecosystem } from '../types';
import { normalisePackageName } from './lockfiles';
import { type DependencyKind, declaredDependencies } from './manifests';
import { isSecuritySensitive } from './sensitive-packages';
import { compareVersions, lowerBound, versionParts } from './version-bounds';

/**
 * `breaking` is a 0.x minor step in Cargo, npm and Go: semver promises nothing before 1.0 (Cargo and npm caret ranges
 * stop there, Go's module rules call v0 unstable), so it may break like a major step, yet 0.x libraries take one every
 * few weeks: a peer reads it (crush #3282, fantasy 0.35 → 0.36, judged T1), an owner reads a major.
 */
export type MoveLevel = 'major' | 'breaking' | 'minor' | 'patch' | 'other';

export interface DependencyMove {
  /** An ecosystem, or `actions` for GitHub Actions refs in workflows. */
  readonly eco: Ecosystem | 'actions';
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly level: MoveLevel;
  /** Declared by a manifest (direct), or only resolved in a lockfile / an indirect go.mod require (locked). */
  readonly direct: boolean;
  readonly kind: DependencyKind;
  /** A TLS, crypto, token or credential library (sensitive-packages.ts). */
  readonly sensitive: boolean;
  /** The new version is a commit, not a release: a Go pseudo-version, a git/URL/path source. */
  readonly untagged: boolean;
  readonly file: ChangeFile;
  /** The added line stating the new version (the first, when several do). */
  readonly line: ChangeLine;
}

/** Go pseudo-versions: `v0.0.0-20240102150405-abcdef123456`, `v1.7.0-pre.3.0.2026…-…`, `v1.2.4-0.2026…-…`. */
const GO_PSEUDO = /(?:^|[-.])(?:0\.)?\d{14}-[0-9a-f]{12}(?:\+incompatible)?$/;

export function isGoPseudoVersion(v: string): boolean {
  return GO_PSEUDO.test(v.trim());
}

/** How far a version moved, by its numeric parts. */
export function moveLevel(eco: Ecosystem | 'actions', from: string, to: string): MoveLevel {
  const a = versionParts(from);
  const b = versionParts(to);
  if (!a || !b) return 'other';
  if ((a[0] ?? 0) !== (b[0] ?? 0)) return 'major';
  if ((a[1] ?? 0) !== (b[1] ?? 0))
    return a[0] === 0 && (eco === 'cargo' || eco === 'npm' || eco === 'go') ? 'breaking' : 'minor';
  return 'patch';
}

/** Manifest dependencies whose line the change rewrote, paired by name; the removed spec is `from`. */
export function manifestMoves(file: ChangeFile): DependencyMove[] {
  const eco = file.cls.manifest;
  if (!eco || file.added.length === 0 || file.removed.length === 0) return [];
  const key = (name: string): string => normalisePackageName(eco, name);
  const old = new Map(declaredDependencies(file, 'old').map((d) => [key(d.name), d] as const));
  const out: DependencyMove[] = [];
  const seen = new Set<string>();
  for (const d of declaredDependencies(file, 'new')) {
    const before = old.get(key(d.name));
    if (!before || seen.has(key(d.name)) || before.spec.trim() === d.spec.trim()) continue;
    seen.add(key(d.name));
    const from = versionOf(eco, before.spec);
    const to = versionOf(eco, d.spec);
    const indirect = eco === 'go' && /\/\/\s*indirect\b/.test(d.line.text);
    out.push({
      eco,
      name: d.name,
      from: from ?? before.spec.trim(),
      to: to ?? d.spec.trim(),
      level: from && to ? moveLevel(eco, from, to) : 'other',
      direct: !indirect,
      kind: d.kind,
      sensitive: isSecuritySensitive(eco, d.name),
      untagged: untagged(eco, before.spec, d.spec),
      file,
      line: d.line,
    });
  }
  return out;
}

/** The version a spec names: a Go version as is, a range's floor elsewhere; null for git, path or URL sources. */
function versionOf(eco: Ecosystem, spec: string): string | null {
  if (eco === 'go') return spec.trim();
  const floor = lowerBound(eco, spec);
  return typeof floor === 'string' ? floor : null;
}

/**
 * The new spec is a commit where the old one was a release (a Go pseudo-version, a git/URL/path source), or a Go
 * pseudo-version moved to another commit: untagged upstream code enters the build either way, with no release notes
 * to read (crush #3257, ultraviolet moved five weeks of commits, judged T1).
 */
function untagged(eco: Ecosystem, from: string, to: string): boolean {
  if (eco === 'go') return isGoPseudoVersion(to) && from.trim() !== to.trim();
  return lowerBound(eco, to) === undefined && lowerBound(eco, from) !== undefined;
}

/** Lockfile entries whose resolved version changed, per hunk; `direct` false (the manifest rules name direct ones). */
export function lockfileMoves(file: ChangeFile): DependencyMove[] {
  const eco = file.cls.lockfile;
  if (!eco || file.diff.status !== 'modified') return [];
  const parse = lockParser(baseName(file.path).toLowerCase());
  if (!parse) return [];
  const out = new Map<string, DependencyMove>();
  file.diff.hunks.forEach((h, hi) => {
    const oldSide = parse(h.lines.filter((l) => l.kind !== 'add').map((l) => l.text));
    const newLines = h.lines.filter((l) => l.kind !== 'del');
    const newSide = parse(newLines.map((l) => l.text));
    for (const [name, versions] of newSide) {
      const before = oldSide.get(name);
      if (!before) continue;
      const gone = [...before.keys()].filter((v) => !versions.has(v));
      const came = [...versions.keys()].filter((v) => !before.has(v));
      if (gone.length === 0 || came.length === 0) continue;
      const from = gone.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
      const to = came.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
      const at = newLines[versions.get(to)!];
      // The line stating the new version; a version only on unchanged lines is no move this change made.
      const line = file.added.find((l) => l.hunk === hi && l.index === h.lines.indexOf(at));
      const k = normalisePackageName(eco, name);
      if (!line || out.has(k)) continue;
      out.set(k, {
        eco,
        name,
        from,
        to,
        level: moveLevel(eco, from, to),
        direct: false,
        kind: 'runtime',
        sensitive: isSecuritySensitive(eco, name),
        untagged: false,
        file,
        line,
      });
    }
  });
  return [...out.values()];
}

/** name -> version -> index of the line stating it, for one side of a hunk. */
type LockSide = Map<string, Map<string, number>>;

function lockParser(base: string): ((lines: readonly string[]) => LockSide) | null {
  const add = (m: LockSide, name: string, version: string, i: number): void => {
    let v = m.get(name);
    if (!v) m.set(name, (v = new Map()));
    if (!v.has(version)) v.set(version, i);
  };
  if (base === 'cargo.lock' || base === 'uv.lock' || base === 'poetry.lock' || base === 'pdm.lock')
    return (lines) => {
      const m: LockSide = new Map();
      let name: string | null = null;
      lines.forEach((t, i) => {
        const n = /^name = "([^"]+)"/.exec(t);
        if (n) name = n[1];
        else if (/^\[\[?/.test(t)) name = null;
        const v = /^version = "([^"]+)"/.exec(t);
        if (v && name) add(m, name, v[1], i);
      });
      return m;
    };
  if (base === 'package-lock.json' || base === 'npm-shrinkwrap.json')
    return (lines) => {
      const m: LockSide = new Map();
      let name: string | null = null;
      lines.forEach((t, i) => {
        const n = /^\s*"(?:[^"]*\/)?node_modules\/((?:@[^/"]+\/)?[^/"]+)":\s*\{/.exec(t);
        if (n) name = n[1];
        const v = /^\s*"version":\s*"([^"]+)"/.exec(t);
        if (v && name) {
          add(m, name, v[1], i);
          name = null;
        }
      });
      return m;
    };
  if (base === 'yarn.lock')
    return (lines) => {
      const m: LockSide = new Map();
      let name: string | null = null;
      lines.forEach((t, i) => {
        const n = /^"?((?:@[^/@"\s]+\/)?[^@"\s,]+)@[^\n]*:\s*$/.exec(t);
        if (n) name = n[1];
        const v = /^\s+version:?\s+"?([^"\s]+)"?/.exec(t);
        if (v && name) add(m, name, v[1], i);
      });
      return m;
    };
  if (base === 'pnpm-lock.yaml')
    return (lines) => {
      const m: LockSide = new Map();
      lines.forEach((t, i) => {
        const n = /^\s{2}'?\/?((?:@[^/@'\s]+\/)?[^/@'\s:()]+)@(\d[^\s:'()]*)'?(?:\([^)]*\))*:\s*$/.exec(t);
        if (n) add(m, n[1], n[2], i);
      });
      return m;
    };
  return null;
}

/** GitHub Actions `uses: owner/repo@ref` moves in a workflow, by action; a `# v1.2.3` comment names a SHA's tag. */
export function actionMoves(file: ChangeFile): DependencyMove[] {
  if (!file.cls.ci || !/\.ya?ml$/i.test(file.path)) return [];
  const refs = (lines: readonly ChangeLine[]): Map<string, { version: string; line: ChangeLine }> => {
    const m = new Map<string, { version: string; line: ChangeLine }>();
    for (const l of lines) {
      const u = /^\s*-?\s*uses:\s*["']?([\w.-]+\/[\w./-]+)@([\w.-]+)["']?\s*(?:#\s*(v?\d[\w.-]*))?/.exec(l.text);
      if (!u || m.has(u[1])) continue;
      const version = u[3] ?? u[2];
      if (versionParts(version)) m.set(u[1], { version, line: l });
    }
    return m;
  };
  const before = refs(file.removed);
  const out: DependencyMove[] = [];
  for (const [name, now] of refs(file.added)) {
    const was = before.get(name);
    if (!was || was.version === now.version) continue;
    out.push({
      eco: 'actions',
      name,
      from: was.version,
      to: now.version,
      level: moveLevel('actions', was.version, now.version),
      direct: true,
      kind: 'dev',
      sensitive: false,
      untagged: false,
      file,
      line: now.line,
    });
  }
  return out;
}
