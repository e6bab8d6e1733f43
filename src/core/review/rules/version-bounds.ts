/**
 * The lower bound of a version range as each ecosystem writes it (npm `^1.2`/`>=1.2 <2`/`1.x`, PEP 440 `>=1.2,<2`/
 * `~=1.2`/`==1.*`, Cargo `"1.2"` (caret)/`{ version = "1.2" }`, Go `v1.2.3`, NuGet/Gradle plain versions), and
 * version comparison. Enough to say "the minimum moved from A to B", nothing more: no prerelease ordering.
 */
import type { Ecosystem } from '../types';

/** A numeric version as its parts ("1.2" -> [1, 2]); what follows the numbers (-rc1, +build) is ignored. */
export function versionParts(v: string): number[] | null {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(v.trim());
  return m ? m[1].split('.').map(Number) : null;
}

/** Compares two versions part by part, missing parts as 0: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a) ?? [];
  const pb = versionParts(b) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The lowest version a spec admits, as written ("1.2" stays "1.2"): `null` when it admits any version (no floor:
 * `*`, a bare name, `latest`), `undefined` when it is not a registry range at all (git, path, URL, workspace).
 */
export function lowerBound(eco: Ecosystem, spec: string): string | null | undefined {
  let s = spec.trim();
  if (eco === 'cargo') {
    const table = /^\{(.*)\}$/.exec(s);
    if (table) {
      const v = /\bversion\s*=\s*"([^"]*)"/.exec(table[1]);
      if (!v) return undefined; // git or path without a version
      s = v[1];
    } else s = s.replace(/^"|"$/g, '');
  } else if (eco === 'pypi') {
    s = s
      .replace(/^["']|["']$/g, '')
      .split(';')[0]
      .trim();
    if (/^\{/.test(s)) s = /\bversion\s*=\s*"([^"]*)"/.exec(s)?.[1] ?? '';
    if (/@|:\/\//.test(s)) return undefined;
  } else if (/^(?:workspace:|file:|link:|git|github:|https?:|npm:|[\w-]+\/[\w.-]+)/.test(s)) return undefined;
  s = s.replace(/^["']|["']$/g, '');
  if (s === '' || s === '*' || /^(?:latest|next|x)$/i.test(s)) return null;
  // Alternatives (npm `^1 || ^2`): the lowest floor of any.
  const floors = s.split('||').map((alt) => floorOf(alt.trim()));
  if (floors.some((f) => f === null)) return null;
  const defined = floors.filter((f): f is string => f !== undefined);
  if (defined.length === 0) return undefined;
  return defined.reduce((lo, f) => (compareVersions(f, lo) < 0 ? f : lo));
}

function floorOf(alt: string): string | null | undefined {
  const clauses = alt.split(/\s*,\s*|\s+(?=[<>=!~^])/).filter((c) => c !== '');
  let floor: string | null = null;
  let seen = false;
  let upper = false;
  for (const c of clauses) {
    const m = /^(>=|>|===?|~=|\^|~|=)?\s*v?(\d+(?:\.(?:\d+|[*xX]))*)/.exec(c);
    if (!m) {
      // An upper bound or an exclusion: no floor of its own.
      if (/^(?:<|!=)/.test(c)) {
        upper = true;
        continue;
      }
      return undefined;
    }
    // A bare version is caret in Cargo, exact in npm/PyPI/Go/NuGet/Maven: a floor either way.
    const v = m[2].replace(/\.[*xX].*$/, '');
    floor = floor === null || compareVersions(v, floor) > 0 ? v : floor;
    seen = true;
  }
  return seen ? floor : upper ? null : undefined;
}
