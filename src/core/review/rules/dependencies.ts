/**
 * Dependencies: new names in manifests checked against the repository's lockfiles and against well-known names
 * (typosquats), unusual sources (git, file, tarball, private registries, install scripts, a move to an untagged
 * commit), lockfiles changed alone; existing dependencies moved are dependency-moved.ts's, folded in here.
 * Development, test, docs and build-only dependencies never reach a user's install: they are their own rule, low,
 * and raise no tier (a typosquat is as dangerous there: it runs on every developer machine and in CI).
 */
import type { Change, ChangeFile } from '../model/change';
import { editDistance } from '../model/edit-distance';
import { baseName } from '../model/paths';
import type { Ecosystem } from '../types';
import { lockfileEcosystem, lockfileNames, normalisePackageName } from './lockfiles';
import { isGoPseudoVersion } from './dependency-moves';
import { DEP_BOT_POLICY, reportDependencyBot } from './dependency-bot';
import { DEP_MOVED, reportMoves } from './dependency-moved';
import { DeclaredDependency, declaredDependencies } from './manifests';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, quote, scanLines } from './rule';
import { WELL_KNOWN_PACKAGES } from './well-known-packages';

const NEW_DEP: RuleMeta = {
  id: 'new-dependency',
  claims: { languages: 'any', kinds: ['manifest'] },
  category: 'dependencies',
  title: 'New dependency',
  whatToDo:
    'Check the package exists, is the one intended (publisher, downloads, repository) and is needed; install it so the lockfile pins it.',
};
const NEW_DEV_DEP: RuleMeta = {
  id: 'new-dev-dependency',
  claims: { languages: 'any', kinds: ['manifest'] },
  category: 'dependencies',
  title: 'New development or build dependency',
  whatToDo:
    'Check the package is the one intended and needed for development, tests, docs or the build; it never ships to users.',
};
const TYPOSQUAT: RuleMeta = {
  id: 'dependency-typosquat',
  claims: { languages: 'any', kinds: ['manifest'] },
  category: 'dependencies',
  title: 'Dependency name close to a well-known package',
  whatToDo:
    'Compare the name letter by letter with the well-known package; invented or misspelt names get registered by attackers.',
};
const SOURCE: RuleMeta = {
  id: 'dependency-source',
  claims: { languages: 'any', kinds: ['manifest', 'lockfile', 'config'] },
  category: 'dependencies',
  title: 'Dependency from an unusual source',
  whatToDo:
    'Prefer the default registry with a pinned version; justify git, file, tarball or private-registry sources and install scripts.',
};
const LOCK_ONLY: RuleMeta = {
  id: 'lockfile-only-change',
  claims: { languages: 'any', kinds: ['lockfile'] },
  category: 'dependencies',
  title: 'Lockfile changed without its manifest',
  whatToDo:
    'Regenerate the lockfile from the manifest and compare; look for changed resolved URLs or integrity hashes.',
};

const SOURCE_PATTERNS: readonly LinePattern[] = [
  {
    re: /"(?:pre|post)?install"\s*:\s*"/,
    part: 'text',
    severity: 'medium',
    label: 'install script runs on every install',
  },
  {
    re: /"resolved"\s*:\s*"https?:\/\/(?!registry\.npmjs\.org\/|registry\.yarnpkg\.com\/)[^"]+"|^\s*resolved\s+"https?:\/\/(?!registry\.npmjs\.org\/|registry\.yarnpkg\.com\/)/,
    part: 'text',
    severity: 'medium',
    label: 'resolved from a non-default registry',
  },
  {
    re: /^\s*(?:@[\w-]+:)?registry\s*=|^\s*npmRegistryServer\s*:|^\s*(?:extra-)?index-url\s*=|--(?:extra-)?index-url\b|--trusted-host\b/,
    part: 'text',
    severity: 'medium',
    label: 'package registry configured (dependency confusion risk)',
  },
  {
    re: /^\s*replace\s+\S+.*=>/,
    part: 'text',
    severity: 'medium',
    label: 'go.mod replace points the module elsewhere',
  },
];

