/**
 * Tests in a syntax tree, per grammar: which nodes are test cases and test modules, which calls assert, and what
 * else makes a test fail by itself. Names are matched on the callee as written (`self.assertEqual`, `t.Fatalf`,
 * `assert_eq!`), so a call is recognised wherever it sits: inside a condition, a closure or a helper.
 */
import type { Grammar, SyntaxNode } from './tree';

const CALL_TYPES = new Set(['call_expression', 'call', 'method_invocation']);

/** The callee of a call as written (`assert.equal`, `self.assertTrue`, `t.Errorf`), or undefined for other nodes. */
export function callee(node: SyntaxNode): string | undefined {
  if (!CALL_TYPES.has(node.type)) return undefined;
  if (node.type === 'method_invocation') {
    const obj = node.childForFieldName('object');
    const name = node.childForFieldName('name')?.text ?? '';
    return obj ? `${obj.text}.${name}` : name;
  }
  const fn = node.childForFieldName('function');
  return fn ? fn.text.replace(/\s+/g, '') : undefined;
}

/** `#[cfg(test)] mod tests { ... }`: test code inside a production file (Rust). */
export function testModule(grammar: Grammar, node: SyntaxNode): boolean {
  return grammar === 'rust' && node.type === 'mod_item' && /#\[cfg\((?:test|all\(test\b)/.test(attributesBefore(node));
}

const JS_TEST_CALL = /^(?:it|test|specify)(?:\.(?:only|concurrent|each|failing))?$/;
const JS_EACH_CALL = /^(?:it|test)(?:\.(?:only|concurrent))?\.each$/;

/** The name of the test case `node` is, or undefined. Outside test files only Rust has test cases (inline). */
export function testCaseOf(grammar: Grammar, node: SyntaxNode, testFile: boolean): string | undefined {
  switch (grammar) {
    case 'rust':
      return node.type === 'function_item' &&
        /#\[(?:[\w:]+::)?test\b|#\[(?:rstest|test_case|quickcheck|proptest)\b/.test(attributesBefore(node))
        ? (node.childForFieldName('name')?.text ?? 'test')
        : undefined;
    case 'python': {
      if (!testFile || node.type !== 'function_definition') return undefined;
      const name = node.childForFieldName('name')?.text ?? '';
      return /^test/.test(name) ? name : undefined;
    }
    case 'go': {
      if (!testFile || node.type !== 'function_declaration') return undefined;
      const name = node.childForFieldName('name')?.text ?? '';
      return /^(?:Test|Fuzz)/.test(name) ? name : undefined;
    }
    case 'java': {
      if (node.type !== 'method_declaration') return undefined;
      const mods = node.namedChildren.find((k) => k?.type === 'modifiers');
      return mods && /@(?:Test|ParameterizedTest|RepeatedTest|TestFactory)\b/.test(mods.text)
        ? (node.childForFieldName('name')?.text ?? 'test')
        : undefined;
    }
    default: {
      if (!testFile) return undefined;
      const c = callee(node);
      if (c === undefined) return undefined;
      // `it.each(table)('name', fn)`: the call taking the table only builds the test; the call it returns is the
      // case, with the name and the body that asserts.
      const fn = node.childForFieldName('function');
      const parametrised = fn?.type === 'call_expression' && JS_EACH_CALL.test(callee(fn) ?? '');
      if (!parametrised && !JS_TEST_CALL.test(c)) return undefined;
      if (!parametrised && JS_EACH_CALL.test(c) && node.parent?.type === 'call_expression') {
        if (node.parent.childForFieldName('function')?.startIndex === node.startIndex) return undefined;
      }
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      return first && /^(?:string|template_string)$/.test(first.type) ? first.text.slice(1, -1) : c;
    }
  }
}

/** Snapshot macros (insta's `assert_snapshot!`, a project's own `cli_snapshot!`) compare with a stored expectation. */
const RUST_ASSERT_MACRO = /^(?:[\w:]+::)?(?:\w*assert\w*|\w*snapshot\w*|panic|unreachable|todo|unimplemented)$/;
/**
 * Builder-style test harnesses check in their last calls (`Test::new().stdout("ok").success()`, assert_cmd's
 * `.assert().failure()`, mockall's `.expect_send()`): those methods assert.
 */
