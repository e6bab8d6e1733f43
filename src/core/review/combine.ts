/**
 * Severity from combinations rather than single hits: a weakened or skipped test is routine alone but serious when
 * the code it tests changed in the same change. AI authorship does not change a severity: it moves the tier at most
 * one step (tier.ts), so the same code gets the same findings whoever wrote it.
 */
import type { Change } from './model/change';
import { Finding, Severity, severityRank } from './types';

const TEST_WEAKENING = new Set([
  'assertion-weakened',
  'expectation-changed',
  'assertion-cannot-fail',
  'test-skipped',
  'test-deleted',
]);

export function combineFindings(findings: readonly Finding[], change: Change): Finding[] {
  const sourceByUnit = new Map<string, string>();
  for (const f of change.files) if (f.cls.source && f.diff.status !== 'added') sourceByUnit.set(f.unit, f.path);
  const unitOf = new Map(change.files.map((f) => [f.path, f.cls.test ? f.unit : null]));
  const weakenedTests = new Set(findings.filter((f) => TEST_WEAKENING.has(f.ruleId) && f.file).map((f) => f.file!));

  return findings.map((f) => {
    let out = f;
    const unit = f.file ? unitOf.get(f.file) : null;
    const src = unit ? sourceByUnit.get(unit) : undefined;
    if (src && TEST_WEAKENING.has(f.ruleId)) {
      out = raise(out, 'high', `; ${src}, the code it tests, changed too`);
    } else if (f.ruleId === 'test-edited-with-code' && f.file && weakenedTests.has(f.file)) {
      out = raise(out, 'medium', '; and its assertions were weakened');
    }
    return out;
  });
}

function raise(f: Finding, to: Severity, because: string): Finding {
  const severity = severityRank(to) > severityRank(f.severity) ? to : f.severity;
  return { ...f, severity, why: f.why + because };
}
