/**
 * Critical paths: AI or any lines landing on them, one finding per kind of path and owners (naming the other files). A file is critical by a configured glob or by
 * what its changed code does (model/surface.ts). How much of the change AI wrote is the checklist's header
 * (ReviewHeader, worded by claim.ts), not a finding. Test files and documentation are not critical
 * paths: they guard nothing at run time.
 */
import type { Change, ChangeFile } from '../model/change';
import { ownersOf } from '../model/codeowners';
import type { SurfaceKind } from '../model/surface';
import { FindingSink, RuleFamily, RuleMeta, newRange, oldRange, spanOf } from './rule';

const CRITICAL: RuleMeta = {
  id: 'critical-path-touched',
  claims: { languages: 'any', kinds: ['source'] },
  category: 'critical-paths',
  title: 'Critical path touched',
  whatToDo: "Get sign-off from the path's owners and check the change against the threat model of that area.",
};

export const provenanceRules: RuleFamily = {
  name: 'provenance',
  rules: [CRITICAL],
  run(change: Change, sink: FindingSink): void {
    // Files on the same kind of critical path with the same owners are one thing to check: a client swap that
    // passes an API key through fifteen provider modules is one finding naming them, not fifteen.
    const groups = new Map<string, { labels: string[]; ownedBy: string; files: ChangeFile[] }>();
    for (const file of change.files) {
      // Documentation about auth (a page named oauth-clients.md) guards nothing at run time either.
      if (file.critical.length === 0 || file.cls.test || file.cls.docs) continue;
      const labels = file.critical.filter((k) => k !== 'process' || !processSaidElsewhere(change, file, sink));
      if (labels.length === 0) continue;
      const owners = change.codeowners.length > 0 ? ownersOf(change.codeowners, file.path) : [];
      const ownedBy = owners.length > 0 ? `; owners ${owners.join(' ')}` : '';
      const key = `${labels.join(',')}\u0000${ownedBy}`;
      const group = groups.get(key) ?? { labels, ownedBy, files: [] };
      group.files.push(file);
      groups.set(key, group);
    }
    for (const { labels, ownedBy, files } of groups.values()) {
      const weight = (f: ChangeFile): number => f.aiLines.size * 1e6 + f.diff.additions + f.diff.deletions;
      const file = files.reduce((x, y) => (weight(y) > weight(x) ? y : x));
      const others = files.filter((f) => f !== file);
      const shown = others.slice(0, 3).map((f) => f.path);
      if (others.length > shown.length) shown.push(`${others.length - shown.length} more`);
      const also = others.length > 0 ? `; also ${shown.join(', ')}` : '';
      if (file.aiLines.size > 0) {
        // One finding per file (it was two): the AI lines are the part to read line by line, so they are its range.
        const lines = [...file.aiLines.keys()].sort((a, b) => a - b);
        const commitOnly = [...file.aiLines.values()].every((p) => p.evidence === 'commit');
        const what = commitOnly ? 'lines in AI-assisted commits' : 'AI-written lines';
        sink.add(
          CRITICAL,
          file,
          { side: 'new', start: lines[0], end: lines[lines.length - 1] },
          'medium',
          `${file.aiLines.size} ${what} in ${file.path}, on a critical path (${labels.join(', ')})${ownedBy}${also}`,
        );
      } else {
        sink.add(
          CRITICAL,
          file,
          spanOf(file),
          'medium',
          `${file.path} is on a critical path (${labels.join(', ')})${ownedBy}${also}`,
        );
      }
    }
    movedSurfaces(change, sink);
  },
};

const WHAT: Readonly<Record<SurfaceKind, string>> = {
  auth: 'credential/permission',
  crypto: 'cryptography',
  process: 'process-execution',
  sandbox: 'sandbox-policy',
};

/**
 * Security-relevant lines moved word for word between files (model/surface.ts leaves them out of each file's
 * surfaces): one low finding per kind naming where they landed and how many files they left, not one per file.
 */
function movedSurfaces(change: Change, sink: FindingSink): void {
  const byKind = new Map<
    SurfaceKind,
    { file: ChangeFile; added: number; removed: number; line: number; evidence: string }[]
  >();
  for (const file of change.files)
    for (const m of file.movedSurfaces) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), { file, ...m }]);
  for (const [kind, moves] of byKind) {
    const into = moves.filter((m) => m.added > 0).sort((a, b) => b.added - a.added);
    const from = moves.filter((m) => m.removed > 0 && !into.some((t) => t.file === m.file));
    const at = into[0] ?? moves[0];
    const where =
      into.length > 0
        ? ` into ${into
            .map((m) => m.file.path)
            .slice(0, 2)
            .join(', ')}${into.length > 2 ? ` and ${into.length - 2} more` : ''}`
        : '';
    const lines = moves.reduce((n, m) => n + m.removed, 0);
    sink.add(
      CRITICAL,
      at.file,
      at.added > 0 ? newRange(at.line) : oldRange(at.line),
      'low',
      `${WHAT[kind]} code moved word for word${where} from ${from.length} file${from.length === 1 ? '' : 's'} (${lines} line${lines === 1 ? '' : 's'} removed there, e.g. ${at.evidence}): check it arrived whole`,
    );
  }
}

/** Developer tooling that does not ship: CI helpers and repository scripts run git, linters and the interpreter. */
const TOOLING = /^(?:\.github|\.circleci|\.buildkite|\.gitlab|scripts?|ci|hack)\//i;
/** Rules that already point at a line starting or building a process (sinks.ts runs before this family). */
const PROCESS_RULES = new Set(['dangerous-sink', 'injection', 'command-quoting']);

/**
 * Process execution found from the code (not a configured path) that is said better elsewhere: in a CI helper or
 * repository script running git is what the script is for, not a critical path; and where a sink rule already
 * names the process start of this file, a second finding for the same call would restate it.
 */
function processSaidElsewhere(change: Change, file: ChangeFile, sink: FindingSink): boolean {
  if (file.criticalByPath.includes('process')) return false;
  const off = change.options.disabledRules;
  return (
    TOOLING.test(file.path) ||
    sink.findings.some((f) => f.file === file.path && PROCESS_RULES.has(f.ruleId) && !off.includes(f.ruleId))
  );
}
