/**
 * Path confinement checks removed: the test that keeps a path a caller or a model supplies inside a root (a workspace,
 * an upload folder). Dropping one turns a file API into path traversal, and the diff shows only deleted lines, which
 * a reviewer skims. A check moved elsewhere in the change, or replaced by another confinement check, is not removed.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, oldRange, quote } from './rule';

const REMOVED: RuleMeta = {
  id: 'path-check-removed',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'weakened-security',
  title: 'Path confinement check removed',
  whatToDo:
    'Find where paths from callers are now kept inside their root (symlinks and ".." included); if nowhere, restore the check and add a test that an escaping path is refused.',
};

/** Code that decides whether a path stays inside a root, by language. */
const CHECKS: Readonly<Record<string, RegExp>> = {
  js: /\b(?:validate|assert|ensure|check|verify)\w*Path\w*\s*\(|\bis(?:Path)?(?:Within|Inside|Under|SubPath|Subpath|Contained|InRoot|InWorkspace)\w*\s*\(|\bpath\.relative\s*\([^)]*\)\s*\.startsWith\s*\(\s*['"]\.\.|\bstartsWith\s*\(\s*['"]\.\.['"]/,
  py: /\.is_relative_to\s*\(|\bos\.path\.commonpath\s*\(|\b(?:validate|ensure|check|verify|assert)_\w*path\w*\s*\(|\bis_(?:path_)?(?:within|inside|under|subpath|safe_path)\w*\s*\(|\bsafe_join\s*\(/,
  go: /\bfilepath\.IsLocal\s*\(|\bsecurejoin\.\w+\s*\(|\bstrings\.HasPrefix\s*\(\s*\w*[Rr]el\w*\s*,\s*"\.\."|\b(?:[Vv]alidate|[Ee]nsure|[Cc]heck|[Vv]erify)\w*Path\w*\s*\(|\b[Ii]s(?:Path)?(?:Within|Inside|Under|SubPath|Subpath)\w*\s*\(/,
  rust: /\bComponent::ParentDir\b|\b(?:validate|ensure|check|verify)_\w*path\w*\s*\(|\bis_(?:path_)?(?:within|inside|under|subpath)\w*\s*\(/,
};

export const confinementRules: RuleFamily = {
  name: 'confinement',
  rules: [REMOVED],
  triggers: ['path', 'within', 'inside', 'under', 'relative', 'parentdir', 'islocal', 'securejoin', 'safe_join', '..'],
  run(change: Change, sink: FindingSink): void {
    const checksIn = (ls: readonly ChangeLine[], re: RegExp): ChangeLine[] =>
      ls.filter((l) => sink.mayMatch(l) && re.test(l.code));
    // Confinement checks added anywhere in the change (a check moved or rewritten elsewhere) replace as many removed.
    const added: ChangeLine[] = [];
    const removed = new Map<ChangeFile, ChangeLine[]>();
    for (const f of change.files) {
      const re = CHECKS[f.cls.language];
      if (!re || !f.cls.source || f.cls.test) continue;
      added.push(...checksIn(f.added, re));
      // A file deleted whole takes its checks with the code they guarded; its callers' removed calls still count.
      if (f.diff.status === 'deleted') continue;
      const gone = checksIn(f.removed, re);
      if (gone.length > 0) removed.set(f, gone);
    }
    const total = [...removed.values()].reduce((n, ls) => n + ls.length, 0);
    if (total <= added.length) return;
    for (const [file, lines] of removed) {
      const more = lines.length > 1 ? ` and ${lines.length - 1} more line${lines.length > 2 ? 's' : ''}` : '';
      sink.add(
        REMOVED,
        file,
        oldRange(lines[0].line, lines[lines.length - 1].line),
        'high',
        `removed ${quote(lines[0].text, 60)}${more}; no confinement check replaces it in this change`,
      );
    }
  },
};
