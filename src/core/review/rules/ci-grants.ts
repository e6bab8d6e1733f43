/**
 * Credential-broker grants: files that let a workflow exchange its OIDC identity for a GitHub token with chosen
 * permissions, often on another repository. Octo STS reads trust policies from `.github/chainguard/<name>.sts.yaml`
 * (issuer, subject, permissions); ost-simple-sts reads one `.github/ost-simple-sts.json` listing, per grant, the
 * calling repository and workflow, its events, the target repository and the permissions. A grant adding write
 * permissions gives whatever runs in that workflow write access where branch protection of this repository does not
 * reach: a reviewer wants to know which workflow, which target, which scopes.
 */
import type { Change, ChangeFile } from '../model/change';
import { BROKER_GRANT } from '../model/paths';
import { FindingSink, RuleFamily, RuleMeta } from './rule';

const GRANT: RuleMeta = {
  id: 'ci-credential-grant',
  claims: { languages: 'any', kinds: ['config'] },
  category: 'ci-config',
  title: 'A credential broker grants a workflow a token',
  whatToDo:
    'Check which workflow, on which events, gets which permissions on which repository: the narrowest scopes, one workflow file, trusted events only, and a protected environment.',
};

/** `"contents": "write"`, `contents: write`. */
const WRITE = /["']?([a-z][\w-]*)["']?\s*:\s*["']?write\b/g;
const READ = /["']?([a-z][\w-]*)["']?\s*:\s*["']?read\b/;
/** Fields naming who gets the token and for what: the target repository, the calling workflow, the OIDC subject. */
const WHO =
  /(?<![\w-])["']?(target|caller_workflow|caller|subject(?:_pattern)?|repository|claim_pattern)["']?\s*:\s*(?:["']([^"'\n]+)["']|([^\s#,]+))/g;

export const ciGrantRules: RuleFamily = {
  name: 'ci-grants',
  rules: [GRANT],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) if (BROKER_GRANT.test(file.path) && file.added.length > 0) grant(sink, file);
  },
};

function grant(sink: FindingSink, file: ChangeFile): void {
  const writes = new Set<string>();
  const who: string[] = [];
  let first: number | undefined;
  for (const l of file.added) {
    for (const m of l.text.matchAll(WRITE)) {
      writes.add(m[1]);
      first ??= l.line;
    }
    for (const m of l.text.matchAll(WHO)) who.push(`${m[1]} ${m[2] ?? m[3]}`);
  }
  // Scopes that were already granted on a removed twin line are not new: a reordered or reformatted grant.
  for (const l of file.removed) for (const m of l.text.matchAll(WRITE)) if (who.length === 0) writes.delete(m[1]);
  const whom = who.length > 0 ? ` (${[...new Set(who)].slice(0, 4).join(', ')})` : '';
  if (writes.size > 0) {
    sink.add(
      GRANT,
      file,
      { side: 'new', start: first!, end: first! },
      'high',
      `grants a workflow a token with ${[...writes].map((w) => `${w}: write`).join(', ')}${whom}`,
    );
    return;
  }
  const read = file.added.find((l) => READ.test(l.text));
  if (read && who.length > 0)
    sink.add(
      GRANT,
      file,
      { side: 'new', start: read.line, end: read.line },
      'medium',
      `grants a workflow a read token${whom}`,
    );
}
