/**
 * Fault injection: whatever goes wrong inside provenance, every commit lands with its message intact (bar our
 * trailers when the fault is after they were written) and the hook never reports a failure to git.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTempDir } from '../helpers/tempRepo';
import { CLAUDE, createHookedRepo, writeRecord, type HookRepo } from './helpers/hookRepo';

const STATE = ['.git', 'ai-provenance'];

/** A PATH with git and the few tools the hooks use, but no node. */
function pathWithoutNode(): string {
  const dir = makeTempDir('aiprov-nonode-');
  for (const tool of ['git', 'cat', 'date', 'dirname', 'basename']) {
    for (const base of ['/usr/bin', '/bin']) {
      if (fs.existsSync(path.join(base, tool))) {
        fs.symlinkSync(path.join(base, tool), path.join(dir, tool));
        break;
      }
    }
  }
  return dir;
}

/** An executable script in a temp dir. */
function script(name: string, body: string): string {
  const file = path.join(makeTempDir('aiprov-script-'), name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('commit: fault injection (every commit lands, message intact)', function () {
  this.timeout(60_000);
  let repo: HookRepo;
  let before: string;
  const state = (...p: string[]) => path.join(repo.root, ...STATE, ...p);
  beforeEach(async () => {
    repo = await createHookedRepo();
    before = repo.run(['rev-parse', 'HEAD']);
  });
  afterEach(() => repo.cleanup());

  /** Commits everything with `-m message` under `env`; asserts the commit landed and returns its message. */
  function commitLands(message: string, env: Record<string, string | undefined> = {}): string {
    repo.run(['add', '-A']);
    const result = repo.tryRun(['commit', '-q', '-m', message], env);
    assert.equal(result.status, 0, `commit failed: ${result.stderr}`);
    assert.notEqual(repo.run(['rev-parse', 'HEAD']), before, 'a new commit exists');
    return repo.message();
  }

  it('1. a corrupt working-state record is moved aside', () => {
    repo.writeAi('a.js', 'a();\n', [1]);
    const file = fs.readdirSync(state('files')).find((n) => n.endsWith('.json'))!;
    fs.writeFileSync(state('files', file), '{"version":1, garbage');
    assert.equal(commitLands('corrupt record'), 'corrupt record');
    assert.ok(fs.readdirSync(state('files')).some((n) => n.includes('.corrupt-')));
    assert.deepEqual(repo.records(), []);
  });

  it('2. a record for text that no longer exists is ignored', () => {
    repo.writeAi('b.js', 'b();\n', [1]);
    repo.write('b.js', 'rewritten by hand();\n');
    assert.equal(commitLands('stale record'), 'stale record');
    assert.match(repo.logText(), /no longer exists/);
  });

  it('3. node missing: the launcher does nothing', () => {
    repo.writeAi('c.js', 'c();\n', [1]);
    assert.equal(
      commitLands('no node', { PATH: pathWithoutNode(), AI_PROVENANCE_NODE: '/nonexistent/node' }),
      'no node',
    );
    assert.match(repo.logText(), /node not found/);
  });

  it('4. the CLI missing: the launcher does nothing', () => {
    repo.writeAi('d.js', 'd();\n', [1]);
    assert.equal(commitLands('no cli', { AI_PROVENANCE_CLI: '/nonexistent/cli.js' }), 'no cli');
    assert.match(repo.logText(), /CLI not found/);
  });

  it('5. a hung hook is stopped by the time limit', () => {
    repo.writeAi('e.js', 'e();\n', [1]);
    const message = commitLands('hung', {
      AI_PROVENANCE_FAULT: 'hang:prepare-commit-msg',
      AI_PROVENANCE_HOOK_TIMEOUT_MS: '1500',
    });
    assert.equal(message, 'hung');
    assert.match(repo.logText(), /prepare-commit-msg stopped after 1500 ms/);
  });

  it('6. a crash in post-commit leaves the commit and its trailers alone', () => {
    repo.writeAi('f.js', 'f();\n', [1]);
    const message = commitLands('crash', { AI_PROVENANCE_FAULT: 'throw:post-commit' });
    assert.match(message, /^crash\n\nAssisted-by: Claude:claude-opus-4-5\n/);
    assert.deepEqual(repo.records(), []);
    assert.match(repo.logText(), /post-commit failed \(the commit is unaffected\): Error: injected fault/);
  });

  it('6b. outside a test run (no AI_PROVENANCE_TEST) a fault asked for is ignored', () => {
    repo.writeAi('f.js', 'f();\n', [1]);
    commitLands('no test run', { AI_PROVENANCE_FAULT: 'throw:post-commit', AI_PROVENANCE_TEST: undefined });
    assert.equal(repo.records().length, 1, 'post-commit wrote its note');
    assert.doesNotMatch(repo.logText(), /injected fault/);
  });

  it('7. the hook process killed by SIGKILL', () => {
    repo.writeAi('g.js', 'g();\n', [1]);
    assert.equal(commitLands('killed', { AI_PROVENANCE_NODE: script('node', 'kill -9 $$') }), 'killed');
  });

  it('8. an unwritable state dir (as on a full disk): the message is untouched, post-commit still writes the note', () => {
    repo.writeAi('h.js', 'h();\n', [1]);
    fs.writeFileSync(state('commit'), 'a file where a directory should be');
    fs.mkdirSync(state('log.txt'), { recursive: true });
    assert.equal(commitLands('unwritable'), 'unwritable');
    assert.deepEqual(repo.noteLines().get('h.js'), [1]);
  });

  it('9. an invalid trailer preset in git config: no trailers, the note still written', () => {
    repo.run(['config', 'aiProvenance.trailers', 'kernal']);
    repo.writeAi('i.js', 'i();\n', [1]);
    assert.equal(commitLands('bad config'), 'bad config');
    assert.equal(repo.records().length, 1);
    assert.match(repo.logText(), /unknown trailer preset "kernal"/);
  });

  it('10. a malformed .ai-provenance.json: no trailers', () => {
    repo.write('.ai-provenance.json', '{ "trailers": [kernel] ');
    repo.commitAll('bad project config');
    before = repo.run(['rev-parse', 'HEAD']);
    repo.writeAi('j.js', 'j();\n', [1]);
    assert.equal(commitLands('bad project config 2'), 'bad project config 2');
    assert.equal(repo.records().length, 1);
  });

  it('11. a huge file is committed without attribution; the others keep theirs', () => {
    const huge = 'x = 1;\n'.repeat(800_000);
    repo.writeAi('huge.js', huge, [1, 2, 3]);
    repo.writeAi('small.js', 'small();\n', [1]);
    const message = commitLands('huge');
    assert.match(message, /^AI-Assisted: 1% of added lines \(1\/800001; agent 1\)$/m);
    assert.deepEqual([...repo.noteLines().keys()], ['small.js']);
  });

  it('12. a binary file with a record', () => {
    repo.write('bin.dat', Buffer.from([0, 1, 2, 3, 0, 10, 65, 10]));
    writeRecord(repo.root, 'bin.dat', '\u0000\u0001\u0002\u0003\u0000\nA\n', [2], CLAUDE);
    assert.equal(commitLands('binary'), 'binary');
    assert.deepEqual(repo.records(), []);
  });

  it('13. a corrupt note on the amended commit', () => {
    repo.writeAi('k.js', 'k();\n', [1]);
    commitLands('to be amended');
    repo.run(['notes', '--ref', 'ai-provenance', 'add', '-f', '-m', '{"version": "0.1.0", "files": [ broken', 'HEAD']);
    repo.writeAi('k.js', 'k();\nk2();\n', [2]);
    repo.run(['add', '-A']);
    const result = repo.tryRun(['commit', '-q', '--amend', '-m', 'amended']);
    assert.equal(result.status, 0);
    assert.match(repo.message(), /^amended\n\n/);
    assert.deepEqual(repo.noteLines().get('k.js'), [2]);
    assert.match(
      repo.logText(),
      /dropped attribution: notes: part of the note of [0-9a-f]{40} \(unterminated JSON object/,
    );
  });

  it('14. the chained original hooks fail (post-commit, post-rewrite); ours still run', () => {
    const hooks = path.join(repo.root, '.git', 'hooks');
    fs.writeFileSync(path.join(hooks, 'post-commit.pre-ai-provenance'), '#!/bin/sh\necho broken >&2\nexit 1\n', {
      mode: 0o755,
    });
    fs.writeFileSync(path.join(hooks, 'post-rewrite.pre-ai-provenance'), '#!/bin/bash\nexit 7\n', { mode: 0o755 });
    repo.writeAi('l.js', 'l();\n', [1]);
    assert.match(commitLands('chain fails'), /^chain fails\n\nAssisted-by/);
    assert.equal(repo.records().length, 1);
    repo.run(['commit', '-q', '--amend', '-m', 'chain fails, amended']);
    assert.equal(repo.records().length, 1);
    assert.equal(repo.records()[0].vcs?.revision, repo.run(['rev-parse', 'HEAD']));
  });

  it('15. the stash corrupted between prepare-commit-msg and post-commit: post-commit recomputes', () => {
    const hooks = path.join(repo.root, '.git', 'hooks');
    fs.writeFileSync(
      path.join(hooks, 'post-commit.pre-ai-provenance'),
      `#!/bin/sh\nfor f in .git/ai-provenance/commit/staged-*.json; do echo garbage > "$f"; done\n`,
      { mode: 0o755 },
    );
    repo.writeAi('m.js', 'm();\nhuman();\n', [1]);
    commitLands('stash corrupted');
    assert.deepEqual(repo.noteLines().get('m.js'), [1]);
    assert.match(repo.logText(), /unreadable staged attribution/);
  });

  it('16. a working-state lock held by a live process: the time limit ends the wait', () => {
    repo.writeAi('n.js', 'n();\n', [1]);
    const record = fs.readdirSync(state('files')).find((n) => n.endsWith('.json'))!;
    fs.writeFileSync(
      state('files', `${record}.lock`),
      JSON.stringify({ pid: process.pid, host: os.hostname(), time: Date.now(), nonce: 'held' }),
    );
    const message = commitLands('locked', { AI_PROVENANCE_HOOK_TIMEOUT_MS: '1500' });
    assert.match(message, /^locked\n\nAssisted-by/);
    assert.deepEqual(repo.noteLines().get('n.js'), [1], 'the note is written before the working state is settled');
    assert.match(repo.logText(), /post-commit stopped after 1500 ms/);
  });
});
