import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hookResponse } from '../../../src/core/agents/hookResponse';
import { AGENT_IDS } from '../../../src/core/agents/types';
import { runAgentHook } from '../../../src/git/agents/agentHook';
import { defaultGitRunner, type GitRunner } from '../../../src/git/exec';
import { makeTempDir, type TempRepo } from '../helpers/tempRepo';
import {
  cartRepo,
  EDITED,
  logText,
  ORIGINAL,
  payload,
  piecesOfKind,
  readRecord,
  runHook,
  sourceRoot,
  spawnHook,
} from './helpers/hookHarness';

describe('hook never fails the agent', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = cartRepo();
  });
  afterEach(() => repo.cleanup());

  for (const agent of AGENT_IDS) {
    it(`${agent}: garbage, empty and non-tool input exit 0 with the agent's no-op stdout, logged`, async () => {
      for (const [phase, stdin] of [
        ['pre', '{not json'],
        ['post', ''],
        ['pre', '[1,2]'],
        [undefined, '{"hook_event_name":"Stop"}'],
      ] as const) {
        const run = await runHook(agent, phase, stdin, repo.root);
        assert.deepEqual(run, { code: 0, out: hookResponse(agent, phase ?? 'post'), err: '' }, `${phase} ${stdin}`);
      }
      const log = logText(repo.root);
      assert.match(log, new RegExp(`hook ${agent} pre: hook input is not valid JSON`));
      assert.match(log, /hook input is empty/);
      assert.doesNotMatch(log, /not json/, 'payload content is never logged');
    });
  }

  it('outside any repository: exit 0, right stdout, nothing written', async () => {
    const dir = makeTempDir('aiprov-norepo-');
    try {
      const stdin = payload('cursor/after-file-edit.json', path.join(dir, 'nowhere'));
      assert.deepEqual(await runHook('cursor', 'post', stdin, dir), { code: 0, out: '{}\n', err: '' });
      assert.deepEqual(fs.readdirSync(dir), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('unwritable state dir (a file where the directory should be): exit 0, right stdout', async () => {
    fs.writeFileSync(path.join(repo.root, '.git', 'ai-provenance'), 'in the way');
    for (const agent of ['claude', 'gemini'] as const) {
      const fixture = agent === 'claude' ? 'claude/pre-tool-use-edit.json' : 'gemini/before-tool-write-file.json';
      assert.deepEqual(await runHook(agent, 'pre', payload(fixture, repo.root), repo.root), {
        code: 0,
        out: hookResponse(agent, 'pre'),
        err: '',
      });
      assert.deepEqual(await runHook(agent, 'post', payload('claude/post-tool-use-edit.json', repo.root), repo.root), {
        code: 0,
        out: hookResponse(agent, 'post'),
        err: '',
      });
    }
    assert.equal(fs.readFileSync(path.join(repo.root, '.git', 'ai-provenance'), 'utf8'), 'in the way');
  });

  it('an unknown agent or phase still exits 0', async () => {
    const unknown = await runHook('aider', 'pre', '{}', repo.root);
    assert.equal(unknown.code, 0);
    assert.equal(unknown.out, '');
    assert.match(unknown.err, /unknown agent/);
    assert.deepEqual(await runHook('gemini', 'sideways' as 'pre', '{}', repo.root), { code: 0, out: '{}\n', err: '' });
  });

  it('starts one git process per file-edit hook call (the rev-parse that finds the repository)', async () => {
    const calls: string[][] = [];
    const runner: GitRunner = { run: (args, options) => (calls.push([...args]), defaultGitRunner.run(args, options)) };
    const request = { agent: 'claude' as const, cwd: repo.root, env: {}, runner };
    await runAgentHook({ ...request, phaseHint: 'pre', stdin: payload('claude/pre-tool-use-edit.json', repo.root) });
    repo.write('src/cart.ts', EDITED);
    const post = await runAgentHook({
      ...request,
      phaseHint: 'post',
      stdin: payload('claude/post-tool-use-edit.json', repo.root),
    });
    assert.deepEqual(
      post.reports.map((r) => [r.path, r.action, r.chars]),
      [['src/cart.ts', 'attributed', 31]],
    );
    assert.deepEqual(
      calls.map((c) => c[0]),
      ['rev-parse', 'rev-parse'],
    );
  });

  it('prunes snapshots whose POST never came', async () => {
    const stale = path.join(repo.root, '.git', 'ai-provenance', 'snapshots', 'old-session', 'toolu_old.json');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, '{}');
    const old = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    fs.utimesSync(stale, old, old);
    await runHook('claude', 'pre', payload('claude/pre-tool-use-edit.json', repo.root), repo.root);
    assert.equal(fs.existsSync(stale), false);
    assert.equal(fs.existsSync(path.dirname(stale)), false);
  });

  it('stores no prompt by default; AI_PROVENANCE_PROMPT_SUMMARY=first-line stores the redacted first line', async () => {
    const transcript = path.join(repo.root, '.git', 't.jsonl');
    fs.copyFileSync(
      path.join(sourceRoot(), 'test', 'unit', 'agents', 'fixtures', 'claude', 'transcript.jsonl'),
      transcript,
    );
    const prompts = path.join(repo.root, '.git', 'ai-provenance', 'agent-prompts.jsonl');
    const edit = async (env?: NodeJS.ProcessEnv): Promise<void> => {
      repo.write('src/cart.ts', ORIGINAL);
      await runHook(
        'claude',
        'pre',
        payload('claude/pre-tool-use-edit.json', repo.root, { transcript_path: transcript }),
        repo.root,
        env,
      );
      repo.write('src/cart.ts', EDITED);
      await runHook(
        'claude',
        'post',
        payload('claude/post-tool-use-edit.json', repo.root, { transcript_path: transcript }),
        repo.root,
        env,
      );
    };
    await edit();
    assert.equal(fs.existsSync(prompts), false);
    await edit({ ...process.env, AI_PROVENANCE_PROMPT_SUMMARY: 'first-line' });
    const line = JSON.parse(fs.readFileSync(prompts, 'utf8').trim()) as Record<string, unknown>;
    assert.equal(line.promptFirstLine, 'switch model');
    assert.deepEqual(line.files, ['src/cart.ts']);
  });
});

describe('hook as a spawned process (node on the compiled CLI, payload on stdin)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = cartRepo();
  });
  afterEach(() => repo.cleanup());

  it("claude Edit PRE and POST record the agent's characters; stdout empty, exit 0", async () => {
    assert.deepEqual(spawnHook('claude', 'pre', payload('claude/pre-tool-use-edit.json', repo.root), repo.root), {
      code: 0,
      out: '',
      err: '',
    });
    repo.write('src/cart.ts', EDITED);
    assert.deepEqual(
      spawnHook('claude', 'post', payload('claude/post-tool-use-edit.json', repo.root), path.join(repo.root, 'src')),
      { code: 0, out: '', err: '' },
    );
    assert.deepEqual(piecesOfKind(await readRecord(repo.root, 'src/cart.ts'), EDITED, 'agent'), [
      '  const s = a + b;\n  return s;\n',
    ]);
  });

  it('cursor with garbage on stdin prints {} and exits 0', () => {
    assert.deepEqual(spawnHook('cursor', 'post', '\u0000\u0001garbage', repo.root), { code: 0, out: '{}\n', err: '' });
  });
});

