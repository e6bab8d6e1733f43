/**
 * Claude Code's PRE hook through the launcher, in plain sh: no node starts (the test's PATH has none and the recorded
 * node does not exist), the file's text before the edit is kept in `<state>/agent-pre/`, and the node POST uses it:
 * the same record as with a node PRE, even when the POST payload alone could not rebuild the old text. Shell commands
 * and payloads without a usable path still go to node.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeLauncherFile } from '../../../src/git/launcher';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/tempRepo';
import { compiledCli, logText, payload, piecesOfKind, readRecord } from './helpers/hookHarness';

const ORIGINAL = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const EDITED = 'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n';

/** A PATH with the few tools the sh PRE uses and no node. */
function pathWithoutNode(): string {
  const dir = makeTempDir('aiprov-nonode-');
  for (const tool of ['sh', 'mkdir', 'rm', 'cat', 'grep', 'cp', 'date', 'dirname']) {
    const found = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    fs.symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

describe('launcher: Claude Code PRE in plain sh', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  let launcher: string;
  let noNode: NodeJS.ProcessEnv;
  const preDir = () => path.join(repo.root, '.git', 'ai-provenance', 'agent-pre');

  beforeEach(async () => {
    repo = createTempRepo();
    repo.write('src/cart.ts', ORIGINAL);
    repo.commitAll('initial');
    launcher = (
      await writeLauncherFile(
        path.join(repo.root, '.git', 'ai-provenance', 'bin', 'ai-provenance'),
        compiledCli(),
        process.execPath,
      )
    ).path;
    noNode = { ...process.env, PATH: pathWithoutNode(), AI_PROVENANCE_NODE: '/nonexistent/node' };
    delete noNode.AI_PROVENANCE_CLI;
  });
  afterEach(() => repo.cleanup());

  const run = (phase: string, stdin: string, env: NodeJS.ProcessEnv) =>
    spawnSync('/bin/sh', [launcher, 'hook', 'claude', phase], { cwd: repo.root, input: stdin, encoding: 'utf8', env });

  it('Edit: the PRE starts no node, and the POST attributes exactly the inserted characters from its snapshot', () => {
    const pre = run('pre', payload('claude/pre-tool-use-edit.json', repo.root), noNode);
    assert.deepEqual([pre.status, pre.stdout], [0, '']);
    assert.doesNotMatch(logText(repo.root), /node not found/);
    const [dir] = fs.readdirSync(preDir());
    assert.equal(
      fs.readFileSync(path.join(preDir(), dir, 'paths'), 'utf8'),
      `t\t${path.join(repo.root, 'src', 'cart.ts')}\n`,
    );

    repo.write('src/cart.ts', EDITED);
    // A POST that could not rebuild the old text by itself (no originalFile, an old_string that is not there): only
    // the PRE snapshot lets it find the inserted characters.
    const post = run(
      'post',
      payload(
        'claude/post-tool-use-edit.json',
        repo.root,
        {
          tool_input: {
            file_path: path.join(repo.root, 'src', 'cart.ts'),
            old_string: 'not in the file',
            new_string: 'x',
          },
        },
        ['tool_response'],
      ),
      process.env,
    );
    assert.deepEqual([post.status, post.stdout], [0, '']);
    return readRecord(repo.root, 'src/cart.ts').then((record) => {
      assert.deepEqual(piecesOfKind(record, EDITED, 'agent'), ['  const s = a + b;\n  return s;\n']);
      assert.deepEqual(fs.readdirSync(preDir()), [], 'the POST took the snapshot away');
    });
  });

  it('a PRE that ran twice (by node, then by the launcher): the newer snapshot counts and none is left behind', async () => {
    const pre = payload('claude/pre-tool-use-edit.json', repo.root);
    repo.write('src/cart.ts', '// an older text\n' + ORIGINAL);
    assert.equal(
      spawnSync(process.execPath, [compiledCli(), 'hook', 'claude', 'pre'], {
        cwd: repo.root,
        input: pre,
        encoding: 'utf8',
      }).status,
      0,
    );
    run('pre', pre, noNode);
    repo.write('src/cart.ts', ORIGINAL);
    // mtime order is what tells them apart: make the first launcher PRE older than a second one.
    const [first] = fs.readdirSync(preDir());
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(preDir(), first), old, old);
    run('pre', pre, { ...noNode });
    repo.write('src/cart.ts', EDITED);
    run(
      'post',
      payload(
        'claude/post-tool-use-edit.json',
        repo.root,
        {
          tool_input: {
            file_path: path.join(repo.root, 'src', 'cart.ts'),
            old_string: 'not in the file',
            new_string: 'x',
          },
        },
        ['tool_response'],
      ),
      process.env,
    );
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), [
      '  const s = a + b;\n  return s;\n',
    ]);
    assert.deepEqual(fs.readdirSync(preDir()), []);
    assert.deepEqual(
      fs.readdirSync(path.join(repo.root, '.git', 'ai-provenance', 'snapshots')).filter((n) => !n.startsWith('.')),
      [],
    );
  });

  it("a new file (Write) is recorded absent, so the whole file is the agent's", async () => {
    const file = path.join(repo.root, 'src', 'new.ts');
    const pre = run(
      'pre',
      payload('claude/pre-tool-use-write.json', repo.root, {
        tool_input: { file_path: file, content: 'export const n = 1;\n' },
      }),
      noNode,
    );
    assert.equal(pre.status, 0);
    const [dir] = fs.readdirSync(preDir());
    assert.equal(fs.readFileSync(path.join(preDir(), dir, 'paths'), 'utf8'), `a\t${file}\n`);
    fs.writeFileSync(file, 'export const n = 1;\n');
    run(
      'post',
      payload('claude/pre-tool-use-write.json', repo.root, {
        hook_event_name: 'PostToolUse',
        tool_input: { file_path: file, content: 'export const n = 1;\n' },
      }),
      process.env,
    );
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/new.ts'), 'export const n = 1;\n', 'agent'), [
      'export const n = 1;\n',
    ]);
  });

  it('a shell command goes to node (here: none, so the launcher logs it and steps aside) and leaves nothing behind', () => {
    const pre = run('pre', payload('claude/pre-tool-use-bash.json', repo.root), noNode);
    assert.deepEqual([pre.status, pre.stdout], [0, '']);
    assert.match(logText(repo.root), /launcher: node not found/);
    assert.deepEqual(fs.readdirSync(preDir()), []);
  });

  it('a shell command with node: the node PRE reads the JSON the launcher saved and takes its repository snapshot', () => {
    const pre = run('pre', payload('claude/pre-tool-use-bash.json', repo.root), process.env);
    assert.deepEqual([pre.status, pre.stdout], [0, '']);
    assert.deepEqual(fs.readdirSync(preDir()), []);
    const snapshots = path.join(repo.root, '.git', 'ai-provenance', 'snapshots');
    assert.equal(
      fs.readdirSync(snapshots).filter((n) => !n.startsWith('.')).length,
      1,
      'node saved the shell snapshot',
    );
  });
});