export const dependencyRules: RuleFamily = {
  name: 'dependencies',
  rules: [NEW_DEP, NEW_DEV_DEP, TYPOSQUAT, SOURCE, LOCK_ONLY, DEP_MOVED, DEP_BOT_POLICY],
  triggers: ['install', 'resolved', 'registry', 'index-url', 'trusted-host', 'replace'],
  run(change: Change, sink: FindingSink): void {
    const lockNames = new LockIndex(change);
    const manifestEcos = new Set<Ecosystem>();
    const removedNames = removedDependencyNames(change);
    for (const file of change.files) {
      if (file.cls.manifest) manifestEcos.add(file.cls.manifest);
      if (file.cls.manifest || file.cls.lockfile || file.cls.config || file.cls.language === 'toml') {
        scanLines(
          sink,
          SOURCE,
          file,
          file.added,
          'new',
          SOURCE_PATTERNS,
          /install|resolved|registry|index-url|trusted-host|replace/,
        );
      }
      for (const dep of declaredDependencies(file)) {
        // A version or range line rewritten in place is an upgrade, not a new package: the name was declared before
        // (in this manifest, or in another of the same ecosystem it moved from).
        if (removedNames.has(`${dep.ecosystem}\u0000${normalisePackageName(dep.ecosystem, dep.name)}`)) continue;
        if (wasDeclared(file, dep.name)) continue;
        checkDependency(change, sink, file, dep, lockNames);
      }
    }
    reportDependencyBot(change, sink);
    const moves = reportMoves(change, sink);
    for (const m of moves.untagged) {
      const runtime = m.kind === 'runtime';
      // A pseudo-version refreshed to another commit: upstream code nobody released enters the build.
      const refresh = m.eco === 'go' && isGoPseudoVersion(m.from);
      sink.line(
        SOURCE,
        m.file,
        m.line,
        'new',
        'low',
        refresh
          ? `${runtime ? '' : `${m.kind} dependency `}${m.name} moved from untagged commit ${quote(m.from, 60)} to untagged commit ${quote(m.to, 60)}: upstream commits with no release to read`
          : `${runtime ? '' : `${m.kind} dependency `}${m.name} moved from ${quote(m.from, 40)} to an untagged commit or source ${quote(m.to, 60)}: not a release`,
      );
    }
    for (const file of change.files) {
      const eco = file.cls.lockfile;
      // A lockfile-only move dependency-moved already reported (a TLS library, say) is said there, once.
      if (eco && !manifestEcos.has(eco) && file.diff.status === 'modified' && !moves.foldedLockfiles.has(file.path)) {
        const moved = moves.lockSummary.get(file.path);
        sink.add(
          LOCK_ONLY,
          file,
          null,
          'low',
          `${baseName(file.path)} changed (+${file.diff.additions}/-${file.diff.deletions}) but no ${eco} manifest did${moved ? `: ${moved}` : ''}`,
        );
      }
    }
  },
};

/** Dependencies the change removes from any manifest, by ecosystem and normalised name. */
function removedDependencyNames(change: Change): Set<string> {
  const out = new Set<string>();
  for (const file of change.files)
    for (const dep of declaredDependencies(file, 'old'))
      out.add(`${dep.ecosystem}\u0000${normalisePackageName(dep.ecosystem, dep.name)}`);
  return out;
}

