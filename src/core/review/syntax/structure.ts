/**
 * What the review rules read from a file's syntax tree at the head, as plain data: where its tests are, each test
 * case with its assertions, assertions that cannot fail (inside a weak condition or a try that swallows), and the
 * concurrency it uses, by enclosing function. One pass per file; the tree is dropped afterwards.
 */
import type { Grammar, SyntaxNode } from './tree';
import { FAILING_CALL, assertionOf, attributesBefore, callee, failurePoint, testCaseOf, testModule } from './tests';
import { concurrencyOf, scopeName } from './concurrency';
import { functionDocs, type FunctionDoc } from './docs';
import { ACCESS_CHECK_NAME } from './accessChecks';

export interface TestCase {
  readonly name: string;
  /** 1-based, inclusive. */
  readonly start: number;
  readonly end: number;
  /** Assertion calls inside, helpers of this file that assert included. */
  readonly assertions: number;
  /** Other ways the test fails by itself: Rust's `?` and unwrap, `#[should_panic]`. */
  readonly failurePoints: number;
}

export interface GuardedAssertion {
  /** The assertion's line; for `early-return`, the line of the return that skips every assertion. */
  readonly line: number;
  readonly kind: 'condition' | 'swallowed' | 'early-return';
  /** The condition or handler that makes it skip, as written. */
  readonly guard: string;
}

export interface ConcurrencyUse {
  readonly line: number;
  readonly label: string;
  /** The enclosing function, method, type or module, e.g. "fn run". */
  readonly scope: string;
}

export interface FileSyntax {
  readonly grammar: Grammar;
  /** Test code inside the file (Rust `#[cfg(test)]` modules and `#[test]` functions): 1-based inclusive ranges. */
  readonly testRanges: readonly (readonly [number, number])[];
  readonly testCases: readonly TestCase[];
  readonly guarded: readonly GuardedAssertion[];
  /** Only outside test code. */
  readonly concurrency: readonly ConcurrencyUse[];
  /** Functions outside test code whose name says they decide access (accessChecks.ts): where each spans, 1-based. */
  readonly accessChecks: readonly { readonly name: string; readonly start: number; readonly end: number }[];
  /** Functions with a doc comment naming parameters (or, in Go, opening with a name): see docs.ts. */
  readonly functionDocs: readonly FunctionDoc[];
}

const FUNCTION_TYPES = new Set([
  'function_item',
  'function_definition',
  'function_declaration',
  'method_declaration',
  'method_definition',
  'arrow_function',
  'function_expression',
  'function',
  'closure_expression',
  'func_literal',
  'lambda',
  'constructor_declaration',
]);

/** Bounds the work on one file (a generated file can hold millions of calls). */
const MAX_NODES = 200_000;

/** Node types any check below reads; the parser skips the rest. */
const VISITED_TYPES = new Set([
  ...FUNCTION_TYPES,
  'call_expression',
  'call',
  'method_invocation',
  'macro_invocation',
  'mod_item',
  'assert_statement',
  'try_expression',
  'go_statement',
  'qualified_type',
  'channel_type',
  'generic_type',
  'synchronized_statement',
  'object_creation_expression',
  'new_expression',
  'return_statement',
  'return_expression',
]);

