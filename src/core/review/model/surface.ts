/**
 * What a change touches, read from what its code does rather than from words in its paths: credentials and
 * permissions, cryptography, building commands for other processes, and sandbox policy (what a spawned process may
 * do: macOS seatbelt rules, seccomp filters, AppArmor and SELinux profiles, Landlock rulesets, bubblewrap/nsjail/
 * firejail invocations, containers run unconfined). A path named `session/` may hold chat transcripts; a line that
 * builds a `subprocess` argument list is process execution wherever it lives. Only production code counts (tests,
 * docs, data, vendored and generated files never make a change critical), plus sandbox policy files (`*.sb`,
 * `*seccomp*.json`, `apparmor.d/`, `*.te`), whose every rule line is the policy.
 */
import type { ChangeFile, ChangeLine } from './change';
import { definesPattern, execInCode } from './lexer';
import { carryOver, namesCompared, ownerless, passesThrough, placesOf } from './surfacePlaces';

export type SurfaceKind = 'auth' | 'crypto' | 'process' | 'sandbox';

export interface SurfaceHit {
  readonly kind: SurfaceKind;
  /** Added or removed lines of production code that do this kind of work. */
  readonly added: number;
  readonly removed: number;
  /** Added hits in a hunk that also removed lines: existing code rewritten there, not new code beside it. */
  readonly replacing: number;
  /** First hit, new-side line when there is an added one, else old-side. */
  readonly line: number;
  /** What matched there, e.g. "subprocess.run". */
  readonly evidence: string;
  /**
   * Sandbox policy only: every rule the change adds denies and every rule it drops allowed, so the boundary only
   * narrowed (a deny list for container sockets); widening it, or rules whose verb is unknown, leave this false.
   */
  readonly tightensOnly?: boolean;
}

/**
 * Patterns over the code part of a line (comments stripped; string contents kept). Each is an operation, not a
 * topic: `token` alone is a lexer token or an LLM token count far more often than a credential; `child_process`
 * counts as the module (quoted alone, or `child_process.x`), not as a word in a message ("falling back to
 * child_process.").
 */
