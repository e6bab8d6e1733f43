import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { loadReview } from '../../../src/extension/review/reviewLoader';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/**
 * Both sides of a change reach the tree rules through src/git: the base text at the merge base (not at the tip of
 * the base branch), the head text, and the files that mention a changed name; in a branch review and in the editor's
 * review of uncommitted work, through the same engine.
 */
describe('review reads the base and the head as syntax trees', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const api = (params: string, body = '  return dispatch(url, opts);'): string =>
    [
      "import { rmSync } from 'node:fs';",
      '',
      `export function request(${params}): Promise<Response> {`,
      body,
      '}',
      '',
      'export function clearCache(dir: string): void {',
      '  entries.clear();',
      '}',
      '',
    ].join('\n');

  before(() => {
    repo = createTempRepo();
    repo.write('index.ts', api('url: string, opts?: Options'));
    repo.write('src/util.ts', 'export function padColumns(rows: string[][]): string[] {\n  return [];\n}\n');
    repo.write('src/cli.ts', 'export const help = `padColumns lays out tables`;\n');
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write(
      'index.ts',
      api('method: string, url: string, opts?: Options').replace(
        '  entries.clear();',
        '  entries.clear();\n  rmSync(dir, { recursive: true });',
      ),
    );
    repo.write(
      'src/util.ts',
      'export function padColumns(rows: string[][]): string[] {\n  return rows.map((r) => r.join(" "));\n}\n',
    );
    repo.write(
      'test/util.test.ts',
      "import { padColumns } from '../src/util';\nit('pads', () => expect(padColumns([])).toEqual([]));\n",
    );
    repo.commitAll('feature');
    // The base branch moves on after the branch point: the old side of the review is still the merge base.
    repo.git(['checkout', '-q', 'main']);
    repo.write('index.ts', api('method: string, url: string, opts?: Options'));
    repo.commitAll('main moves on');
    repo.git(['checkout', '-q', 'feature']);
  });
  after(() => repo.cleanup());

  it('a branch review compares the head with the merge base: a parameter inserted, a deletion, a test-only caller', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..feature');
    const by = (id: string) => review.findings.find((f) => f.ruleId === id);
    const rules = JSON.stringify(review.findings.map((f) => `${f.ruleId}: ${f.why}`));
    const api = by('public-api-changed');
    assert.ok(api, rules);
    assert.equal(api.severity, 'high', api.why);
    assert.match(api.why, /request.*inserted before existing.*request\(url: string.*request\(method: string/);
    const del = by('public-function-deletes-files');
    assert.ok(del, rules);
    assert.match(del.why, /clearCache.*rmSync/);
    const only = by('test-only-callers');
    assert.ok(only, rules);
    assert.match(only.why, /padColumns.*test\/util\.test\.ts/);
  });

  it("the editor's working-tree review reads the files on disk against HEAD, through the same rules", async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    repo.write(
      'index.ts',
      api('method: string, url: string, opts?: Options', '  rmSync(url);\n  return dispatch(url);').replace(
        'export function clearCache',
        'function clearCache',
      ),
    );
    try {
      const loaded = await loadReview(
        info,
        { kind: 'worktree' },
        {
          flush: async () => {},
          liveLines: () => undefined,
          sarifFiles: () => [],
        },
      );
      const rules = JSON.stringify(loaded.review.findings.map((f) => `${f.ruleId}: ${f.why}`));
      const api = loaded.review.findings.find((f) => f.ruleId === 'public-api-changed');
      assert.ok(api, rules);
      assert.match(api.why, /^function "clearCache": removed \(/);
      const del = loaded.review.findings.find((f) => f.ruleId === 'public-function-deletes-files');
      assert.ok(del, rules);
      assert.match(del.why, /"request" now deletes files \("rmSync"\)/);
      assert.match(loaded.review.header?.analysis ?? '', /^syntax trees \(tree-sitter\) for typescript/);
    } finally {
      repo.git(['checkout', '--', 'index.ts']);
    }
  });
});

describe('review: modules of a private JS/TS package (an application) are no library API', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo();
    // An application at the root (a VS Code extension, a CLI); a published package inside its workspace.
    repo.write('package.json', JSON.stringify({ name: 'app', private: true, workspaces: ['packages/*'] }));
    repo.write('packages/sdk/package.json', JSON.stringify({ name: '@acme/sdk', version: '1.0.0' }));
    const module = (name: string) =>
      `export function ${name}(url: string): string {\n  return url;\n}\n\nexport const LIMIT = 10;\n`;
    repo.write('src/format.ts', module('formatUrl'));
    repo.write('packages/sdk/src/client.ts', module('clientUrl'));
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    // The same change on both sides: an export made module-private, another removed.
    const after = (name: string) =>
      `function ${name}(url: string): string {\n  return url;\n}\n\nexport const LIMIT = 10;\n`;
    repo.write('src/format.ts', after('formatUrl'));
    repo.write('packages/sdk/src/client.ts', after('clientUrl'));
    repo.commitAll('feature');
  });
  after(() => repo.cleanup());

  it('reports the published package and stays silent on the application', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..feature');
    const api = review.findings.filter((f) => f.ruleId === 'public-api-changed');
    const rules = JSON.stringify(review.findings.map((f) => `${f.file}: ${f.ruleId}: ${f.why}`));
    assert.deepEqual(
      api.map((f) => f.file),
      ['packages/sdk/src/client.ts'],
      rules,
    );
    assert.match(api[0].why, /clientUrl/);
  });
});

