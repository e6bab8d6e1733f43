/**
 * Existing dependencies moved: one finding per ecosystem naming each moved direct dependency `name from → to`,
 * major bumps first (then 0.x minor steps, breaking by semver), runtime apart from development/test groups, with the lockfile-only moves counted and only the
 * notable ones (majors, TLS/crypto libraries) named. Medium (an owner's look, T2) when a runtime dependency of shipped
 * code takes a major step or a TLS/crypto/credential library moves in a manifest or a Cargo/Go lockfile (what ships in
 * binaries); low (a peer's look) for the same library in an npm/PyPI lockfile, a runtime 0.x minor step in Cargo, npm or
 * Go, two or more runtime minor moves (a dependabot group) and major GitHub Actions versions; silent for one minor
 * bump (its pull request says as much), patch-only, development-only and lockfile-only routine moves (a renovate bump
 * of a dev tool is not a finding). A move to an untagged commit is `dependency-source`'s, a lowered floor
 * `dependency-bound-untested`'s.
 */
import type { Change } from '../model/change';
import { baseName } from '../model/paths';
import type { Ecosystem } from '../types';
import { type DependencyMove, actionMoves, lockfileMoves, manifestMoves } from './dependency-moves';
import { compareVersions } from './version-bounds';
import type { FindingSink, RuleMeta } from './rule';

export const DEP_MOVED: RuleMeta = {
  id: 'dependency-moved',
  claims: { languages: 'any', kinds: ['manifest', 'lockfile', 'ci'] },
  category: 'dependencies',
  title: 'Dependencies moved',
  whatToDo:
    "Read the changelogs of the major and security-relevant moves (breaking changes, advisories fixed or introduced); check the code still uses each library's API as the new version defines it.",
};

/** Paths that do not ship: a manifest or lockfile there moves nothing a user installs. */
const NOT_SHIPPED =
  /(^|\/)(examples?|samples?|scripts?|bench(es|marks?)?|demos?|docs?|e2e|fixtures|tests?|testdata)\//i;

const LABEL: Readonly<Record<Ecosystem | 'actions', string>> = {
  npm: 'npm',
  pypi: 'PyPI',
  go: 'Go',
  cargo: 'Cargo',
  maven: 'Maven',
  nuget: 'NuGet',
  actions: 'GitHub Actions',
};
const LEVEL_ORDER = { major: 0, breaking: 1, minor: 2, patch: 3, other: 4 } as const;
const MAX_NAMED = 8;

export interface MoveReport {
  /** Moves to an untagged commit, for `dependency-source` to report. */
  readonly untagged: readonly DependencyMove[];
  /** Lockfiles whose lockfile-only-change this rule's finding already says (folded). */
  readonly foldedLockfiles: ReadonlySet<string>;
  /** For lockfile-only changes this rule stayed silent on: what moved, to add to lockfile-only-change. */
  readonly lockSummary: ReadonlyMap<string, string>;
}

