/**
 * Issue 13, case 3: an agent running in a superproject edits a file of a submodule (or of a repository nested in the
 * work tree). The edit is recorded in the repository that owns the file (under that repository's path for it), so
 * the submodule's commit gets the note with exactly the agent's lines; the superproject records nothing for it. Where
 * the owner has no AI Provenance installed, or the file is outside the agent's repository, the log says it was dropped.
 * Real git throughout (`git submodule add` over the file protocol), the real `ai-provenance hook` command.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aiBlame } from '../../../src/git/blame/blame';
import { installHooks } from '../../../src/git/hooks/install';
import { findRepo } from '../../../src/git/repo';
import { CLI_PATH, createHookedRepo, extendRepo, hookEnv, type HookRepo } from '../commit/helpers/hookRepo';
import { EDITED, ORIGINAL, payload, readRecord, runHook } from '../agents/helpers/hookHarness';
import { createTempRepo, initRepoAt, type TempRepo } from '../helpers/tempRepo';

/** The Claude Code Edit fixtures with the edited file moved to `file` (absolute); the agent runs in `cwd`. */
async function agentEditAt(cwd: string, file: string): Promise<void> {
  const at = (name: string) =>
    payload(`claude/${name}.json`, cwd, {}, ['transcript_path'])
      .split(JSON.stringify(path.join(cwd, 'src', 'cart.ts')).slice(1, -1))
      .join(JSON.stringify(file).slice(1, -1));
  assert.equal((await runHook('claude', 'pre', at('pre-tool-use-edit'), cwd)).code, 0);
  fs.writeFileSync(file, EDITED);
  assert.equal((await runHook('claude', 'post', at('post-tool-use-edit'), cwd)).code, 0);
}

