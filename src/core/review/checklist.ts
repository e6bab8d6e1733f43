/**
 * The reviewer checklist: one item per signal family, triggered by its findings, otherwise listed folded so the
 * reviewer still sees what was checked. A few generic items have no signal; T3 triggers the ones it requires.
 */
import type { Tier } from './tier';
import { Category, Finding, Severity, severityRank } from './types';

export interface ChecklistItem {
  readonly id: string;
  readonly title: string;
  readonly whatToDo: string;
  /** `triggered` when a finding (or the tier) raised it; `folded` when nothing did. */
  readonly status: 'triggered' | 'folded';
  readonly findings: number;
  /** Highest severity among its findings; null when folded or raised by the tier. */
  readonly severity: Severity | null;
}

interface ItemDef {
  readonly id: string;
  readonly title: string;
  readonly whatToDo: string;
  readonly categories: readonly Category[];
  /** Tier at or above which a signal-less item is triggered anyway. */
  readonly fromTier?: Tier;
}

export const CHECKLIST: readonly ItemDef[] = [
  {
    id: 'secrets',
    title: 'No secrets in the change',
    whatToDo: 'Rotate anything committed; load credentials from the environment or a secret store.',
    categories: ['secrets'],
  },
  {
    id: 'hidden',
    title: 'No hidden characters; agent instructions read in full',
    whatToDo: 'Escape or remove invisible characters; read every agent-config change.',
    categories: ['hidden-characters', 'agent-config'],
  },
  {
    id: 'sinks',
    title: 'Untrusted input cannot reach eval, shells, SQL or raw HTML',
    whatToDo: "Trace each sink's inputs; use parameterised and escaped APIs.",
    categories: ['dangerous-sinks'],
  },
  {
    id: 'security-settings',
    title: 'TLS, crypto, CORS and debug settings stay strict',
    whatToDo: 'Keep verification on, strong algorithms, explicit origins, debug off.',
    categories: ['weakened-security'],
  },
  {
    id: 'auth',
    title: 'Authentication and authorization intact',
    whatToDo: 'Confirm who can reach changed code; test that unauthorised callers are refused.',
    categories: ['auth', 'critical-paths'],
  },
  {
    id: 'destructive',
    title: 'Destructive operations, migrations and infrastructure are guarded',
    whatToDo: 'Scope, back up, dry-run and make reversible.',
    categories: ['destructive', 'infrastructure'],
  },
  {
    id: 'dependencies',
    title: 'New dependencies are real, needed and pinned',
    whatToDo: "Check each package's name, publisher and lockfile entry.",
    categories: ['dependencies'],
  },
  {
    id: 'tests',
    title: 'Tests still test',
    whatToDo: 'Nothing skipped, weakened, deleted or special-cased to pass.',
    categories: ['tests', 'test-gaming'],
  },
  {
    id: 'errors',
    title: 'Errors are handled, not hidden',
    whatToDo: 'No empty catches or catch-alls; failure paths keep their handling.',
    categories: ['error-handling'],
  },
  {
    id: 'checks',
    title: 'Lint and type checks not silenced',
    whatToDo: 'Fix the reported problem instead of suppressing it.',
    categories: ['suppressed-checks'],
  },
  {
    id: 'placeholders',
    title: 'No placeholder or stub code ships',
    whatToDo: 'Finish it or track it in an issue.',
    categories: ['placeholders'],
  },
  {
    id: 'resilience',
    title: 'Timeouts and retries stay bounded',
    whatToDo: 'Every remote call has a deadline; every retry loop a cap.',
    categories: ['resilience'],
  },
  {
    id: 'concurrency',
    title: 'Concurrency reviewed',
    whatToDo: 'Check races, deadlocks, cancellation and error propagation.',
    categories: ['concurrency'],
  },
  {
    id: 'api',
    title: 'Public API changes are intended',
    whatToDo:
      'Removed, renamed or reordered public functions break callers: check the changelog, a deprecation path, and callers that only tests use.',
    categories: ['api'],
  },
  {
    id: 'logging',
    title: 'Log levels still fit',
    whatToDo: "Errors need action; a failure's only diagnostic stays visible at the default level.",
    categories: ['observability'],
  },
  {
    id: 'claims',
    title: 'Claims in comments verified',
    whatToDo: 'Check AI-written statements about APIs against their documentation.',
    categories: ['api-claims'],
  },
  {
    id: 'endpoints',
    title: 'Endpoints come from configuration',
    whatToDo: 'No hard-coded hosts or addresses; TLS for remote calls.',
    categories: ['endpoints'],
  },
  {
    id: 'ci',
    title: 'CI, ownership and configuration changes justified',
    whatToDo: 'Every check still runs; permissions did not grow.',
    categories: ['ci-config'],
  },
  {
    id: 'size',
    title: 'Change is reviewable',
    whatToDo: 'Small enough to read; no duplicated blocks; generated files reviewed at the source.',
    categories: ['size', 'generated', 'duplication'],
  },
  {
    id: 'analyzers',
    title: 'Analyser findings on changed lines resolved',
    whatToDo: "Fix each one, or suppress it in the analyser's own configuration with a reason.",
    categories: ['analyzer'],
  },
  {
    id: 'provenance',
    title: 'AI-written lines understood by the author',
    whatToDo: 'The author can explain the AI-written parts and has read all of them.',
    categories: ['provenance'],
  },
  {
    id: 'explain',
    title: 'Author explains the riskiest hunks without the AI',
    whatToDo: "Walk through them in the review, in the author's own words.",
    categories: [],
    fromTier: 'T3',
  },
  {
    id: 'fail-before',
    title: 'A test fails before the change and passes after',
    whatToDo: 'Show the failing run, then the passing one.',
    categories: [],
    fromTier: 'T3',
  },
  {
    id: 'intent',
    title: 'Behaviour matches the description',
    whatToDo: 'Compare what the change does with what the PR says it does.',
    categories: [],
    fromTier: 'T2',
  },
];

/**
 * `mostlyAi`: the header's AI share is over the threshold. It raises the provenance item, which no finding raises
 * since the AI share became the header rather than a finding.
 */
export function buildChecklist(findings: readonly Finding[], tier: Tier, mostlyAi = false): ChecklistItem[] {
  return CHECKLIST.map((item) => {
    const hits = findings.filter((f) => item.categories.includes(f.category));
    let severity: Severity | null = null;
    for (const f of hits)
      if (severity === null || severityRank(f.severity) > severityRank(severity)) severity = f.severity;
    const byTier = (item.fromTier !== undefined && tier >= item.fromTier) || (item.id === 'provenance' && mostlyAi);
    return {
      id: item.id,
      title: item.title,
      whatToDo: item.whatToDo,
      status: hits.length > 0 || byTier ? 'triggered' : 'folded',
      findings: hits.length,
      severity,
    };
  });
}
