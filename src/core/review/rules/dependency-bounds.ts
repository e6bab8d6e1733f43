/**
 * A manifest moved the minimum version of a runtime dependency or of the toolchain (package.json dependencies,
 * peerDependencies and engines.node, pyproject dependencies and requires-python, Cargo.toml dependencies and
 * rust-version, go.mod's go line and requires, Maven/Gradle Java release) and no CI job at the head runs that minimum.
 * The workflows come from the caller (src/git reads .github/workflows at the head); without them the rule is silent,
 * and when the repository has none it says so once, as info. Development and build-only dependencies are left out:
 * their bounds never reach a user's install.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { baseName } from '../model/paths';
import type { Ecosystem, RepoFile } from '../types';
import { CiCoverage, Toolchain, installsAt, readCiCoverage, runsToolchain } from './ci-coverage';
import { lockedVersions, lockfileEcosystem, normalisePackageName } from './lockfiles';
import { sectionOf } from './manifest-kind';
import { declaredDependencies } from './manifests';
import { FindingSink, RuleFamily, RuleMeta, newRange, quote } from './rule';
import { compareVersions, lowerBound } from './version-bounds';

const BOUND: RuleMeta = {
  id: 'dependency-bound-untested',
  claims: { languages: 'any', kinds: ['manifest'] },
  category: 'dependencies',
  title: 'Minimum version changed with no CI job testing it',
  whatToDo:
    'Run a CI job at the new minimum (a toolchain matrix entry, or a lowest-versions resolution such as `cargo -Z minimal-versions` or `uv sync --resolution lowest-direct`), or keep the old bound.',
};

/** A lockfile's text after the change, with its ecosystem. */
type Lock = RepoFile & { readonly eco: Ecosystem };

/** One moved minimum: a dependency's or the toolchain's, on the added line that states the new range. */
interface Move {
  readonly file: ChangeFile;
  readonly line: ChangeLine;
  readonly what: string;
  readonly eco: Ecosystem;
  readonly toolchain: Toolchain | null;
  readonly name: string;
  readonly oldSpec: string;
  readonly newSpec: string;
  readonly oldMin: string | null;
  readonly newMin: string | null;
}

export const dependencyBoundRules: RuleFamily = {
  name: 'dependency-bounds',
  rules: [BOUND],
  run(change: Change, sink: FindingSink): void {
    const workflows = change.context.workflows;
    if (workflows === undefined) return;
    const moves = change.files
      .filter((f) => f.cls.manifest)
      .flatMap((f) => [...dependencyMoves(f), ...toolchainMoves(f)]);
    if (moves.length === 0) return;
    if (workflows.length === 0) {
      const m = moves[0];
      sink.add(
        BOUND,
        m.file,
        newRange(m.line.line),
        'info',
        `${describe(m)}; the repository has no CI workflow (.github/workflows) that could test it`,
      );
      return;
    }
    const ci = readCiCoverage(workflows);
    const locks = lockTexts(change);
    for (const m of moves) {
      if (covered(ci, locks, m)) continue;
      const lowered = m.newMin === null || (m.oldMin !== null && compareVersions(m.newMin, m.oldMin) < 0);
      const missing = m.toolchain
        ? `no job runs ${m.toolchain} ${m.newMin}${seen(ci, m.toolchain)}`
        : `no job resolves ${m.name} at ${m.newMin ?? 'its oldest release'} (no lowest-versions job${lockNote(locks, m)})`;
      sink.add(
        BOUND,
        m.file,
        newRange(m.line.line),
        lowered ? 'medium' : 'low',
        `${describe(m)}: ${missing}; read ${ci.read.join(', ')}`,
      );
    }
  },
};

function describe(m: Move): string {
  const dir =
    m.newMin === null
      ? 'floor removed'
      : m.oldMin === null
        ? 'floor added'
        : compareVersions(m.newMin, m.oldMin) < 0
          ? 'minimum lowered'
          : 'minimum raised';
  return `${m.what} ${dir}: ${quote(m.oldSpec, 40)} -> ${quote(m.newSpec, 40)}`;
}

