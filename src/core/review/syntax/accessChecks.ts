/**
 * Functions whose name says they decide whether something is allowed: `isPathWithinWorkspace`, `is_allowed_host`,
 * `canAccess`, `checkPermission`, `should_approve`. A change inside one changes what the program lets through or
 * refuses, whatever its file is called (the tier reads what code does, not path words). A predicate verb is required
 * (`allowList`, `permissionsDialog`, `blockHandler` name data or UI, not a decision), and "within/inside/contains"
 * counts only about paths and roots (`isWithinBudget` is arithmetic).
 */
const VERB = String.raw`(?:is|can|should|may|has|check|ensure|validate|verify|assert|must)_?`;
const ACCESS = String.raw`(?:allow|permit|authori[sz]|block|den(?:y|ied)|forbid|trust|approv|permission|access)`;
const PLACE = String.raw`(?:path|dir|root|workspace|folder|sandbox|project)`;
const CONTAINED = String.raw`(?:within|inside|contain)`;
const NAME = String.raw`${VERB}\w*?(?:${ACCESS}|${PLACE}\w*?${CONTAINED}|${CONTAINED}\w*?${PLACE})`;

export const ACCESS_CHECK_NAME = new RegExp(String.raw`^${NAME}`, 'i');

/** A definition or binding of such a function in a file's text: decides whether the file is parsed (read.ts). */
export const ACCESS_CHECK_DEFINED = new RegExp(
  String.raw`(?:\b(?:def|func|fn|function)\s+(?:\([^)]*\)\s*)?|^\s*(?:(?:public|private|protected|static|async|override|readonly)\s+)*)${NAME}\w*\s*(?:<[^>]*>\s*)?\(|\b${NAME}\w*\s*=\s*(?:async\s*)?(?:\(|function\b|lambda\b)`,
  'im',
);
