/**
 * `ai-provenance doctor` on real repositories through the compiled CLI: healthy after hooks install + notes share,
 * exit 1 with the command to run when hooks are missing or outdated or notes are not shared, and the dropped
 * attribution the log records listed with its time.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DoctorReport } from '../../../src/core/doctor/diagnose';
import { findRepo } from '../../../src/git/repo';
import { log } from '../../../src/git/stateLog';
import { keptUnmergedMessage } from '../../../src/git/rewrite/notesSync';
import { CLI_PATH, createHookedRepo, hookEnv, type HookRepo } from '../commit/helpers/hookRepo';
import { makeTempDir } from '../helpers/tempRepo';

function doctor(repo: HookRepo, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI_PATH, 'doctor', ...args], {
    cwd: repo.root,
    env: hookEnv(),
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cli(repo: HookRepo, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI_PATH, ...args], { cwd: repo.root, env: hookEnv(), encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}${r.stdout}`);
}

describe('ai-provenance doctor', function () {
  this.timeout(60_000);
  const repos: HookRepo[] = [];
  const dirs: string[] = [];
  after(() => {
    for (const r of repos) r.cleanup();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  async function repoWithRemote(install: boolean): Promise<HookRepo> {
    const repo = await createHookedRepo({ install });
    repos.push(repo);
    const bare = makeTempDir('aiprov-doctor-remote-');
    dirs.push(bare);
    repo.run(['init', '-q', '--bare', bare]);
    repo.run(['remote', 'add', 'origin', bare]);
    return repo;
  }

  it('healthy: hooks installed and current, an agent installed, notes shared: exit 0', async () => {
    const repo = await repoWithRemote(true);
    cli(repo, 'notes', 'share', 'origin');
    cli(repo, 'agents', 'install', '--agent', 'claude', '--cli', CLI_PATH);
    const r = doctor(repo);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^git hooks: installed and current \(6\)$/m);
    assert.match(r.stdout, /^agents: claude installed$/m);
    assert.match(r.stdout, /^notes: origin shared$/m);
    assert.match(r.stdout, /^dropped recently: nothing$/m);
    assert.match(r.stdout, /^healthy$/m);
    const json = JSON.parse(doctor(repo, '--json').stdout) as DoctorReport;
    assert.equal(json.healthy, true);
    assert.deepEqual(json.notes, [{ remote: 'origin', state: 'shared' }]);
  });

  it('hooks missing: exit 1 and one line saying to run hooks install', async () => {
    const repo = await repoWithRemote(false);
    cli(repo, 'notes', 'share', 'origin');
    const r = doctor(repo);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^git hooks: not installed$/m);
    assert.match(
      r.stdout,
      /^1 problem\(s\):\n {2}git hooks not installed: commits get no provenance: run `ai-provenance hooks install`$/m,
    );
  });

  it('an outdated hook: exit 1 naming it; hooks install makes it healthy again', async () => {
    const repo = await repoWithRemote(true);
    cli(repo, 'notes', 'share', 'origin');
    const hook = path.join(repo.root, '.git', 'hooks', 'post-rewrite');
    fs.writeFileSync(hook, fs.readFileSync(hook, 'utf8') + '# an older version of our script\n');
    const r = doctor(repo);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /post-rewrite outdated/);
    assert.match(r.stdout, /^ {2}git hooks outdated: post-rewrite: run `ai-provenance hooks install`$/m);
    cli(repo, 'hooks', 'install', '--cli', CLI_PATH);
    assert.equal(doctor(repo).status, 0);
  });

  it('notes not shared: exit 1 and the share command for origin', async () => {
    const repo = await repoWithRemote(true);
    const r = doctor(repo);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^notes: origin not shared$/m);
    assert.match(r.stdout, /: run `ai-provenance notes share origin`$/m);
    const json = JSON.parse(doctor(repo, '--json').stdout) as DoctorReport;
    assert.deepEqual(
      json.problems.map((p) => p.run),
      ['ai-provenance notes share origin'],
    );
  });

  it('lists the last dropped-attribution lines of the log with their time, and no other lines', async () => {
    const repo = await repoWithRemote(true);
    cli(repo, 'notes', 'share', 'origin');
    const info = (await findRepo(repo.root))!;
    await log(info.gitDir, 'post-commit: an ordinary line');
    await log(
      info.gitDir,
      'agent hook: dropped 7 AI/attributed character(s) of src/a.ts: its record describes a text we no longer have (no snapshot), so its spans cannot be placed on the new text',
    );
    await log(
      info.gitDir,
      keptUnmergedMessage('refs/notes/ai-provenance', 'origin', {
        commit: 'c0ffee',
        kept: 'ours',
        ours: 'aaa',
        theirs: 'bbb',
        why: 'note too large',
      }),
    );
    await log(info.gitDir, 'cannot read src/b.ts at 1234567; its attribution is not carried over');
    const r = doctor(repo, '--last', '2');
    assert.equal(r.status, 0, 'dropped lines are reported, not a problem to fix');
    const shown = r.stdout.split('\n').filter((l) => /^ {2}\d{4}-\d\d-\d\dT/.test(l));
    assert.equal(shown.length, 2, r.stdout);
    assert.match(
      shown[0]!,
      /^ {2}\S+Z notes merge refs\/notes\/ai-provenance: commit c0ffee: kept our note as it is, not merged with origin's note/,
    );
    assert.match(shown[1]!, /^ {2}\S+Z cannot read src\/b\.ts at 1234567; its attribution is not carried over$/);
    const json = JSON.parse(doctor(repo, '--json').stdout) as DoctorReport;
    assert.deepEqual(
      json.dropped.map((d) => d.message.slice(0, 20)),
      ['agent hook: dropped ', 'notes merge refs/not', 'cannot read src/b.ts'],
    );
    assert.ok(json.dropped.every((d) => !Number.isNaN(Date.parse(d.time))));
  });
});