function seen(ci: CiCoverage, t: Toolchain): string {
  const v = ci.versions.get(t);
  return v && v.length > 0 ? ` (jobs run ${v.slice(0, 8).join(', ')})` : '';
}

function covered(ci: CiCoverage, locks: readonly Lock[], m: Move): boolean {
  if (m.toolchain)
    return (
      m.newMin !== null && (ci.fromManifest.has(m.toolchain) || runsToolchain(ci, m.toolchain, m.newMin) !== undefined)
    );
  // Go builds with the versions go.mod names (minimal version selection): any job that builds runs the new minimum.
  if (m.eco === 'go') return ci.buildsGo;
  // NuGet restores the lowest version a range admits; an exact pin installs exactly the new minimum.
  if (m.eco === 'nuget' || exactPin(m.eco, m.newSpec)) return true;
  if ((m.eco === 'cargo' || m.eco === 'pypi' || m.eco === 'npm') && ci.lowest.has(m.eco)) return true;
  if (m.newMin === null) return false;
  if (installsAt(ci, m.name, m.newMin)) return true;
  // CI installs the lockfile: a lockfile resolving the new minimum exactly tests it.
  return lockPins(locks, m).some((v) => compareVersions(v, m.newMin!) === 0);
}

/** `==1.2.3`, npm's bare `1.2.3`, Cargo's `=1.2.3`: the only version installed, so any job that installs tests it. */
function exactPin(eco: Ecosystem, spec: string): boolean {
  const s = spec.split(';')[0].trim().replace(/^"|"$/g, '');
  if (eco === 'pypi') return /^===?\s*\d[\w.]*$/.test(s);
  if (eco === 'npm') return /^=?v?\d+\.\d+\.\d+[\w.+-]*$/.test(s);
  if (eco === 'cargo') return /^=\s*\d/.test(s) || /\bversion\s*=\s*"=/.test(s);
  return /^\[?\d[\w.]*\]?$/.test(s);
}

function lockPins(locks: readonly Lock[], m: Move): string[] {
  return [...new Set(locks.filter((l) => l.eco === m.eco).flatMap((l) => lockedVersions(l.path, l.text, m.name)))];
}

function lockNote(locks: readonly Lock[], m: Move): string {
  const pins = lockPins(locks, m);
  return pins.length > 0 ? `; the lockfile resolves ${pins.slice(0, 3).join(', ')}` : '';
}

/** Lockfiles as they are after the change: the caller's, then what the diff's hunks show of changed ones. */
function lockTexts(change: Change): Lock[] {
  const out: Lock[] = [];
  for (const f of change.files) {
    if (!f.cls.lockfile) continue;
    const text = f.diff.hunks
      .map((h) =>
        h.lines
          .filter((l) => l.kind !== 'del')
          .map((l) => l.text)
          .join('\n'),
      )
      .join('\n');
    out.push({ path: f.path, text, eco: f.cls.lockfile });
  }
  for (const l of change.context.lockfiles ?? []) {
    const eco = lockfileEcosystem(l.path);
    if (eco) out.push({ ...l, eco });
  }
  return out;
}