export function reportMoves(change: Change, sink: FindingSink): MoveReport {
  const byEco = new Map<Ecosystem | 'actions', { direct: DependencyMove[]; locked: DependencyMove[] }>();
  const group = (eco: Ecosystem | 'actions'): { direct: DependencyMove[]; locked: DependencyMove[] } => {
    let g = byEco.get(eco);
    if (!g) byEco.set(eco, (g = { direct: [], locked: [] }));
    return g;
  };
  const untagged: DependencyMove[] = [];
  const manifestEcos = new Set<Ecosystem | 'actions'>(
    change.files.flatMap((f) => (f.cls.manifest ? [f.cls.manifest] : [])),
  );
  // One entry per package and step: the same action bumped in five workflows is one move.
  const seen = new Set<string>();
  for (const f of change.files) {
    for (const m of [...manifestMoves(f), ...actionMoves(f)]) {
      const key = `${m.eco}\u0000${m.name.toLowerCase()}\u0000${m.from}\u0000${m.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (m.untagged && m.direct) untagged.push(m);
      else (m.direct ? group(m.eco).direct : group(m.eco).locked).push(m);
    }
  }
  for (const f of change.files) {
    const locked = lockfileMoves(f);
    if (locked.length === 0) continue;
    const g = group(locked[0].eco);
    const named = new Set([...g.direct, ...untagged].map((m) => m.name.toLowerCase()));
    for (const m of locked) if (!named.has(m.name.toLowerCase())) g.locked.push(m);
  }
  const folded = new Set<string>();
  const lockSummary = new Map<string, string>();
  const codeChanged = change.files.some((f) => f.cls.source && !f.cls.test && !f.cls.manifest && !f.cls.lockfile);
  for (const [eco, g] of byEco) {
    // A lowered floor changes what the package admits, not what gets installed: dependency-bound-untested's.
    g.direct = g.direct.filter((m) => !(m.file.cls.manifest && compareVersions(m.to, m.from) < 0));
    const runtime = g.direct.filter((m) => shipsRuntime(m));
    const rest = g.direct.filter((m) => !shipsRuntime(m));
    const sensitive = [...g.direct, ...g.locked].filter((m) => m.sensitive && shipsRuntime(m));
    // Cargo and Go lockfiles are what ships inside binaries; npm and PyPI lockfiles pin the development environment
    // (a library's users resolve their own), so a security library moving there asks for a peer, not an owner.
    const compiled = eco === 'cargo' || eco === 'go';
    const medium = runtime.some((m) => m.level === 'major') || sensitive.some((m) => m.direct || compiled);
    // One minor bump is what its pull request says it is; a group of them is what a reviewer wants listed.
    // A 0.x minor step (`breaking`) of a runtime dependency may break it like a major one: bumped alone (a bot's or a
    // chore's pull request: crush #3282, judged T1), nobody adapted the code to it and a peer reads its changelog; with
    // code changed beside it (a new provider from the bumped catalogue: crush #3249, judged T0), the author did.
    const low =
      sensitive.length > 0 ||
      (runtime.some((m) => m.level === 'breaking') && !codeChanged) ||
      runtime.filter((m) => m.level === 'minor' || m.level === 'breaking').length >= 2 ||
      (eco === 'actions' && g.direct.some((m) => m.level === 'major'));
    const lockfiles = [...new Set(g.locked.filter((m) => m.file.cls.lockfile).map((m) => m.file))];
    if (!medium && !low) {
      for (const lf of lockfiles) {
        const notable = g.locked.filter((m) => m.file === lf && m.level === 'major');
        const n = g.locked.filter((m) => m.file === lf).length;
        lockSummary.set(
          lf.path,
          `${n} package${n === 1 ? '' : 's'} moved${notable.length > 0 ? `; majors: ${list(notable)}` : ''}`,
        );
      }
      continue;
    }
    const parts: string[] = [];
    if (runtime.length > 0)
      parts.push(
        `${runtime.length} ${eco === 'actions' ? 'action' : 'runtime dependenc'}${plural(runtime.length, eco)}: ${list(runtime)}`,
      );
    if (rest.length > 0) {
      const what = eco === 'actions' ? 'action' : 'development/test/build dependenc';
      parts.push(`${rest.length} ${what}${plural(rest.length, eco)}: ${list(rest)}`);
    }
    if (g.locked.length > 0) {
      const notable = g.locked.filter((m) => (m.sensitive && shipsRuntime(m)) || m.level === 'major');
      const where = [...new Set(g.locked.map((m) => baseName(m.file.path)))].join(', ');
      parts.push(
        `${g.locked.length} indirect or locked package${g.locked.length === 1 ? '' : 's'} (${where})${notable.length > 0 ? `, notably ${list(notable)}` : ''}`,
      );
    }
    const lockOnly = !manifestEcos.has(eco) && lockfiles.length > 0;
    const first = sortMoves([...runtime, ...sensitive, ...rest, ...g.locked])[0];
    sink.add(
      DEP_MOVED,
      first.file,
      { side: 'new', start: first.line.line, end: first.line.line },
      medium ? 'medium' : 'low',
      `${LABEL[eco]} ${lockOnly ? 'lockfile-only moves (no manifest changed)' : 'moved'}: ${parts.join('; ')}`,
    );
    for (const lf of lockfiles) folded.add(lf.path);
  }
  return { untagged, foldedLockfiles: folded, lockSummary };
}

/** A runtime dependency of code that ships (not a dev group, not under examples/, scripts/, docs/, tests/). */
function shipsRuntime(m: DependencyMove): boolean {
  return m.kind === 'runtime' && m.eco !== 'actions' && !NOT_SHIPPED.test(m.file.path);
}

function plural(n: number, eco: Ecosystem | 'actions'): string {
  if (eco === 'actions') return n === 1 ? '' : 's';
  return n === 1 ? 'y' : 'ies';
}

function sortMoves(moves: readonly DependencyMove[]): DependencyMove[] {
  return [...moves].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      Number(b.sensitive) - Number(a.sensitive) ||
      a.name.localeCompare(b.name),
  );
}

function list(moves: readonly DependencyMove[]): string {
  const sorted = sortMoves(moves);
  const shown = sorted.slice(0, MAX_NAMED).map(describe);
  return shown.join(', ') + (sorted.length > MAX_NAMED ? ` and ${sorted.length - MAX_NAMED} more` : '');
}

function describe(m: DependencyMove): string {
  const level =
    m.level === 'breaking' ? '0.x minor: breaking' : m.level === 'major' || m.level === 'other' ? m.level : '';
  const notes = [level, m.sensitive ? 'TLS/crypto/auth' : ''].filter((n) => n !== '').join(', ');
  return `${m.name} ${m.from} → ${m.to}${notes ? ` (${notes})` : ''}`;
}
