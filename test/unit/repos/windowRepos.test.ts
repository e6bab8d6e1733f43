import * as assert from 'node:assert/strict';
import { containingRoot, defaultRepository, pickerOrder } from '../../../src/core/repos/windowRepos';

describe('repositories of a window', () => {
  const roots = ['/w/api', '/w/web', '/w/web/vendor/lib'];

  it('a file belongs to the innermost repository that holds it', () => {
    assert.equal(containingRoot('/w/web/src/a.ts', roots, '/'), '/w/web');
    assert.equal(containingRoot('/w/web/vendor/lib/a.ts', roots, '/'), '/w/web/vendor/lib');
    assert.equal(containingRoot('/w/api/a.ts', roots, '/'), '/w/api');
    assert.equal(containingRoot('/w/apiary/a.ts', roots, '/'), undefined, 'a sibling sharing a prefix is not inside');
    assert.equal(containingRoot('C:\\w\\web\\a.ts', ['C:\\w\\web'], '\\'), 'C:\\w\\web');
  });

  it("a command uses the active editor's repository, else the only one, else asks", () => {
    assert.equal(defaultRepository(roots, '/w/web'), '/w/web');
    assert.equal(defaultRepository(['/w/api'], undefined), '/w/api');
    assert.equal(defaultRepository([], undefined), undefined);
    assert.equal(defaultRepository(roots, undefined), 'ask');
  });

  it("the picker lists the active editor's repository first, each once", () => {
    assert.deepEqual(pickerOrder(['/w/api', '/w/web', '/w/api'], '/w/web'), ['/w/web', '/w/api']);
    assert.deepEqual(pickerOrder(roots, undefined), roots);
  });
});
