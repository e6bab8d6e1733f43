/**
 * Safety switches newly exposed: an `allow_*`, `skip_*`, `insecure`, `disable_*`, `dangerously_*`, `no-verify` option
 * made reachable from a command line, the environment or a settings model. Off by default today, one flag away from
 * production tomorrow. And a coding agent started with its approvals off (each agent's own flag or setting for it).
 */
import { movedInChange, type Change } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, newRange, quote } from './rule';

const SWITCH: RuleMeta = {
  id: 'safety-switch-exposed',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'weakened-security',
  title: 'Safety switch exposed',
  whatToDo: 'Check the default is safe, the switch cannot be set by an untrusted caller, and turning it on is logged.',
};

const NAME = String.raw`(?:allow|skip|disable|dangerous(?:ly)?|unsafe|insecure|trust|no[-_]?verify|bypass|ignore)[-_]?[\w-]*|[\w-]*[-_](?:insecure|unsafe|no[-_]verify)[\w-]*|insecure`;
const APPROVALS_OFF: RuleMeta = {
  id: 'agent-approvals-off',
  claims: { languages: 'any', kinds: ['source', 'config', 'agent-config'] },
  category: 'weakened-security',
  title: 'Coding agent runs with its approvals off',
  whatToDo:
    'Check what text the agent reads (untrusted input makes this remote code execution), that it runs sandboxed with no credential it could misuse, and that the tools it may run without asking are an allow list.',
};
/**
 * How each agent is told to run tools without asking: Claude Code (`--dangerously-skip-permissions`, permission mode
 * `bypassPermissions`), Codex (`--dangerously-bypass-approvals-and-sandbox`, `--full-auto`, approval policy `never`,
 * sandbox `danger-full-access`), Gemini CLI (`--yolo`, approval mode `yolo`), Copilot CLI (`--allow-all-tools`), and
 * SDK callbacks or policies that approve every tool call.
 */
const AGENT_APPROVALS_OFF =
  /--dangerously-skip-permissions\b|--dangerously-bypass-approvals-and-sandbox\b|--full-auto\b|--allow-all-tools\b|(?<![\w-])--yolo\b|--approval-mode[= ]['"]?yolo\b|--permission-mode[= ]['"]?bypassPermissions\b|--sandbox[= ]['"]?danger-full-access\b|--ask-for-approval[= ]['"]?never\b|\b(?:permission_?mode|permissionMode|defaultMode)['"]?\s*[:=]\s*['"]bypassPermissions\b|\bapproval_?[Mm]ode['"]?\s*[:=]\s*(?:ApprovalMode\.YOLO\b|['"]yolo\b)|\bapproval_policy['"]?\s*[:=]\s*['"]never\b|\bsandbox(?:_mode|Mode)?['"]?\s*[:=]\s*['"]danger-full-access\b|\b(?:def|function|fn|func)\s+auto_?[Aa]pprove\w*|\bpolicy\.allow_all\s*\(/;
/** Evaluation harnesses run the agent unattended by design. */
const EVALS = /(?:^|\/)evals?\//;

/** Where an option becomes reachable: argument parsers, flag packages, environment reads, settings fields. */
const EXPOSURE: readonly RegExp[] = [
  new RegExp(
    String.raw`\b(?:add_argument|option|Option|add_option|addOption|requiredOption)\s*\(\s*(?:['"]-\w['"]\s*,\s*)?['"]--(${NAME})['"]`,
    'i',
  ),
  new RegExp(
    String.raw`\bflag\.(?:Bool|String|Int)(?:Var)?\s*\((?:&[\w.]+\s*,\s*)?"(${NAME})"|\bFlags\(\)\.\w+\s*\((?:&[\w.]+\s*,\s*)?"(${NAME})"`,
    'i',
  ),
  new RegExp(
    String.raw`\b(?:environ(?:\.get)?|getenv|Getenv|LookupEnv|env::var(?:_os)?|process\.env)\s*(?:\[|\(|\.)\s*['"]?([A-Z0-9_]*(?:ALLOW|SKIP|DISABLE|INSECURE|UNSAFE|DANGEROUS|NO_VERIFY|BYPASS)[A-Z0-9_]*)`,
  ),
  new RegExp(String.raw`^\s*(?:pub\s+)?(${NAME})\s*:\s*(?:bool|Option<bool>|Optional\[bool\]|boolean|bool\s*=)`, 'i'),
  new RegExp(String.raw`^\s*(${NAME})\s*:\s*bool\s*=\s*(?:Field\(|False|True)`, 'i'),
];

export const switchRules: RuleFamily = {
  name: 'safety-switches',
  rules: [SWITCH, APPROVALS_OFF],
  triggers: [
    'allow',
    'skip',
    'disable',
    'dangerous',
    'unsafe',
    'insecure',
    'trust',
    'verify',
    'bypass',
    'ignore',
    'yolo',
    'full-auto',
    'danger-full-access',
    'approv',
  ],
  run(change: Change, sink: FindingSink): void {
    approvalsOff(change, sink);
    for (const file of change.files) {
      if (!file.cls.source) continue;
      const removedText = file.removed.map((l) => l.code).join('\n');
      for (const l of file.added) {
        if (!sink.mayMatch(l)) continue;
        for (const re of EXPOSURE) {
          const m = re.exec(l.code);
          const name = m?.slice(1).find((x) => x !== undefined);
          if (!name || /^(?:allow[-_]?list|skip[-_]?empty|ignore[-_]?case|trust[-_]?store)$/i.test(name)) continue;
          // Already exposed before the change (moved or reworded): not new.
          if (removedText.includes(name)) break;
          sink.add(SWITCH, file, newRange(l.line), 'medium', `${quote(name, 40)} made settable: ${quote(l.text, 60)}`);
          break;
        }
      }
    }
  },
};

/** One finding per file where an agent is newly started or configured with approvals off. */
function approvalsOff(change: Change, sink: FindingSink): void {
  for (const file of change.files) {
    // Any file an agent is started or configured from (code, scripts, workflows, agent settings), not prose or tests.
    const cls = file.cls;
    if (cls.test || cls.docs || cls.vendored || cls.generated || cls.lockfile || EVALS.test(file.path)) continue;
    const removedText = file.removed.map((l) => l.text).join('\n');
    const moved = movedInChange(change, file);
    const hits = file.added.filter((l) => {
      if (!sink.mayMatch(l) || moved.has(l.line)) return false;
      const m = AGENT_APPROVALS_OFF.exec(l.text);
      // Already there before the change (re-wrapped, reordered): not new.
      return m !== null && !removedText.includes(m[0]);
    });
    if (hits.length === 0) continue;
    const what = AGENT_APPROVALS_OFF.exec(hits[0].text)![0];
    sink.add(
      APPROVALS_OFF,
      file,
      newRange(hits[0].line, hits[hits.length - 1].line),
      'high',
      `${quote(what, 50)}: ${quote(hits[0].text, 60)}${hits.length > 1 ? ` and ${hits.length - 1} more` : ''}`,
    );
  }
}
