/**
 * Log levels changed: a routine event raised to ERROR pages someone for nothing; the only diagnostic of a failure
 * lowered to debug disappears from production logs. Only the same call with the same message and arguments (wrapped
 * lines joined, indentation ignored) whose level alone differs: a re-indented call or a new one beside it is no change.
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { sideLinesFrom, wholeCall } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, newRange, quote } from './rule';

const LEVEL_CHANGED: RuleMeta = {
  id: 'log-level-changed',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'observability',
  title: 'Log level changed',
  whatToDo:
    'Check who reads this level: errors should need action, and the diagnostic of a failure must stay visible in production.',
};

const LEVELS: Readonly<Record<string, number>> = {
  trace: 0,
  debug: 1,
  fine: 1,
  verbose: 1,
  log: 2,
  info: 2,
  notice: 2,
  warn: 3,
  warning: 3,
  error: 4,
  exception: 4,
  err: 4,
  critical: 5,
  fatal: 5,
  crit: 5,
};

/** A logging call and its level: `logger.info(`, `logging.warning(`, `console.error(`, `warn!(`, `slog.Debug(`. */
const CALL =
  /\b((?:log|logger|logging|_log|_logger|LOG|LOGGER|console|slog|zap|klog|tracing|self\.log(?:ger)?|this\.log(?:ger)?|[a-z]\w*Logger)\.|(?:tracing|log)::)?(trace|debug|fine|verbose|info|notice|warn|warning|error|exception|critical|fatal|crit)(f|ln|w|Context)?(!?)\s*\(/i;

export const loggingRules: RuleFamily = {
  name: 'logging',
  rules: [LEVEL_CHANGED],
  triggers: [
    'trace',
    'debug',
    'fine',
    'verbose',
    'info',
    'notice',
    'warn',
    'error',
    'exception',
    'critical',
    'fatal',
    'crit',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source || file.removed.length === 0) continue;
      const removed = calls(file, file.removed, 'old', sink);
      if (removed.length === 0) continue;
      const added = calls(file, file.added, 'new', sink);
      // A call that reappears word for word (re-indented, moved into a loop or a helper) is unchanged: it pairs with
      // its twin first and is never read as the other half of a level change.
      const left = new Map<string, Call[]>();
      for (const r of removed) push(left, r.whole, r);
      const changed: Call[] = [];
      for (const a of added) {
        const twin = left.get(a.whole);
        if (twin && twin.length > 0) twin.shift();
        else changed.push(a);
      }
      const bySkeleton = new Map<string, Call[]>();
      for (const list of left.values()) for (const r of list) push(bySkeleton, r.skeleton, r);
      for (const a of changed) {
        // Same call, same message and arguments, only the level differs.
        const candidates = bySkeleton.get(a.skeleton);
        const i = candidates?.findIndex((r) => r.level !== a.level) ?? -1;
        if (!candidates || i < 0) continue;
        const was = candidates.splice(i, 1)[0];
        const raised = a.level > was.level;
        if (raised && a.level < 4) continue;
        if (!raised && was.level < 3) continue;
        sink.add(
          LEVEL_CHANGED,
          file,
          newRange(a.line.line),
          raised ? 'low' : 'medium',
          `${was.word} -> ${a.word}: ${quote(a.line.text, 50)}${raised ? ' (now reported as an error)' : ' (a warning or error no longer shows at the default level)'}`,
        );
      }
    }
  },
};

interface Call {
  readonly line: ChangeLine;
  readonly level: number;
  readonly word: string;
  /** The whole call (continuation lines joined), whitespace dropped, with the level blanked out. */
  readonly skeleton: string;
  /** The same with its level. */
  readonly whole: string;
}

/** Lines a wrapped logging call may span (message and fields on the lines after `logger.info(`). */
const MAX_CALL_LINES = 12;

function calls(file: ChangeFile, lines: readonly ChangeLine[], side: 'new' | 'old', sink: FindingSink): Call[] {
  const out: Call[] = [];
  for (const l of lines) {
    const m = sink.mayMatch(l) ? logCall(l.code) : null;
    if (!m) continue;
    const text = wholeCall(sideLinesFrom(file, l, side, MAX_CALL_LINES), l.code);
    const call = logCall(text);
    if (!call) continue;
    out.push({ line: l, level: call.level, word: call.word, skeleton: call.skeleton, whole: text.replace(/\s+/g, '') });
  }
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, v: T): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

function logCall(code: string): { level: number; word: string; skeleton: string } | null {
  const m = CALL.exec(code);
  // A bare `error(` or `info(` with neither a logger in front nor a macro `!` is some other function.
  if (!m || (m[1] === undefined && m[4] !== '!')) return null;
  const word = m[2].toLowerCase();
  const skeleton =
    code.slice(0, m.index) + (m[1] ?? '') + '_' + (m[3] ?? '') + m[4] + '(' + code.slice(m.index + m[0].length);
  return { level: LEVELS[word], word, skeleton: skeleton.replace(/\s+/g, '') };
}
