/**
 * Critical paths: AI or any lines landing on them, one finding per file. A file is critical by a configured glob or by
 * what its changed code does (model/surface.ts). How much of the change AI wrote is the checklist's header
 * (ReviewHeader, worded by claim.ts), not a finding. Test files and documentation are not critical
 * paths: they guard nothing at run time.
 */
import type { Change } from '../model/change';
import { ownersOf } from '../model/codeowners';
import { FindingSink, RuleFamily, RuleMeta, spanOf } from './rule';

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
    for (const file of change.files) {
      // Documentation about auth (a page named oauth-clients.md) guards nothing at run time either.
      if (file.critical.length === 0 || file.cls.test || file.cls.docs) continue;
      const owners = change.codeowners.length > 0 ? ownersOf(change.codeowners, file.path) : [];
      const ownedBy = owners.length > 0 ? `; owners ${owners.join(' ')}` : '';
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
          `${file.aiLines.size} ${what} in ${file.path}, on a critical path (${file.critical.join(', ')})${ownedBy}`,
        );
      } else {
        sink.add(
          CRITICAL,
          file,
          spanOf(file),
          'medium',
          `${file.path} is on a critical path (${file.critical.join(', ')})${ownedBy}`,
        );
      }
    }
  },
};
