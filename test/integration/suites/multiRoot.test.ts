/**
 * A two-folder workspace of two repositories (`run-integration.mjs --multiroot`): the hooks installed in each through
 * the command (`{ repo }` names it), an inline completion accepted in each folder's file, a commit in each
 * repository: each commit gets its own trailers and a note with exactly its own AI lines, and the trailer preview
 * follows the active editor's repository. `web` holds the submodule `lib`: the editor records its file there.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MULTI_ROOT } from '../index';
import { api, closeAll, waitUntil } from '../helpers';
import { TestInlineProvider } from '../inlineProvider';

interface NoteFile {
  path: string;
  conversations: Array<{ ranges: Array<{ start_line: number; end_line: number }> }>;
}

const SUGGESTIONS: Record<string, { text: string; first: string; aiLines: number; trailer: string }> = {
  api: {
    text: '\n\nexport function square(x: number): number {\n  return x * x;\n}',
    first: 'export function square(x: number): number {',
    aiLines: 3,
    trailer: 'AI-Assisted: 75% of added lines (3/4; inline 3)',
  },
  web: {
    text: '\n\nexport function cube(x: number): number {\n  const sq = x * x;\n  return sq * x;\n}',
    first: 'export function cube(x: number): number {',
    aiLines: 4,
    trailer: 'AI-Assisted: 80% of added lines (4/5; inline 4)',
  },
  lib: {
    text: '\n\nexport function half(x: number): number {\n  return x / 2;\n}',
    first: 'export function half(x: number): number {',
    aiLines: 3,
    trailer: 'AI-Assisted: 75% of added lines (3/4; inline 3)',
  },
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

describe(`two repositories in one window ${MULTI_ROOT}`, () => {
  let provider: TestInlineProvider;
  let folders: Record<string, string>;

  before(() => {
    provider = new TestInlineProvider();
    const all = vscode.workspace.workspaceFolders ?? [];
    assert.equal(all.length, 2, 'the two-folder workspace is open');
    folders = Object.fromEntries(all.map((f) => [f.name, f.uri.fsPath]));
    assert.deepEqual(Object.keys(folders).sort(), ['api', 'web']);
  });
  after(async () => {
    provider.dispose();
    await closeAll();
  });

  /** Accepts the repository's suggestion at the end of its src/math.ts, saves, and stages the file. */
  async function aiEdit(name: string, root = folders[name]): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(path.join(root, 'src', 'math.ts'));
    const end = doc.positionAt(doc.getText().lastIndexOf('}') + 1);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(end, end), preview: false });
    const { text } = SUGGESTIONS[name];
    await provider.show(text);
    await vscode.commands.executeCommand('aiProvenance.inlineSuggest.commit');
    await waitUntil(`the accept in ${name}`, () => (doc.getText().includes(text) ? true : undefined));
    await doc.save();
    await (await api()).flush();
    // The save may land on disk a moment after it resolves: stage what the editor shows, not the text before it.
    await waitUntil(`${name}'s save on disk`, () =>
      fs.readFileSync(doc.uri.fsPath, 'utf8') === doc.getText() ? true : undefined,
    );
    git(root, 'add', 'src/math.ts');
    return doc;
  }

  /** HEAD's commit message and the AI line ranges of its note for src/math.ts (the only file it may name). */
  async function committed(root: string): Promise<{ message: string; ranges: number[][]; text: string }> {
    const note = JSON.parse(
      await waitUntil(
        `the note in ${root}`,
        () => {
          try {
            return git(root, 'notes', '--ref', 'refs/notes/ai-provenance', 'show', 'HEAD');
          } catch {
            return undefined;
          }
        },
        10_000,
      ),
    ) as { files: NoteFile[] };
    assert.deepEqual(
      note.files.map((f) => f.path),
      ['src/math.ts'],
      `${root}: only its own file`,
    );
    return {
      message: git(root, 'log', '-1', '--format=%B'),
      ranges: note.files[0].conversations.flatMap((c) => c.ranges).map((r) => [r.start_line, r.end_line]),
      text: git(root, 'show', 'HEAD:src/math.ts'),
    };
  }

  it('each commit gets its own trailers and its own note with exactly its AI lines', async function () {
    this.timeout(120_000);
    for (const name of ['api', 'web'])
      await vscode.commands.executeCommand('aiProvenance.installGitHooks', { confirm: false, repo: folders[name] });

    const apiDoc = await aiEdit('api');
    const webDoc = await aiEdit('web');

    // The preview shows the active editor's repository: web's now, api's once its file is active again.
    const previewOf = async (aiLines: number) =>
      waitUntil(
        `the trailer preview with ${aiLines} AI lines`,
        async () => {
          const p = await (await api()).previewTrailers();
          return p?.aiLines === aiLines ? p : undefined;
        },
        15_000,
      );
    await vscode.window.showTextDocument(webDoc, { preview: false });
    await previewOf(4);
    await vscode.window.showTextDocument(apiDoc, { preview: false });
    await previewOf(3);

    // The review of each repository's uncommitted change, named by `repo`: its own file, its own AI lines.
    for (const name of ['web', 'api']) {
      await vscode.commands.executeCommand('aiProvenance.review.chooseTarget', {
        kind: 'worktree',
        repo: folders[name],
      });
      const snap = await vscode.commands.executeCommand<{
        status: string;
        root: string;
        files: Array<{ path: string; aiLines: number }>;
      }>('aiProvenance.internal.reviewSnapshot');
      assert.equal(snap.status, 'ready');
      assert.equal(snap.root, folders[name]);
      assert.deepEqual(
        snap.files.map((f) => [f.path, f.aiLines]),
        [['src/math.ts', SUGGESTIONS[name].aiLines]],
        name,
      );
    }

    for (const name of ['api', 'web']) {
      const root = folders[name];
      const expected = SUGGESTIONS[name];
      git(root, 'commit', '-q', '-m', `AI edit in ${name}`);
      const { message, ranges, text } = await committed(root);
      assert.match(message, new RegExp(`^AI edit in ${name}`));
      assert.ok(message.split('\n').includes(expected.trailer), `${name}: ${message}`);
      const first = text.split('\n').indexOf(expected.first) + 1;
      assert.ok(first > 0);
      assert.deepEqual(ranges, [[first, first + expected.aiLines - 1]], `${name}: exactly its AI lines`);
      const log = git(root, 'rev-parse', '--git-path', 'ai-provenance/log.txt').trim();
      const hookLog = fs.readFileSync(path.resolve(root, log), 'utf8');
      // Node's prepare-commit-msg, or the sh path applying what the editor precomputed for this repository.
      assert.ok(
        hookLog.includes(`prepare-commit-msg: ${expected.aiLines} AI line(s) in 1 file(s)`) ||
          hookLog.includes('(precomputed by the editor)'),
        `${name}: its own hook did the work`,
      );
    }
  });

  it("an AI edit in a folder's submodule is recorded and noted in the submodule, not in the folder's repository", async function () {
    this.timeout(90_000);
    const lib = path.join(folders.web, 'lib');
    await vscode.commands.executeCommand('aiProvenance.installGitHooks', { confirm: false, repo: lib });
    await aiEdit('lib', lib);
    const expected = SUGGESTIONS.lib;
    // The editor's record is in the submodule's git dir (`.git/modules/lib`), under the submodule's own path.
    const libState = path.resolve(lib, git(lib, 'rev-parse', '--git-path', 'ai-provenance').trim());
    assert.ok(libState.includes(path.join('.git', 'modules', 'lib')), libState);
    await waitUntil('the submodule record', () =>
      fs.existsSync(path.join(libState, 'files')) && fs.readdirSync(path.join(libState, 'files')).length > 0
        ? true
        : undefined,
    );
    git(lib, 'commit', '-q', '-m', 'AI edit in lib');
    const { message, ranges, text } = await committed(lib);
    assert.ok(message.split('\n').includes(expected.trailer), message);
    const first = text.split('\n').indexOf(expected.first) + 1;
    assert.ok(first > 0);
    assert.deepEqual(ranges, [[first, first + expected.aiLines - 1]]);
    // The superproject's own commit of the new submodule pointer: no AI lines of its own.
    git(folders.web, 'add', 'lib');
    git(folders.web, 'commit', '-q', '-m', 'Bump lib');
    assert.ok(!git(folders.web, 'log', '-1', '--format=%B').includes('AI-Assisted'));
  });
});