/** A HookRepo view of a repository inside another one's work tree (a submodule or nested repository). */
function innerRepo(root: string): HookRepo {
  const git = (args: readonly string[], cwd = root): string => {
    const r = spawnSync('git', [...args], { cwd, env: hookEnv(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout.replace(/\n$/, '');
  };
  git(['config', '--local', 'user.name', 'Sub Dev']);
  git(['config', '--local', 'user.email', 'sub@example.invalid']);
  git(['config', '--local', 'commit.gpgsign', 'false']);
  const inner: TempRepo = {
    root,
    git,
    write(rel, content) {
      const abs = path.join(root, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
      return abs;
    },
    commitAll(message = 'commit') {
      git(['add', '-A']);
      git(['commit', '-q', '-m', message]);
      return git(['rev-parse', 'HEAD']);
    },
    cleanup: () => undefined,
  };
  const hooked = extendRepo(inner);
  // A submodule's `.git` is a file: its git dir is under the superproject's `.git/modules/`.
  hooked.logText = () => {
    const file = path.resolve(root, git(['rev-parse', '--git-path', 'ai-provenance/log.txt']));
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };
  return hooked;
}

async function install(root: string): Promise<void> {
  const info = await findRepo(root);
  assert.ok(info, root);
  await installHooks(info, { cliPath: CLI_PATH });
}

async function workingAiLines(root: string, rel: string): Promise<number[]> {
  const result = await aiBlame((await findRepo(root))!, rel);
  return result.lines.flatMap((l, i) => (l.authorship !== 'human' ? [i + 1] : []));
}

describe('no loss: each file recorded in the repository that owns it (issue 13 case 3)', () => {
  let superRepo: HookRepo;
  let library: TempRepo;

  beforeEach(async () => {
    superRepo = await createHookedRepo();
    library = createTempRepo();
    library.write('src/cart.ts', ORIGINAL);
    library.commitAll('cart');
  });

  afterEach(() => {
    superRepo.cleanup();
    library.cleanup();
  });

  describe('a submodule', () => {
    let sub: HookRepo;
    let file: string;

    beforeEach(() => {
      superRepo.run(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', library.root, 'sub']);
      superRepo.commitHooked('add the submodule');
      sub = innerRepo(path.join(superRepo.root, 'sub'));
      file = path.join(sub.root, 'src', 'cart.ts');
      assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL);
    });

    it('the agent in the superproject: the submodule records lines 2-3 and its commit gets the note; the superproject records nothing', async () => {
      await install(sub.root);
      await agentEditAt(superRepo.root, file);
      assert.equal(await readRecord(superRepo.root, 'sub/src/cart.ts'), undefined, 'nothing in the superproject');
      assert.ok(await readRecord(sub.root, 'src/cart.ts'), 'recorded in the submodule');
      assert.deepEqual(await workingAiLines(sub.root, 'src/cart.ts'), [2, 3]);
      sub.commitHooked('agent edit in the submodule');
      assert.deepEqual(sub.noteLines().get('src/cart.ts'), [2, 3]);
      assert.match(sub.message(), /AI-Assisted: /);
      // Bumping the submodule in the superproject: a gitlink, no lines of its own.
      superRepo.commitHooked('bump sub');
      assert.deepEqual([...superRepo.noteLines().keys()], []);
      assert.match(superRepo.logText(), /attributed sub\/src\/cart\.ts \(\+\d+\) \[recorded in .*sub\]/);
      assert.match(sub.logText(), /from .*: Edit: attributed src\/cart\.ts/);
    });

    it("through the superproject's launcher (Claude's PRE in sh): the POST routes the launcher's snapshot to the submodule", async () => {
      await install(sub.root);
      const launcher = path.join(superRepo.root, '.git', 'ai-provenance', 'bin', 'ai-provenance');
      const env: NodeJS.ProcessEnv = { ...process.env, AI_PROVENANCE_NODE: '/nonexistent/node' };
      delete env.AI_PROVENANCE_CLI;
      const run = (phase: string, stdin: string, runEnv: NodeJS.ProcessEnv) =>
        spawnSync('/bin/sh', [launcher, 'hook', 'claude', phase], {
          cwd: superRepo.root,
          input: stdin,
          encoding: 'utf8',
          env: runEnv,
        });
      const fixture = (name: string, overrides: Record<string, unknown> = {}, remove: string[] = []) =>
        payload(`claude/${name}.json`, superRepo.root, { tool_input: { file_path: file }, ...overrides }, [
          'transcript_path',
          ...remove,
        ]);
      // No node for the PRE: only the sh snapshot can hold the text before the edit.
      assert.equal(run('pre', fixture('pre-tool-use-edit'), env).status, 0);
      const preDir = path.join(superRepo.root, '.git', 'ai-provenance', 'agent-pre');
      assert.equal(fs.readdirSync(preDir).length, 1, 'the launcher kept the snapshot');
      fs.writeFileSync(file, EDITED);
      // A POST that cannot rebuild the old text by itself (no originalFile, an old_string that is not there).
      const post = run(
        'post',
        fixture(
          'post-tool-use-edit',
          { tool_input: { file_path: file, old_string: 'not in the file', new_string: 'x' } },
          ['tool_response'],
        ),
        { ...process.env, AI_PROVENANCE_CLI: CLI_PATH },
      );
      assert.equal(post.status, 0, post.stderr);
      assert.deepEqual(fs.readdirSync(preDir), [], 'the POST took the snapshot away');
      assert.equal(await readRecord(superRepo.root, 'sub/src/cart.ts'), undefined);
      assert.deepEqual(await workingAiLines(sub.root, 'src/cart.ts'), [2, 3]);
      sub.commitHooked('agent edit through the launcher');
      assert.deepEqual(sub.noteLines().get('src/cart.ts'), [2, 3]);
    });

    it('lines added above the agent edit before the submodule commit move it to lines 4-5', async () => {
      await install(sub.root);
      await agentEditAt(superRepo.root, file);
      fs.writeFileSync(file, '// cart\n\n' + EDITED);
      assert.deepEqual(await workingAiLines(sub.root, 'src/cart.ts'), [4, 5]);
      sub.commitHooked('agent edit plus a header');
      assert.deepEqual(sub.noteLines().get('src/cart.ts'), [4, 5]);
    });

    it('a submodule without AI Provenance installed: nothing recorded anywhere, and the superproject log says dropped', async () => {
      await agentEditAt(superRepo.root, file);
      assert.equal(await readRecord(superRepo.root, 'sub/src/cart.ts'), undefined);
      assert.equal(await readRecord(sub.root, 'src/cart.ts'), undefined);
      assert.match(
        superRepo.logText(),
        /dropped attribution: agent hook: the agent's edit of sub\/src\/cart\.ts \(it belongs to the repository at .*sub, where AI Provenance is not installed/,
      );
      assert.equal(
        fs.existsSync(path.join(superRepo.root, '.git', 'modules', 'sub', 'ai-provenance', 'records')),
        false,
      );
    });

    it('the agent in the submodule editing a superproject file: logged as dropped, not recorded', async () => {
      await install(sub.root);
      const outer = path.join(superRepo.root, 'src', 'cart.ts');
      fs.mkdirSync(path.dirname(outer), { recursive: true });
      fs.writeFileSync(outer, ORIGINAL);
      superRepo.commitHooked('outer cart');
      await agentEditAt(sub.root, outer);
      assert.equal(await readRecord(superRepo.root, 'src/cart.ts'), undefined);
      assert.match(
        sub.logText(),
        /dropped attribution: agent hook: edits of .*src\/cart\.ts \(outside the repository the agent ran in/,
      );
    });
  });

  it('a repository nested in the work tree (not a submodule): recorded there, lines 2-3 in its note', async () => {
    const nested = initRepoAt(path.join(superRepo.root, 'vendor', 'lib'));
    nested.write('src/cart.ts', ORIGINAL);
    nested.commitAll('cart');
    const inner = innerRepo(nested.root);
    await install(inner.root);
    const file = path.join(inner.root, 'src', 'cart.ts');
    await agentEditAt(superRepo.root, file);
    assert.equal(await readRecord(superRepo.root, 'vendor/lib/src/cart.ts'), undefined);
    assert.deepEqual(await workingAiLines(inner.root, 'src/cart.ts'), [2, 3]);
    inner.commitHooked('agent edit in the nested repository');
    assert.deepEqual(inner.noteLines().get('src/cart.ts'), [2, 3]);
  });

  it('a file of the superproject itself still goes to the superproject (lines 2-3)', async () => {
    superRepo.write('src/cart.ts', ORIGINAL);
    superRepo.commitHooked('cart');
    await agentEditAt(superRepo.root, path.join(superRepo.root, 'src', 'cart.ts'));
    assert.deepEqual(await workingAiLines(superRepo.root, 'src/cart.ts'), [2, 3]);
    superRepo.commitHooked('agent edit');
    assert.deepEqual(superRepo.noteLines().get('src/cart.ts'), [2, 3]);
  });
});