const RUST_ASSERT_METHOD =
  /\.(?:success|succeeds|failure|fails|stdout|stderr|assert\w*|expect_\w+|verify\w*|should\w*)$/;
const PY_ASSERT_CALL = /(?:^|\.)(?:assert\w*|fail|raises|warns|assert_called\w*)$/i;
const GO_ASSERT_CALL =
  /^(?:(?:t|b|f|tt|tb|s\.T\(\))\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)|(?:assert|require|is|qt|s|suite|s\.Require\(\)|r|a)\.[A-Z]\w*)$/;
const JS_ASSERT_CALL =
  /^(?:expect|expectTypeOf|assert|assertType|assert\.\w+|strict\.\w+|t\.(?:is|not|deepEqual|true|false|throws\w*|assert|snapshot|regex|equal|ok|notOk|same|match)|chai\.\w+|sinon\.assert\.\w+|\w+\.should\.\w+)$/;
const JAVA_ASSERT_CALL = /(?:^|\.)(?:assert\w*|fail|verify|expectThrows)$/;

/** Whether `node` asserts: an assertion statement, macro or call. */
export function assertionOf(grammar: Grammar, node: SyntaxNode): boolean {
  switch (grammar) {
    case 'rust':
      if (node.type === 'macro_invocation') return RUST_ASSERT_MACRO.test(node.childForFieldName('macro')?.text ?? '');
      return RUST_ASSERT_METHOD.test(callee(node) ?? '');
    case 'python':
      if (node.type === 'assert_statement') return true;
      return PY_ASSERT_CALL.test(callee(node) ?? '');
    case 'go':
      return GO_ASSERT_CALL.test(callee(node) ?? '');
    case 'java':
      return node.type === 'assert_statement' || JAVA_ASSERT_CALL.test(callee(node) ?? '');
    default:
      return JS_ASSERT_CALL.test(callee(node) ?? '');
  }
}

/**
 * What fails a test without an assertion: Rust's `?` and `.unwrap()`/`.expect(..)`; a child process whose failure
 * raises (`subprocess.run(..., check=True)`, `check_call`, `check_output`); a helper from elsewhere whose name says
 * it checks (`assert_output(..)`, `expectRow(..)`, `mustParse(t, ..)`, `verify_snapshot(..)`).
 */
export function failurePoint(grammar: Grammar, node: SyntaxNode): boolean {
  if (grammar === 'rust' && node.type === 'try_expression') return true;
  const c = callee(node);
  if (c === undefined) return false;
  if (grammar === 'rust' && /\.(?:unwrap|expect|unwrap_err|expect_err)$/.test(c)) return true;
  if (CHECKING_HELPER.test(c.replace(/^.*[.:]/, ''))) return true;
  return (
    grammar === 'python' &&
    (/(?:^|\.)check_(?:call|output)$/.test(c) ||
      /\bcheck\s*=\s*True\b/.test(node.childForFieldName('arguments')?.text ?? ''))
  );
}

/**
 * Calls that fail the test whenever they run, by callee as written: `t.Fatal`, `t.Errorf`, `panic!`, `pytest.fail`,
 * `assert.Fail`. Under a condition such a call is the check of that condition (syntax/structure.ts, rules/tests.ts).
 */
export const FAILING_CALL =
  '(?:(?:t|b|tb|f)\\.(?:Fatal|Fatalf|Error|Errorf|Fail|FailNow)|(?:panic|unreachable|fail)!?|(?:pytest|self|assert|Assert|Assertions)\\.fail)';

/** A function named for checking: `assert_x`, `check_x`, `expectX`, `verifyX`, `validate_x` (raises on bad input), `mustX`, `ensureX`, `requireX`. */
const CHECKING_HELPER = /^_?(?:assert|check|expect|verify|validate|must|ensure|require)(?:_\w|[A-Z])/;

/** The attributes (`#[test]`, `#[cfg(test)]`) written above a Rust item, as text. */
export function attributesBefore(node: SyntaxNode): string {
  let out = '';
  for (let p = node.previousNamedSibling; p && (p.type === 'attribute_item' || p.type === 'line_comment');) {
    if (p.type === 'attribute_item') out += p.text + '\n';
    p = p.previousNamedSibling;
  }
  return out;
}
