import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/**
 * Files the project marks `linguist-generated` in its root .gitattributes (read at the head through src/git) are their
 * generator's output: a regenerated schema or golden files do not count as size; the code beside them does.
 */
describe('review reads linguist-generated from .gitattributes at the head', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const rows = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join('\n');

  before(() => {
    repo = createTempRepo();
    repo.write(
      '.gitattributes',
      '* text=auto eol=lf\n*.golden linguist-generated=true -text\nschema/api.yaml linguist-generated\n',
    );
    repo.write('internal/ui/view.go', 'package ui\n\nfunc View() string { return "" }\n');
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write(
      'internal/ui/testdata/view.golden',
      rows(300, (i) => `row ${i} │ value ${i}`),
    );
    repo.write(
      'schema/api.yaml',
      rows(300, (i) => `field${i}: { type: string }`),
    );
    repo.write('internal/ui/view.go', 'package ui\n\nfunc View() string { return "v2" }\n');
    repo.commitAll('regenerate');
    repo.git(['checkout', '-q', '-b', 'handwritten', 'main']);
    repo.write('internal/ui/render.go', 'package ui\n\n' + rows(300, (i) => `func R${i}() int { return ${i} }`));
    repo.commitAll('handwritten');
  });
  after(() => repo.cleanup());

  it('a regenerated schema and golden files are no size; hand-written code of the same size is', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const generated = (await analyzeBranch(info, 'main..feature')).review;
    assert.equal(generated.tier, 'T0', generated.reasons.join('\n'));
    const written = (await analyzeBranch(info, 'main..handwritten')).review;
    assert.equal(written.tier, 'T1', written.reasons.join('\n'));
    assert.match(written.reasons[0], /changed lines \(over 100\) \[size\]/);
  });
});