describe('hook in a linked worktree', () => {
  let repo: TempRepo;
  let worktree: string;
  beforeEach(() => {
    repo = cartRepo();
    worktree = path.join(repo.root, '..', `${path.basename(repo.root)}-wt`);
    repo.git(['worktree', 'add', '-q', worktree]);
  });
  afterEach(() => {
    repo.cleanup();
    fs.rmSync(worktree, { recursive: true, force: true });
  });

  it("records into that worktree's own `git rev-parse --git-path ai-provenance`", async () => {
    await runHook('claude', 'pre', payload('claude/pre-tool-use-edit.json', worktree), worktree);
    fs.writeFileSync(path.join(worktree, 'src', 'cart.ts'), EDITED);
    await runHook('claude', 'post', payload('claude/post-tool-use-edit.json', worktree), worktree);
    const stateDir = path.resolve(worktree, repo.git(['rev-parse', '--git-path', 'ai-provenance'], worktree));
    assert.notEqual(stateDir, path.join(repo.root, '.git', 'ai-provenance'));
    assert.equal(fs.readdirSync(path.join(stateDir, 'files')).filter((n) => n.endsWith('.json')).length, 1);
    assert.deepEqual(piecesOfKind(await readRecord(worktree, 'src/cart.ts'), EDITED, 'agent'), [
      '  const s = a + b;\n  return s;\n',
    ]);
    assert.equal(await readRecord(repo.root, 'src/cart.ts'), undefined, 'the main worktree has no record');
  });
});
