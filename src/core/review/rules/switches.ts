/**
 * Safety switches newly exposed: an `allow_*`, `skip_*`, `insecure`, `disable_*`, `dangerously_*`, `no-verify` option
 * made reachable from a command line, the environment or a settings model. Off by default today, one flag away from
 * production tomorrow.
 */
import type { Change } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, newRange, quote } from './rule';

const SWITCH: RuleMeta = {
  id: 'safety-switch-exposed',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'weakened-security',
  title: 'Safety switch exposed',
  whatToDo: 'Check the default is safe, the switch cannot be set by an untrusted caller, and turning it on is logged.',
};

const NAME = String.raw`(?:allow|skip|disable|dangerous(?:ly)?|unsafe|insecure|trust|no[-_]?verify|bypass|ignore)[-_]?[\w-]*|[\w-]*[-_](?:insecure|unsafe|no[-_]verify)[\w-]*|insecure`;
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
  rules: [SWITCH],
  triggers: ['allow', 'skip', 'disable', 'dangerous', 'unsafe', 'insecure', 'trust', 'verify', 'bypass', 'ignore'],
  run(change: Change, sink: FindingSink): void {
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
