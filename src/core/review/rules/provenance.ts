/** Provenance and critical paths: how much of the change AI wrote, and AI or any lines landing on critical paths. */
import { changeAiClaim } from '../claim';
import type { Change } from '../model/change';
import { ownersOf } from '../model/codeowners';
import { FindingSink, RuleFamily, RuleMeta, spanOf } from './rule';

const AI_SHARE: RuleMeta = {
  id: 'ai-share',
  category: 'provenance',
  title: 'Mostly AI-written change',
  whatToDo: 'Ask the author to walk through the AI-written parts; lines known only from a commit trailer may have been edited by anyone.',
};
const AI_CRITICAL: RuleMeta = {
  id: 'ai-in-critical-path',
  category: 'provenance',
  title: 'AI-written lines on a critical path',
  whatToDo: 'Review these lines line by line with the path\'s owner; require tests that fail before the change.',
};
const CRITICAL: RuleMeta = {
  id: 'critical-path-touched',
  category: 'critical-paths',
  title: 'Critical path touched',
  whatToDo: 'Get sign-off from the path\'s owners and check the change against the threat model of that area.',
};

export const provenanceRules: RuleFamily = {
  name: 'provenance',
  rules: [AI_SHARE, AI_CRITICAL, CRITICAL],
  run(change: Change, sink: FindingSink): void {
    const t = change.options.thresholds;
    const { aiLines, additions } = change.stats;
    if (change.hasProvenance && aiLines >= t.aiLinesMin && additions > 0 && aiLines / additions >= t.aiShareHigh) {
      sink.add(AI_SHARE, null, null, 'low', changeAiClaim(change.stats));
    }
    for (const file of change.files) {
      if (file.critical.length === 0) continue;
      const owners = change.codeowners.length > 0 ? ownersOf(change.codeowners, file.path) : [];
      const ownedBy = owners.length > 0 ? `; owners ${owners.join(' ')}` : '';
      sink.add(CRITICAL, file, spanOf(file), 'medium', `${file.path} is on a critical path (${file.critical.join(', ')})${ownedBy}`);
      if (file.aiLines.size > 0) {
        const lines = [...file.aiLines.keys()].sort((a, b) => a - b);
        sink.add(AI_CRITICAL, file, { side: 'new', start: lines[0], end: lines[lines.length - 1] }, 'medium', `${file.aiLines.size} AI-written lines in ${file.critical.join('/')} code`);
      }
    }
  },
};