/** Runtime dependencies whose range line the change rewrote, paired by name (and PEP 508 marker). */
function dependencyMoves(file: ChangeFile): Move[] {
  // Requirement files are install lists (an environment), not the range a published package declares.
  if (/^requirements|\.in$|\.txt$/i.test(baseName(file.path))) return [];
  const key = (name: string, spec: string, eco: Ecosystem): string =>
    `${normalisePackageName(eco, name)}|${spec.split(';')[1]?.replace(/\s+/g, '') ?? ''}`;
  const old = new Map(
    declaredDependencies(file, 'old')
      .filter((d) => d.kind === 'runtime')
      .map((d) => [key(d.name, d.spec, d.ecosystem), d] as const),
  );
  const out: Move[] = [];
  for (const d of declaredDependencies(file, 'new')) {
    const before = d.kind === 'runtime' ? old.get(key(d.name, d.spec, d.ecosystem)) : undefined;
    if (!before) continue;
    const oldMin = lowerBound(d.ecosystem, before.spec.split(';')[0]);
    const newMin = lowerBound(d.ecosystem, d.spec.split(';')[0]);
    if (!moved(oldMin, newMin)) continue;
    out.push({
      file,
      line: d.line,
      what: d.name,
      eco: d.ecosystem,
      toolchain: null,
      name: d.name,
      oldSpec: before.spec,
      newSpec: d.spec,
      oldMin: oldMin!,
      newMin: newMin!,
    });
  }
  return out;
}

function moved(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === undefined || b === undefined || (a === null && b === null)) return false;
  return a === null || b === null || compareVersions(a, b) !== 0;
}

/** The toolchain minimum each manifest states, per line: [toolchain, how the spec reads, what to call it]. */
const TOOLCHAIN_LINES: Readonly<Record<string, readonly [RegExp, Toolchain, Ecosystem, string][]>> = {
  'package.json': [[/^\s*"node"\s*:\s*"([^"]+)"/, 'node', 'npm', 'engines.node']],
  'pyproject.toml': [[/^\s*requires-python\s*=\s*["']([^"']+)["']/, 'python', 'pypi', 'requires-python']],
  'setup.cfg': [[/^\s*python_requires\s*=\s*(\S.*)$/, 'python', 'pypi', 'python_requires']],
  'cargo.toml': [[/^\s*rust-version\s*=\s*"([^"]+)"/, 'rust', 'cargo', 'rust-version']],
  'go.mod': [[/^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/, 'go', 'go', 'go directive']],
  'pom.xml': [
    [
      /<(?:maven\.compiler\.(?:release|source|target)|java\.version)>\s*(\d+(?:\.\d+)?)\s*</,
      'java',
      'maven',
      'Java release',
    ],
  ],
  'build.gradle': [
    [/\b(?:JavaVersion\.VERSION_|jvmToolchain\(|JavaLanguageVersion\.of\()(\d+)/, 'java', 'maven', 'Java release'],
  ],
};

function toolchainMoves(file: ChangeFile): Move[] {
  const base = baseName(file.path)
    .toLowerCase()
    .replace(/\.kts$/, '');
  const patterns = TOOLCHAIN_LINES[base];
  if (!patterns || file.removed.length === 0) return [];
  const out: Move[] = [];
  for (const [re, toolchain, eco, what] of patterns) {
    const specOf = (l: ChangeLine, side: 'new' | 'old'): string | undefined => {
      const m = re.exec(l.code || l.text);
      if (!m) return undefined;
      // engines.node only: a "node" key elsewhere (a dependency named node) is not the toolchain.
      if (base === 'package.json' && sectionOf(file, l, side, /^\s*"(\w+)"\s*:\s*\{\s*$/, /^\s*\}/) !== 'engines')
        return undefined;
      return m[1].replace(/_/g, '.');
    };
    const before = file.removed.map((l) => specOf(l, 'old')).find((s) => s !== undefined);
    if (before === undefined) continue;
    for (const l of file.added) {
      const after = specOf(l, 'new');
      if (after === undefined) continue;
      const oldMin = lowerBound(eco === 'maven' ? 'npm' : eco, before);
      const newMin = lowerBound(eco === 'maven' ? 'npm' : eco, after);
      if (moved(oldMin, newMin))
        out.push({
          file,
          line: l,
          what,
          eco,
          toolchain,
          name: what,
          oldSpec: before,
          newSpec: after,
          oldMin: oldMin!,
          newMin: newMin!,
        });
      break;
    }
  }
  return out;
}
