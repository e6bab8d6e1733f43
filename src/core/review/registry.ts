/** Every rule family, in report order. Add a family here and it runs, appears in RULES and in the checklist. */
import { apiRules } from './rules/api';
import { authRules } from './rules/auth';
import { ciConfigRules } from './rules/ci-config';
import { ciGrantRules } from './rules/ci-grants';
import { commentRules } from './rules/comments';
import { commentDriftRules } from './rules/comment-drift';
import { concurrencyRules } from './rules/concurrency';
import { accessCheckRules } from './rules/access-checks';
import { confinementRules } from './rules/confinement';
import { dependencyRules } from './rules/dependencies';
import { dependencyBoundRules } from './rules/dependency-bounds';
import { checksumRules } from './rules/checksums';
import { downloadRules } from './rules/downloads';
import { destructiveRules } from './rules/destructive';
import { duplicationRules } from './rules/duplication';
import { endpointRules } from './rules/endpoints';
import { errorRules } from './rules/errors';
import { hiddenRules } from './rules/hidden';
import { infraRules } from './rules/infra';
import { loggingRules } from './rules/logging';
import { placeholderRules } from './rules/placeholders';
import { provenanceRules } from './rules/provenance';
import { publicDeleteRules } from './rules/public-deletes';
import { resilienceRules } from './rules/resilience';
import type { RuleFamily, RuleMeta } from './rules/rule';
import { secretRules } from './rules/secrets';
import { securitySettingRules } from './rules/security-settings';
import { sinkRules } from './rules/sinks';
import { sizeRules } from './rules/size';
import { suppressionRules } from './rules/suppressions';
import { switchRules } from './rules/switches';
import { agentPolicyRules } from './rules/agent-policy';
import { testGamingRules } from './rules/test-gaming';
import { testRules } from './rules/tests';

export const RULE_FAMILIES: readonly RuleFamily[] = [
  secretRules,
  hiddenRules,
  sinkRules,
  securitySettingRules,
  switchRules,
  agentPolicyRules,
  authRules,
  accessCheckRules,
  confinementRules,
  destructiveRules,
  publicDeleteRules,
  infraRules,
  dependencyRules,
  dependencyBoundRules,
  downloadRules,
  checksumRules,
  testRules,
  testGamingRules,
  errorRules,
  suppressionRules,
  placeholderRules,
  resilienceRules,
  concurrencyRules,
  loggingRules,
  apiRules,
  commentRules,
  commentDriftRules,
  endpointRules,
  ciConfigRules,
  ciGrantRules,
  sizeRules,
  duplicationRules,
  // Last: it reads the process findings of sinkRules so one call is not reported twice.
  provenanceRules,
];

export const RULES: readonly RuleMeta[] = RULE_FAMILIES.flatMap((f) => f.rules);

export function ruleById(id: string): RuleMeta | undefined {
  return RULES.find((r) => r.id === id);
}
