/** Infrastructure exposure: open network ranges, wildcard IAM, privileged containers, public storage, encryption off. */
import type { Change } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, scanLines } from './rule';

const EXPOSURE: RuleMeta = {
  id: 'infra-exposure',
  claims: { languages: 'any', kinds: ['iac'] },
  category: 'infrastructure',
  title: 'Infrastructure opened up',
  whatToDo:
    'Scope it down: specific CIDRs, named actions and resources, unprivileged containers, private storage, encryption on.',
};

const PATTERNS: readonly LinePattern[] = [
  {
    re: /(?<![\d.])0\.0\.0\.0\/0\b|(?<![\w:])::\/0\b/,
    part: 'text',
    severity: 'high',
    label: 'open to the whole internet',
  },
  {
    re: /"Action"\s*:\s*(?:"\*"|\[\s*"\*"\s*\])|\bactions\s*=\s*\[\s*"\*"\s*\]|^\s*-?\s*Action\s*:\s*['"]?\*['"]?\s*$|"Principal"\s*:\s*(?:"\*"|\{\s*"AWS"\s*:\s*"\*"\s*\})|^\s*Principal\s*:\s*['"]?\*/,
    part: 'text',
    severity: 'high',
    label: 'wildcard IAM grants every action or principal',
  },
  {
    re: /\bprivileged\s*:\s*true\b|--privileged\b|\bhostNetwork\s*:\s*true\b|\bhostPID\s*:\s*true\b|\bCAP_SYS_ADMIN\b|\bcap_add\s*:.*\bALL\b/,
    part: 'text',
    severity: 'high',
    label: 'container gets host-level power',
  },
  {
    re: /\ballowPrivilegeEscalation\s*:\s*true\b|\brunAsUser\s*:\s*0\b|\brunAsNonRoot\s*:\s*false\b|^\s*USER\s+root\b|\breadOnlyRootFilesystem\s*:\s*false\b/,
    part: 'text',
    severity: 'medium',
    label: 'runs as root or may escalate',
  },
  {
    re: /\bpublicly_accessible\s*=\s*true\b|\bacl\s*=\s*"public-read(?:-write)?"|\bblock_public_(?:acls|policy)\s*=\s*false\b|\brestrict_public_buckets\s*=\s*false\b|\bPublicAccess\w*\s*:\s*['"]?(?:Enabled|true)|\ballUsers\b|\ballAuthenticatedUsers\b/,
    part: 'text',
    severity: 'high',
    label: 'storage or database reachable publicly',
  },
  {
    re: /\b(?:encrypted|storage_encrypted|enable_encryption|encryption_enabled|kms_encrypted)\s*[=:]\s*false\b/,
    part: 'text',
    severity: 'medium',
    label: 'encryption at rest off',
  },
  {
    re: /\bchmod\s+(?:-R\s+)?0?777\b|\bchmod\s+(?:-R\s+)?a\+rwx\b|\bos\.[Cc]hmod\s*\([^)]*0o?777|\bchmod(?:Sync)?\s*\([^)]*0o?777/,
    part: 'text',
    severity: 'medium',
    label: 'world-writable permissions',
  },
];

const CHEAP =
  /0\.0\.0\.0\/0|::\/0|Action|actions|Principal|privileged|hostNetwork|hostPID|CAP_SYS_ADMIN|cap_add|Escalation|runAs|root|readOnlyRoot|public|Public|allUsers|allAuthenticatedUsers|encrypt|777|rwx/;

export const infraRules: RuleFamily = {
  name: 'infrastructure',
  rules: [EXPOSURE],
  triggers: [
    '0.0.0.0/0',
    '::/0',
    'action',
    'principal',
    'privileged',
    'hostnetwork',
    'hostpid',
    'cap_sys_admin',
    'cap_add',
    'escalation',
    'runas',
    'root',
    'readonlyroot',
    'public',
    'allusers',
    'allauthenticatedusers',
    'encrypt',
    '777',
    'rwx',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (file.cls.lockfile || file.cls.docs || file.cls.test || file.diff.binary) continue;
      scanLines(sink, EXPOSURE, file, file.added, 'new', PATTERNS, CHEAP);
    }
  },
};