/** Reads a file's tree. `testFile`: the path says the whole file is tests (test cases count only there, Rust aside). */
export function readStructure(grammar: Grammar, root: SyntaxNode, testFile: boolean): FileSyntax {
  const testRanges: [number, number][] = [];
  const cases: { node: SyntaxNode; name: string; start: number; end: number }[] = [];
  const assertions: SyntaxNode[] = [];
  const failures: number[] = [];
  const calls: { node: SyntaxNode; name: string }[] = [];
  const functions: { name: string; start: number; end: number }[] = [];
  const concurrency: ConcurrencyUse[] = [];
  const returns: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === 'return_statement' || node.type === 'return_expression') {
      returns.push(node);
      return;
    }
    if (testModule(grammar, node)) testRanges.push(rangeOf(node));
    const tc = testCaseOf(grammar, node, testFile);
    if (tc !== undefined) {
      const [start, end] = rangeOf(node);
      cases.push({ node, name: tc, start, end });
      if (grammar === 'rust') testRanges.push([start, end]);
    }
    if (assertionOf(grammar, node)) assertions.push(node);
    else if (failurePoint(grammar, node)) failures.push(node.startPosition.row + 1);
    const c = callee(node);
    if (c !== undefined) calls.push({ node, name: c.replace(/^.*[.:]/, '') });
    if (FUNCTION_TYPES.has(node.type)) {
      const name = node.childForFieldName('name')?.text ?? boundName(node);
      if (name) functions.push({ name, start: node.startPosition.row + 1, end: node.endPosition.row + 1 });
    }
    const conc = concurrencyOf(grammar, node);
    if (conc) concurrency.push({ line: node.startPosition.row + 1, label: conc, scope: scopeName(node) });
  };
  // Only nodes of the types the checks read become node objects; the parser finds them (most nodes are not).
  for (const node of root.descendantsOfType([...VISITED_TYPES]).slice(0, MAX_NODES)) if (node) visit(node);
  // A call of this file's own helper that asserts counts as an assertion (tests often assert through one), and so
  // does a call of a helper that calls one (a few rounds: helpers rarely nest deeper).
  const helpers = new Set<string>();
  const checks = [...assertions.map((a) => a.startPosition.row + 1), ...failures];
  for (let round = 0; round < 3; round++) {
    const before = helpers.size;
    const lines = [...checks, ...calls.filter((c) => helpers.has(c.name)).map((c) => c.node.startPosition.row + 1)];
    for (const f of functions) {
      if (helpers.has(f.name) || cases.some((c) => c.start === f.start)) continue;
      if (lines.some((l) => l >= f.start && l <= f.end)) helpers.add(f.name);
    }
    if (helpers.size === before) break;
  }
  const asserting = [...assertions, ...calls.filter((c) => helpers.has(c.name)).map((c) => c.node)];
  const testCases: TestCase[] = cases.map((c) => ({
    name: c.name,
    start: c.start,
    end: c.end,
    assertions: asserting.filter((a) => within(a, c.start, c.end)).length,
    failurePoints:
      failures.filter((l) => l >= c.start && l <= c.end).length +
      (grammar === 'rust' && /#\[should_panic/.test(attributesBefore(c.node)) ? 1 : 0),
  }));
  const guarded: GuardedAssertion[] = [];
  for (const a of assertions) {
    const owner = cases.find((c) => within(a, c.start, c.end));
    if (!owner) continue;
    // A call that fails the test outright (`if err == nil { t.Fatal("want an error") }`) is the check itself: the
    // condition is what it asserts, not what lets it be skipped.
    if (failsOutright(a) && checksItsCondition(grammar, a, owner.node)) continue;
    const g = guardOf(grammar, a, owner.node);
    if (g) guarded.push({ line: a.startPosition.row + 1, ...g });
  }
  for (const c of cases) {
    const early = earlyReturnOf(
      c.node,
      returns.filter((r) => within(r, c.start, c.end)),
      asserting.filter((a) => within(a, c.start, c.end)),
    );
    if (early) guarded.push(early);
  }
  const inTests = (line: number): boolean => testFile || testRanges.some(([s, e]) => line >= s && line <= e);
  return {
    grammar,
    testRanges: mergeRanges(testRanges),
    testCases,
    guarded,
    concurrency: concurrency.filter((u) => !inTests(u.line)),
    accessChecks: functions.filter((f) => ACCESS_CHECK_NAME.test(f.name) && !inTests(f.start)),
    functionDocs: functionDocs(grammar, root),
  };
}

