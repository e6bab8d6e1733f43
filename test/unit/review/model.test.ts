import * as assert from 'node:assert/strict';
import { aiKindsIn, buildChange, linesAfter } from '../../../src/core/review/model/change';
import { ownersOf, parseCodeowners } from '../../../src/core/review/model/codeowners';
import { criticalLabels, DEFAULT_CRITICAL_PATHS, resolveCriticalPaths } from '../../../src/core/review/model/critical';
import { editDistance } from '../../../src/core/review/model/edit-distance';
import { globToRegExp } from '../../../src/core/review/model/glob';
import {
  LexState,
  START_STATE,
  definesPattern,
  execInCode,
  lexLine,
  statesAt,
} from '../../../src/core/review/model/lexer';
import { classifyPath, languageOf, unitKey } from '../../../src/core/review/model/paths';
import { parseUnifiedDiff } from '../../../src/core/review/diff/parse';
import { diffOf } from './helpers';

describe('review/model paths', () => {
  const kinds = (p: string): string[] => {
    const c = classifyPath(p);
    return (
      [
        'test',
        'ci',
        'iac',
        'ownership',
        'agentConfig',
        'docs',
        'vendored',
        'generated',
        'migration',
        'config',
        'source',
      ] as const
    ).filter((k) => c[k]);
  };
  const cases: [string, string[]][] = [
    ['src/app/user.ts', ['source']],
    ['test/unit/user.test.ts', ['test']],
    ['pkg/user/user_test.go', ['test']],
    ['tests/test_user.py', ['test']],
    ['src/test/java/com/x/UserServiceTest.java', ['test']],
    ['Tests/UserTests.cs', ['test']],
    // Test-support packages by name: a workspace member named for tests, a helper package anywhere.
    ['crates/store-test/src/lib.rs', ['test']],
    ['internal/testutil/fakeclock.go', ['test']],
    ['pkg/test_helpers/factories.py', ['test']],
    ['src/features/ab-test/variant.ts', ['source']],
    ['crates/store-testing/src/lib.rs', ['source']],
    ['.github/workflows/ci.yml', ['ci', 'config']],
    ['.gitlab-ci.yml', ['ci', 'config']],
    ['infra/main.tf', ['iac']],
    ['Dockerfile', ['iac']],
    ['.github/CODEOWNERS', ['ownership']],
    ['CLAUDE.md', ['agentConfig', 'docs']],
    // A lower-case docs page about a model is a user page; the upper-case context file stays agent instructions.
    ['docs/realtime/gemini.md', ['docs']],
    ['docs/realtime/GEMINI.md', ['agentConfig', 'docs']],
    ['gemini.md', ['agentConfig', 'docs']],
    ['.cursor/rules/style.mdc', ['agentConfig']],
    ['.vscode/mcp.json', ['agentConfig']],
    ['docs/guide.md', ['docs']],
    ['vendor/github.com/x/y.go', ['vendored']],
    ['api/user.pb.go', ['generated']],
    ['db/migrations/0001_init.py', ['migration', 'source']],
    ['tsconfig.json', ['config']],
    ['.env.production', ['config']],
    ['config/settings.py', ['config', 'source']],
  ];
  for (const [path, expected] of cases) {
    it(`classifies ${path}`, () => assert.deepEqual(kinds(path), expected));
  }
  it('knows manifests, lockfiles and languages', () => {
    assert.equal(classifyPath('web/package.json').manifest, 'npm');
    assert.equal(classifyPath('requirements.txt').manifest, 'pypi');
    assert.equal(classifyPath('App/App.csproj').manifest, 'nuget');
    assert.equal(classifyPath('go.sum').lockfile, 'go');
    assert.equal(classifyPath('Cargo.lock').lockfile, 'cargo');
    assert.equal(languageOf('a/b.tsx'), 'js');
    assert.equal(languageOf('Dockerfile.prod'), 'dockerfile');
    assert.equal(languageOf('README'), 'other');
  });
  it('pairs tests with the unit they test', () => {
    for (const p of [
      'src/user.ts',
      'test/user.test.ts',
      'user_test.go',
      'tests/test_user.py',
      'UserTest.java',
      'UserTests.cs',
      'user.spec.js',
    ]) {
      assert.equal(unitKey(p), 'user', p);
    }
  });
});

