/**
 * Severity from combinations rather than single hits: a weakened or skipped test is routine alone but serious when
 * the code it tests changed in the same change, unless that code was mostly removed (tests go with the feature they
 * test when it is deleted or reverted). A skip gated on a secret CI may lack stays low: the test runs where the
 * secret is (test-skips.ts); so does a test returning early where its environment lacks something, and so do tests
 * the change consolidated into a shared one or removed with the deprecated API they test (tests.ts): the question is
 * the replacement. AI authorship does not change a severity: it moves the tier at most one step (tier.ts), so the
 * same code gets the same findings whoever wrote it.
 */
import type { Change } from './model/change';
import { isReplacedTests } from './rules/test-deletions';
import { isSecretGatedSkip } from './rules/test-skips';
import { isEarlyReturn } from './rules/tests';
import { Finding, Severity, severityRank } from './types';

const TEST_WEAKENING = new Set([
  'assertion-weakened',
  'expectation-changed',
  'assertion-cannot-fail',
  'test-skipped',
  'test-deleted',
]);

/** Fewer tests because the code they test went away: deleting a feature (or reverting it) deletes its tests. */
const GONE_WITH_CODE = new Set(['assertion-weakened', 'test-deleted']);

export function combineFindings(findings: readonly Finding[], change: Change): Finding[] {
  const sourceByUnit = new Map<string, string>();
  const removedCode = new Set<string>();
  for (const f of change.files) {
    if (!f.cls.source || f.diff.status === 'added') continue;
    sourceByUnit.set(f.unit, f.path);
    // Mostly removed: deleted, or at least 10 lines removed and three times as many removed as added.
    const { additions, deletions } = f.diff;
    if (f.diff.status === 'deleted' || (deletions >= 10 && deletions >= 3 * additions)) removedCode.add(f.unit);
  }
  const unitOf = new Map(change.files.map((f) => [f.path, f.cls.test ? f.unit : null]));
  const deletedWhole = new Set(change.files.filter((f) => f.diff.status === 'deleted').map((f) => f.path));
  const explained = (f: Finding, unit: string | null | undefined): boolean =>
    !!unit && removedCode.has(unit) && GONE_WITH_CODE.has(f.ruleId);
  const out: Finding[] = [];
  for (const f of findings) {
    const unit = f.file ? unitOf.get(f.file) : null;
    const src = unit ? sourceByUnit.get(unit) : undefined;
    // A test file deleted whole with the file it tests (a feature or tool removed) says nothing the file list does
    // not; a test file deleted while its code stays, or code only mostly removed, still asks for a look.
    const alone = !f.locations?.some((p) => p.file);
    if (src && alone && explained(f, unit) && deletedWhole.has(src) && deletedWhole.has(f.file!)) continue;
    out.push(combined(f, src, explained(f, unit)));
  }
  return out;
}

function combined(f: Finding, src: string | undefined, explained: boolean): Finding {
  // Low: a deletion that goes with its code asks for a look (T1), not an owner's sign-off.
  if (src && explained)
    return { ...f, severity: 'low', why: f.why + `; ${src}, the code it tests, was mostly removed too` };
  if (src && TEST_WEAKENING.has(f.ruleId) && !isSecretGatedSkip(f) && !isEarlyReturn(f) && !isReplacedTests(f))
    return raise(f, 'high', `; ${src}, the code it tests, changed too`);
  return f;
}

function raise(f: Finding, to: Severity, because: string): Finding {
  const severity = severityRank(to) > severityRank(f.severity) ? to : f.severity;
  return { ...f, severity, why: f.why + because };
}