const PATTERNS: Readonly<Record<SurfaceKind, RegExp>> = {
  auth: new RegExp(
    [
      String.raw`\b(?:access|refresh|auth|bearer|id|api|session|csrf|github|gh|oauth)[_-]?tokens?\b`,
      String.raw`\b(?:api[_-]?key|client[_-]?secret|secret[_-]?key|private[_-]?key|passwords?|passwd|passphrase|credentials?)\b`,
      String.raw`\bAuthorization\b|\bBearer\s`,
      String.raw`\b(?:authenticate|authorize|authorization|is_authenticated|isAuthenticated|login_required|requires?_auth|check_?permissions?|has_?permissions?|is_?admin|is_superuser|verify_password|check_password)\b`,
      String.raw`\b(?:jwt|oauth2?|saml|openid|keyring|keychain)\b`,
      String.raw`\b(?:chmod|chown|setuid|setgid|os\.umask|set_permissions|Permissions::from_mode)\b`,
    ].join('|'),
    'i',
  ),
  crypto: new RegExp(
    [
      // `encrypted_content`, `isEncrypted`: a name for data that is encrypted elsewhere (a provider's opaque payload).
      String.raw`\b(?!(?:en|de)crypted)(?:encrypt|decrypt|cipher|hmac|pbkdf2|bcrypt|scrypt|argon2|ed25519|x25519|ecdsa|rsa|aes[_-]?gcm|chacha20|nacl|libsodium)\w*`,
      String.raw`\b(?:sign|verify)_?(?:signature|message|payload|token)\b|\bverifySignature\b|\bcreateSign\b|\bcreateVerify\b`,
      String.raw`\bcrypto\.(?:subtle|createCipher\w*|createDecipher\w*|createHmac|randomBytes|timingSafeEqual)\b|\bsecrets\.(?:token_\w+|compare_digest)\b|\bhmac\.compare_digest\b|\bconstant_time_eq\b`,
      String.raw`\b(?:rustls|openssl|ring::|cryptography\.hazmat|javax\.crypto|golang\.org/x/crypto)\b`,
    ].join('|'),
    'i',
  ),
  process: new RegExp(
    [
      String.raw`\bsubprocess\.(?:run|call|check_call|check_output|Popen)\b|\bos\.(?:system|popen|exec\w*|spawn\w*)\b|\bshell\s*=\s*True\b`,
      String.raw`\bshlex\.(?:quote|split|join)\b|\bbashlex\b|mvdan\.cc/sh\b|\bshell[_-]?(?:quote|escape|words)\b|\bescapeshellarg\b|\bquote_?arg\w*\b`,
      String.raw`\basyncio\.create_subprocess_\w+|\bcreate_subprocess_(?:exec|shell)\b|\banyio\.(?:run_process|open_process)\b`,
      String.raw`['"\x60](?:node:)?child_process['"\x60]|\bchild_process\.\w|\b(?:execFile|execFileSync|execSync|spawnSync)\s*\(|\bspawn\s*\(\s*['"\x60\w]|\bexeca\s*\(`,
      String.raw`\b(?:std::process::)?Command::new\s*\(|\.args?\s*\(\s*(?:&?\[|["\w&])|\bexec\.Command(?:Context)?\s*\(|\bProcessBuilder\b|\bRuntime\.getRuntime\(\)\.exec\b`,
      // A shell interpreter's exec handler: every command the embedded shell runs goes through it (mvdan/sh's
      // `interp.ExecHandlers`; crush #3097 replaced it with a hand copy that isolates children, judged T3).
      String.raw`\binterp\.(?:ExecHandlers?|DefaultExecHandler)\b`,
    ].join('|'),
  ),
  // Operations that grant or take away what a sandboxed process may do, not the word "sandbox" (a config flag, an
  // iframe attribute, codesandbox): seatbelt rules (also embedded as strings, gemini-cli #28551), sandbox launchers,
  // seccomp, Landlock, AppArmor, containers loosened.
  sandbox: new RegExp(
    [
      String.raw`\((?:allow|deny)\s+(?:default\b|(?:file|process|mach|sysctl|iokit|ipc|system|user-preference)-[\w*-]+|network[\w*-]*|signal\b|pseudo-tty\b)`,
      String.raw`\bsandbox-exec\b|\bbwrap\b|\bnsjail\b|\bfirejail\b|\baa-exec\b|\bapparmor_parser\b|\baa_change_(?:profile|hat)\b`,
      String.raw`\bSCMP_ACT_\w+|\bseccomp_(?:init|rule_add\w*|load|attr_set)\b|\bPR_SET_(?:NO_NEW_PRIVS|SECCOMP)\b|\bSECCOMP_(?:SET_MODE_\w+|RET_\w+|FILTER_FLAG_\w+)`,
      String.raw`\blandlock_(?:create_ruleset|add_rule|restrict_self)\b|\bAccessFs::\w+|\bPathBeneath\b|\bRulesetAttr\b`,
      String.raw`\b(?:seccomp|apparmor|systempaths)[=:]unconfined\b|--privileged\b|--cap-add\b|--security-opt\b|\bno-new-privileges\b`,
    ].join('|'),
  ),
};

/**
 * Words every match of a kind's pattern contains, tested first: most lines have none, and this is several times
 * cheaper than the full pattern's many alternatives at every position. (The crypto pattern is cheap enough alone.)
 */
const WORDS: Partial<Readonly<Record<SurfaceKind, RegExp>>> = {
  auth: /token|key|secret|pass|credential|auth|bearer|login|permission|admin|superuser|jwt|saml|openid|chmod|chown|setuid|setgid|umask/i,
  process:
    /subprocess|os\.|shell|shlex|mvdan|quote|anyio|child_process|exec|ExecHandler|spawn|Command|\.arg|ProcessBuilder/,
  sandbox:
    /allow|deny|sandbox-exec|bwrap|nsjail|firejail|aa-exec|apparmor|aa_change|scmp_|seccomp|pr_set_|landlock|accessfs|pathbeneath|rulesetattr|unconfined|privileged|cap-add|security-opt|no-new-privileges/i,
};

