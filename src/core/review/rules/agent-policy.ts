/**
 * An agent's tool-approval policy: rule files that decide which tool calls run without asking. Gemini CLI's policy
 * engine reads TOML files of `[[rule]]` tables (`toolName`, `argsPattern`/`commandPrefix`/`commandRegex`, `modes`,
 * `decision = "allow" | "deny" | "ask_user"`, `priority`; docs/reference/policy-engine.md of google-gemini/gemini-cli):
 * the highest-priority matching rule wins, and `allow` runs the call with no prompt. A rule file shipped with the agent
 * is every user's default; one in a workspace is every contributor's. What widens that boundary is reported, read
 * from both sides' whole text (src/git reads them): an allow rule added or changed (a pattern, a mode, a tool list), a
 * deny or ask rule turned into allow, a deny or ask rule dropped. Narrowing (new deny or ask rules) and comments say
 * nothing. Without the texts, added `decision = "allow"` lines are read from the hunks.
 */
import type { Change, ChangeFile } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, newRange, quote } from './rule';

const POLICY: RuleMeta = {
  id: 'agent-policy-widened',
  claims: { languages: ['toml'] },
  category: 'weakened-security',
  title: "Agent's tool-approval policy widened",
  whatToDo:
    'Read each new or changed allow rule as a permission boundary: which tool calls it lets run without asking, in which modes, and whether a test pins what it must not match.',
};

/** Policy rule files by name: `policies/*.toml`, `policy.toml`, a workspace's `.gemini/policies/`. */
const POLICY_PATH = /(?:^|\/)polic(?:y|ies)\/[^/]+\.toml$|(?:^|\/)[\w.-]*polic(?:y|ies)\.toml$/i;
/** Examples and docs of the format ship to nobody. */
const NOT_SHIPPED = /(?:^|\/)(?:examples?|samples?|docs?|fixtures|testdata)\//i;

/** Whether src/git should read the file's text on both sides for this rule. */
export function isPolicyFile(path: string): boolean {
  return POLICY_PATH.test(path) && !NOT_SHIPPED.test(path);
}

interface PolicyRule {
  /** Normalised body (comments and blank lines out, `key = value` trimmed): what two sides are compared by. */
  readonly body: string;
  readonly decision: string;
  /** The tool names and modes, normalised: a rule's identity across an edit of its pattern. */
  readonly target: string;
  /** 1-based lines of the table. */
  readonly start: number;
  readonly end: number;
  /** The conditions, for the message. */
  readonly shown: string;
}

export const agentPolicyRules: RuleFamily = {
  name: 'agent-policy',
  rules: [POLICY],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (file.diff.binary || file.cls.test || !isPolicyFile(file.path)) continue;
      const head = file.diff.newPath === null ? '' : change.context.headText?.get(file.path);
      const base = file.diff.oldPath === null ? '' : change.context.baseText?.get(file.path);
      if (head === undefined || base === undefined) fromHunks(file, sink);
      else compare(file, parse(head), parse(base), sink);
    }
  },
};

function compare(file: ChangeFile, head: PolicyRule[], base: PolicyRule[], sink: FindingSink): void {
  if (head.length === 0 && base.length === 0) return;
  const baseBodies = new Set(base.map((r) => r.body));
  const headBodies = new Set(head.map((r) => r.body));
  const widened: { rule: PolicyRule; what: string }[] = [];
  for (const r of head) {
    if (r.decision !== 'allow' || baseBodies.has(r.body)) continue;
    const before = base.find((b) => b.target === r.target && !headBodies.has(b.body));
    const what = !before
      ? 'adds an allow rule'
      : before.decision === 'allow'
        ? 'changes an allow rule'
        : `turns a ${before.decision} rule into allow`;
    widened.push({ rule: r, what });
  }
  const dropped = base.filter(
    (b) =>
      b.decision !== 'allow' &&
      !headBodies.has(b.body) &&
      !head.some((h) => h.target === b.target && h.decision !== 'allow'),
  );
  if (widened.length === 0 && dropped.length === 0) return;
  const first = widened[0];
  const parts: string[] = [];
  if (first) parts.push(`${first.what}: ${first.rule.shown}`);
  if (widened.length > 1) parts.push(`${widened.length - 1} more allow rule${widened.length > 2 ? 's' : ''}`);
  if (dropped.length > 0)
    parts.push(
      `drops ${dropped.length} ${dropped[0].decision} rule${dropped.length > 1 ? 's' : ''} (${dropped[0].shown})`,
    );
  const at = first ? newRange(first.rule.start, widened[widened.length - 1].rule.end) : undefined;
  sink.add(
    POLICY,
    file,
    at ?? { side: 'old', start: dropped[0].start, end: dropped[0].end },
    'high',
    `tool calls that run without asking: ${parts.join('; ')}`,
  );
}

/** Without the texts: added `decision = "allow"` lines, each read with the rule lines above it in its hunk. */
function fromHunks(file: ChangeFile, sink: FindingSink): void {
  const allows = file.added.filter((l) => /^\s*decision\s*=\s*["']allow["']/.test(l.code));
  if (allows.length === 0) return;
  sink.add(
    POLICY,
    file,
    newRange(allows[0].line, allows[allows.length - 1].line),
    'high',
    `tool calls that run without asking: ${allows.length} allow rule line${allows.length > 1 ? 's' : ''} added (${quote(allows[0].text, 40)})`,
  );
}

/** The `[[rule]]` tables of a policy file; a table ends at the next header. */
function parse(text: string): PolicyRule[] {
  const lines = text.split('\n');
  const out: PolicyRule[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!/^\s*\[\[\s*rule\s*\]\]\s*(?:#.*)?$/.test(lines[i])) {
      i++;
      continue;
    }
    const start = i;
    i++;
    const body: string[] = [];
    while (i < lines.length && !/^\s*\[/.test(lines[i])) {
      const l = lines[i].replace(/^\s*#.*$/, '').trim();
      if (l !== '') body.push(l.replace(/\s*=\s*/, ' = '));
      i++;
    }
    let end = i;
    while (end > start + 1 && lines[end - 1].trim() === '') end--;
    const field = (key: string): string | undefined =>
      body.find((l) => l.startsWith(`${key} = `))?.slice(key.length + 3);
    const decision = (field('decision') ?? '').replace(/["']/g, '');
    const target = `${field('toolName') ?? field('mcpName') ?? '*'}|${field('modes') ?? ''}|${field('subagent') ?? ''}|${field('interactive') ?? ''}`;
    const condition = field('argsPattern') ?? field('commandPrefix') ?? field('commandRegex');
    const shown = `toolName ${field('toolName') ?? field('mcpName') ?? '*'}${condition ? ` ${quote(condition, 60)}` : ''}${field('modes') ? ` in modes ${field('modes')}` : ''}`;
    out.push({ body: body.join('\n'), decision, target, start: start + 1, end, shown });
  }
  return out;
}
