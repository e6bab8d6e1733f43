/**
 * How a test's failure call and its literals read, for expectation-changed (tests.ts): the literals an assertion
 * compares, the calls that fail a test outright, and whether two versions of an assertion differ only in their
 * failure message (a reworded `t.Fatal("…")` or `require.NoError(t, err, "…")` changes no expectation).
 */
import { FAILING_CALL } from '../syntax/tests';

/** Literal values in an assertion: strings in every quoting style, numbers, booleans and null-likes. */
export const LITERAL =
  /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|-?\b\d[\d_]*(?:\.\d+)?(?:e-?\d+)?\b|\b(?:true|false|True|False|None|null|nil)\b/gi;

/** A line that fails the test whenever it runs (`t.Fatal(..)`, `panic!(..)`): under a condition it is the check. */
export const FAILS_OUTRIGHT = new RegExp(`^\\s*${FAILING_CALL}\\s*\\(`);

/** A string literal in any of the quoting styles LITERAL knows. */
const STRING_LITERAL = /^["'`]/;

/**
 * A failure call (`t.Fatal("…")`, `t.Errorf("… %v", got)`, `panic!("…")`) whose only changed literals are strings:
 * the failure message was reworded. The expectation is the condition that guards the call, not its message.
 */
export function messageOnly(was: string, now: string): boolean {
  if (UNARY_ASSERT.test(was) && UNARY_ASSERT.test(now)) return subjectKept(was, now);
  if (!FAILS_OUTRIGHT.test(was) || !FAILS_OUTRIGHT.test(now)) return false;
  const before = was.match(LITERAL) ?? [];
  const after = now.match(LITERAL) ?? [];
  return before.every((v, i) => v === after[i] || (STRING_LITERAL.test(v) && STRING_LITERAL.test(after[i] ?? '')));
}

/** Go testify assertions on one value (`require.NoError(t, err, msg...)`): every argument after the value is a message. */
const UNARY_ASSERT =
  /^\s*(?:require|assert)\.(?:NoError|Error|Nil|NotNil|True|False|Empty|NotEmpty|Zero|NotZero)f?\s*\(/;

/**
 * The two lines (same skeleton) agree up to the first string literal, which comes after the `t` and value arguments:
 * only the message changed.
 */
function subjectKept(was: string, now: string): boolean {
  if (!/["'`]/.test(was)) return false;
  const head = (code: string): string => code.slice(0, code.search(/["'`]/)).replace(/\s+/g, '');
  const a = head(was);
  if (a !== head(now)) return false;
  let depth = 0;
  let commas = 0;
  for (const ch of a) {
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 1) commas++;
  }
  return commas >= 2;
}
