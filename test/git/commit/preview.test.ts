import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OriginTable } from '../../../src/core/attribution';
import { recordFromSpans } from '../../../src/core/state';
import { WorkingStateStore } from '../../../src/git';
import { previewTrailers } from '../../../src/git/commit/preview';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';

describe('trailer preview for the Source Control input', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo({ commit: true });
  });
  afterEach(() => repo.cleanup());

  async function stageAiFile(): Promise<void> {
    const text = 'export const a = 1;\nexport const b = 2;\n';
    repo.write('src/ai.ts', text);
    const store = await WorkingStateStore.open(repo.root);
    const origins = new OriginTable();
    const id = origins.intern({ kind: 'agent', tool: 'Claude Code', model: 'anthropic/claude-sonnet-4', time: 1 });
    await store.write(
      recordFromSpans('src/ai.ts', text, [[text.indexOf('export const b'), text.length, id]], origins, Date.now()),
      { mode: 'replace' },
    );
    repo.git(['add', 'src/ai.ts']);
  }

  it('shows the trailers the hook would add for the staged content, writing nothing', async () => {
    await stageAiFile();
    const stateDir = (await WorkingStateStore.open(repo.root)).stateDir;
    const before = fs.readdirSync(stateDir).sort();
    const preview = await previewTrailers(repo.root);
    assert.equal(preview.aiLines, 1);
    assert.deepEqual(
      preview.trailers.map((t) => `${t.key}: ${t.value}`),
      ['Assisted-by: Claude:claude-sonnet-4', 'AI-Assisted: 50% of added lines (1/2; agent 1)'],
    );
    assert.deepEqual(fs.readdirSync(stateDir).sort(), before, 'a preview leaves the git dir as it was');
  });

  it('follows the configured preset and shows nothing without staged AI lines', async () => {
    assert.deepEqual((await previewTrailers(repo.root)).trailers, []);
    await stageAiFile();
    repo.git(['config', 'aiProvenance.trailers', 'none']);
    const none = await previewTrailers(repo.root);
    assert.equal(none.aiLines, 1);
    assert.deepEqual(none.trailers, []);
    repo.git(['config', 'aiProvenance.trailers', 'bogus']);
    assert.match((await previewTrailers(repo.root)).invalid ?? '', /bogus/);
    assert.ok(fs.existsSync(path.join(repo.root, 'src', 'ai.ts')));
  });
});
