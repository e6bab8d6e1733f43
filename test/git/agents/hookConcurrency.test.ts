import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { contentHash } from '../../../src/core/hash';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { editorSpanStart } from './helpers/editorWriter';
import { compiledCli, payload, piecesOfKind, readRecord, runHook } from './helpers/hookHarness';

const WRITES = 12;
const HEADER = '//' + 'x'.repeat(2 * WRITES) + '\n';
const ORIGINAL = HEADER + 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const EDITED = HEADER + 'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n';

function run(args: string[], cwd: string, stdin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
    child.stdin.end(stdin ?? '');
  });
}

function edit(root: string, rel: string, id: string): Record<string, unknown> {
  return {
    tool_use_id: id,
    tool_input: {
      file_path: path.join(root, rel),
      old_string: '  return a + b;',
      new_string: '  const s = a + b;\n  return s;',
    },
  };
}

function checkRecord(text: string, record: Awaited<ReturnType<typeof readRecord>>, writes: number): void {
  assert.deepEqual(piecesOfKind(record, text, 'agent'), ['  const s = a + b;\n  return s;\n']);
  const inline = record?.spans.filter(([, , o]) => record.origins[o].kind === 'inline').map(([s]) => s);
  assert.deepEqual(
    inline,
    Array.from({ length: writes }, (_, j) => editorSpanStart(j)),
    'every editor span survived',
  );
}

describe('hook: concurrent hook processes and editor writes lose no spans', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo();
  });
  afterEach(() => repo.cleanup());

  it('spawned hook POSTs racing spawned editor writers, several rounds', async () => {
    const writer = path.join(__dirname, 'helpers', 'editorWriter.js');
    for (let round = 0; round < 3; round++) {
      const files = [0, 1, 2].map((i) => `r${round}/f${i}.ts`);
      for (const rel of files) repo.write(rel, ORIGINAL);
      for (const rel of files)
        await runHook(
          'claude',
          'pre',
          payload('claude/pre-tool-use-edit.json', repo.root, edit(repo.root, rel, `t-${rel}`)),
          repo.root,
        );
      for (const rel of files) repo.write(rel, EDITED);
      const codes = await Promise.all(
        files.flatMap((rel) => [
          run(
            [compiledCli(), 'hook', 'claude', 'post'],
            repo.root,
            payload('claude/post-tool-use-edit.json', repo.root, edit(repo.root, rel, `t-${rel}`), ['tool_response']),
          ),
          run([writer, repo.root, rel, String(WRITES)], repo.root),
        ]),
      );
      assert.deepEqual(
        codes,
        codes.map(() => 0),
      );
      for (const rel of files) checkRecord(EDITED, await readRecord(repo.root, rel), WRITES);
    }
  });

  it('in-process hooks racing in-process editor writes, many times', async () => {
    const store = await WorkingStateStore.open(repo.root, { lock: { maxWaitMs: 60_000 } });
    for (let i = 0; i < 8; i++) {
      const rel = `loop/f${i}.ts`;
      repo.write(rel, ORIGINAL);
      await runHook(
        'claude',
        'pre',
        payload('claude/pre-tool-use-edit.json', repo.root, edit(repo.root, rel, `l-${i}`)),
        repo.root,
      );
      repo.write(rel, EDITED);
      await Promise.all([
        runHook(
          'claude',
          'post',
          payload('claude/post-tool-use-edit.json', repo.root, edit(repo.root, rel, `l-${i}`), ['tool_response']),
          repo.root,
        ),
        ...Array.from({ length: WRITES }, (_, j) => {
          const start = editorSpanStart(j);
          return store.write({
            version: 1,
            path: rel,
            contentHash: contentHash(EDITED),
            length: EDITED.length,
            origins: [{ kind: 'inline', tool: 'GitHub Copilot', time: j }],
            spans: [[start, start + 1, 0]],
            updated: Date.now(),
          });
        }),
      ]);
      checkRecord(EDITED, await readRecord(repo.root, rel), WRITES);
    }
  });
});
