import * as assert from 'node:assert/strict';
import { type FileSpec, added, check, diffOf, findingsOf, removed, review } from './helpers';

describe('review/rules skipped and focused tests', () => {
  check([
    {
      lang: 'ts',
      name: 'it.only focuses the suite',
      files: added('test/user.test.ts', "it.only('creates a user', () => {"),
      fires: 'test-skipped',
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'describe.skip',
      files: added('test/user.test.ts', "describe.skip('users', () => {"),
      fires: 'test-skipped',
    },
    {
      lang: 'py',
      name: '@pytest.mark.skip',
      files: added('tests/test_user.py', '@pytest.mark.skip(reason="flaky")'),
      fires: 'test-skipped',
    },
    {
      lang: 'py',
      name: 'raise SkipTest',
      files: added('tests/test_user.py', '        raise unittest.SkipTest("later")'),
      fires: 'test-skipped',
    },
    {
      lang: 'go',
      name: 't.Skip',
      files: added('user/user_test.go', '\tt.Skip("broken on CI")'),
      fires: 'test-skipped',
    },
    {
      lang: 'go',
      name: 't.Skip under a platform check runs the test wherever it can',
      files: added('shell/run_test.go', '\tif runtime.GOOS == "windows" {', '\t\tt.Skip("no /bin/sh here")', '\t}'),
      silent: 'test-skipped',
    },
    {
      lang: 'ts',
      name: 'it.skipIf on the platform',
      files: added('test/paths.test.ts', "it.skipIf(process.platform === 'win32')('keeps symlinks', () => {"),
      silent: 'test-skipped',
    },
    {
      lang: 'go',
      name: 't.Skip when a tool the test needs is not on PATH',
      files: added(
        'search/grep_test.go',
        '\tif tool == "ripgrep" && findRipgrep() == "" {',
        '\t\tt.Skip("ripgrep is not in $PATH")',
        '\t}',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'py',
      name: 'pytest.skip when a binary is missing',
      files: added(
        'tests/test_fmt.py',
        '    if shutil.which("clang-format") is None:',
        '        pytest.skip("clang-format missing")',
      ),
      silent: 'test-skipped',
    },
    {
      lang: 'go',
      name: 't.Skip under an unrelated condition still counts',
      files: added('user/user_test.go', '\tif len(users) == 0 {', '\t\tt.Skip("flaky")', '\t}'),
      fires: 'test-skipped',
    },
    {
      lang: 'java',
      name: '@Disabled',
      files: added('src/test/java/UserTest.java', '    @Disabled'),
      fires: 'test-skipped',
    },
    {
      lang: 'cs',
      name: '[Fact(Skip = ...)]',
      files: added('Tests/UserTests.cs', '    [Fact(Skip = "later")]'),
      fires: 'test-skipped',
    },
    {
      lang: 'ts',
      name: 'ordinary it()',
      files: added('test/user.test.ts', "it('creates a user', () => {"),
      silent: 'test-skipped',
    },
    {
      lang: 'ts',
      name: '.only outside tests is not a test skip',
      files: added('src/list.ts', 'const only = items.only(x);'),
      silent: 'test-skipped',
    },
    {
      lang: 'py',
      name: 'ordinary test function',
      files: added('tests/test_user.py', 'def test_create():'),
      silent: 'test-skipped',
    },
    {
      lang: 'go',
      name: 't.Run',
      files: added('user/user_test.go', '\tt.Run("create", func(t *testing.T) {'),
      silent: 'test-skipped',
    },
    { lang: 'java', name: '@Test', files: added('src/test/java/UserTest.java', '    @Test'), silent: 'test-skipped' },
    { lang: 'cs', name: '[Fact]', files: added('Tests/UserTests.cs', '    [Fact]'), silent: 'test-skipped' },
  ]);
});

describe('review/rules weakened assertions', () => {
  check([
    {
      lang: 'rust',
      name: 'an import of an assertion crate removed from a test file asserts nothing',
      files: removed(
        'crates/store/tests/it/cache.rs',
        ['use assert_fs::prelude::*;', 'use assert_fs::fixture::ChildPath;'],
        ['use std::path::Path;'],
      ),
      silent: 'assertion-weakened',
    },
    {
      lang: 'rust',
      name: 'the assertions themselves removed',
      files: removed(
        'crates/store/tests/it/cache.rs',
        ['    assert_eq!(cache.len(), 2);', '    assert!(cache.contains("a"));'],
        ['    let _ = cache.len();'],
      ),
      fires: 'assertion-weakened',
    },
    {
      lang: 'ts',
      name: 'strict matcher replaced by toBeTruthy',
      files: removed(
        'test/price.test.ts',
        ['  expect(total(cart)).toBe(42);'],
        ['  expect(total(cart)).toBeTruthy();'],
      ),
      fires: 'assertion-weakened',
      severity: 'low',
    },
    {
      lang: 'ts',
      name: 'expected value changed to match output',
      files: removed(
        'test/price.test.ts',
        ['  expect(total(cart)).toEqual(42);'],
        ['  expect(total(cart)).toEqual(41);'],
      ),
      fires: 'expectation-changed',
    },
    {
      lang: 'py',
      name: 'assertions deleted',
      files: removed(
        'tests/test_price.py',
        ['    assert total(cart) == 42', '    assert cart.items == 3'],
        ['    total(cart)'],
      ),
      fires: 'assertion-weakened',
    },
    {
      lang: 'py',
      name: 'assert x is not None',
      files: removed('tests/test_price.py', ['    assert total(cart) == 42'], ['    assert result is not None']),
      fires: 'assertion-weakened',
    },
    {
      lang: 'go',
      name: 't.Errorf removed',
      files: removed('price/price_test.go', ['\tif got != 42 {', '\t\tt.Errorf("got %d", got)', '\t}'], []),
      fires: 'assertion-weakened',
    },
    {
      lang: 'java',
      name: 'assertEquals replaced by assertNotNull',
      files: removed(
        'src/test/java/PriceTest.java',
        ['        assertEquals(42, total(cart));'],
        ['        assertNotNull(total(cart));'],
      ),
      fires: 'assertion-weakened',
    },
    {
      lang: 'cs',
      name: 'Assert.Equal replaced by Assert.NotNull',
      files: removed(
        'Tests/PriceTests.cs',
        ['        Assert.Equal(42, Total(cart));'],
        ['        Assert.NotNull(Total(cart));'],
      ),
      fires: 'assertion-weakened',
    },
    {
      lang: 'ts',
      name: 'new tests that only print',
      files: {
        path: 'test/report.test.ts',
        status: 'added',
        add: ["it('renders', () => {", '  console.log(render(doc));', '});'],
      },
      fires: 'assertion-weakened',
    },
    {
      lang: 'ts',
      name: 'assertions added',
      files: removed(
        'test/price.test.ts',
        ['  expect(total(cart)).toBe(42);'],
        ['  expect(total(cart)).toBe(42);', '  expect(tax(cart)).toBe(4);'],
      ),
      silent: 'assertion-weakened',
    },
    {
      lang: 'py',
      name: 'assertion reformatted',
      files: removed('tests/test_price.py', ['    assert total(cart)==42'], ['    assert total(cart) == 42']),
      silent: 'assertion-weakened',
    },
    {
      lang: 'go',
      name: 'new strict test',
      files: added(
        'price/price_test.go',
        'func TestTax(t *testing.T) {',
        '\tif got := Tax(10); got != 1 {',
        '\t\tt.Fatalf("got %v", got)',
        '\t}',
        '}',
      ),
      silent: 'assertion-weakened',
    },
    {
      lang: 'java',
      name: 'assertion message edited',
      files: removed(
        'src/test/java/PriceTest.java',
        ['        assertEquals(42, total(cart));'],
        ['        assertEquals(42, total(cart), "total");'],
      ),
      silent: 'assertion-weakened',
    },
    {
      lang: 'cs',
      name: 'production code only',
      files: removed('Api/Price.cs', ['return 42;'], ['return 41;']),
      silent: 'assertion-weakened',
    },
  ]);

  it('raises a weakened assertion to high when the code under test changed too', () => {
    const r = review(
      diffOf(
        removed('src/price.ts', ['  return sum * 1.2;'], ['  return sum * 1.1;']),
        removed('test/price.test.ts', ['  expect(total(cart)).toBe(42);'], ['  expect(total(cart)).toBeTruthy();']),
      ),
    );
    const weakened = findingsOf(r, 'assertion-weakened');
    assert.ok(weakened.length > 0);
    for (const f of weakened) {
      assert.equal(f.severity, 'high');
      assert.match(f.why, /src\/price\.ts, the code it tests, changed too/);
    }
    assert.equal(r.blastRadius.tier >= 'T2', true, r.blastRadius.reasons.join('\n'));
  });

  it('says nothing of a test file deleted whole with the file it tests; a test deleted while its code stays is reported', () => {
    const hook = Array.from({ length: 20 }, (_, i) => `    line_${i} = render(${i})`);
    const tests = [
      'def test_render():',
      '    assert render(1) == "1"',
      '',
      'def test_empty():',
      '    assert render(0) == ""',
    ];
    const gone = review(
      diffOf(
        { path: 'docs/hooks/snippets.py', status: 'deleted', del: ['def render(n):', ...hook] },
        { path: 'docs/hooks/test_snippets.py', status: 'deleted', del: tests },
      ),
    );
    assert.deepEqual(findingsOf(gone, 'test-deleted'), [], 'the tool and its tests went together');
    const kept = review(diffOf({ path: 'docs/hooks/test_snippets.py', status: 'deleted', del: tests }));
    assert.equal(findingsOf(kept, 'test-deleted').length, 1, 'the code still ships; its tests are gone');
  });

  it('keeps an isolated weakened assertion at low and the tier at T1', () => {
    const r = review(
      diffOf(
        removed('test/price.test.ts', ['  expect(total(cart)).toBe(42);'], ['  expect(total(cart)).toBeTruthy();']),
      ),
    );
    assert.ok(findingsOf(r, 'assertion-weakened').every((f) => f.severity === 'low'));
    assert.equal(r.blastRadius.tier, 'T1');
  });
});

describe('review/rules deleted tests', () => {
  check([
    {
      lang: 'ts',
      name: 'test file deleted',
      files: { path: 'test/user.test.ts', status: 'deleted', del: ["it('a', () => { expect(1).toBe(1); });"] },
      fires: 'test-deleted',
    },
    {
      lang: 'py',
      name: 'test function removed',
      files: removed(
        'tests/test_user.py',
        ['def test_rejects_empty_name():', '    with pytest.raises(ValueError):', '        create("")'],
        [],
      ),
      fires: 'test-deleted',
    },
    {
      lang: 'go',
      name: 'Test func removed',
      files: removed(
        'user/user_test.go',
        [
          'func TestRejectsEmpty(t *testing.T) {',
          '\tif _, err := New(""); err == nil {',
          '\t\tt.Fatal("want error")',
          '\t}',
          '}',
        ],
        [],
      ),
      fires: 'test-deleted',
    },
    {
      lang: 'java',
      name: '@Test method removed',
      files: removed(
        'src/test/java/UserTest.java',
        ['    @Test', '    void rejectsEmpty() { assertThrows(IllegalArgumentException.class, () -> new User("")); }'],
        [],
      ),
      fires: 'test-deleted',
    },
    {
      lang: 'cs',
      name: '[Fact] removed',
      files: removed(
        'Tests/UserTests.cs',
        ['    [Fact]', '    public void RejectsEmpty() => Assert.Throws<ArgumentException>(() => new User(""));'],
        [],
      ),
      fires: 'test-deleted',
    },
    {
      lang: 'ts',
      name: 'test renamed',
      files: removed('test/user.test.ts', ["it('creates', () => {"], ["it('creates a user', () => {"]),
      silent: 'test-deleted',
    },
    {
      lang: 'py',
      name: 'test added',
      files: added('tests/test_user.py', 'def test_more():', '    assert more() == 2'),
      silent: 'test-deleted',
    },
    {
      lang: 'go',
      name: 'test body edited',
      files: removed('user/user_test.go', ['\twant := 1'], ['\twant := 2']),
      silent: 'test-deleted',
    },
    {
      lang: 'java',
      name: '@Test method renamed',
      files: removed('src/test/java/UserTest.java', ['    @Test void a() {}'], ['    @Test void rejectsEmpty() {}']),
      silent: 'test-deleted',
    },
    {
      lang: 'cs',
      name: 'source file deleted, not a test',
      files: { path: 'Api/User.cs', status: 'deleted', del: ['class User {}'] },
      silent: 'test-deleted',
    },
  ]);
});

describe('review/rules tests special-cased by the code', () => {
  check([
    {
      lang: 'ts',
      name: 'NODE_ENV === "test" branch',
      files: added('src/pay.ts', "if (process.env.NODE_ENV === 'test') return { ok: true };"),
      fires: 'test-special-case',
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'PYTEST_CURRENT_TEST check',
      files: added('app/pay.py', 'if "PYTEST_CURRENT_TEST" in os.environ:'),
      fires: 'test-special-case',
    },
    {
      lang: 'go',
      name: 'flag.Lookup("test.v")',
      files: added('pay/pay.go', '\tif flag.Lookup("test.v") != nil {'),
      fires: 'test-special-case',
    },
    {
      lang: 'java',
      name: 'comment admits hard-coding',
      files: added('src/Pay.java', 'return 42; // hard-coded for the test'),
      fires: 'test-special-case',
    },
    {
      lang: 'cs',
      name: 'Equals always true',
      files: added('Api/Money.cs', 'public override bool Equals(object obj) => true;'),
      fires: 'test-special-case',
      severity: 'high',
    },
    {
      lang: 'py',
      name: '__eq__ returning True',
      files: added('app/money.py', '    def __eq__(self, other):', '        return True'),
      fires: 'test-special-case',
      severity: 'high',
    },
    {
      lang: 'py',
      name: 'sys.exit(0) in a test',
      files: added('tests/test_pay.py', '    sys.exit(0)'),
      fires: 'test-special-case',
    },
    {
      lang: 'py',
      name: 'sys.exit(0) ending a job after its work',
      files: added(
        'worker/main.py',
        '        store.release_lock(owner, repo, issue, holder, success=True, status="TRIAGED")',
        '        print("[WORKER] Triage success.")',
        '        sys.exit(0)',
      ),
      silent: 'test-special-case',
    },
    {
      lang: 'py',
      name: 'sys.exit(0) under a CI check before the work',
      files: added('worker/main.py', '    if os.environ.get("CI"):', '        sys.exit(0)', '    run_migrations()'),
      fires: 'test-special-case',
      severity: 'low',
    },
    {
      lang: 'ts',
      name: 'process.exit(0) when a test runner is detected',
      files: added('src/cli.ts', 'if (process.env.VITEST) {', '  process.exit(0);', '}'),
      fires: 'test-special-case',
    },
    {
      lang: 'ts',
      name: "process.exit(0) after a CLI's 'nothing to do'",
      files: added('src/cli.ts', "  console.log('Nothing to do.');", '  process.exit(0);'),
      silent: 'test-special-case',
    },
    {
      lang: 'ts',
      name: 'NODE_ENV production check',
      files: added('src/log.ts', "if (process.env.NODE_ENV === 'production') enableSentry();"),
      silent: 'test-special-case',
    },
    {
      lang: 'py',
      name: 'real __eq__',
      files: added('app/money.py', '    def __eq__(self, other):', '        return self.cents == other.cents'),
      silent: 'test-special-case',
    },
    {
      lang: 'go',
      name: 'os.Exit(1) on error',
      files: added('cmd/main.go', '\tos.Exit(1)'),
      silent: 'test-special-case',
    },
    {
      lang: 'java',
      name: 'real equals',
      files: added(
        'src/Money.java',
        'public boolean equals(Object o) {',
        '    return o instanceof Money m && m.cents == cents;',
        '}',
      ),
      silent: 'test-special-case',
    },
  ]);
});

describe('review/rules assertions that cannot fail, read from lines (no syntax tree)', () => {
  const goTest = (body: string[]): FileSpec =>
    added('user/user_test.go', 'func TestNew(t *testing.T) {', '\tu, err := New("")', ...body, '}');
  check([
    {
      lang: 'go',
      name: 'an assertion only when err == nil: skipped exactly when the code fails',
      files: goTest(['\tif err == nil {', '\t\trequire.Equal(t, "", u.Name)', '\t}']),
      fires: 'assertion-cannot-fail',
    },
    {
      lang: 'go',
      name: 't.Fatal when err == nil asserts that the error happened',
      files: goTest(['\tif err == nil {', '\t\tt.Fatal("want an error for an empty name")', '\t}']),
      silent: 'assertion-cannot-fail',
    },
  ]);
});

describe('review/rules expectation-changed quotes where the two lines differ', () => {
  it('shows the changed value of a long assertion, not two identical beginnings', () => {
    const r = review(
      diffOf(
        removed(
          'packages/core/src/chat.test.ts',
          ['    expect(chat.agentHistory.entries.length).toBe(2);'],
          ['    expect(chat.agentHistory.entries.length).toBe(3);'],
        ),
      ),
    );
    const hit = findingsOf(r, 'expectation-changed')[0];
    assert.ok(hit, JSON.stringify(r.findings.map((f) => f.why)));
    assert.match(hit.why, /toBe\(2\);" -> ".*toBe\(3\);"/);
  });
});
