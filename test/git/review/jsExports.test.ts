import * as assert from 'node:assert/strict';
import { findRepo } from '../../../src/git';
import { analyzeBranch } from '../../../src/git/review';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

/**
 * A published npm package's API is what its entry points reach (`main`/`exports` and the `export … from` chains of
 * those files, read at the head): a module nothing re-exports is internal, and its callers are the package's own.
 * Shaped like a monorepo server package whose internal config module's function became async, every caller updated.
 */
describe('review: a JS/TS module no entry point re-exports is not public API', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const fn = (name: string, returns: string): string =>
    `export function ${name}(dir: string | undefined): ${returns} {\n  return dir ?? '.';\n}\n`;

  before(() => {
    repo = createTempRepo();
    repo.write(
      'packages/server/package.json',
      JSON.stringify({ name: '@acme/server', version: '1.0.0', main: 'dist/index.js' }),
    );
    repo.write('packages/server/index.ts', "export * from './src/index.js';\n");
    repo.write(
      'packages/server/src/index.ts',
      "export * from './http/app.js';\nexport type { Options } from './types.js';\n",
    );
    repo.write('packages/server/src/types.ts', 'export interface Options { port: number }\n');
    repo.write('packages/server/src/http/app.ts', fn('createApp', 'string'));
    repo.write('packages/server/src/config/config.ts', fn('setTargetDir', 'string'));
    repo.write(
      'packages/server/src/agent/executor.ts',
      "import { setTargetDir } from '../config/config.js';\nexport const run = () => setTargetDir(undefined);\n",
    );
    // A package exporting every module by pattern: nothing is internal there.
    repo.write(
      'packages/kit/package.json',
      JSON.stringify({ name: '@acme/kit', version: '1.0.0', exports: { './*': './dist/*.js' } }),
    );
    repo.write('packages/kit/src/paths.ts', fn('resolveDir', 'string'));
    repo.commitAll('base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('packages/server/src/http/app.ts', fn('createApp', 'Promise<string>'));
    repo.write('packages/server/src/config/config.ts', fn('setTargetDir', 'Promise<string>'));
    repo.write(
      'packages/server/src/agent/executor.ts',
      "import { setTargetDir } from '../config/config.js';\nexport const run = async () => await setTargetDir(undefined);\n",
    );
    repo.write('packages/kit/src/paths.ts', fn('resolveDir', 'Promise<string>'));
    repo.commitAll('feature');
  });
  after(() => repo.cleanup());

  it('reports the re-exported module and the pattern-exported one, not the internal config module', async () => {
    const info = await findRepo(repo.root);
    assert.ok(info);
    const { review } = await analyzeBranch(info, 'main..feature');
    const api = review.findings.filter((f) => f.ruleId === 'public-api-changed');
    const files = api.map((f) => f.file).sort();
    assert.deepEqual(
      files,
      ['packages/kit/src/paths.ts', 'packages/server/src/http/app.ts'],
      JSON.stringify(api.map((f) => `${f.file}: ${f.why}`)),
    );
  });
});
