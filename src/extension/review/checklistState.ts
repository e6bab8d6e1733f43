/** Builds what the checklist webview shows from a loaded review and the reviewer's marks. Pure. */
// The modules, not the index: the index would pull the whole rule engine into the activation bundle.
import { CHECKLIST, type ChecklistItem } from '../../core/review/checklist';
import { shortAiClaim } from '../../core/review/claim';
import { severityRank, type Finding, type Place, type Severity } from '../../core/review/types';
import { cleanLabel } from '../../core/blame';
import type { ChecklistState, FindingView, ItemView } from './checklistProtocol';
import type { LoadedReview } from './reviewLoader';
import { findingWhere, progress } from './reviewModel';

export interface ChecklistMarks {
  readonly reviewed: ReadonlySet<string>;
  readonly checked: ReadonlySet<string>;
  readonly note: (itemId: string) => string;
  readonly reviewer: string | null;
  readonly noteMax: number;
}

function findingView(id: number, f: Finding): FindingView {
  const places: readonly Place[] = f.locations ?? (f.range ? [f.range] : []);
  return {
    id,
    title: cleanLabel(f.title, 200),
    why: cleanLabel(f.why, 400),
    where: cleanLabel(findingWhere(f), 300),
    severity: f.severity,
    inAi: f.inAi,
    revealable: f.file !== null && f.range !== null,
    count: f.count ?? 1,
    places: places.map(({ file, ...range }) => cleanLabel(findingWhere({ ...f, file: file ?? f.file, range }), 300)),
  };
}

function rank(s: Severity | null): number {
  return s === null ? -1 : severityRank(s);
}

function headerOf(review: LoadedReview): ChecklistState['header'] {
  const h = review.review.header;
  if (!h) return null;
  const share = h.provenanceKnown ? `, ${shortAiClaim(h)}` : '';
  const size = `${h.reviewLines} changed line${h.reviewLines === 1 ? '' : 's'} to review in ${h.files} file${h.files === 1 ? '' : 's'}${share}${h.large ? ` (over ${h.largeLines}: review in several sittings)` : ''}`;
  return { size, analysis: `Checked with ${h.analysis}.` };
}

export function checklistState(review: LoadedReview, marks: ChecklistMarks): ChecklistState {
  const categories = new Map(CHECKLIST.map((def) => [def.id, def.categories]));
  const order = new Map(CHECKLIST.map((def, i) => [def.id, i]));
  const item = (c: ChecklistItem): ItemView => {
    const cats = categories.get(c.id) ?? [];
    const findings = review.model.findings
      .filter((e) => cats.includes(e.finding.category))
      .map((e) => findingView(e.id, e.finding));
    // Findings in AI-written lines first, then the most severe.
    findings.sort((a, b) => Number(b.inAi) - Number(a.inAi) || rank(b.severity) - rank(a.severity) || a.id - b.id);
    return {
      id: c.id,
      title: c.title,
      whatToDo: c.whatToDo,
      severity: c.severity,
      inAi: findings.some((f) => f.inAi),
      checked: marks.checked.has(c.id),
      note: marks.note(c.id).slice(0, marks.noteMax),
      findings,
    };
  };
  const all = review.review.checklist.map(item);
  const triggered = all.filter((_, i) => review.review.checklist[i].status === 'triggered');
  triggered.sort(
    (a, b) =>
      Number(b.inAi) - Number(a.inAi) ||
      rank(b.severity) - rank(a.severity) ||
      (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
  const folded = all.filter((_, i) => review.review.checklist[i].status === 'folded');
  return {
    label: cleanLabel(review.label, 200),
    tier: review.review.tier,
    signOff: review.review.signOff,
    reasons: review.review.reasons.map((r) => cleanLabel(r, 300)),
    header: headerOf(review),
    progress: progress(review.model, marks.reviewed),
    triggered,
    folded,
    reviewer: marks.reviewer,
    signOffBlocked:
      review.headCommit === null ? 'Sign-off records on a commit: commit the work, then review the branch.' : null,
    noteMax: marks.noteMax,
  };
}