/** Files that are sandbox policy as a whole: seatbelt profiles, seccomp filters, AppArmor profiles, SELinux modules. */
export function isSandboxPolicyFile(path: string): boolean {
  return SANDBOX_POLICY_FILE.test(path);
}
const SANDBOX_POLICY_FILE =
  /(?:^|\/)[^/]+\.sb$|(?:^|\/)[^/]*seccomp[^/]*\.json$|(?:^|\/)apparmor(?:\.d)?\/|\.apparmor$|(?:^|\/)[^/]+\.te$/i;
/** A policy file's lines that hold no rule: blank, a comment (`;` seatbelt, `#` AppArmor/SELinux), brackets only. */
const NO_RULE = /^\s*(?:[;#].*|[()[\]{},]*)$/;

/** The sides of a policy file, whole (read by src/git): where a rule's verb lies outside the hunk. */
export interface PolicyTexts {
  readonly head?: string;
  readonly base?: string;
}

type Verb = 'allow' | 'deny';
/** A seatbelt form's verb and operation: `(allow file-write*` gives allow and `file-write*`. */
const FORM = /\((allow|deny)\b\s*([\w*-]*)/g;

/**
 * The verb (and operation) a policy line falls under, walking up from `index` in `lines`: the nearest `(allow` /
 * `(deny` at or before it (seatbelt rules span lines: `(deny process-exec` then one `(literal …)` per line), or an
 * AppArmor `deny` rule; null when a form closed above it, undefined when the lines ran out first.
 */
function formAt(lines: readonly string[], index: number): { verb: Verb; op: string } | null | undefined {
  for (let i = index; i >= 0 && i > index - 400; i--) {
    const text = lines[i];
    let form: { verb: Verb; op: string } | null = null;
    for (const m of text.matchAll(FORM)) form = { verb: m[1] as Verb, op: m[2] };
    if (form) return form;
    if (/^\s*(?:audit\s+)?deny\s/.test(text)) return { verb: 'deny', op: '' };
    if (i < index && /^\s*\)\s*$/.test(text)) return null; // a form closed above: this line starts a new one
  }
  return undefined;
}

/**
 * The form a changed policy line falls under: read in its hunk, and, when the hunk starts inside the form (a path
 * dropped from a long `(allow file-write*` list), in the whole file on that line's side.
 */
function formOf(file: ChangeFile, l: ChangeLine, texts?: PolicyTexts): { verb: Verb; op: string } | null {
  const lines = file.diff.hunks[l.hunk].lines;
  const inHunk = formAt(
    lines.map((x) => x.text),
    l.index,
  );
  if (inHunk !== undefined) return inHunk;
  const deleted = lines[l.index].kind === 'del';
  const whole = deleted ? texts?.base : texts?.head;
  if (whole === undefined) return null;
  return formAt(whole.split('\n'), l.line - 1) ?? null;
}

function verbOf(file: ChangeFile, l: ChangeLine, texts?: PolicyTexts): Verb | null {
  return formOf(file, l, texts)?.verb ?? null;
}

function tightensOnly(
  file: ChangeFile,
  added: readonly ChangeLine[],
  removed: readonly ChangeLine[],
  texts?: PolicyTexts,
): boolean {
  if (added.every((l) => verbOf(file, l, texts) === 'deny') && removed.every((l) => verbOf(file, l, texts) === 'allow'))
    return true;
  return deniesByDefaultNow(file, added, texts);
}

/** A profile's rule text: comments (`;` to the end of a line) out. */
const rulesOf = (text: string): string => text.replace(/;.*$/gm, '');

/**
 * The profile went from allowing everything by default (`(allow default)`, with a few deny rules) to denying by default
 * with an allow list: whatever the new allow rules name, the base allowed already, unless the base denied that
 * operation outright (`(deny file-write*)`) and an added line allows some of it now. gemini-cli #28424 (judged a
 * narrowing: the breakage risk is real, the escape risk went down).
 */
function deniesByDefaultNow(file: ChangeFile, added: readonly ChangeLine[], texts?: PolicyTexts): boolean {
  if (texts?.head === undefined || texts.base === undefined) return false;
  const head = rulesOf(texts.head);
  const base = rulesOf(texts.base);
  if (!/\(allow\s+default\s*\)/.test(base) || /\(allow\s+default\s*\)/.test(head)) return false;
  if (!/\(deny\s+default\s*\)/.test(head)) return false;
  const deniedBefore = [...base.matchAll(FORM)].filter((m) => m[1] === 'deny' && m[2] !== 'default').map((m) => m[2]);
  // `file-write*` covers `file-write-data`; a bare `file*` covers every file operation.
  const covers = (denied: string, op: string): boolean =>
    denied.endsWith('*') ? op.startsWith(denied.slice(0, -1)) : denied === op || op.startsWith(`${denied}-`);
  return added.every((l) => {
    const form = formOf(file, l, texts);
    if (!form) return false;
    return form.verb === 'deny' || !deniedBefore.some((d) => covers(d, form.op) || covers(form.op, d));
  });
}

/**
 * A sandbox policy file's changed rule lines as one `sandbox` hit (none when only comments changed). A rule removed
 * and added again word for word (moved, re-indented, a newline added at the end of the file) changes nothing.
 */
function policyFileSurface(file: ChangeFile, texts?: PolicyTexts): SurfaceHit[] {
  const rules = (lines: readonly ChangeLine[]) => lines.filter((l) => !NO_RULE.test(l.text));
  const count = (lines: readonly ChangeLine[]) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l.text.trim(), (m.get(l.text.trim()) ?? 0) + 1);
    return m;
  };
  const addedRules = rules(file.added);
  const removedRules = rules(file.removed);
  const addedCount = count(addedRules);
  const removedCount = count(removedRules);
  // Drops from a side the first min(added, removed) copies of each text: those pair with the other side's.
  const uncarried = (lines: readonly ChangeLine[], other: ReadonlyMap<string, number>) => {
    const paired = new Map<string, number>();
    return lines.filter((l) => {
      const k = l.text.trim();
      const n = paired.get(k) ?? 0;
      if (n >= (other.get(k) ?? 0)) return true;
      paired.set(k, n + 1);
      return false;
    });
  };
  const added = uncarried(addedRules, removedCount);
  const removed = uncarried(removedRules, addedCount);
  const first = added[0] ?? removed[0];
  if (!first) return [];
  const replacing = added.filter((l) => file.diff.hunks[l.hunk].lines.some((x) => x.kind === 'del')).length;
  return [
    {
      kind: 'sandbox',
      added: added.length,
      removed: removed.length,
      replacing,
      line: first.line,
      evidence: first.text.trim().slice(0, 60),
      tightensOnly: tightensOnly(file, added, removed, texts),
    },
  ];
}

