/**
 * Log levels changed: a routine event raised to ERROR pages someone for nothing; the only diagnostic of a failure
 * lowered to debug disappears from production logs. Same call with only the level changed, replaced in place.
 */
import type { Change, ChangeLine } from '../model/change';
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
      const removed = new Map<string, { line: ChangeLine; level: number; word: string }[]>();
      for (const l of file.removed) {
        const m = sink.mayMatch(l) ? logCall(l.code) : null;
        if (!m) continue;
        const list = removed.get(m.skeleton) ?? [];
        list.push({ line: l, level: m.level, word: m.word });
        removed.set(m.skeleton, list);
      }
      if (removed.size === 0) continue;
      for (const l of file.added) {
        const m = sink.mayMatch(l) ? logCall(l.code) : null;
        const was = m ? removed.get(m.skeleton)?.find((r) => r.line.hunk === l.hunk) : undefined;
        if (!m || !was || was.level === m.level) continue;
        const raised = m.level > was.level;
        if (raised && m.level < 4) continue;
        if (!raised && was.level < 3) continue;
        sink.add(
          LEVEL_CHANGED,
          file,
          newRange(l.line),
          raised ? 'low' : 'medium',
          `${was.word} -> ${m.word}: ${quote(l.text, 50)}${raised ? ' (now reported as an error)' : ' (a warning or error no longer shows at the default level)'}`,
        );
      }
    }
  },
};

function logCall(code: string): { level: number; word: string; skeleton: string } | null {
  const m = CALL.exec(code);
  // A bare `error(` or `info(` with neither a logger in front nor a macro `!` is some other function.
  if (!m || (m[1] === undefined && m[4] !== '!')) return null;
  const word = m[2].toLowerCase();
  const skeleton =
    code.slice(0, m.index) + (m[1] ?? '') + '_' + (m[3] ?? '') + m[4] + '(' + code.slice(m.index + m[0].length);
  return { level: LEVELS[word], word, skeleton: skeleton.replace(/\s+/g, '') };
}
