import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/**
 * The review reads the head's tree through src/git: inline Rust tests beyond the hunk, callers of changed functions,
 * and syntax trees of the changed files (src/syntax).
 */
describe('review reads the tree at the head', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const code = (n: number): string[] => Array.from({ length: n }, (_, i) => `    let v${i} = ${i};`);
  const lib = (expected: string, body: string): string =>
    [
      'pub fn legacy_parse(text: &str) -> usize {',
      body,
      '}',
      '',
      'pub fn used(text: &str) -> usize {',
      '    legacy_parse(text) + 1',
      '}',
      '',
      '#[cfg(test)]',
      'mod tests {',
      '    use super::*;',
      '',
      '    #[test]',
      '    fn counts() {',
      ...code(12),
      `        assert_eq!(detect("x"), "${expected}");`,
      '    }',
      '}',
      '',
    ].join('\n');

  before(() => {
    repo = createTempRepo();
    repo.write('src/lib.rs', lib('claude-sonnet-4', '    text.len()'));
    repo.write('src/other.rs', 'pub fn other_thing() -> usize { 1 }\n');
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write(
      'src/lib.rs',
      lib('unknown', '    text.trim().len()').replace('    legacy_parse(text) + 1', '    text.len() + 1'),
    );
    repo.write('tests/parse.rs', 'use lib::*;\n#[test]\nfn parses() { assert_eq!(legacy_parse("a"), 1); }\n');
    repo.write(
      'tests/test_cache.py',
      'def test_lookup(cache):\n    hit = cache.lookup("k")\n    if hit:\n        assert hit.value == b"v"\n',
    );
    repo.write('spec/cache_spec.rb', 'describe Cache do\n  it "finds" do\n    expect(1).to eq(1)\n  end\nend\n');
    repo.commitAll('feature');
  });
  after(() => repo.cleanup());

  it('finds an expectation changed inside #[cfg(test)] far from the attribute, and a function only tests call now', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..feature');
    const rules = review.findings.map((f) => f.ruleId);
    const changed = review.findings.find((f) => f.ruleId === 'expectation-changed');
    assert.ok(changed, `expected expectation-changed; got ${JSON.stringify(rules)}`);
    assert.match(changed.why, /claude-sonne.*unknown/);
    const only = review.findings.find((f) => f.ruleId === 'test-only-callers');
    assert.ok(only, `expected test-only-callers; got ${JSON.stringify(rules)}`);
    assert.match(only.why, /legacy_parse.*tests\/parse\.rs/);
  });

  it('parses the changed files with tree-sitter, and says which languages kept the line rules', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..feature');
    const guarded = review.findings.find((f) => f.ruleId === 'assertion-cannot-fail');
    assert.ok(guarded, JSON.stringify(review.findings.map((f) => f.ruleId)));
    assert.equal(guarded.file, 'tests/test_cache.py');
    assert.match(guarded.why, /if hit/);
    assert.ok(review.header);
    assert.match(review.header.analysis, /^syntax trees \(tree-sitter\) for python, rust:/);
    assert.match(review.header.analysis, /line rules only for ruby/);
  });
});
