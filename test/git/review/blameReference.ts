/**
 * The reference the range replay must agree with: `git blame --porcelain` of every file at the head, each line looked
 * up in what the test itself recorded for the commit blame names (not in the notes the product reads). Lines blamed
 * on a commit outside the range, or on one the test recorded nothing AI for, are human.
 */
import { execFileSync } from 'node:child_process';
import type { Authorship } from '../../../src/core/blame';
import type { BranchFacts } from '../../../src/core/report';
import type { Line } from '../blame/helpers';

/** What the test wrote: per commit, per path, the lines of that file at that commit. */
export type Written = Map<string, Record<string, readonly Line[]>>;

function git(root: string, args: readonly string[]): string {
  return execFileSync('git', [...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function authorshipOf(line: Line | undefined): Authorship {
  return line === undefined || typeof line === 'string' ? 'human' : 'ai' in line ? 'ai' : 'mixed';
}

/** Per path at `head`, the authorship of each line by blame (index = line - 1). */
export function blameReference(root: string, base: string, head: string, written: Written): Map<string, Authorship[]> {
  const inRange = new Set(
    git(root, ['rev-list', `${base}..${head}`, '--'])
      .split('\n')
      .filter(Boolean),
  );
  const result = new Map<string, Authorship[]>();
  for (const path of git(root, ['ls-tree', '-r', '--name-only', '-z', head]).split('\0').filter(Boolean)) {
    const lines: Authorship[] = [];
    const porcelain = git(root, ['blame', '--porcelain', head, '--', path]);
    let filename = path;
    let entry: { commit: string; orig: number; final: number } | undefined;
    for (const l of porcelain.split('\n')) {
      const m = /^([0-9a-f]{40}) (\d+) (\d+)/.exec(l);
      if (m) entry = { commit: m[1], orig: Number(m[2]), final: Number(m[3]) };
      else if (l.startsWith('filename ')) filename = l.slice(9);
      else if (l.startsWith('\t') && entry) {
        const recorded = inRange.has(entry.commit) ? written.get(entry.commit)?.[filename] : undefined;
        lines[entry.final - 1] = authorshipOf(recorded?.[entry.orig - 1]);
      }
    }
    result.set(path, lines);
  }
  return result;
}

/** Lines where the branch facts and blame disagree, as `path:line blame=X replay=Y` (empty when they agree). */
export function disagreements(facts: BranchFacts, reference: ReadonlyMap<string, readonly Authorship[]>): string[] {
  const out: string[] = [];
  for (const [path, lines] of reference) {
    lines.forEach((expected, i) => {
      const got = facts.lineSource(path, i + 1).authorship;
      if (got !== expected) out.push(`${path}:${i + 1} blame=${expected} replay=${got}`);
    });
  }
  return out;
}

/** Counts of the lines `git diff BASE...HEAD` adds, by blame's authorship. */
export function referenceTotals(
  root: string,
  base: string,
  head: string,
  reference: ReadonlyMap<string, readonly Authorship[]>,
): { total: number; ai: number; mixed: number; aiAssisted: number; human: number } {
  const totals = { total: 0, ai: 0, mixed: 0, aiAssisted: 0, human: 0 };
  let path: string | undefined;
  for (const l of git(root, ['diff', '-U0', '--no-color', '--no-renames', `${base}...${head}`, '--']).split('\n')) {
    if (l.startsWith('+++ ')) path = l === '+++ /dev/null' ? undefined : l.slice(6);
    const m = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(l);
    if (!m || path === undefined) continue;
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let k = 0; k < count; k++) {
      const a = reference.get(path)?.[start + k - 1] ?? 'human';
      totals.total++;
      if (a === 'ai') totals.ai++;
      else if (a === 'mixed') totals.mixed++;
      else if (a === 'ai-assisted') totals.aiAssisted++;
      else totals.human++;
    }
  }
  return totals;
}
