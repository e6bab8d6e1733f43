/** Branch facts for report tests, optionally poisoned with hostile strings where notes, commits and code reach. */
import type { LineSource } from '../../../src/core/blame';
import { hunkKey, type SignoffFound } from '../../../src/core/policy';
import type { BranchFacts, ReviewSummary } from '../../../src/core/report';
import { parseUnifiedDiff, type Finding } from '../../../src/core/review';

/** Strings that would become markup, links, mentions or terminal controls if rendered raw. */
export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1))',
  '[run](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%22%7D)',
  '![pixel](https://evil.example/track.png)',
  'see https://evil.example/phish and www.evil.example',
  '@octocat @everyone',
  '</details><script>alert(1)</script>',
  'tick`s ``double`` and ` edge',
  'pipe | breaks | tables',
  'line\n# Injected heading\n- [x] fake',
  'ansi \u001b[31mred\u001b[0m bell\u0007 bidi \u202egnp.exe',
  '<!-- open comment',
  '&#60;script&#62; &lt;b&gt;',
  '**bold** _em_ ~~strike~~ \\',
];

export const HEAD = 'e'.repeat(40);
const BASE = 'b'.repeat(40);

function diffFor(paths: readonly string[]): string {
  const out: string[] = [];
  for (const p of paths) {
    out.push(
      `diff --git a/${p} b/${p}`,
      'new file mode 100644',
      '--- /dev/null',
      `+++ b/${p}`,
      '@@ -0,0 +1,3 @@',
      '+const a = 1;',
      '+const b = 2;',
      '+const c = 3;',
    );
  }
  return out.join('\n') + '\n';
}

/** Facts for files `paths` (3 added lines each: AI, mixed, human) whose origins carry `label` as tool and model. */
export function facts(
  label = 'claude-code',
  paths: readonly string[] = ['src/a.ts'],
  signoffs: SignoffFound[] = [],
): BranchFacts {
  const diff = parseUnifiedDiff(diffFor(paths));
  const origins = [{ kind: 'agent' as const, tool: label, model: label, time: 1 }];
  const lineSource = (_path: string, line: number): LineSource =>
    line === 1
      ? { authorship: 'ai', evidence: 'record', origins }
      : line === 2
        ? { authorship: 'mixed', evidence: 'record', origins }
        : { authorship: 'human', evidence: 'none', origins: [] };
  return {
    base: { ref: 'main', commit: BASE },
    head: { ref: 'feature', commit: HEAD },
    diff,
    lineSource,
    commits: [{ commit: HEAD, trusted: true, rejected: `bad note: ${label}` }],
    signoffs,
    warnings: [`warning about ${label}`],
  };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'secret',
    category: 'secrets',
    title: 'Secret in the change',
    why: 'AWS key found',
    file: 'src/a.ts',
    range: { side: 'new', start: 1, end: 2 },
    severity: 'high',
    inAi: true,
    whatToDo: 'Rotate it.',
    ...overrides,
  };
}

export function review(
  findings: Finding[] = [finding()],
  reasons: string[] = ['T3: secret in src/a.ts:1'],
): ReviewSummary {
  return {
    tier: 'T3',
    reasons,
    signOff: 'senior sign-off',
    owners: [],
    findings,
    omitted: {},
    checklist: [
      {
        id: 'secrets',
        title: 'No secrets in the change',
        whatToDo: 'Rotate anything committed.',
        status: 'triggered',
        findings: 1,
        severity: 'high',
      },
    ],
    warnings: [],
  };
}

/** A sign-off by `name <email>` that reviewed the first AI hunk of src/a.ts. */
export function signoff(name: string, email: string): SignoffFound {
  return {
    commit: HEAD,
    entry: {
      reviewer: { name, email },
      time: '2026-01-01T00:00:00Z',
      head: HEAD,
      base: BASE,
      tier: 'T3',
      checklist: [],
      aiHunks: { total: 1, reviewed: [hunkKey('src/a.ts', ['const a = 1;', 'const b = 2;', 'const c = 3;'])] },
    },
  };
}
