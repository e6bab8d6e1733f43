import * as assert from 'node:assert/strict';
import { repoPathProblem } from '../../../src/core/commit';
import { SarifInputError, parseSarif } from '../../../src/core/review/sarifInput';
import type { AnalyzerResult } from '../../../src/core/review/types';
import { codeqlLog, eslintLog, semgrepLog } from './sarifFixtures';

const ROOT = '/home/runner/work/app/app';
const parse = (log: unknown, root = ROOT): ReturnType<typeof parseSarif> =>
  parseSarif(typeof log === 'string' ? log : JSON.stringify(log), { repoRoot: root });
/** A one-run log with the given results (and extra run properties). */
const logOf = (results: unknown[], run: object = {}, driver: object = { name: 'Tool' }): object => ({
  version: '2.1.0',
  runs: [{ tool: { driver }, results, ...run }],
});
const at = (uri: string, startLine = 1, extra: object = {}): object => ({
  physicalLocation: { artifactLocation: { uri, ...extra }, region: { startLine } },
});
const one = (result: object, run?: object, driver?: object): AnalyzerResult[] => [
  ...parse(logOf([{ message: { text: 'm' }, ...result }], run, driver)).results,
];

describe('review/sarifInput: analyser logs', () => {
  it('reads Semgrep: level from the rule, advice from help, nosemgrep suppressions skipped', () => {
    const ingest = parse(semgrepLog());
    assert.deepEqual(ingest.tools, ['Semgrep OSS']);
    assert.equal(ingest.skipped.suppressed, 1);
    assert.deepEqual(ingest.warnings, []);
    const [evalResult, secret] = ingest.results;
    assert.deepEqual(evalResult, {
      tool: 'Semgrep OSS',
      ruleId: 'javascript.lang.security.audit.eval-detected.eval-detected',
      title: 'Semgrep Finding: javascript.lang.security.audit.eval-detected.eval-detected',
      message: 'Detected the use of eval(). eval() can be dangerous if used to evaluate dynamic content.',
      whatToDo: 'Do not evaluate dynamic content; parse it with a dedicated parser instead.',
      severity: 'medium',
      file: 'src/app.ts',
      lines: { start: 3, end: 3 },
    });
    assert.equal(secret.severity, 'high');
    assert.deepEqual(secret.lines, { start: 2, end: 2 });
  });

  it('reads CodeQL: rules in a pack extension, embedded links as text, security-severity, artifact indexes', () => {
    const [injection, unused] = parse(codeqlLog()).results;
    assert.equal(injection.tool, 'CodeQL');
    assert.equal(injection.ruleId, 'js/code-injection');
    assert.equal(injection.title, 'Code injection');
    assert.equal(injection.message, 'This code execution depends on a user-provided value.');
    assert.equal(injection.severity, 'high');
    assert.match(injection.whatToDo, /^# Code injection Directly evaluating/);
    assert.deepEqual(injection.lines, { start: 3, end: 3 });
    assert.equal(unused.ruleId, 'js/unused-local-variable');
    assert.equal(unused.severity, 'low');
    assert.equal(unused.file, 'src/util.ts');
  });

  it('reads ESLint: absolute file URIs inside the repository, rule-less parse errors', () => {
    const ingest = parse(eslintLog(ROOT));
    assert.equal(ingest.skipped.suppressed, 1);
    const [unused, parseError] = ingest.results;
    assert.deepEqual(
      [unused.file, unused.ruleId, unused.title, unused.severity],
      ['src/util.ts', 'no-unused-vars', 'Disallow unused variables', 'medium'],
    );
    assert.deepEqual(
      [parseError.file, parseError.ruleId, parseError.title, parseError.severity],
      ['src/broken.ts', 'no-rule', 'Parsing error: Unexpected token }', 'high'],
    );
    assert.match(parseError.whatToDo, /Fix what ESLint reports here/);
  });

  it('resolves Windows roots and file URIs', () => {
    const [r] = parse(eslintLog('C:\\work\\app'), 'C:\\work\\app').results;
    assert.equal(r.file, 'src/util.ts');
    assert.equal(
      one({ locations: [at('file:///c:/WORK/app/src/a.ts')] }).length,
      0,
      'a Windows URI under a POSIX root is outside',
    );
  });
});

describe('review/sarifInput: rules, messages and levels', () => {
  it('fills message templates from message strings, rule-level then global', () => {
    const driver = {
      name: 'T',
      rules: [{ id: 'r1', messageStrings: { default: { text: 'Use {0} instead of {1} ({{literal}}) {5}' } } }],
      globalMessageStrings: { g: { text: 'global {0}' } },
    };
    const [a] = one(
      { ruleId: 'r1', message: { id: 'default', arguments: ['const', 'var'] }, locations: [at('a.ts')] },
      {},
      driver,
    );
    assert.equal(a.message, 'Use const instead of var ({literal}) {5}');
    const [b] = one({ ruleId: 'r1', message: { id: 'g', arguments: [7] }, locations: [at('a.ts')] }, {}, driver);
    assert.equal(b.message, 'global 7');
    const [c] = one({ ruleId: 'r1', message: { id: 'missing' }, locations: [at('a.ts')] }, {}, driver);
    assert.equal(c.message, 'r1', 'falls back to the title');
  });

  it('maps levels, honours result over rule level, kind and security-severity', () => {
    const driver = {
      name: 'T',
      rules: [
        { id: 'r', defaultConfiguration: { level: 'error' } },
        { id: 's', properties: { 'security-severity': '5.0' } },
      ],
    };
    const sev = (result: object): string[] =>
      parse(logOf([{ message: { text: 'm' }, locations: [at('a.ts')], ...result }], {}, driver)).results.map(
        (r) => r.severity,
      );
    assert.deepEqual(sev({ ruleId: 'r' }), ['high']);
    assert.deepEqual(sev({ ruleId: 'r', level: 'note' }), ['low']);
    assert.deepEqual(sev({ level: 'none' }), ['info']);
    assert.deepEqual(sev({}), ['medium'], 'warning by default');
    assert.deepEqual(sev({ level: 'constructor' }), ['medium'], 'an unknown level is a warning');
    assert.deepEqual(sev({ kind: 'review' }), ['info'], 'not a failure: level none');
    assert.deepEqual(sev({ kind: 'pass' }), []);
    assert.deepEqual(sev({ kind: 'notApplicable' }), []);
    assert.deepEqual(sev({ ruleId: 's', level: 'note' }), ['medium'], 'security-severity 5.0 raises a note to medium');
    assert.deepEqual(sev({ level: 'note', properties: { 'security-severity': 8.1 } }), ['high']);
  });

  it('trusts the rule id over an inconsistent index and finds rules in any component by id', () => {
    const driver = {
      name: 'T',
      rules: [
        { id: 'a', shortDescription: { text: 'Rule A' } },
        { id: 'b', shortDescription: { text: 'Rule B' } },
      ],
    };
    assert.equal(one({ ruleId: 'b', ruleIndex: 0, locations: [at('x.ts')] }, {}, driver)[0].title, 'Rule B');
    assert.equal(one({ ruleIndex: 1, locations: [at('x.ts')] }, {}, driver)[0].ruleId, 'b');
    const run = {
      tool: {
        driver: { name: 'T' },
        extensions: [{ name: 'pack', rules: [{ id: 'c', shortDescription: { text: 'Rule C' } }] }],
      },
    };
    assert.equal(
      parse({
        version: '2.1.0',
        runs: [{ ...run, results: [{ ruleId: 'c', message: { text: 'm' }, locations: [at('x.ts')] }] }],
      }).results[0].title,
      'Rule C',
    );
  });

  it('skips suppressed and absent results but keeps suppressions under review or rejected', () => {
    const count = (result: object): number => one({ locations: [at('a.ts')], ...result }).length;
    assert.equal(count({ suppressions: [{ kind: 'external', status: 'accepted' }] }), 0);
    assert.equal(count({ suppressions: [{ kind: 'inSource' }] }), 0);
    assert.equal(count({ suppressions: [{ kind: 'external', status: 'underReview' }] }), 1);
    assert.equal(count({ suppressions: [{ kind: 'inSource' }, { kind: 'external', status: 'rejected' }] }), 1);
    assert.equal(count({ suppressions: [] }), 1);
    assert.equal(count({ baselineState: 'absent' }), 0);
    assert.equal(count({ baselineState: 'new' }), 1);
  });

  it('takes the first location inside the repository and whole-file results without a start line', () => {
    const [r] = one({ locations: [at('https://example.com/x.ts'), at('src/b.ts', 5)] });
    assert.deepEqual([r.file, r.lines], ['src/b.ts', { start: 5, end: 5 }]);
    const [whole] = one({
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/c.ts' }, region: { charOffset: 10 } } }],
    });
    assert.equal(whole.lines, null);
    const [span] = one({
      locations: [{ physicalLocation: { artifactLocation: { uri: 'a.ts' }, region: { startLine: 4, endLine: 2 } } }],
    });
    assert.deepEqual(span.lines, { start: 4, end: 4 }, 'an end before the start is the start line');
  });
});

describe('review/sarifInput: artifact paths', () => {
  const path = (uri: string, extra: object = {}, run: object = {}): string | undefined =>
    one({ locations: [at(uri, 1, extra)] }, run)[0]?.file;

  it('resolves relative references, %SRCROOT% and declared base ids', () => {
    assert.equal(path('src/./x/../a%20b.ts'), 'src/a b.ts');
    assert.equal(path('src/a.ts', { uriBaseId: '%SRCROOT%' }), 'src/a.ts');
    assert.equal(path('src/a.ts', { uriBaseId: 'UNDECLARED' }), 'src/a.ts');
    const bases = {
      originalUriBaseIds: {
        SRCROOT: { uri: `file://${ROOT}/` },
        WEB: { uri: 'web/', uriBaseId: 'SRCROOT' },
        LOOP: { uri: 'l/', uriBaseId: 'LOOP' },
      },
    };
    assert.equal(path('a.ts', { uriBaseId: 'SRCROOT' }, bases), 'a.ts');
    assert.equal(path('app/a.ts', { uriBaseId: 'WEB' }, bases), 'web/app/a.ts');
    assert.equal(path('a.ts', { uriBaseId: 'LOOP' }, bases)?.startsWith('l/l/'), true, 'a cyclic chain stops');
    // Analysed in a container at /src: the recorded base stands for this repository's root.
    const container = { originalUriBaseIds: { SRC: { uri: 'file:///src/' } } };
    assert.equal(path('lib/a.ts', { uriBaseId: 'SRC' }, container), 'lib/a.ts');
    assert.equal(path('../etc/passwd', { uriBaseId: 'SRC' }, container), undefined);
  });

  it('refuses escapes, absolute paths outside the repository, other hosts and schemes', () => {
    const ingest = parse(
      logOf(
        [
          '../x.ts',
          '%2e%2e/x.ts',
          'a/..%2F..%2Fx.ts',
          '/etc/passwd',
          `file://${ROOT}/../other/a.ts`,
          `file://${ROOT}-evil/a.ts`,
          'file://evil.example/a.ts',
          'https://evil.example/a.ts',
          'a%zz.ts',
          'a\\b.ts',
          'C:/x.ts',
          '',
        ].map((u) => ({ message: { text: 'm' }, locations: [at(u)] })),
      ),
    );
    assert.deepEqual(ingest.results, []);
    assert.equal(ingest.skipped.notInRepository, 12);
    assert.equal(ingest.skipped.noLocation, 0);
    const text = ingest.warnings.join('\n');
    assert.match(text, /7 result\(s\) skipped: path outside the repository \(e\.g\. "\.\.\/x\.ts"\)/);
    assert.match(text, /file URI on another host/);
    assert.match(text, /not a file URI \(https:\)/);
    assert.match(text, /malformed percent-encoding/);
    assert.match(text, /not a plain repository path \(path contains a backslash\)/);
    assert.match(text, /no artifact URI/);
  });

  it('accepts file URIs with an empty host or localhost and strips queries and fragments', () => {
    assert.equal(path(`file://localhost${ROOT}/a.ts`), 'a.ts');
    assert.equal(path(`file:${ROOT}/a.ts`), 'a.ts');
    assert.equal(path('src/a.ts?x=1#L3'), 'src/a.ts');
    assert.equal(path(`file://${ROOT}`), undefined, 'the root itself is not a file');
  });
});

describe('review/sarifInput: hostile logs', () => {
  it('gives clear errors for input that is not a SARIF 2.1.0 log', () => {
    const err = (input: unknown): string => {
      try {
        parseSarif(input, { repoRoot: ROOT });
      } catch (e) {
        assert.ok(e instanceof SarifInputError, String(e));
        return e.message;
      }
      assert.fail('no error');
    };
    assert.match(err('{"version": "2.1.0", runs: []}'), /^not valid JSON: /);
    assert.match(err(''), /^not valid JSON/);
    assert.match(err('[]'), /expected a JSON object/);
    assert.match(err('{"runs": []}'), /no "version"/);
    assert.match(err({ version: '2.0.0', runs: [] }), /unsupported SARIF version "2\.0\.0"; expected "2\.1\.0"/);
    assert.match(err({ version: '2.1.0', runs: {} }), /"runs" is not an array/);
    assert.match(err({ version: '\u001b[31m'.repeat(50), runs: [] }), /^unsupported SARIF version [^\u001b]*$/); // eslint-disable-line no-control-regex
    assert.throws(
      () => parseSarif('x'.repeat(101), { repoRoot: ROOT, limits: { maxChars: 100 } }),
      /larger than 100 characters/,
    );
    assert.throws(() => parseSarif('{}', { repoRoot: 'relative/root' }), /absolute path/);
  });

  it('accepts a BOM and ignores runs, results and fields of the wrong type', () => {
    const log = {
      version: '2.1.0',
      runs: [
        null,
        5,
        { tool: 'x', results: [null, 'x', { message: 7, locations: [at('a.ts', -3)], ruleId: 42 }] },
        { results: {} },
      ],
    };
    const ingest = parseSarif('\ufeff' + JSON.stringify(log), { repoRoot: ROOT });
    assert.deepEqual(ingest.tools, ['unknown analyser', 'unknown analyser', 'unknown analyser', 'unknown analyser']);
    assert.equal(ingest.results.length, 1);
    assert.deepEqual(
      [ingest.results[0].ruleId, ingest.results[0].lines, ingest.results[0].message],
      ['no-rule', null, 'analyser result'],
    );
  });

  it('makes every string inert plain text and bounds it', () => {
    const evil = 'x\u001b[2J\u202egnp.exe\u0007 <script>alert(1)</script>\n# heading [link](https://evil.example)';
    const driver = {
      name: `Sem\u0000grep\u200b ${'T'.repeat(200)}`,
      rules: [{ id: evil, shortDescription: { text: evil }, help: { text: evil.repeat(100) } }],
    };
    const [r] = one({ ruleId: evil, message: { text: evil.repeat(1000) }, locations: [at('a.ts')] }, {}, driver);
    for (const s of [r.tool, r.ruleId, r.title, r.message, r.whatToDo]) {
      assert.doesNotMatch(s, /[\u0000-\u001f\u007f\u200b\u202e]/); // eslint-disable-line no-control-regex
    }
    assert.ok(r.tool.length <= 80 && r.title.length <= 200 && r.message.length <= 1000 && r.whatToDo.length <= 500);
    assert.match(r.message, /^x\ufffd\[2J\ufffdgnp\.exe\ufffd <script>alert\(1\)<\/script> # heading linkx\ufffd\[2J/);
  });

  it('bounds results and runs, counting what it leaves out', () => {
    const results = Array.from({ length: 30 }, (_, i) => ({
      message: { text: `m${i}` },
      locations: [at('a.ts', i + 1)],
    }));
    const log = {
      version: '2.1.0',
      runs: [
        { tool: { driver: { name: 'A' } }, results },
        { tool: { driver: { name: 'B' } }, results },
        { tool: { driver: { name: 'C' } }, results },
      ],
    };
    const ingest = parseSarif(log, { repoRoot: ROOT, limits: { maxResults: 40, maxRuns: 2 } });
    assert.equal(ingest.results.length, 40);
    assert.equal(ingest.skipped.overLimit, 20);
    assert.deepEqual(ingest.tools, ['A', 'B']);
    assert.match(
      ingest.warnings.join('\n'),
      /only the first 2 of 3 runs read[^]*20 result\(s\) skipped: more than 40 results/,
    );
  });

  it('does not reach Object.prototype through keys taken from the log', () => {
    const driver = { name: 'T', rules: [{ id: 'constructor' }], globalMessageStrings: {} };
    const [r] = one(
      { ruleId: 'constructor', message: { id: 'constructor' }, locations: [at('a.ts', 1, { uriBaseId: '__proto__' })] },
      { originalUriBaseIds: {} },
      driver,
    );
    assert.deepEqual([r.ruleId, r.message, r.file], ['constructor', 'constructor', 'a.ts']);
    const [s] = one({ message: { id: 'toString' }, locations: [at('a.ts', 1, { uriBaseId: 'toString' })] });
    assert.deepEqual([s.message, s.file], ['analyser result', 'a.ts']);
  });

  it('never returns a path that is not a plain repository path', () => {
    const parts = ['..', '.', '', 'a', 'b c', '%2e%2e', '%2F', '%5C', '%00', 'C:', '~', 'file:', '//', 'x?y', '#'];
    for (const a of parts) {
      for (const b of parts) {
        for (const c of parts) {
          for (const uri of [`${a}/${b}/${c}`, `file://${ROOT}/${a}/${b}/${c}`]) {
            for (const r of one({ locations: [at(uri)] }))
              assert.equal(repoPathProblem(r.file), undefined, `${uri} -> ${r.file}`);
          }
        }
      }
    }
  });
});
