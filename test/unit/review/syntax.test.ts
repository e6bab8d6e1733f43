/**
 * The syntax layer: what readStructure takes from real tree-sitter trees per grammar (Java included, which the
 * corpus does not cover), and that a file without a grammar, or a parse that gives up, keeps the line rules and
 * says so in the header.
 */
import * as assert from 'node:assert/strict';
import { readStructure } from '../../../src/core/review/syntax/structure';
import { GRAMMARS, grammarFor, type Grammar, type SyntaxParser } from '../../../src/core/review/syntax/tree';
import { loadSyntaxParser } from '../../../src/syntax/wasmParser';
import { diffOf, headTextOf, review } from './helpers';
import { edit } from './corpus/types';

describe('review/syntax: structure read from tree-sitter trees', () => {
  let parser: SyntaxParser;
  before(async () => {
    const p = await loadSyntaxParser(GRAMMARS);
    assert.ok(p);
    parser = p;
  });

  function structure(grammar: Grammar, lines: string[], testFile: boolean) {
    const tree = parser.parse(grammar, lines.join('\n') + '\n');
    assert.ok(tree);
    try {
      return readStructure(grammar, tree.rootNode, testFile);
    } finally {
      tree.dispose();
    }
  }

  it('Rust: a #[cfg(test)] module is test code, #[tokio::test] a case, #[should_panic] a way to fail', () => {
    const s = structure(
      'rust',
      [
        'pub fn run() { tokio::spawn(async {}); }',
        '',
        '#[cfg(test)]',
        'mod tests {',
        '    #[tokio::test]',
        '    async fn spawns() { tokio::spawn(async {}).await.unwrap(); }',
        '    #[test]',
        '    #[should_panic]',
        '    fn panics() { run_bad(); }',
        '}',
      ],
      false,
    );
    assert.deepEqual(s.testRanges, [[3, 10]]);
    assert.deepEqual(
      s.testCases.map((c) => [c.name, c.start, c.end, c.assertions, c.failurePoints]),
      [
        ['spawns', 5, 6, 0, 1],
        ['panics', 7, 9, 0, 1],
      ],
    );
    assert.deepEqual(
      s.concurrency.map((u) => [u.line, u.scope]),
      [[1, 'fn run']],
      'the spawn inside the test module is not production concurrency',
    );
  });

  it('Java: @Test methods, an assertion in a try whose catch is empty, synchronized code', () => {
    const s = structure(
      'java',
      [
        'class CacheTest {',
        '  @Test',
        '  void stores() {',
        '    try {',
        '      assertEquals(1, cache.get("k"));',
        '    } catch (IOException e) {',
        '    }',
        '  }',
        '  @Test',
        '  void smoke() { cache.clear(); }',
        '}',
        'class Cache {',
        '  synchronized void put(String k) { synchronized (lock) { map.put(k, 1); } }',
        '}',
      ],
      true,
    );
    assert.deepEqual(
      s.testCases.map((c) => [c.name, c.assertions]),
      [
        ['stores', 1],
        ['smoke', 0],
      ],
    );
    assert.deepEqual(
      s.guarded.map((g) => [g.line, g.kind]),
      [[5, 'swallowed']],
    );
    const prod = structure('java', ['class Cache {', '  void put() { synchronized (lock) { n++; } }', '}'], false);
    assert.deepEqual(
      prod.concurrency.map((u) => [u.line, u.label, u.scope]),
      [[2, 'synchronized blocks', 'method put']],
    );
  });

  it('a test that returns before its first assertion when a probe fails passes silently there, in four languages', () => {
    const early = (grammar: Grammar, lines: string[]) =>
      structure(grammar, lines, true)
        .guarded.filter((g) => g.kind === 'early-return')
        .map((g) => [g.line, g.guard]);
    assert.deepEqual(
      early('rust', [
        '#[test]',
        'fn prune_on_alt_fs() -> Result<()> {',
        '    let Some(ctx) = test_context().with_cache_on_alt_fs()? else {',
        '        return Ok(());',
        '    };',
        '    assert_eq!(ctx.prune()?, 1);',
        '    Ok(())',
        '}',
      ]),
      [[4, 'let ... = test_context().with_cache_on_alt_fs()? else']],
    );
    assert.deepEqual(
      early('python', [
        'def test_sandbox(tmp_path):',
        '    exe = shutil.which("bwrap")',
        '    if not exe:',
        '        return',
        '    assert run(exe, tmp_path) == 0',
      ]),
      [[4, 'if not exe']],
    );
    assert.deepEqual(
      early('go', [
        'func TestDial(t *testing.T) {',
        '    addr := os.Getenv("REDIS_ADDR")',
        '    if addr == "" {',
        '        return',
        '    }',
        '    require.NoError(t, dial(addr))',
        '}',
      ]),
      [[4, 'if addr == ""']],
    );
    assert.deepEqual(
      early('typescript', [
        'it("connects", async () => {',
        '  const server = await tryStart();',
        '  if (!server) return;',
        '  assert.equal(await server.ping(), "pong");',
        '});',
      ]),
      [[3, 'if (!server)']],
    );
  });

  it('leaves early returns alone that skip visibly, follow an assertion, leave a closure, or pick checks by input', () => {
    const early = (grammar: Grammar, lines: string[]) =>
      structure(grammar, lines, true).guarded.filter((g) => g.kind === 'early-return');
    // A visible skip: the runner reports it as skipped.
    assert.deepEqual(
      early('go', [
        'func TestDial(t *testing.T) {',
        '    addr := os.Getenv("REDIS_ADDR")',
        '    if addr == "" {',
        '        t.Skip("no REDIS_ADDR")',
        '        return',
        '    }',
        '    require.NoError(t, dial(addr))',
        '}',
      ]),
      [],
    );
    assert.deepEqual(
      early('rust', [
        '#[test]',
        'fn alt_fs() {',
        '    let Some(ctx) = probe() else {',
        '        eprintln!("skipping: no alternative filesystem");',
        '        return;',
        '    };',
        '    assert!(ctx.ok());',
        '}',
      ]),
      [],
    );
    // After the first assertion: the test has checked something.
    assert.deepEqual(
      early('python', [
        'def test_parse():',
        '    result = parse("x")',
        '    assert result is not None',
        '    if result.empty:',
        '        return',
        '    assert result.value == 1',
      ]),
      [],
    );
    // A return inside a callback leaves the callback, not the test.
    assert.deepEqual(
      early('typescript', [
        'it("maps", () => {',
        '  const out = rows.map((r) => {',
        '    if (!r) return 0;',
        '    return r.n;',
        '  });',
        '  assert.deepEqual(out, [1]);',
        '});',
      ]),
      [],
    );
    // A return when the awaited result is already there is a pass the test checked, not a skip.
    assert.deepEqual(
      early('go', [
        'func TestDeliver(t *testing.T) {',
        '    got := <-results',
        '    if got.ok && got.kind == KindMessage {',
        '        return',
        '    }',
        '    select {',
        '    case ev := <-sub:',
        '        require.Equal(t, KindMessage, ev.kind)',
        '    case <-time.After(time.Second):',
        '        t.Fatal("message dropped")',
        '    }',
        '}',
      ]),
      [],
    );
    // A return inside a fake defined in the test (a mock's side effect) leaves the fake.
    assert.deepEqual(
      early('python', [
        'def test_orchestrator(monkeypatch):',
        '    def fake_run(cmd):',
        '        if "diff --stat" in cmd:',
        '            return "1 file changed"',
        '        return ""',
        '    monkeypatch.setattr(git, "run", fake_run)',
        '    assert summarize() == "1 file changed"',
      ]),
      [],
    );
    // The test's own input (a parametrized case) picks which checks apply.
    assert.deepEqual(
      early('python', [
        'def test_case(case):',
        '    if not case.expected:',
        '        return',
        '    assert run(case) == case.expected',
      ]),
      [],
    );
    // Outside a test case nothing is read.
    assert.deepEqual(early('python', ['def helper(x):', '    if not x:', '        return', '    assert x > 0']), []);
  });

  it('an early return stays low beside a change to the code it tests: it is about where the test runs', () => {
    const files = [
      edit(
        'src/cache.py',
        ['def lookup(key):'],
        ['    return store.get(key)'],
        ['    return store.get(key, None)'],
        [],
      ),
      edit(
        'tests/test_cache.py',
        ['import shutil', ''],
        [],
        [
          'def test_lookup_on_redis():',
          '    url = os.environ.get("REDIS_URL")',
          '    if not url:',
          '        return',
          '    assert lookup("k") is None',
        ],
        [''],
      ),
    ];
    const r = review(diffOf(...files), undefined, { headText: headTextOf(...files), syntax: parser });
    const early = r.findings.filter((f) => f.ruleId === 'assertion-cannot-fail');
    assert.equal(early.length, 1, JSON.stringify(r.findings.map((f) => f.why)));
    assert.equal(early[0].severity, 'low', early[0].why);
    assert.match(early[0].why, /^test returns before its first assertion/);
  });

  it('Go: a failure inside `if err == nil` asserts the error; an assertion there is skipped when the code fails', () => {
    const s = structure(
      'go',
      [
        'func TestRejectsEmpty(t *testing.T) {',
        '    _, err := Parse("")',
        '    if err == nil {',
        '        t.Fatal("want an error for empty input")',
        '    }',
        '}',
        'func TestParses(t *testing.T) {',
        '    got, err := Parse("1")',
        '    if err == nil {',
        '        require.Equal(t, 1, got)',
        '    }',
        '}',
      ],
      true,
    );
    assert.deepEqual(
      s.guarded.map((g) => [g.line, g.kind]),
      [[10, 'condition']],
    );
  });

  it('Python: a fixture precondition is no weak assertion, a test that validates asserts by raising', () => {
    const files = [
      edit(
        'tests/test_tasks.py',
        ['import pytest', ''],
        [],
        [
          '@pytest.fixture',
          'def tasks_extension():',
          '    ext = load_extension("tasks")',
          '    assert ext is not None',
          '    return ext',
          '',
          'def test_loads(tasks_extension):',
          '    result = tasks_extension.run()',
          '    assert result is not None',
          '',
          'def test_valid_payload():',
          '    validate_payload(VALID)',
        ],
        [''],
      ),
    ];
    const r = review(diffOf(...files), undefined, { headText: headTextOf(...files), syntax: parser });
    const weak = r.findings.filter((f) => f.ruleId === 'assertion-weakened');
    assert.deepEqual(
      weak.map((f) => [f.range?.start, f.why.replace(/ \[.*$/, '')]),
      [[20, 'weak assertion "assert result is not None" passes for almost any value']],
      "the test's own weak check is reported; the fixture's precondition and the validating test are not",
    );
  });

  it('TypeScript and TSX files get their own grammars; other languages none', () => {
    assert.equal(grammarFor('src/a.ts', 'js'), 'typescript');
    assert.equal(grammarFor('src/a.tsx', 'js'), 'tsx');
    assert.equal(grammarFor('src/a.mjs', 'js'), 'javascript');
    assert.equal(grammarFor('src/a.rb', 'ruby'), undefined);
    const s = structure('tsx', ['it("renders", () => {', '  const el = <Button label="x" />;', '});'], true);
    assert.deepEqual(
      s.testCases.map((c) => [c.name, c.assertions]),
      [['renders', 0]],
    );
  });

  it('without a grammar, or when the parse gives up, the file keeps the line rules and the header says so', () => {
    const files = [
      edit(
        'tests/test_cache.py',
        ['def test_lookup(cache):'],
        [],
        ['    hit = cache.lookup("k")', '    if hit:', '        assert hit.value == 1'],
        [''],
      ),
    ];
    const withTrees = review(diffOf(...files), undefined, { headText: headTextOf(...files), syntax: parser });
    assert.match(withTrees.header.analysis, /^syntax trees \(tree-sitter\) for python:/);
    const gaveUp: SyntaxParser = { grammars: parser.grammars, parse: () => undefined };
    const lines = review(diffOf(...files), undefined, { headText: headTextOf(...files), syntax: gaveUp });
    assert.match(lines.header.analysis, /line rules for .*; no syntax trees$/);
    const none = review(diffOf(...files));
    assert.match(none.header.analysis, /no syntax trees$/);
  });
});
