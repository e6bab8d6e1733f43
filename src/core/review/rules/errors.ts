/** Error handling: swallowed errors (empty catch, except: pass, ignored Go errors) and broad catches; removed handling is errors-removed.ts. */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { linesAfter, linesBefore } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, quote } from './rule';
import { REMOVED, removedHandling } from './errors-removed';

const SWALLOWED: RuleMeta = {
  id: 'swallowed-error',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'error-handling',
  title: 'Error swallowed',
  whatToDo: 'Handle the error, log it with context, or let it propagate; if ignoring is right, say why in a comment.',
};
const BROAD: RuleMeta = {
  id: 'broad-catch',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs'] },
  category: 'error-handling',
  title: 'Catch-all error handler',
  whatToDo: 'Catch the specific errors this code can recover from; a catch-all also hides bugs and interrupts.',
};

const ONE_LINE_SWALLOW: readonly LinePattern[] = [
  {
    re: /\bcatch\s*(?:\([^)]*\))?\s*\{\s*\}/,
    langs: ['js', 'java', 'cs', 'php', 'c'],
    severity: 'medium',
    label: 'empty catch block',
  },
  {
    re: /\.catch\s*\(\s*(?:\(\s*\w*\s*\)|\w+)\s*=>\s*(?:\{\s*\}|null|undefined|void 0|false|\[\])\s*\)|\.catch\s*\(\s*(?:noop|_\.noop|function\s*\(\s*\w*\s*\)\s*\{\s*\})\s*\)/,
    langs: ['js'],
    severity: 'medium',
    label: 'promise rejection discarded',
  },
  {
    re: /^\s*except\b[^:]*:\s*(?:pass|\.\.\.|continue)\s*$/,
    langs: ['py'],
    severity: 'medium',
    label: 'except that does nothing',
  },
  { re: /\bif\s+err\s*!=\s*nil\s*\{\s*\}/, langs: ['go'], severity: 'medium', label: 'empty error branch' },
  {
    re: /^\s*_\s*(?:,\s*_\s*)?=\s*[\w.]+\(.*\)\s*$/,
    langs: ['go'],
    severity: 'low',
    label: 'returned error assigned to _',
  },
  {
    re: /\brescue\s+(?:nil|=>\s*\w+\s*$)|\brescue\s*;\s*end\b/,
    langs: ['ruby'],
    severity: 'medium',
    label: 'rescue that does nothing',
  },
  {
    re: /\blet\s+_\s*=\s*[\w:.]+\(.*\)\s*;|\.ok\(\)\s*;\s*$/,
    langs: ['rust'],
    severity: 'low',
    label: 'Result discarded',
  },
];