/** The name an anonymous function is bound to: `const expectRow = (row) => { ... }`, `check = lambda r: ...`. */
function boundName(node: SyntaxNode): string | undefined {
  const p = node.parent;
  if (!p) return undefined;
  if (p.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  if (p.type === 'assignment' || p.type === 'assignment_expression') return p.childForFieldName('left')?.text;
  return undefined;
}

function rangeOf(node: SyntaxNode): [number, number] {
  // Attributes and decorators belong to the item they sit on.
  let start = node.startPosition.row + 1;
  for (let p = node.previousNamedSibling; p && p.type === 'attribute_item'; p = p.previousNamedSibling)
    start = p.startPosition.row + 1;
  return [start, node.endPosition.row + 1];
}

function within(n: SyntaxNode, start: number, end: number): boolean {
  const row = n.startPosition.row + 1;
  return row >= start && row <= end;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

const IF_TYPES = new Set(['if_expression', 'if_statement']);
const TRY_TYPES = new Set(['try_statement', 'try_with_resources_statement']);
const HANDLER_TYPES = new Set(['except_clause', 'catch_clause']);
/** What a handler or else branch does when it reports the failure instead of dropping it. */
const REPORTS =
  /\b(?:raise|throw|fail\w*|assert\w*|expect|panic!?|unreachable!?|Fatal\w*|Error\w*|skip\w*|exit|rethrow)\b/;

/**
 * Why an assertion inside a test cannot fail, walking up to the test: a condition that skips it when the code
 * under test broke (`if let Ok(..)`, a bare truthiness check, `err == nil`, `is not None`) with no else that reports,
 * or a try whose handler drops the failure.
 */
function guardOf(
  grammar: Grammar,
  assertion: SyntaxNode,
  test: SyntaxNode,
): { kind: 'condition' | 'swallowed'; guard: string } | undefined {
  let child = assertion;
  for (let a = assertion.parent; a && contains(test, a) && !FUNCTION_TYPES.has(child.type); a = a.parent) {
    if (IF_TYPES.has(a.type)) {
      const cond = a.childForFieldName('condition');
      const cons = a.childForFieldName('consequence');
      const alt = a.childForFieldName('alternative');
      const inBody = cons !== null && contains(cons, child);
      if (cond && inBody && weakCondition(grammar, cond, test) && !(alt && REPORTS.test(alt.text)))
        return { kind: 'condition', guard: `if ${oneLine(cond.text)}` };
    }
    if (TRY_TYPES.has(a.type)) {
      const body = a.childForFieldName('body');
      if (body && contains(body, child)) {
        const handlers = a.namedChildren.filter((k): k is SyntaxNode => k !== null && HANDLER_TYPES.has(k.type));
        const handler = a.childForFieldName('handler');
        if (handler) handlers.push(handler);
        const drops = handlers.find((h) => !REPORTS.test(handlerBody(h)));
        if (drops) return { kind: 'swallowed', guard: oneLine(drops.text) };
      }
    }
    child = a;
  }
  return undefined;
}

const FAILS = new RegExp(`^${FAILING_CALL}$`);

/**
 * The nearest condition around a failing call is the weak one itself (`if err == nil { t.Fatal(..) }`): the call
 * asserts that condition. Nested under another condition first (`if err == nil { if v != 2 { t.Errorf(..) } }`), the
 * check is that inner one, and it runs only when the outer one holds.
 */
function checksItsCondition(grammar: Grammar, call: SyntaxNode, test: SyntaxNode): boolean {
  for (let a = call.parent; a && contains(test, a) && !FUNCTION_TYPES.has(a.type); a = a.parent) {
    if (!IF_TYPES.has(a.type)) continue;
    const cond = a.childForFieldName('condition');
    return cond !== null && weakCondition(grammar, cond, test);
  }
  return false;
}

function failsOutright(node: SyntaxNode): boolean {
  const name = node.type === 'macro_invocation' ? node.childForFieldName('macro')?.text : callee(node);
  return name !== undefined && FAILS.test(name);
}

/** A condition that holds when something is missing: `!x`, `not x`, `x is None`, `x == ""`, `err != nil`, `len(x) == 0`. */
const ABSENT =
  /^[(\s]*(?:!|not\s)|(?:===?|\bis)\s*(?:(?:None|nil|null|undefined|0)\b|""|'')|\berr\s*!=\s*nil\b|\.is_(?:none|err|empty)\(\)|\blen\([^)]*\)\s*==\s*0\b|\.length\s*===?\s*0\b/;

/** A branch the runner shows: it skips (`t.Skip`, `pytest.skip`), fails, or returns an error (`Err(..)` fails). */
const VISIBLE = new RegExp(`${REPORTS.source}|\\bErr\\s*\\(`, 'i');

/**
 * A test that returns before its first assertion when a condition holds (`let Some(ctx) = probe() else { return
 * Ok(()) }`, `if not shutil.which("x"): return`, `if (!server) return;`): where the condition holds it is reported
 * as passed, not skipped, having checked nothing. A branch that skips, fails or reports (`t.Skip`, `pytest.skip`,
 * `panic!`, a log line naming it) is visible and left alone, as is a return inside a nested function or closure, and
 * a condition on the test's own input (a table row, a parameter) that picks which checks apply.
 */
function earlyReturnOf(
  test: SyntaxNode,
  returns: readonly SyntaxNode[],
  assertions: readonly SyntaxNode[],
): GuardedAssertion | undefined {
  if (assertions.length === 0) return undefined;
  const first = Math.min(...assertions.map((a) => a.startIndex));
  for (const r of returns) {
    if (r.startIndex > first) continue;
    let guard: SyntaxNode | undefined;
    let branch: SyntaxNode | undefined;
    let child = r;
    let a = r.parent;
    for (; a && contains(test, a); child = a, a = a.parent) {
      if (FUNCTION_TYPES.has(a.type)) break;
      if (!guard && IF_TYPES.has(a.type)) {
        const cons = a.childForFieldName('consequence');
        if (cons && contains(cons, child)) [guard, branch] = [a.childForFieldName('condition') ?? undefined, cons];
      }
      if (!guard && a.type === 'let_declaration' && a.childForFieldName('alternative')) {
        const alt = a.childForFieldName('alternative')!;
        if (contains(alt, child)) [guard, branch] = [a.childForFieldName('value') ?? undefined, alt];
      }
    }
    // The return must leave the test itself: its nearest function is the test (or, in JS, the test's callback).
    const leavesTest =
      a !== null &&
      (same(a, test) ||
        (FUNCTION_TYPES.has(a.type) &&
          a.parent?.type === 'arguments' &&
          !!a.parent.parent &&
          same(a.parent.parent, test)));
    if (!leavesTest || !guard || !branch) continue;
    if (VISIBLE.test(branch.text) || /\b(?:print|println|eprintln|log|warn|console)\w*!?\s*[.(]/.test(branch.text))
      continue;
    // A return when the result is there (`if r.ok && r.type == Wanted { return }`) is a pass the test checked; only a
    // return when something is missing (a let-else, a negation, an empty or absent value, an error) skips the checks.
    const letElse = guard.parent?.type === 'let_declaration';
    if (!letElse && !ABSENT.test(oneLine(guard.text))) continue;
    const input = /^[(!\s]*(?:not\s+)?([A-Za-z_$][\w$]*)/.exec(guard.text);
    if (input && !/^(?:let|Some|Ok)$/.test(input[1]) && parameterOf(test, input[1])) continue;
    const text =
      guard.parent?.type === 'let_declaration' ? `let ... = ${oneLine(guard.text)} else` : `if ${oneLine(guard.text)}`;
    return { line: r.startPosition.row + 1, kind: 'early-return', guard: text };
  }
  return undefined;
}

/** Whether `name` is a parameter of the test (or of its callback): a table row or fixture, the test's input. */
function parameterOf(test: SyntaxNode, name: string): boolean {
  const fn = FUNCTION_TYPES.has(test.type)
    ? test
    : test.childForFieldName('arguments')?.namedChildren.find((k) => k !== null && FUNCTION_TYPES.has(k.type));
  const params = fn?.childForFieldName('parameters') ?? fn?.childForFieldName('parameter');
  return params ? new RegExp(`(?:^|[^\\w$])${name.replace(/\$/g, '\\$')}(?:[^\\w$]|$)`).test(params.text) : false;
}

/** A handler's text without what it catches (`except AssertionError` names an error; it does not report one). */
function handlerBody(h: SyntaxNode): string {
  const body = h.childForFieldName('body') ?? h.namedChildren[h.namedChildren.length - 1];
  return body ? body.text : h.text;
}

function same(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.type === b.type && a.startIndex === b.startIndex && a.endIndex === b.endIndex;
}

function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/**
 * A condition that holds only when the code under test worked: `if let Ok(..)`/`Some(..)`, `err == nil`, or a
 * presence check (truthy, not None, not null) of a value the test itself computed. A check of the test's own input
 * (a table row's optional field, a parameter) picks which assertions apply and is not weak.
 */
function weakCondition(grammar: Grammar, cond: SyntaxNode, test: SyntaxNode): boolean {
  if (grammar === 'rust' && cond.type === 'let_condition') {
    const pattern = cond.childForFieldName('pattern')?.text ?? '';
    return /^(?:Ok|Some)\s*\(/.test(pattern);
  }
  let t = oneLine(cond.text);
  while (/^\(.*\)$/.test(t)) t = t.slice(1, -1).trim();
  if (grammar === 'go') return /(?:^|;\s*)err\s*==\s*nil$/.test(t);
  const presence =
    /^!?\s*([\w$]+)[\w$.]*(?:\(\))?$/.exec(t) ??
    /^([\w$]+)[\w$.]*\s+is\s+not\s+None$/.exec(t) ??
    /^([\w$]+)[\w$.]*\s*!==?\s*(?:null|undefined)$/.exec(t);
  return presence !== null && assignedIn(test, presence[1]);
}

/**
 * Whether the test assigns `name` itself (a result it computed), not only receives it as a parameter: an assignment
 * statement (`x = ..`, `let x =`, `x, err :=`, `const { x } =` aside) or a walrus. A keyword argument `f(x=x)` is
 * not one.
 */
function assignedIn(test: SyntaxNode, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  return (
    new RegExp(
      `^\\s*(?:(?:let|const|var)\\s+(?:mut\\s+)?)?(?:[\\w$]+\\s*,\\s*)*${n}\\s*(?:,\\s*[\\w$]+\\s*)*(?::\\s*[^=\\n]+)?(?::=|=(?![=>]))`,
      'm',
    ).test(test.text) || new RegExp(`\\b${n}\\s*:=`).test(test.text)
  );
}

function oneLine(t: string): string {
  const s = t.trim().replace(/\s+/g, ' ');
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
