/** Auth changes: checks removed, anonymous access or CSRF exemptions added, privileged names compared in code. */
import type { Change, ChangeLine } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, oldRange, quote, scanLines } from './rule';

const AUTH: RuleMeta = {
  id: 'auth-weakened',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs'] },
  category: 'auth',
  title: 'Authentication or authorization weakened',
  whatToDo:
    'Confirm who can reach this code now; add a test that an unauthenticated or unprivileged caller is refused.',
};
const AUTH_REMOVED: RuleMeta = {
  id: 'auth-check-removed',
  claims: { languages: ['js', 'py', 'java', 'cs'] },
  category: 'auth',
  title: 'Authentication or authorization check removed',
  whatToDo:
    'Find where the removed check now happens; if nowhere, restore it and add a test that refuses unauthorised callers.',
};

const ADDED: readonly LinePattern[] = [
  {
    re: /\bpermitAll\s*\(\s*\)|@PermitAll\b|\[AllowAnonymous\]|\bAllowAnonymous\s*\(\s*\)|\bAuthorizationLevel\.Anonymous\b|\bpermission_classes\s*=\s*[[(]\s*AllowAny\b|\bAllowAny\b/,
    severity: 'high',
    label: 'allows anonymous access',
  },
  {
    re: /\.csrf\s*\(\s*\)\s*\.disable\s*\(\s*\)|\bcsrf\s*\(\s*\w+\s*->\s*\w+\.disable\s*\(\s*\)\s*\)|\bcsrf_exempt\b|\bIgnoreAntiforgeryToken\b|\bcsrf\s*:\s*false\b/,
    severity: 'high',
    label: 'CSRF protection off',
  },
  {
    re: /\bskip_?[Aa]uth\w*|\bskipAuth\w*|\bskip_before_action\s+:authenticate\w*|\bnoAuth\b|\b(?:auth|authenticate|requireAuth)\s*[:=]\s*false\b/,
    severity: 'high',
    label: 'bypasses the auth check',
  },
  {
    re: /\b(?:authenticated|isAdmin|is_admin|isAuthorized|is_superuser)\s*[:=]\s*(?:true|True)\b/,
    severity: 'medium',
    label: 'grants a privileged state directly',
  },
  {
    re: /\bverify_signature['"]?\s*:\s*False\b|\bjwt\.decode\s*\([^)]*verify\s*=\s*False|\balgorithms?\s*[:=]\s*\[?\s*['"]none['"]|\bignoreExpiration\s*:\s*true\b|\bValidate(?:Issuer|Audience|Lifetime|IssuerSigningKey)\s*=\s*false\b|\bParseUnverified\s*\(/i,
    severity: 'high',
    label: 'token accepted without full verification',
  },
  {
    // A role or permission the platform returned, compared with a role name, is an authorization check (RBAC:
    // `.permission == "admin" or .permission == "write"`); a user's name or a mode compared with one is the bypass.
    re: /(?<!\b(?:roles?|permissions?|access_?level)['"\]]?\s*)[=!]==?\s*['"](?:admin|root|debug|superuser|backdoor|god)['"]|['"](?:admin|root|debug|superuser|backdoor|god)['"]\s*[=!]==?|\.equals(?:IgnoreCase)?\s*\(\s*"(?:admin|root|debug|superuser)"\s*\)/i,
    severity: 'medium',
    label: 'privilege decided by comparing with a fixed name',
  },
];

const CHECK =
  /@login_required\b|@permission_required\b|\[Authorize\b|@PreAuthorize\b|@Secured\b|@RolesAllowed\b|\brequire_?[Aa]uth\w*|\bcheck_?[Pp]ermissions?\b|\bhas_?[Pp]ermission\b|\bensureAuthenticated\b|\bis_?[Aa]uthenticated\b|\bauthenticate\w*\s*\(|\bverify_?[Tt]oken\w*|\bauthorize\w*\s*\(|\bpermission_classes\b|\bjwt\.verify\s*\(|\bRequireAuthorization\s*\(|\bauthMiddleware\b|\bpassport\.authenticate\b|\brequiresAuth\b|\bUseAuthorization\s*\(|\bcan\?\s*\(|\bauthorize!\b|@UseGuards\b|\bcurrent_user\b/;

export const authRules: RuleFamily = {
  name: 'auth',
  rules: [AUTH, AUTH_REMOVED],
  triggers: [
    'ermit',
    'anonymous',
    'allowany',
    'csrf',
    'antiforgery',
    'kip',
    'uth',
    'dmin',
    'uperuser',
    'verify',
    'algorithm',
    'expiration',
    'validate',
    'unverified',
    'root',
    'debug',
    'backdoor',
    'god',
    'ermission',
    'erify',
    'secured',
    'rolesallowed',
    'login_required',
    'guards',
    'current_user',
    'can?',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source && !file.cls.config) continue;
      scanLines(
        sink,
        AUTH,
        file,
        file.added,
        'new',
        ADDED,
        /ermit|Anonymous|AllowAny|csrf|Antiforgery|kip|uth|dmin|uperuser|verify|algorithm|Expiration|Validate|Unverified|root|debug|backdoor|god/i,
      );
      const byHunk = new Map<number, ChangeLine[]>();
      for (const l of file.removed) {
        if (!sink.mayMatch(l) || !CHECK.test(l.code)) continue;
        const list = byHunk.get(l.hunk) ?? [];
        list.push(l);
        byHunk.set(l.hunk, list);
      }
      for (const [hunk, removed] of byHunk) {
        const kept = file.added.filter((l) => l.hunk === hunk && sink.mayMatch(l) && CHECK.test(l.code)).length;
        if (removed.length > kept) {
          sink.add(
            AUTH_REMOVED,
            file,
            oldRange(removed[0].line, removed[removed.length - 1].line),
            'high',
            `removed ${quote(removed[0].text, 50)}${removed.length - kept > 1 ? ` and ${removed.length - kept - 1} more` : ''}; no replacement in the same hunk`,
          );
        }
      }
    }
  },
};