describe('review/model lexer', () => {
  it('knows a line that defines a pattern in JS/TS and Python, and not a path or a division', () => {
    for (const [code, language] of [
      ['  re: /--privileged\\b|\\bhostPID\\b/,', 'js'],
      ['const SHELL = String.raw`\\bshell\\s*=\\s*True\\b`;', 'js'],
      ['const X = new RegExp(`eval\\(`, "g");', 'js'],
      ['SHELL = re.compile(r"shell=True")', 'py'],
    ] as const)
      assert.equal(definesPattern(code, language), true, code);
    for (const [code, language] of [
      ['  mountPath: /var/lib/docker/', 'yaml'],
      ['const ratio = total / count / 2;', 'js'],
      ["const args = ['run', '--privileged', image];", 'js'],
      ['  return /ok/.test(x) ? a : b;', 'js'],
    ] as const)
      assert.equal(definesPattern(code, language), false, code);
  });

  const lex = (lines: string[], style: 'slash' | 'hash' | 'sql' | 'markup'): [string, string][] => {
    let st: LexState = START_STATE;
    return lines.map((l) => {
      const r = lexLine(l, style, st);
      st = r.state;
      return [r.code.trim(), r.comment.trim()];
    });
  };
  it('finds a pattern in code only, not in the text of string literals (execInCode)', () => {
    const first = (lines: string[], style: 'slash' | 'hash', re: RegExp): (string | null)[] => {
      let st: LexState = START_STATE;
      return lines.map((l) => {
        const r = lexLine(l, style, st);
        st = r.state;
        assert.equal(r.bare.length, r.code.length, l);
        return execInCode(re, r.code, r.bare)?.[0] ?? null;
      });
    };
    const run = /\bsubprocess\.run\s*\(|['"](?:node:)?child_process['"]|\bexecSync\s*\(/;
    assert.deepEqual(
      first(
        [
          'p.add_argument("--x", help="uses subprocess.run(cmd)")',
          'msg = f"{subprocess.run(cmd)}"',
          'out = subprocess.run(["ls"])  # "subprocess.run(" said again',
          'USAGE = """Run it:',
          '  subprocess.run(cmd)',
          '"""; subprocess.run(cmd)',
        ],
        'hash',
        run,
      ),
      // An f-string made of one interpolated call is that call.
      [null, 'subprocess.run(', 'subprocess.run(', null, null, 'subprocess.run('],
    );
    assert.deepEqual(
      first(
        [
          "throw new Error('execSync( failed');",
          "import { execSync } from 'node:child_process';",
          'const s = `rev ${execSync(cmd)} and execSync( in text`;',
          "const t = 'it said execSync('; execSync(cmd);",
        ],
        'slash',
        run,
      ),
      [null, "'node:child_process'", 'execSync(', 'execSync('],
    );
    // A template literal spanning lines is text on every line until its closing backtick; `${...}` stays code.
    assert.deepEqual(
      first(
        [
          'const prompt = `Run it:',
          '  execSync(cmd) // not a comment either',
          '  then ${execSync(cmd)} here',
          '  a \\` is no end`; execSync(cmd);',
          'execSync(cmd);',
        ],
        'slash',
        run,
      ),
      [null, null, 'execSync(', 'execSync(', 'execSync('],
    );
    // One-line templates and a backtick inside a quoted string open nothing.
    assert.deepEqual(first(["const a = `x`; const b = '`';", 'execSync(cmd);'], 'slash', run), [null, 'execSync(']);
    // A one-word string names a module (a Go import path): it counts; the same path in a sentence does not.
    const shellParser = /mvdan\.cc\/sh\b/;
    assert.deepEqual(
      first(['\t"mvdan.cc/sh/v3/syntax"', 'return errors.New("parse with mvdan.cc/sh failed")'], 'slash', shellParser),
      ['mvdan.cc/sh', null],
    );
    // A Rust lifetime opens no string: the call after it is code.
    const shell = /\bCommand::new\s*\(/;
    assert.deepEqual(first(['fn run<\'a>(dir: &\'a Path) -> Output { Command::new("sh") }'], 'slash', shell), [
      'Command::new(',
    ]);
    assert.deepEqual(first(['fn run(dir: &\'static str) { Command::new("sh") }'], 'slash', shell), ['Command::new(']);
    assert.deepEqual(first(['let hint = "use Command::new(sh)";'], 'slash', shell), [null]);
  });
  it('splits C-like comments and keeps // inside strings as code', () => {
    assert.deepEqual(lex(['const u = "http://x"; // note', '/* a', ' still */ x = 1;', 'y /* b */ z'], 'slash'), [
      ['const u = "http://x";', 'note'],
      ['', 'a'],
      ['x = 1;', 'still'],
      ['y  z', 'b'],
    ]);
  });
  it('treats a hunk starting inside a block comment ("* text") as comment', () => {
    assert.deepEqual(lex([' * Returns null if missing.', ' */', 'f();'], 'slash'), [
      ['', '* Returns null if missing.'],
      ['', ''],
      ['f();', ''],
    ]);
  });
  it('handles # comments, docstrings and "#" inside strings', () => {
    assert.deepEqual(lex(['x = "#not"  # yes', '"""Doc', 'string."""', 'y = 1'], 'hash'), [
      ['x = "#not"', 'yes'],
      ['', 'Doc'],
      ['', 'string.'],
      ['y = 1', ''],
    ]);
  });
  it('keeps a multi-line string value as code: its closing quotes open no docstring', () => {
    assert.deepEqual(lex(['q = """', 'SELECT 1', '"""', 'x = 2', '"""Doc."""'], 'hash'), [
      ['q = """', ''],
      ['SELECT 1', ''],
      ['"""', ''],
      ['x = 2', ''],
      ['', 'Doc.'],
    ]);
  });
  it('knows from the head text that a hunk starts inside a docstring opened above it', () => {
    const head = [
      'def f():',
      '    """Call it.',
      '',
      '    See https://x.io.',
      '    """',
      "    q = '''",
      "    '''",
      'y = 1',
    ];
    const [inDoc, afterDoc, inString, after] = statesAt(head.join('\n'), 'hash', [3, 6, 7, 8], 1000);
    assert.equal(inDoc.blockEnd, '"""');
    assert.ok(!inDoc.string);
    assert.equal(afterDoc.blockEnd, null);
    assert.ok(inString.string);
    assert.equal(after.blockEnd, null);
    assert.deepEqual(statesAt('/* a\nb */', 'slash', [2], 1000), [START_STATE]);
  });
  it('handles SQL and markup comments', () => {
    assert.deepEqual(lex(["SELECT '--' -- real"], 'sql'), [["SELECT '--'", 'real']]);
    assert.deepEqual(lex(['<a/><!-- c --><b/>'], 'markup'), [['<a/><b/>', 'c']]);
  });
});

describe('review/model globs, CODEOWNERS and critical paths', () => {
  const m = (glob: string, path: string): boolean => globToRegExp(glob).test(path);
  it('follows gitignore/CODEOWNERS semantics', () => {
    assert.ok(m('*.js', 'a/b/c.js'));
    assert.ok(!m('*.js', 'a/b/c.ts'));
    assert.ok(m('/build/', 'build/x/y'));
    assert.ok(!m('/build/', 'src/build/x'));
    assert.ok(m('apps/', 'x/apps/y.ts'));
    assert.ok(m('docs/*', 'docs/a.md'));
    assert.ok(!m('docs/*', 'docs/sub/a.md'));
    assert.ok(m('**/logs', 'a/b/logs/x'));
    assert.ok(m('src/**/auth.ts', 'src/a/b/auth.ts'));
    assert.ok(m('src/**/auth.ts', 'src/auth.ts'));
    assert.ok(m('file?.[ch]', 'x/file1.c'));
    assert.ok(m('lib', 'lib/x.js'));
  });
  it('resolves owners with the last matching rule winning', () => {
    const rules = parseCodeowners(
      '# owners\n*       @org/all\n/src/auth/ @sec-team @alice # security\n*.md\n[Section]\ndocs/my\\ file.md @docs\n',
    );
    assert.deepEqual(ownersOf(rules, 'src/app.ts'), ['@org/all']);
    assert.deepEqual(ownersOf(rules, 'src/auth/login.ts'), ['@sec-team', '@alice']);
    assert.deepEqual(ownersOf(rules, 'README.md'), []);
    assert.deepEqual(ownersOf(rules, 'docs/my file.md'), ['@docs']);
    assert.equal(rules[1].line, 3);
  });
  it('labels critical paths, default or configured', () => {
    // A word in a path is not a critical path: what the code does decides (surface.ts).
    assert.deepEqual(criticalLabels('src/auth/session.ts', DEFAULT_CRITICAL_PATHS), []);
    assert.deepEqual(criticalLabels('data/sessions/chat-2026-01.jsonl', DEFAULT_CRITICAL_PATHS), []);
    assert.deepEqual(criticalLabels('deploy/server.key', DEFAULT_CRITICAL_PATHS), ['crypto']);
    assert.deepEqual(criticalLabels('db/migrations/0002.sql', DEFAULT_CRITICAL_PATHS), ['migrations']);
    assert.deepEqual(criticalLabels('src/author.ts', DEFAULT_CRITICAL_PATHS), []);
    const custom = resolveCriticalPaths(['core/ledger/', { glob: '*.proto', label: 'wire format' }]);
    assert.deepEqual(criticalLabels('core/ledger/a.go', custom), ['core/ledger/']);
    assert.deepEqual(criticalLabels('api/x.proto', custom), ['wire format']);
    assert.deepEqual(criticalLabels('src/auth/x.ts', custom), []);
  });
});

describe('review/model edit distance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    assert.equal(editDistance('lodash', 'lodash'), 0);
    assert.equal(editDistance('lodash', 'lodahs'), 1);
    assert.equal(editDistance('requests', 'reqeusts'), 1);
    assert.equal(editDistance('express', 'expresss'), 1);
    assert.equal(editDistance('axios', 'axois'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abcdefgh', 'zzzzzzzz', 2), 3);
  });
});

describe('review/model buildChange', () => {
  const diff = parseUnifiedDiff(
    diffOf({ path: 'src/a.ts', before: ['x'], del: ['old()'], add: ['neu(); // c', 'two()'], after: ['y'] }),
  );
  it('lexes added and removed lines with their line numbers and provenance', () => {
    const change = buildChange(
      diff,
      new Map([
        [
          'src/a.ts',
          new Map([
            [2, { authorship: 'ai' as const }],
            [3, { authorship: 'mixed' as const }],
          ]),
        ],
      ]),
    );
    const f = change.files[0];
    assert.deepEqual(
      f.added.map((l) => [l.line, l.code.trim(), l.comment.trim(), l.prov?.authorship]),
      [
        [2, 'neu();', 'c', 'ai'],
        [3, 'two()', '', 'mixed'],
      ],
    );
    assert.deepEqual(
      f.removed.map((l) => [l.line, l.text]),
      [[2, 'old()']],
    );
    assert.equal(change.stats.aiLines, 2);
    assert.equal(change.stats.untouchedAiLines, 1);
    assert.deepEqual(aiKindsIn(f, { side: 'new', start: 3, end: 3 }), []);
    assert.equal(aiKindsIn(f, { side: 'old', start: 2, end: 2 }), null);
    assert.deepEqual(linesAfter(f, f.added[1], 5), ['y']);
    assert.equal(change.hasProvenance, true);
  });
  it('reads surfaces and path labels from the code view of a Rust file with inline tests, none from its test view', () => {
    const text = [
      'pub fn status() -> std::io::Result<Output> {',
      '    Command::new("git").arg("status").output()',
      '}',
      '',
      '#[cfg(test)]',
      'mod tests {',
      '    #[test]',
      '    fn runs_git() {',
      '        let out = Command::new("git").arg("--version").output().unwrap();',
      '        assert!(out.status.success());',
      '    }',
      '}',
    ];
    const rust = parseUnifiedDiff(diffOf({ path: 'src/runner.rs', status: 'added', add: text }));
    const change = buildChange(rust, undefined, {
      headText: new Map([['src/runner.rs', text.join('\n') + '\n']]),
      criticalPaths: [{ glob: 'src/runner.rs', label: 'runner' }],
    });
    const [code, tests] = change.files;
    assert.deepEqual([code.inlineTests, tests.inlineTests], [undefined, true]);
    assert.deepEqual(
      code.surfaces.map((h) => [h.kind, h.line]),
      [['process', 2]],
    );
    assert.deepEqual(code.criticalByPath, ['runner']);
    assert.deepEqual(code.critical, ['runner', 'process']);
    assert.deepEqual(
      [tests.surfaces, tests.criticalByPath, tests.critical],
      [[], [], []],
      'tests guard nothing at run time',
    );
  });
  it('clips very long lines before rules see them', () => {
    const long = parseUnifiedDiff(diffOf({ path: 'a.js', add: ['x'.repeat(10_000)] }));
    const change = buildChange(long, undefined, { options: { maxLineLength: 100 } });
    assert.equal(change.files[0].added[0].text.length, 100);
    assert.equal(change.hasProvenance, false);
  });
});
