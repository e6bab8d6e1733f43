/**
 * Which package names a lockfile resolves. Extraction is by pattern per format: enough to answer "was this name ever
 * resolved?", linear in the lockfile's size, tolerant of format versions (npm v1-v3, yarn classic/berry, pnpm 6-9).
 */
import { baseName, classifyPath } from '../model/paths';
import type { Ecosystem } from '../types';

export function lockfileEcosystem(path: string): Ecosystem | null {
  return classifyPath(path).lockfile;
}

/** Package names compare per ecosystem rules: PyPI folds case and `-_.`, NuGet folds case. */
export function normalisePackageName(eco: Ecosystem, name: string): string {
  if (eco === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (eco === 'nuget' || eco === 'npm') return name.toLowerCase();
  return name;
}

const PATTERNS: Record<string, readonly RegExp[]> = {
  'package-lock.json': [/"node_modules\/((?:@[^/"]+\/)?[^/"]+)"/g, /"((?:@[^/"]+\/)?[^/"]+)":\s*\{\s*"version"/g],
  'yarn.lock': [/(?:^|,\s*)"?((?:@[^/@"\s]+\/)?[^@"\s,]+)@/gm],
  'pnpm-lock.yaml': [
    /(?:^\s+|\/)'?((?:@[^/@'\s]+\/)?[^/@'\s:()]+)@\d/gm,
    /^\s+'?((?:@[^/'\s]+\/)?[^/'\s:]+)'?:\s*$/gm,
    /^\s+\/((?:@[^/'\s]+\/)?[^/'\s:]+)\/\d/gm,
  ],
  'bun.lock': [/"((?:@[^/"]+\/)?[^/"@]+)":\s*\[\s*"/g],
  'toml-name': [/^name\s*=\s*"([^"]+)"/gm],
  'json-keys': [/"([^"]+)":\s*\{/g],
  'go.sum': [/^(\S+)\s+v/gm],
  'gradle.lockfile': [/^([\w.-]+:[\w.-]+):/gm],
};

function patternsFor(base: string): readonly RegExp[] {
  if (base === 'npm-shrinkwrap.json') return PATTERNS['package-lock.json'];
  if (base === 'poetry.lock' || base === 'uv.lock' || base === 'pdm.lock' || base === 'cargo.lock')
    return PATTERNS['toml-name'];
  if (base === 'pipfile.lock' || base === 'packages.lock.json') return PATTERNS['json-keys'];
  return PATTERNS[base] ?? [];
}

/** Normalised names a lockfile's text mentions as resolved packages. */
export function lockfileNames(path: string, text: string): Set<string> {
  const base = baseName(path).toLowerCase();
  const eco = lockfileEcosystem(path);
  const names = new Set<string>();
  if (!eco) return names;
  for (const re of patternsFor(base)) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      names.add(normalisePackageName(eco, m[1]));
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return names;
}

/**
 * Versions a lockfile's text resolves for one package (`name` as the manifest writes it): TOML locks (Cargo, uv,
 * poetry, pdm), package-lock, yarn and pnpm. Reads only the shape around the name, so a diff's added lines will do.
 */
export function lockedVersions(path: string, text: string, name: string): string[] {
  const base = baseName(path).toLowerCase();
  const eco = lockfileEcosystem(path);
  if (!eco) return [];
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const res: RegExp[] =
    base === 'package-lock.json' || base === 'npm-shrinkwrap.json'
      ? [new RegExp(`"node_modules/${n}":\\s*\\{\\s*"version":\\s*"([^"]+)"`, 'g')]
      : base === 'yarn.lock'
        ? [new RegExp(`^"?${n}@[^\\n]*:\\n\\s+version:?\\s+"?([^"\\s]+)`, 'gm')]
        : base === 'pnpm-lock.yaml'
          ? [new RegExp(`(?:^|/|\\s)'?${n}@(\\d[^\\s:'()]*)`, 'gm')]
          : base === 'go.sum'
            ? [new RegExp(`^${n} v([^\\s/]+)`, 'gm')]
            : [new RegExp(`^name = "${n}"\\nversion = "([^"]+)"`, eco === 'pypi' ? 'gmi' : 'gm')];
  const out = new Set<string>();
  for (const re of res) for (const m of text.matchAll(re)) out.add(m[1]);
  return [...out];
}