describe('review: unpublished and binary-only crates, and Python outside a declared package, are no library API', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const rust = (params: string) => `pub fn open(${params}) -> Store {\n    Store::new()\n}\n`;
  const py = (params: string) => `def send(${params}):\n    return None\n`;
  before(() => {
    repo = createTempRepo();
    repo.write('Cargo.toml', '[workspace]\nmembers = ["crates/*"]\n\n[workspace.package]\npublish = false\n');
    const crate = (name: string, extra = '') =>
      `[package]\nname = "${name}"\nversion = "0.1.0"\n${extra}\n[dependencies]\n`;
    repo.write('crates/store/Cargo.toml', crate('store'));
    repo.write('crates/store/src/lib.rs', rust('path: &Path'));
    repo.write('crates/devtool/Cargo.toml', crate('devtool', 'publish = false\n'));
    repo.write('crates/devtool/src/lib.rs', rust('path: &Path'));
    repo.write('crates/inherits/Cargo.toml', crate('inherits', 'publish.workspace = true\n'));
    repo.write('crates/inherits/src/lib.rs', rust('path: &Path'));
    repo.write('crates/cli/Cargo.toml', crate('cli'));
    repo.write('crates/cli/src/main.rs', 'mod open;\nfn main() {}\n');
    repo.write('crates/cli/src/open.rs', rust('path: &Path'));
    repo.write('sdk/pyproject.toml', '[project]\nname = "sdk"\nversion = "1.0"\n');
    repo.write('sdk/sdk/client.py', py('url'));
    repo.write('pyproject.toml', '[tool.ruff]\nline-length = 100\n');
    repo.write('bot/handlers.py', py('url'));
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    for (const p of ['crates/store/src/lib.rs', 'crates/devtool/src/lib.rs', 'crates/inherits/src/lib.rs'])
      repo.write(p, rust('root: &Path, path: &Path'));
    repo.write('crates/cli/src/open.rs', rust('root: &Path, path: &Path'));
    repo.write('sdk/sdk/client.py', py('method, url'));
    repo.write('bot/handlers.py', py('method, url'));
    repo.commitAll('feature');
  });
  after(() => repo.cleanup());

  it('reports the published crate and the declared Python package only', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..feature');
    const rules = JSON.stringify(review.findings.map((f) => `${f.file}: ${f.ruleId}: ${f.why}`));
    assert.deepEqual(
      review.findings
        .filter((f) => f.ruleId === 'public-api-changed')
        .map((f) => f.file)
        .sort(),
      ['crates/store/src/lib.rs', 'sdk/sdk/client.py'],
      rules,
    );
  });
});

describe('review: workspace-internal crates and private Rust modules are no library API (read at the head)', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const rust = (params: string) => `pub fn open(${params}) -> Store {\n    Store::new()\n}\n`;
  before(() => {
    repo = createTempRepo();
    // uv's shape: a workspace whose members are 0.0.x "internal component" crates, and one library with a real version.
    repo.write(
      'Cargo.toml',
      '[workspace]\nmembers = ["crates/*"]\n\n[workspace.package]\nversion = "0.0.72"\nedition = "2024"\n',
    );
    const crate = (name: string, version: string) =>
      `[package]\nname = "${name}"\n${version}\ndescription = "internal"\n\n[dependencies]\n`;
    repo.write('crates/cache/Cargo.toml', crate('cache', 'version = "0.0.72"'));
    repo.write('crates/cache/src/lib.rs', rust('path: &Path'));
    repo.write('crates/fs/Cargo.toml', crate('fs', 'version.workspace = true'));
    repo.write('crates/fs/src/lib.rs', rust('path: &Path'));
    repo.write('crates/pep440/Cargo.toml', crate('pep440', 'version = "1.2.0"'));
    repo.write('crates/pep440/src/lib.rs', rust('path: &Path'));
    // A published library whose private module holds one re-exported type and one that is not.
    repo.write('crates/reqs/Cargo.toml', crate('reqs', 'version = "0.4.0"'));
    repo.write(
      'crates/reqs/src/lib.rs',
      'mod requirement;\npub use crate::requirement::Requirement;\n\npub fn parse() {}\n',
    );
    repo.write(
      'crates/reqs/src/requirement.rs',
      'pub struct Requirement;\n\npub enum EditableError {\n    Registry,\n}\n\npub enum Hint {\n    Local,\n}\n',
    );
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    for (const p of ['crates/cache/src/lib.rs', 'crates/fs/src/lib.rs', 'crates/pep440/src/lib.rs'])
      repo.write(p, rust('root: &Path, path: &Path'));
    repo.write(
      'crates/reqs/src/lib.rs',
      'mod requirement;\npub use crate::requirement::{MakeEditableError, Requirement};\n\npub fn parse() {}\n',
    );
    repo.write(
      'crates/reqs/src/requirement.rs',
      'pub struct Requirement;\n\npub enum MakeEditableError {\n    Registry,\n}\n\npub enum Tip {\n    Local,\n}\n',
    );
    repo.commitAll('feature');
  });
  after(() => repo.cleanup());

  it('reports the 1.x member only: not the 0.0.x members, the added re-export, or a private type never re-exported', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..feature');
    const rules = JSON.stringify(review.findings.map((f) => `${f.file}: ${f.ruleId}: ${f.why}`));
    assert.deepEqual(
      review.findings
        .filter((f) => f.ruleId === 'public-api-changed')
        .map((f) => f.file)
        .sort(),
      ['crates/pep440/src/lib.rs'],
      rules,
    );
  });
});