function wasDeclared(file: ChangeFile, name: string): boolean {
  if (file.removed.length === 0) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?:^|["'\\s/:])${escaped}(?:["'\\s=<>~!\\[@:;,)]|$)`, 'i');
  return file.removed.some((l) => re.test(l.text));
}

function checkDependency(
  change: Change,
  sink: FindingSink,
  file: ChangeFile,
  dep: DeclaredDependency,
  locks: LockIndex,
): void {
  const range = { side: 'new' as const, start: dep.line.line, end: dep.line.line };
  const eco = dep.ecosystem;
  const runtime = dep.kind === 'runtime';
  const norm = normalisePackageName(eco, dep.name);
  // A Go require on a pseudo-version is an untagged commit; indirect ones are common and not the change's choice.
  const pseudo = eco === 'go' && isGoPseudoVersion(dep.spec) && !/\/\/\s*indirect\b/.test(dep.line.text);
  if (
    pseudo ||
    /^(?:git\+|git:|github:|https?:|file:|link:)|^[\w-]+\/[\w.-]+(?:#.*)?$|\bgit\s*=|\bpath\s*=|@\s*(?:git\+|https?:|file:)/.test(
      dep.spec,
    )
  ) {
    sink.add(
      SOURCE,
      file,
      range,
      runtime ? 'medium' : 'low',
      `${runtime ? '' : `${dep.kind} dependency `}${dep.name} comes from ${quote(dep.spec, 50)}, ${pseudo ? 'an untagged commit, not a release' : 'not the registry'}`,
    );
  }
  const wellKnown = [...WELL_KNOWN_PACKAGES[eco], ...(change.options.wellKnownPackages[eco] ?? [])].map((n) =>
    normalisePackageName(eco, n),
  );
  const near = wellKnown.includes(norm) ? undefined : nearestWellKnown(norm, wellKnown);
  if (near) {
    sink.add(
      TYPOSQUAT,
      file,
      range,
      'high',
      `${dep.name} is ${near.distance} edit${near.distance > 1 ? 's' : ''} from the well-known "${near.name}"`,
    );
  }
  // An `// indirect` Go require is what another module's upgrade pulled in, recorded by `go mod tidy`: not a
  // dependency this change chose (its typosquat check above still runs).
  if (eco === 'go' && /\/\/\s*indirect\b/.test(dep.line.text)) return;
  const known = locks.namesFor(eco);
  if (!runtime) {
    const unresolved = known !== null && !known.names.has(norm);
    // A manifest the change creates (a new service, tool or package): its test runner, types and linters are that
    // package's set-up, and listing them one by one restates the new file. Only a name no lockfile knows is worth a
    // line there (the typosquat check above runs either way).
    if (file.diff.status === 'added' && !unresolved) return;
    const where =
      known === null
        ? ''
        : known.names.has(norm)
          ? ` (resolved in ${known.files.join(', ')})`
          : ` (not yet in ${known.files.join(', ')})`;
    sink.add(
      NEW_DEV_DEP,
      file,
      range,
      unresolved ? 'low' : 'info',
      `${eco} ${dep.kind}-only dependency ${dep.name} ${dep.spec ? quote(dep.spec, 30) + ' ' : ''}added${where}`,
    );
  } else if (known === null) {
    sink.add(
      NEW_DEP,
      file,
      range,
      'low',
      `${eco} dependency ${dep.name} ${dep.spec ? quote(dep.spec, 30) + ' ' : ''}added; no ${eco} lockfile to check it against`,
    );
  } else if (!known.names.has(norm)) {
    sink.add(
      NEW_DEP,
      file,
      range,
      'medium',
      `${eco} dependency ${dep.name} added but absent from ${known.files.join(', ')}: never resolved here, may not exist`,
    );
  } else {
    sink.add(
      NEW_DEP,
      file,
      range,
      'low',
      `${eco} dependency ${dep.name} added (resolved in ${known.files.join(', ')})`,
    );
  }
}

function nearestWellKnown(name: string, wellKnown: readonly string[]): { name: string; distance: number } | undefined {
  if (name.length < 4) return undefined;
  const max = name.length >= 8 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  for (const w of wellKnown) {
    if (Math.abs(w.length - name.length) > max || w.length < 4) continue;
    const d = editDistance(name, w, max);
    if (d >= 1 && d <= max && (!best || d < best.distance)) best = { name: w, distance: d };
  }
  return best;
}

/** Lockfile names per ecosystem: the repository's lockfiles plus lines the change adds to lockfiles. */
class LockIndex {
  private readonly cache = new Map<Ecosystem, { names: Set<string>; files: string[] } | null>();

  constructor(private readonly change: Change) {}

  namesFor(eco: Ecosystem): { names: Set<string>; files: string[] } | null {
    if (this.cache.has(eco)) return this.cache.get(eco)!;
    const names = new Set<string>();
    const files: string[] = [];
    for (const lock of this.change.context.lockfiles ?? []) {
      if (lockfileEcosystem(lock.path) !== eco) continue;
      files.push(lock.path);
      for (const n of lockfileNames(lock.path, lock.text)) names.add(n);
    }
    for (const file of this.change.files) {
      if (file.cls.lockfile !== eco || file.added.length === 0) continue;
      if (!files.includes(file.path)) files.push(file.path);
      for (const n of lockfileNames(file.path, file.added.map((l) => l.text).join('\n'))) names.add(n);
    }
    const result = files.length > 0 ? { names, files } : null;
    this.cache.set(eco, result);
    return result;
  }
}
