/** Resilience: timeouts, retries, backoff and rate limits removed or changed; unbounded waits and retry loops added. */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { linesAfter } from '../model/change';
import {
  FindingSink,
  LinePattern,
  RuleFamily,
  RuleMeta,
  newRange,
  oldRange,
  quote,
  quoteChange,
  scanLines,
} from './rule';

const REMOVED: RuleMeta = {
  id: 'resilience-removed',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs'] },
  category: 'resilience',
  title: 'Timeout, retry or rate limit removed',
  whatToDo:
    'Check what bounds this call now; without a timeout or limit one slow dependency can stall or overload the service.',
};
const CHANGED: RuleMeta = {
  id: 'resilience-changed',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs'] },
  category: 'resilience',
  title: 'Timeout or retry values changed',
  whatToDo: "Check the new values against the callers' own deadlines and the dependency's limits.",
};
const UNBOUNDED: RuleMeta = {
  id: 'unbounded-wait',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'resilience',
  title: 'Unbounded wait or retry',
  whatToDo: 'Give the wait a deadline and the retry loop a cap with backoff.',
};

const WORDS =
  /timeout|deadline|retr(?:y|ies)|backoff|rate_?limit|circuit_?breaker|throttl|max_?attempts|WithTimeout|WithDeadline/i;

/**
 * Names that describe a retry or timeout rather than set one: a message part, an error or event type
 * (`isinstance(x, RetryPromptPart)` in a sort key, `except RetryError`). Removing such a line changes no bound.
 */
const DESCRIBED = /(?:Part|Error|Exception|Exhausted|Event|Message|Kind|Type|Status|Reason|Metric)s?$/;

/** Whether code names a timeout, retry or limit setting (WORDS on an identifier that is not a DESCRIBED name). */
function namesSetting(code: string): boolean {
  if (!WORDS.test(code)) return false;
  const ids = code.match(/[A-Za-z_$][\w$]*/g) ?? [];
  // Words split across identifiers (`rate_limit` is one; `retry policy` in a string is two) keep the old reading.
  return ids.some((t) => WORDS.test(t) && !DESCRIBED.test(t)) || !ids.some((t) => WORDS.test(t));
}