/** String literals on one line; single quotes only outside Rust, where `'a` is a lifetime and `'x'` one character. */
const STRINGS = /"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const STRINGS_SINGLE = /"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'/g;
const PROSE = /\S\s+\S+\s+\S/;
/**
 * A logging or printing call: Rust's `trace!(`, Go's `slog.Warn(` and `fmt.Println(`, Python's `logger.debug(` and
 * `print(`, JS's `console.log(`. Instructions printed to a user ("follow the link to authenticate") handle nothing.
 */
const LOG_CALL =
  /\b(?:trace|debug|info|warn|error|eprintln|println|print|eprint)!\s*\(|\bfmt\.(?:Print|Fprint)\w*\s*\(|\b\w+\.Println\s*\(|(?<![.\w])print\s*\(|\b(?:log|logger|logging|slog|console|tracing|LOG|Log|_log|_logger)\.(?:\w+\.)?(?:trace|debug|info|warn|warning|error|exception|critical|log|Print\w*|Debug\w*|Info\w*|Warn\w*|Error\w*)\s*\(/;
const ONLY_STRING = /^\s*[fbr]?(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)\s*,?\s*$/;

/**
 * The code of a line with the prose of log messages emptied: `trace!("No credentials in cache for realm {r}")` talks
 * about credentials, it handles none. A log call's arguments on the next line count as its own. Short strings stay
 * ("Authorization", "child_process"), and so do error messages: a function failing to bind an OAuth callback port is
 * OAuth code.
 */
function codeWithoutLogProse(file: ChangeFile, l: ChangeLine, rust: boolean): string {
  const code = l.code;
  if (!code.includes('"') && !code.includes('`') && (rust || !code.includes("'"))) return code;
  let logged = LOG_CALL.test(code);
  if (!logged && ONLY_STRING.test(code)) {
    const lines = file.diff.hunks[l.hunk].lines;
    for (let i = l.index - 1; i >= 0 && i >= l.index - 2; i--) {
      if (lines[i].text.trim() === '') continue;
      logged = LOG_CALL.test(lines[i].text) && /\(\s*$/.test(lines[i].text);
      break;
    }
  }
  if (!logged) return code;
  return code.replace(rust ? STRINGS : STRINGS_SINGLE, (s) => (PROSE.test(s) ? '""' : s));
}

/** `.arg(` alone also names builders of many kinds (clap, SQL); it counts only in a file that runs processes. */
const ARG_ONLY = /^\.args?\s*\(/;

const PROCESS_CALL =
  /\bsubprocess\.|\bos\.(?:system|popen)\b|['"`](?:node:)?child_process['"`]|\bchild_process\.\w|\b(?:execFile|execFileSync|execSync|spawnSync|spawn)\s*\(|\bCommand::new\b|\bexec\.Command|\bProcessBuilder\b/;

function contextHas(file: ChangeFile, re: RegExp): boolean {
  for (const h of file.diff.hunks) for (const l of h.lines) if (l.kind === 'context' && re.test(l.text)) return true;
  return false;
}

/** A kind's matching lines of one file, by index into its added and removed lines, with their code. */
interface KindHits {
  readonly added: Map<number, RegExpExecArray>;
  readonly removed: Map<number, RegExpExecArray>;
  readonly addedCode: readonly string[];
  readonly removedCode: readonly string[];
}

/**
 * Each kind's lines in a file's production code, pass-throughs left out and lines the file's other side carries word
 * for word dropped; undefined for files that are never surfaces (tests, docs, data) and for policy files (read whole).
 */
function fileHits(file: ChangeFile): Map<SurfaceKind, KindHits> | undefined {
  if (file.cls.test || file.cls.docs || file.cls.vendored || file.cls.generated) return undefined;
  if (SANDBOX_POLICY_FILE.test(file.path) || !file.cls.source) return undefined;
  const rust = file.cls.language === 'rust';
  // Each line's code without log prose, once for all kinds.
  const addedCode = file.added.map((l) => codeWithoutLogProse(file, l, rust));
  const removedCode = file.removed.map((l) => codeWithoutLogProse(file, l, rust));
  // Process work is read from code only: a help text or message naming `subprocess.run` starts nothing. (Sandbox rules
  // stay readable in strings, where embedded profiles hold them; auth and crypto names in strings are header names
  // and algorithm ids, which do count.)
  const addedBare = file.added.map((l, i) => (addedCode[i] === l.code ? l.bare : addedCode[i]));
  const removedBare = file.removed.map((l, i) => (removedCode[i] === l.code ? l.bare : removedCode[i]));
  const out = new Map<SurfaceKind, KindHits>();
  for (const kind of Object.keys(PATTERNS) as SurfaceKind[]) {
    const re = PATTERNS[kind];
    const words = WORDS[kind];
    const matches = (code: readonly string[], bare: readonly string[]): Map<number, RegExpExecArray> => {
      const m = new Map<number, RegExpExecArray>();
      for (let i = 0; i < code.length; i++) {
        const hit =
          words && !words.test(code[i])
            ? null
            : kind === 'process'
              ? execInCode(re, code[i], bare[i])
              : re.exec(code[i]);
        // A detector's own pattern (`String.raw\`--privileged\b\``) names the work without doing it.
        if (hit && definesPattern(code[i], file.cls.language)) continue;
        // A key handed on unchanged (`api_key=api_key`, a parameter `api_key: str | None = None`) reads, checks and
        // stores nothing: the code that does is where it came from or where it goes.
        if (hit && kind === 'auth' && placesOf(code[i], PATTERNS[kind]).every(passesThrough)) continue;
        // The name of a kind of login compared (`authType === 'oauth-personal'`) picks behaviour; it handles no secret.
        if (hit && kind === 'auth' && namesCompared(code[i], PATTERNS[kind], !rust)) continue;
        if (hit) m.set(i, hit);
      }
      return m;
    };
    const hits: KindHits = {
      added: matches(addedCode, addedBare),
      removed: matches(removedCode, removedBare),
      addedCode,
      removedCode,
    };
    carryOver(PATTERNS[kind], hits.added, addedCode, hits.removed, removedCode, file);
    out.set(kind, hits);
  }
  return out;
}

/** A kind's hits in a file as one SurfaceHit, or undefined when none is left (or `.arg(` alone, away from processes). */
function summarize(file: ChangeFile, kind: SurfaceKind, hits: KindHits): SurfaceHit | undefined {
  let first: { line: number; evidence: string; side: 'new' | 'old' } | undefined;
  let strong = false;
  let replacing = 0;
  const scan = (lines: readonly ChangeLine[], found: Map<number, RegExpExecArray>, side: 'new' | 'old'): number => {
    for (const [i, m] of found) {
      const l = lines[i];
      const evidence = m[0].trim();
      if (!ARG_ONLY.test(evidence)) strong = true;
      if (side === 'new' && file.diff.hunks[l.hunk].lines.some((x) => x.kind === 'del')) replacing++;
      if (!first || (first.side === 'old' && side === 'new')) first = { line: l.line, evidence, side };
    }
    return found.size;
  };
  const added = scan(file.added, hits.added, 'new');
  const removed = scan(file.removed, hits.removed, 'old');
  // `.arg(...)` is process building only next to a process call in this file's hunks (changed or around).
  if (first && kind === 'process' && !strong) strong = contextHas(file, PROCESS_CALL);
  if (!first || (kind === 'process' && !strong)) return undefined;
  return {
    kind,
    added,
    removed,
    replacing,
    line: first.line,
    evidence: first.evidence.slice(0, 60),
    ...(kind === 'sandbox'
      ? {
          tightensOnly: tightensOnly(
            file,
            [...hits.added.keys()].map((i) => file.added[i]),
            [...hits.removed.keys()].map((i) => file.removed[i]),
          ),
        }
      : {}),
  };
}

/** Security-relevant lines that moved between files of the change word for word (rules/provenance.ts says it once). */
export interface MovedSurface {
  readonly kind: SurfaceKind;
  /** Lines of this file that only moved here from other files (added) or away to them (removed). */
  readonly added: number;
  readonly removed: number;
  /** First moved line: new-side when one was added here, else old-side. */
  readonly line: number;
  readonly evidence: string;
}

/**
 * Where each file's production code does security-relevant work, by kind (none for tests, docs, data), read for
 * every file of a change at once, then across files: a line whose security-relevant
 * expressions another file of the change has on the other side, word for word (an owner such as `self.` aside), moved
 * rather than changed. Credential plumbing pulled out of twenty providers into one shared base class (pydantic-ai
 * #7418: `api_key=api_key` removed from each, added once) is one move, not twenty "removes credential code" and one
 * "adds". Unlike within a file, one copy on the other side vouches for every copy on this one: that is what
 * de-duplicating into a shared place does. Sandbox policy is never folded this way.
 */
export function changeSurfaces(
  files: readonly ChangeFile[],
  policyTexts: (path: string) => PolicyTexts | undefined = () => undefined,
): Map<ChangeFile, { surfaces: SurfaceHit[]; moved: MovedSurface[] }> {
  const hitsOf = new Map<ChangeFile, Map<SurfaceKind, KindHits>>();
  for (const f of files) {
    const h = fileHits(f);
    if (h) hitsOf.set(f, h);
  }
  const moved = new Map<ChangeFile, MovedSurface[]>();
  for (const kind of ['auth', 'crypto', 'process'] as const) {
    // Per side, each normalised expression with the files it appears in.
    const where = (side: 'added' | 'removed'): Map<string, Set<ChangeFile>> => {
      const out = new Map<string, Set<ChangeFile>>();
      for (const [f, h] of hitsOf) {
        const k = h.get(kind)!;
        const code = side === 'added' ? k.addedCode : k.removedCode;
        for (const i of k[side].keys())
          for (const p of placesOf(code[i], PATTERNS[kind]).map(ownerless)) {
            const set = out.get(p) ?? new Set();
            set.add(f);
            out.set(p, set);
          }
      }
      return out;
    };
    const addedWhere = where('added');
    const removedWhere = where('removed');
    if (addedWhere.size === 0 || removedWhere.size === 0) continue;
    const elsewhere = (p: string, pool: Map<string, Set<ChangeFile>>, f: ChangeFile): boolean =>
      [...(pool.get(p) ?? [])].some((g) => g !== f);
    for (const [f, h] of hitsOf) {
      const k = h.get(kind)!;
      const movedOut = (side: 'added' | 'removed'): ChangeLine[] => {
        const code = side === 'added' ? k.addedCode : k.removedCode;
        const pool = side === 'added' ? removedWhere : addedWhere;
        const lines: ChangeLine[] = [];
        for (const i of [...k[side].keys()]) {
          const ps = placesOf(code[i], PATTERNS[kind]).map(ownerless);
          if (ps.length === 0 || !ps.every((p) => elsewhere(p, pool, f))) continue;
          k[side].delete(i);
          lines.push((side === 'added' ? f.added : f.removed)[i]);
        }
        return lines;
      };
      const gained = movedOut('added');
      const lost = movedOut('removed');
      const first = gained[0] ?? lost[0];
      if (!first) continue;
      const list = moved.get(f) ?? [];
      list.push({
        kind,
        added: gained.length,
        removed: lost.length,
        line: first.line,
        evidence: placesOf(first.code, PATTERNS[kind])[0]?.slice(0, 60) ?? first.code.trim().slice(0, 60),
      });
      moved.set(f, list);
    }
  }
  const out = new Map<ChangeFile, { surfaces: SurfaceHit[]; moved: MovedSurface[] }>();
  for (const f of files) {
    if (f.cls.test || f.cls.docs || f.cls.vendored || f.cls.generated) continue;
    const surfaces: SurfaceHit[] = [];
    if (SANDBOX_POLICY_FILE.test(f.path)) surfaces.push(...policyFileSurface(f, policyTexts(f.path)));
    for (const [kind, h] of hitsOf.get(f) ?? []) {
      const hit = summarize(f, kind, h);
      if (hit) surfaces.push(hit);
    }
    const m = moved.get(f) ?? [];
    if (surfaces.length > 0 || m.length > 0) out.set(f, { surfaces, moved: m });
  }
  return out;
}

/**
 * A hit that changes existing security-relevant code: lines of that kind both removed and added, or added where the
 * same hunk replaced lines (quoting added to an existing command line), rather than new code beside the old.
 */
export function modifiesSurface(hit: SurfaceHit): boolean {
  return hit.added > 0 && (hit.removed > 0 || hit.replacing > 0);
}
