/**
 * A comment's one stated value against the one value of the code line it sits on or above: a duration
 * (`// timeout 30s` over `= 60_000`), a count of retries or attempts (`# retries 3 times` over `range(5)`), or a default
 * (`// defaults to 10` over `= 20`). Fires only when the comment holds exactly one number, the code line holds exactly
 * one value of the same kind (a time word for durations, a retry word for counts), and no reading of the code's unit
 * agrees. Anything less certain stays silent.
 */
import type { Language } from '../model/paths';

const SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  nanosecond: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  microsecond: 1e-6,
  ms: 1e-3,
  milli: 1e-3,
  millis: 1e-3,
  millisecond: 1e-3,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  d: 86400,
  day: 86400,
};
const UNIT =
  /(\d+(?:[._,]\d+)*)\s*(ns|nanoseconds?|us|µs|microseconds?|ms|millis(?:econds?)?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b/i;
const COUNT =
  /(?:\b(?:retr(?:y|ies)|attempts?|tries)\s+(?:up\s+to\s+|at\s+most\s+)?(\d+)\b(?!\s*(?:ms|s|sec|seconds?|min|minutes?|%))|\b(\d+)\s+(?:more\s+)?(?:times|retries|attempts|tries)\b)/i;
const DEFAULT =
  /\bdefaults?\s*(?:to|is|=|:)?\s*(\d+(?:[._]\d+)*)\b(?!\s*(?:ms|s|sec|seconds?|min|minutes?|h|hours?|%))/i;
const TIME_WORD =
  /timeout|time_?out|delay|interval|ttl|wait|sleep|duration|period|backoff|expir|deadline|elapsed|_ms\b|Ms\b|MS\b|millis|secs|seconds|minutes|Duration|time\.|timedelta|setTimeout|setInterval|cooldown|grace|heartbeat|keepalive|keep_alive|lifetime|max_age|maxAge/i;
const BOUND_WORDS =
  /[<>≤≥]|\b(?:more|less|longer|shorter|greater|fewer|later|earlier|sooner)\s+than\b|\bat\s+(?:least|most)\b|\bexceed|\bunder\b|\bover\b|\bwithin\b|\bup\s+to\b|\bmax(?:imum)?\b|\bmin(?:imum)?\b/i;
const COUNT_WORD = /retr|attempt|tries|times|range\s*\(|max|limit|count/i;

/** Why the comment and the code disagree, or undefined when they agree or it cannot be told. */
export function numberContradiction(language: Language, comment: string, code: string): string | undefined {
  const numbers = comment.match(/\d+(?:[._,]\d+)*/g) ?? [];
  if (numbers.length !== 1) return undefined;
  const unit = UNIT.exec(comment);
  // A bound ("must be > 100ms", "at least 5s", "up to 2 seconds") is not the value itself.
  if (unit && BOUND_WORDS.test(comment)) return undefined;
  if (unit && TIME_WORD.test(code)) {
    const said = num(unit[1]) * SECONDS[unitKey(unit[2])];
    const typed = typedSeconds(language, code);
    if (typed !== undefined)
      return close(typed, said) ? undefined : `the code sets ${show(typed)}, the comment says ${show(said)}`;
    const bare = onlyValue(code);
    if (bare === undefined) return undefined;
    const unitHint = codeUnit(code);
    const readings = unitHint !== undefined ? [unitHint] : [1e-9, 1e-6, 1e-3, 1, 60, 3600];
    if (readings.some((u) => close(bare * u, said))) return undefined;
    return unitHint !== undefined
      ? `${bare} ${unitName(unitHint)} is not ${show(said)}`
      : `${bare} is not ${show(said)} in any unit (ns, µs, ms, s, min, h)`;
  }
  if (unit) return undefined;
  const count = COUNT.exec(comment);
  if (count && COUNT_WORD.test(code)) {
    const said = Number(count[1] ?? count[2]);
    const value = onlyValue(code);
    // Tries vs retries differ by one: only a difference beyond that is a contradiction.
    if (value === undefined || Math.abs(value - said) <= 1) return undefined;
    return `the code counts ${value}, the comment says ${said}`;
  }
  const dflt = DEFAULT.exec(comment);
  if (dflt) {
    const said = num(dflt[1]);
    const m = /(?:=|\?\?|\|\||\bor\b|unwrap_or\(|default\s*=|getOrDefault\([^,]*,)\s*(-?\d+(?:[._]\d+)*)\b/.exec(code);
    const value = m ? num(m[1]) : undefined;
    if (value === undefined || onlyValue(code) !== value || value === said) return undefined;
    return `the default in the code is ${value}, the comment says ${said}`;
  }
  return undefined;
}

function num(t: string): number {
  return Number(t.replace(/[_,]/g, ''));
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-9;
}

function unitKey(u: string): string {
  const l = u.toLowerCase();
  if (l === 'µs') return 'µs';
  if (/^millis/.test(l)) return 'millisecond';
  if (/^nanosecond/.test(l)) return 'nanosecond';
  if (/^microsecond/.test(l)) return 'microsecond';
  if (/^seconds?$/.test(l)) return 'second';
  if (/^minutes?$/.test(l)) return 'minute';
  if (/^hours?$/.test(l)) return 'hour';
  if (/^days?$/.test(l)) return 'day';
  return l;
}

function show(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  if (seconds >= 1) return `${seconds} s`;
  return `${Math.round(seconds * 1e6) / 1e3} ms`;
}

function unitName(u: number): string {
  return u === 1e-3 ? 'ms' : u === 1 ? 's' : u === 60 ? 'min' : u === 3600 ? 'h' : `x${u}`;
}

/** A duration whose unit the code states: Duration::from_secs(30), 30 * time.Second, timedelta(seconds=30). */
function typedSeconds(language: Language, code: string): number | undefined {
  const rust = /Duration::from_(secs|millis|micros|nanos|mins)(?:_f64|_f32)?\(\s*(\d+(?:[._]\d+)*)\s*\)/.exec(code);
  if (rust) return num(rust[2]) * { secs: 1, millis: 1e-3, micros: 1e-6, nanos: 1e-9, mins: 60 }[rust[1]]!;
  const go =
    /(\d+(?:[._]\d+)*)\s*\*\s*time\.(Nanosecond|Microsecond|Millisecond|Second|Minute|Hour)\b/.exec(code) ??
    /time\.(Nanosecond|Microsecond|Millisecond|Second|Minute|Hour)\s*\*\s*(\d+(?:[._]\d+)*)/.exec(code);
  if (go && language === 'go') {
    const [n, u] = /^\d/.test(go[1]) ? [go[1], go[2]] : [go[2], go[1]];
    return num(n) * SECONDS[u.toLowerCase()];
  }
  const py = /timedelta\(\s*(days|hours|minutes|seconds|milliseconds|microseconds)\s*=\s*(\d+(?:[._]\d+)*)\s*\)/.exec(
    code,
  );
  if (py) return num(py[2]) * SECONDS[unitKey(py[1].replace(/s$/, ''))];
  return undefined;
}

/** The unit a name in the code states: TIMEOUT_MS, timeoutSeconds, delay_secs. */
function codeUnit(code: string): number | undefined {
  if (/(?:_ms|Ms|MS|_millis|Millis|milliseconds?)\b/.test(code)) return 1e-3;
  if (/(?:_secs?|Secs?|_seconds|Seconds|SECONDS|SECS?)\b/.test(code)) return 1;
  if (/(?:_mins?|Minutes|_minutes|MINUTES)\b/.test(code)) return 60;
  return undefined;
}

/** The code line's one numeric value (a product of literals folded, `60 * 1000`), or undefined when it has more. */
function onlyValue(code: string): number | undefined {
  const stripped = code.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/(?<![\w$])[A-Za-z_$][\w$]*\d[\w$]*/g, 'x');
  const products = stripped.match(/\d+(?:[._]\d+)*(?:\s*\*\s*\d+(?:[._]\d+)*)*/g) ?? [];
  if (products.length !== 1) return undefined;
  return products[0].split('*').reduce((p, t) => p * num(t.trim()), 1);
}