const UNBOUNDED_PATTERNS: readonly LinePattern[] = [
  {
    re: /\b\w{0,40}[Tt]imeout\w{0,40}\s*[:=]\s*(?:0|None|null|nil|Infinity|-1|math\.Inf\([^)]*\)|float\(['"]inf['"]\))\s*[,;)}]?\s*$|\bTimeout\.Infinite(?:TimeSpan)?\b|\btimeout\s*=\s*None\b/,
    severity: 'medium',
    label: 'waits forever',
  },
  {
    re: /\.recv\(\)\.await\b(?![^;]*timeout)|\b(?:queue|q|inbox|responses?)\.get\(\s*\)\s*$|\bawait\s+[\w.]*(?:event|done|ready|closed|response_received)\w*\.wait\(\s*\)|\.(?:receive|recv)\(\s*\)\s*$|^\s*(?:\w+(?:\s*,\s*\w+)?\s*:?=\s*)?<-\s*[\w.]+\s*$|\.join\(\s*\)\s*(?:\.unwrap\(\))?;?\s*$|\bwait_for_message\w*\(\s*\)/,
    langs: ['py', 'rust', 'go', 'java', 'cs'],
    severity: 'low',
    label: 'waits for a message or event with no deadline (hangs if it never comes)',
  },
  {
    re: /\bmax_?[Rr]etries\s*[:=]\s*(?:-1|Infinity|None|float\(['"]inf['"]\))|\bretries\s*:\s*Infinity\b|\bRetryForever\b|\bretry_forever\b/,
    severity: 'medium',
    label: 'retries forever',
  },
];

const LOOP =
  /\bwhile\s*\(\s*(?:true|1)\s*\)|\bwhile\s+(?:True|1)\s*:|^\s*for\s*\{\s*$|\bfor\s*\(\s*;\s*;\s*\)|^\s*loop\s*\{\s*$/;

export const resilienceRules: RuleFamily = {
  name: 'resilience',
  rules: [REMOVED, CHANGED, UNBOUNDED],
  triggers: [
    'imeout',
    'etr',
    'while',
    'for',
    'loop',
    'recv',
    'get(',
    'wait',
    'receive',
    '<-',
    'join',
    'message',
    'deadline',
    'backoff',
    'ratelimit',
    'rate_limit',
    'circuitbreaker',
    'circuit_breaker',
    'throttl',
    'maxattempts',
    'max_attempts',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source && !file.cls.config && !file.cls.iac) continue;
      scanLines(
        sink,
        UNBOUNDED,
        file,
        file.added,
        'new',
        UNBOUNDED_PATTERNS,
        /imeout|etr|recv|get\(|wait|receive|<-|join|message/,
      );
      for (const l of file.added) if (sink.mayMatch(l) && LOOP.test(l.code)) retryLoop(sink, file, l);
      compareHunks(sink, file);
    }
  },
};

/** An endless loop whose body retries, with no visible attempt cap. */
function retryLoop(sink: FindingSink, file: ChangeFile, l: ChangeLine): void {
  const body = linesAfter(file, l, 8).join('\n');
  if (!/retr|attempt|reconnect|backoff|sleep|Sleep|time\.After|restart|respawn/i.test(body)) return;
  // A cap may be a count (attempts, retries) or a time budget (deadline, elapsed, a budget the sleeps add up to).
  if (
    /max|limit|attempts?\s*[<>]=?|[<>]=?\s*\w*attempts?|retries\s*[<>]|tries\s*[<>]|deadline|elapsed|timeout|budget|\bslept\b|\bwaited\b|time\.Since\s*\(|break\b/i.test(
      body,
    )
  )
    return;
  sink.add(UNBOUNDED, file, newRange(l.line), 'medium', `retry loop ${quote(l.text, 40)} has no attempt cap in sight`);
}

function compareHunks(sink: FindingSink, file: ChangeFile): void {
  const ci = file.cls.ci;
  const removed = groupByHunk(sink, file.removed, ci);
  if (removed.size === 0) return;
  const added = groupByHunk(sink, file.added, ci);
  const carried = carriedNames(file.added);
  for (const [hunk, gone] of removed) {
    const now = added.get(hunk) ?? [];
    if (gone.length > now.length) {
      if (gone.every((l) => namesOf(l.code).some((n) => carried.has(n)))) continue;
      sink.add(
        REMOVED,
        file,
        oldRange(gone[0].line, gone[gone.length - 1].line),
        'medium',
        `removed ${quote(gone[0].text, 50)}${gone.length - now.length > 1 ? ` and ${gone.length - now.length - 1} more` : ''}`,
      );
    } else {
      const before = numbers(gone);
      const after = numbers(now);
      if (before !== after && before !== '' && after !== '') {
        sink.add(
          CHANGED,
          file,
          newRange(now[0].line, now[now.length - 1].line),
          'low',
          quoteChange(gone[0].text, now[0].text).join(' -> '),
        );
      }
    }
  }
}

/**
 * Lines that name a timeout or a retry without setting one: an import (`from temporalio.common import RetryPolicy`
 * goes when the policy moves into a helper) and a log call ("retrying in 2s"). The lines that use them count.
 */
const NAMES_ONLY =
  /^\s*(?:import\b|from\s+[\w.]+\s+import\b|use\s+[\w:{]|#include\b)|^\s*(?:[\w.]*\b(?:log|logger|logging|slog|console|tracing)\.\w+|(?:trace|debug|info|warn|error)!)\s*\(/;

/**
 * What a line names of timeouts and retries: identifiers (`timeout`, `httpx2timeout`, `retry_policy`, lower-cased)
 * and, on such a line, its numbers other than 0 and 1 (`value:30`).
 */
function namesOf(code: string): string[] {
  if (!namesSetting(code)) return [];
  const names = (code.match(/[A-Za-z_$][\w$]*/g) ?? [])
    .filter((t) => WORDS.test(t) && !DESCRIBED.test(t))
    .map((t) => t.toLowerCase());
  const values = (code.match(/\b\d+(?:\.\d+)?\b/g) ?? [])
    .filter((v) => v !== '0' && v !== '1')
    .map((v) => `value:${v}`);
  return [...names, ...values];
}

/**
 * What the file's added lines still name: a timeout passed through an alias or another keyword
 * (`timeout=to_httpx2_timeout(...)` after `Timeout = legacy.Timeout if ... else Timeout2` went; `read_timeout=30`
 * after `timeout=30`) was renamed or moved, not removed.
 */
function carriedNames(lines: readonly ChangeLine[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) for (const n of namesOf(l.code)) out.add(n);
  return out;
}

/**
 * A CI job's wall-clock limit (`timeout-minutes`) bounds how long a runner is billed, not how the product behaves when
 * a call hangs: raising it for a slower build was noise to every reviewer who saw one (uv, 41–60).
 */
const CI_JOB_LIMIT = /^\s*timeout-minutes\s*:/;

function groupByHunk(sink: FindingSink, lines: readonly ChangeLine[], ci: boolean): Map<number, ChangeLine[]> {
  const out = new Map<number, ChangeLine[]>();
  for (const l of lines) {
    if (!sink.mayMatch(l) || !namesSetting(l.code) || NAMES_ONLY.test(l.code)) continue;
    if (ci && CI_JOB_LIMIT.test(l.code)) continue;
    const list = out.get(l.hunk) ?? [];
    list.push(l);
    out.set(l.hunk, list);
  }
  return out;
}

/**
 * The values a group of lines sets, as one sorted list: a line moved into a branch, or written twice (once per branch),
 * sets nothing new; only a number that appears or goes is a changed value.
 */
function numbers(lines: readonly ChangeLine[]): string {
  const values = new Set<string>();
  for (const l of lines) for (const n of l.code.match(/\b\d+(?:\.\d+)?\b/g) ?? []) values.add(n);
  return [...values].sort().join(',');
}
