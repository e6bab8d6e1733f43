/**
 * An install made by the version with the hook server upgrades cleanly: its hook scripts (the FIFO client inside),
 * launcher, server directory (pid file, request and reply FIFOs, saved agent payloads) and hand-rolled code cache are
 * replaced or removed by `hooks install`, and the first commit with the old scripts still in place works and clears
 * the dead files. The old scripts are fixtures generated from that version's code (test/git/fixtures/previousInstall).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOOK_MARKER, MANAGED_HOOKS, hookScript } from '../../../src/git/hooks/hookScripts';
import { hooksStatus, installHooks } from '../../../src/git/hooks/install';
import { launcherScript } from '../../../src/git/launcher';
import { findRepo } from '../../../src/git/repo';
import { sourceRoot } from '../agents/helpers/hookHarness';
import { CLAUDE, CLI_PATH, createHookedRepo, type HookRepo } from './helpers/hookRepo';

const FIXTURES = path.join(sourceRoot(), 'test', 'git', 'fixtures', 'previousInstall');

/** Puts the previous version's hooks, launcher and runtime files into `repo`, as a user of that version has them. */
function installPreviousVersion(repo: HookRepo): string {
  const hooks = path.join(repo.root, '.git', 'hooks');
  const state = path.join(repo.root, '.git', 'ai-provenance');
  for (const hook of MANAGED_HOOKS) {
    const text = fs.readFileSync(path.join(FIXTURES, hook), 'utf8');
    assert.ok(text.includes(HOOK_MARKER) && (hook !== 'post-commit' || text.includes('/server')), `fixture ${hook}`);
    fs.writeFileSync(path.join(hooks, hook), text, { mode: 0o755 });
  }
  const launcher = fs
    .readFileSync(path.join(FIXTURES, 'launcher'), 'utf8')
    .replace('@CLI@', CLI_PATH)
    .replace('@NODE@', process.execPath);
  fs.mkdirSync(path.join(state, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(state, 'bin', 'ai-provenance'), launcher, { mode: 0o755 });
  // What a server that died (a killed window) leaves: its pid file naming a descriptor, the FIFOs, a saved payload.
  const server = path.join(state, 'server');
  fs.mkdirSync(server, { recursive: true });
  fs.writeFileSync(path.join(server, 'pid'), '2147483 7\n');
  for (const fifo of ['requests', 'reply.4242'])
    assert.equal(spawnSync('mkfifo', ['-m', '600', path.join(server, fifo)]).status, 0);
  fs.writeFileSync(path.join(server, 'in.4243'), '{"hook_event_name":"PreToolUse"}');
  fs.mkdirSync(path.join(state, 'cache', 'node'), { recursive: true });
  fs.writeFileSync(path.join(state, 'cache', 'hookMain-1234-1700000000000-v20.20.2-x64.v8'), 'old code cache');
  return state;
}

function leftovers(state: string): string[] {
  const cache = fs.existsSync(path.join(state, 'cache'))
    ? fs.readdirSync(path.join(state, 'cache')).filter((n) => n.startsWith('hookMain-'))
    : [];
  return [...(fs.existsSync(path.join(state, 'server')) ? ['server'] : []), ...cache];
}

describe('upgrading an install of the version with the hook server', () => {
  it('hooks install replaces the old scripts and launcher and removes the server files and old cache', async () => {
    const repo = await createHookedRepo({ install: false });
    const state = installPreviousVersion(repo);
    const info = (await findRepo(repo.root))!;
    // Every script is outdated: three talked to the server, and all of them now also tell node their folder.
    assert.deepEqual(
      (await hooksStatus(info)).hooks.map((h) => [h.hook, h.state]),
      MANAGED_HOOKS.map((h) => [h, 'outdated']),
    );
    const report = await installHooks(info, { cliPath: CLI_PATH });
    assert.deepEqual(
      report.actions.map((a) => [a.hook, a.action]),
      MANAGED_HOOKS.map((h) => [h, 'updated']),
    );
    for (const hook of MANAGED_HOOKS)
      assert.equal(fs.readFileSync(path.join(repo.root, '.git', 'hooks', hook), 'utf8'), hookScript(hook));
    assert.equal(
      fs.readFileSync(path.join(state, 'bin', 'ai-provenance'), 'utf8'),
      launcherScript(CLI_PATH, process.execPath),
    );
    assert.deepEqual(leftovers(state), []);
    assert.ok(fs.existsSync(path.join(state, 'cache', 'node')), 'the current cache stays');
    // No hook file or launcher mentions the server any more.
    for (const hook of MANAGED_HOOKS)
      assert.ok(!fs.readFileSync(path.join(repo.root, '.git', 'hooks', hook), 'utf8').includes('server'), hook);
  });

  it('a commit through the old scripts still records provenance, and its hook run clears the dead files', async () => {
    const repo = await createHookedRepo({ install: false });
    const state = installPreviousVersion(repo);
    repo.writeAi('src/a.ts', 'const a = 1;\nconst b = 2;\nconst c = 3;\n', [2], CLAUDE);
    const commit = repo.commitHooked('Add a');
    assert.match(repo.message(commit), /^Assisted-by: /m);
    assert.deepEqual([...repo.noteLines(commit)], [['src/a.ts', [2]]]);
    assert.deepEqual(leftovers(state), []);
    assert.match(repo.logText(), /removed files of an earlier version: server, cache\/hookMain-/);
  });
});