const BROAD_PATTERNS: readonly LinePattern[] = [
  {
    re: /^\s*except\s*:/,
    langs: ['py'],
    severity: 'medium',
    label: 'bare except also catches KeyboardInterrupt and SystemExit',
  },
  {
    re: /^\s*except\s+\(?\s*(?:Exception|BaseException)\b/,
    langs: ['py'],
    severity: 'low',
    label: 'catches every exception',
  },
  {
    re: /\bcatch\s*\(\s*(?:final\s+)?(?:Exception|Throwable|RuntimeException|java\.lang\.Exception)\s+\w+\s*\)/,
    langs: ['java'],
    severity: 'low',
    label: 'catches every exception',
  },
  {
    re: /\bcatch\s*\(\s*(?:System\.)?Exception\b|\bcatch\s*(?:\{|$)/,
    langs: ['cs'],
    severity: 'low',
    label: 'catches every exception',
  },
  { re: /\brecover\s*\(\s*\)/, langs: ['go'], severity: 'low', label: 'recover() turns every panic into normal flow' },
  {
    re: /\bprocess\.on\s*\(\s*['"]uncaughtException['"]/,
    langs: ['js'],
    severity: 'low',
    label: 'global handler keeps a broken process alive',
  },
  {
    re: /\brescue\s+(?:Exception|StandardError)\b/,
    langs: ['ruby'],
    severity: 'low',
    label: 'catches every exception',
  },
];

export const errorRules: RuleFamily = {
  name: 'error-handling',
  rules: [SWALLOWED, BROAD, REMOVED],
  triggers: [
    'catch',
    'except',
    'err',
    'rescue',
    'ok(',
    'is_ok',
    'is_err',
    'recover',
    'throwable',
    'uncaught',
    '_ =',
    'throw',
    'raise',
    'panic',
    'reject',
    'try',
    '?;',
    'assert',
    'let some',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source) continue;
      const lang = file.cls.language;
      for (const l of file.added) {
        if (!sink.mayMatch(l) || !/catch|except|err|rescue|_ =|ok\(|recover|Exception|Throwable|uncaught/.test(l.code))
          continue;
        const swallowed = matchFirst(ONE_LINE_SWALLOW, lang, l.code) ?? openBlockSwallow(file, l);
        if (swallowed && !deliberate(file, l)) {
          sink.line(SWALLOWED, file, l, 'new', swallowed.severity, `added ${quote(l.text, 50)}: ${swallowed.label}`);
          continue;
        }
        if (swallowed) continue;
        const broad = matchFirst(BROAD_PATTERNS, lang, l.code);
        if (broad && !reraises(file, l) && !handsOn(file, l))
          sink.line(BROAD, file, l, 'new', broad.severity, `added ${quote(l.text, 50)}: ${broad.label}`);
      }
      removedHandling(sink, file, change.context.headText?.get(file.path));
    }
  },
};

/** The handler's lines after the catch line `l` (at most `max`, trimmed, blanks skipped): those indented deeper than it. */
function handlerBody(file: ChangeFile, l: ChangeLine, max: number): string[] {
  const indent = (t: string): number => /^\s*/.exec(t)![0].length;
  const own = indent(l.text);
  const body: string[] = [];
  for (const t of linesAfter(file, l, max)) {
    if (t.trim() === '') continue;
    if (indent(t) <= own) break;
    body.push(t.trim());
  }
  return body;
}

/**
 * A catch-all whose handler ends by raising again (`except Exception: await response.aclose(); raise`, a Java or C#
 * `throw`): it cleans up on the way out and hides nothing. Read from the handler's lines, indented deeper than it.
 */
function reraises(file: ChangeFile, l: ChangeLine): boolean {
  const body = handlerBody(file, l, 8);
  const last = body[body.length - 1] ?? '';
  return /^raise(?:\s+\w[\w.]*(?:\(.*\))?\s+from\s+\w+)?$|^throw\b/.test(last);
}

/**
 * A catch-all whose handler hands the failure on instead of hiding it: it ends the process with a failing status
 * (`sys.exit(1)` at a job's entry point, the scheduler retries or alerts), or stores or passes the caught exception
 * object itself (`call.error = exc`, `future.set_exception(exc)`, `errors.append(exc)`) for the code that reports it
 * (pydantic-ai #6676's example app records the failure so its endpoint answers with it). Logging alone is not handing
 * on; neither is a fallback value.
 */
function handsOn(file: ChangeFile, l: ChangeLine): boolean {
  const body = handlerBody(file, l, 12);
  if (body.length === 0) return false;
  if (
    /^(?:sys\.exit|os\._exit|exit|process\.exit|System\.exit|Environment\.Exit)\s*\(\s*(?!0\s*\))[^)\s]/.test(
      body[body.length - 1],
    )
  )
    return true;
  const name = /\bas\s+([A-Za-z_]\w*)\s*:|\bcatch\s*\(\s*(?:final\s+)?[\w.]+\s+([A-Za-z_]\w*)\s*\)/.exec(l.code);
  const bound = name?.[1] ?? name?.[2];
  if (!bound) return false;
  const stored = new RegExp(
    `^[\\w.]*(?:\\.\\w+|\\[[^\\]]+\\])\\s*=\\s*${bound}\\s*;?$|\\.(?:set_exception|setException|completeExceptionally|SetException|append|add|put|put_nowait|send|reject)\\s*\\(\\s*${bound}\\s*\\)`,
  );
  return body.some((t) => stored.test(t));
}

/** Expected failures of filesystem and process calls, ignored on purpose around the call that may fail. */
const EXPECTED_ERRORS =
  /\b(?:FileNotFoundError|FileExistsError|NotADirectoryError|IsADirectoryError|ProcessLookupError|OSError|PermissionError)\b|\bENOENT\b|\bEEXIST\b|os\.IsNotExist|os\.IsExist|ErrorKind::(?:NotFound|AlreadyExists)/;
const FS_CALL =
  /\b(?:unlink|remove|rmdir|rmtree|mkdir|makedirs|kill|chmod|rename|replace|stat|lstat|exists|readlink|symlink|close|unlinkSync|rmSync|mkdirSync|remove_file|remove_dir\w*|create_dir\w*)\s*\(/;
const LOGGED =
  /\b(?:log|logger|logging|tracing|slog|console)\.\w+\s*\(|\b(?:warn|error|info|debug|trace|eprintln|println)!\s*\(|\b(?:eprint|print)\s*\(|\blog\.Print|\blogger\b/;

/**
 * A swallow that is deliberate and harmless: explained by a comment or around a cleanup call (see `explained`), an
 * expected filesystem error (`except FileNotFoundError: pass` around an unlink, `except OSError` around an existence
 * check), a discarded Rust result whose error the next lines log, or an ignored cleanup (see `cleanupIgnored`).
 */
function deliberate(file: ChangeFile, l: ChangeLine): boolean {
  const lang = file.cls.language;
  if (explained(file, l) || existenceCheck(file, l)) return true;
  if ((lang === 'py' || lang === 'js' || lang === 'go' || lang === 'rust') && EXPECTED_ERRORS.test(l.code)) {
    if (FS_CALL.test(linesBefore(file, l, 3).join('\n'))) return true;
  }
  if (lang === 'rust' && /\blet\s+_\s*=/.test(l.code)) {
    if (LOGGED.test(l.code) || LOGGED.test(linesAfter(file, l, 2).join('\n'))) return true;
  }
  return cleanupIgnored(file, l);
}

/**
 * Releases and removals whose failure leaves nothing to do: the work is done or already failed. Unlocking a file lock
 * (`f.Unlock()`, `UnlockFileEx(..)`, `Flock(fd, LOCK_UN)`) is one: closing the descriptor releases it anyway.
 */
const RELEASE =
  /\bLOCK_UN\b|\b(?:Unlock\w*|unlock|Close|Remove|RemoveAll|Flush|Sync|Shutdown|Stop|Kill|Release|Cleanup|close|dispose|destroy|kill|unlink|unlinkSync|rm|rmSync|rmdir|rmdirSync|rmtree|remove_file|remove_dir|remove_dir_all|removeSync|terminate|shutdown|cleanup|release|disconnect|unref)\s*\(/;
/** Deletions that are best effort only where they undo work on a failure or clean up after it. */
const DELETE = /\b(?:Delete|Drop|Purge|Discard)\w*\s*\(|\b(?:delete|drop|purge|discard)_\w+\s*\(/;
/** The enclosing lines: an error branch, a deferred or cleanup function, a catch or finally. */
const FALLBACK =
  /\bif\s+(?:\w+\s*:?=.*;\s*)?err\s*!=\s*nil\b|\bdefer\b|\b(?:cleanup|rollback|undo|teardown)\w*\b|\bcatch\b|\bexcept\b|\bfinally\b|\bErr\s*\(/i;

/**
 * An ignored result of a cleanup call (Go `_ = os.Remove(tmp)`, Rust `let _ = fs::remove_file(&tmp);`, JS
 * `unlink(tmp).catch(() => {})` or `try { rmSync(tmp) } catch {}` on one line), or of a deletion in a fallback
 * (`_ = c.DeleteWorkspace(ctx, id)` when releasing the claim failed): best effort, its failure changes nothing.
 * Rust's flush is not a cleanup: a dropped flush error loses data.
 */
function cleanupIgnored(file: ChangeFile, l: ChangeLine): boolean {
  const lang = file.cls.language;
  const code = l.code;
  let call: string | undefined;
  if (lang === 'go') call = /^\s*_\s*(?:,\s*_\s*)?=\s*(.*)$/.exec(code)?.[1];
  else if (lang === 'rust') call = /\blet\s+_\s*=\s*(.*)$/.exec(code)?.[1];
  else if (lang === 'js') call = /^(.*?)\.catch\s*\(/.exec(code)?.[1] ?? /\btry\s*\{(.*?)\}\s*catch\b/.exec(code)?.[1];
  if (!call) return false;
  if (RELEASE.test(call)) return lang !== 'rust' || !/\b(?:flush|sync_all|sync_data)\s*\(/.test(call);
  return DELETE.test(call) && FALLBACK.test(linesBefore(file, l, 3).join('\n'));
}

/** A yes/no existence test: `fs.access`, `fs.promises.access`, `stat`, `exists`, `os.stat`, `Path(p).stat()`. */
const EXISTENCE =
  /\b(?:access|accessSync|stat|statSync|lstat|lstatSync|exists|existsSync|pathExists|pathExistsSync)\s*\(|\.(?:stat|lstat|exists|is_file|is_dir)\s*\(\s*\)/;
/** What a try around an existence test may do with the answer: keep or return a plain value (no call), stop a loop. */
const ANSWER =
  /^\s*(?:\}\s*)?(?:return\b[^()]*|(?:(?:const|let|var)\s+)?[\w.$[\]'"]+\s*=\s*[^()=]*|break|continue|pass|[{}])\s*;?\s*$/;

/**
 * An empty handler whose purpose is a yes/no answer: the try only tests that a path exists (`await
 * fs.promises.access(p)`, `os.stat(p)`) and keeps or returns the answer, or a promise of such a test ends in
 * `.catch(() => false)`. The error is the "no" (gemini-cli #28470: four `.env` look-ups); a read or parse failure
 * ignored is still reported.
 */
function existenceCheck(file: ChangeFile, l: ChangeLine): boolean {
  const lang = file.cls.language;
  if (lang === 'js') {
    const call = /^(.*?)\.catch\s*\(/.exec(l.code)?.[1];
    if (call !== undefined && EXISTENCE.test(call) && !/\.then\s*\(\s*(?!\(\s*\)\s*=>\s*(?:true|false)\b)/.test(call))
      return true;
  }
  if (lang !== 'js' && lang !== 'py' && lang !== 'java' && lang !== 'cs') return false;
  const before = linesBefore(file, l, 10);
  for (let i = before.length - 1; i >= 0; i--) {
    if (!/^\s*(?:\}\s*)?try\b/.test(before[i])) continue;
    const body = before.slice(i + 1).filter((t) => t.trim() !== '' && !/^\s*(?:\/\/|#|\/\*|\*)/.test(t));
    return body.length > 0 && EXISTENCE.test(body[0]) && body.slice(1).every((t) => ANSWER.test(t));
  }
  return false;
}

/** A comment of two words or more: it can say why, unlike a bare `// ignore`. */
const REASON_WORDS = /^\s*(?:\/\/|#|\/\*|\*)\s*\S+\s+\S+/;
/** A comment that only restates the swallow (`// Ignore errors`, `# ignore any exception`): no reason either. */
const RESTATES =
  /^\s*(?:\/\/|#|\/\*|\*)?\s*(?:just\s+|silently\s+)?(?:ignore[ds]?|ignoring|swallow(?:ed|s)?|suppress(?:ed)?)\b(?:\s+(?:the|any|all|this|these|an?|errors?|exceptions?|failures?|it|here|for\s+now))*\s*[.!]?\s*(?:\*\/)?\s*$/i;
const REASON = { test: (t: string): boolean => REASON_WORDS.test(t) && !RESTATES.test(t) };
/**
 * Calls whose failure is routinely ignored while cleaning up: the work is done, the release is best effort. The verb
 * may name its object (`stopProxy()`, `closeServer()`, `kill_child()`).
 */
const CLEANUP_CALL =
  /^\s*(?:await\s+)?[\w.$?!]*\b(?:(?:dispose|close|destroy|kill|terminate|abort|cancel|release|disconnect|unsubscribe|stop|shutdown|cleanup)(?:[A-Z_]\w*)?|unlink|unlinkSync|rmSync|rm|rmdir|rmtree|remove|removedirs|remove_file|removeListener|removeEventListener|off|unref|end)\s*\(.*\)\s*;?\s*$/;

/**
 * A swallow the author explains (the handler or the line above its `try` holds a comment saying why, as the rule's
 * advice asks), or one around a cleanup call only (dispose, close, kill...), whose failure changes nothing.
 */
function explained(file: ChangeFile, l: ChangeLine): boolean {
  if (/\S+\s+\S+/.test(l.comment.trim()) && !RESTATES.test(l.comment.trim())) return true;
  for (const t of linesAfter(file, l, 4)) {
    if (t.trim() === '') continue;
    if (REASON.test(t)) return true;
    if (!/^\s*(?:\/\/|#|\/\*|\*)/.test(t)) break;
  }
  const before = linesBefore(file, l, 16);
  for (let i = before.length - 1; i >= 0; i--) {
    if (!/^\s*(?:\}\s*)?try\b/.test(before[i])) continue;
    if (i > 0 && REASON.test(before[i - 1])) return true;
    const body = before.slice(i + 1).filter((t) => t.trim() !== '' && !/^\s*(?:\/\/|#|\/\*|\*)/.test(t));
    return body.length > 0 && body.every((t) => CLEANUP_CALL.test(t) || /^\s*\}\s*$/.test(t));
  }
  return false;
}

function matchFirst(patterns: readonly LinePattern[], lang: string, code: string): LinePattern | undefined {
  return patterns.find((p) => (!p.langs || p.langs.includes(lang as never)) && p.re.test(code));
}

/** A handler opened on this line whose body (the next lines) is empty, a comment, `pass` or a bare `return nil`. */
function openBlockSwallow(file: ChangeFile, l: ChangeLine): { severity: 'medium' | 'low'; label: string } | undefined {
  const lang = file.cls.language;
  const opensCatch = lang !== 'py' && opensCatchBlock(l.code);
  const opensExcept = lang === 'py' && /^\s*except\b.*:\s*$/.test(l.code);
  const opensErr = lang === 'go' && /\bif\s+err\s*!=\s*nil\s*\{\s*$/.test(l.code);
  if (!opensCatch && !opensExcept && !opensErr) return undefined;
  const body = linesAfter(file, l, 6).filter((t) => t.trim() !== '' && !/^\s*(?:\/\/|#|\/\*|\*)/.test(t));
  const first = (body[0] ?? '').trim();
  if (opensExcept && /^(?:pass|\.\.\.|continue)$/.test(first))
    return { severity: 'medium', label: 'except that does nothing' };
  if ((opensCatch || opensErr) && /^\}/.test(first))
    return { severity: 'medium', label: opensErr ? 'empty error branch' : 'empty catch block' };
  if (opensErr && /^return(?:\s+nil)?$/.test(first)) return { severity: 'low', label: 'error branch drops the error' };
  return undefined;
}

/** `catch (...) {` ending the line, with no brace between `catch` and it; linear, unlike the obvious regex. */
function opensCatchBlock(code: string): boolean {
  const body = code.trimEnd();
  if (!body.endsWith('{')) return false;
  const head = body.slice(0, -1);
  const segment = head.slice(Math.max(head.lastIndexOf('{'), head.lastIndexOf('}')) + 1);
  return /\bcatch\b/.test(segment);
}
