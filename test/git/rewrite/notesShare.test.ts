/**
 * `notes share|unshare|status`: the config share writes (a fetch refspec, never a push refspec, and the
 * aiprovenance.shareNotes list), idempotence, an unshare that leaves .git/config byte for byte as before, and the
 * sign-off note union the fetch merge uses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSignoffNote } from '../../../src/core/policy';
import { NotesSyncError, mergeSignoffTexts } from '../../../src/git/rewrite/notesSync';
import {
  listRemotes,
  notesShareStatus,
  sharedRemotes,
  shareNotes,
  unshareNotes,
} from '../../../src/git/rewrite/notesShare';
import { findRepo, type RepoInfo } from '../../../src/git/repo';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { cli, signoffNote } from './notesHelpers';

const REFSPEC = '+refs/notes/ai-provenance*:refs/notes/remotes/origin/ai-provenance*';

describe('notes share / unshare', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let info: RepoInfo;
  let configFile: string;
  const all = (key: string) => {
    try {
      return repo.git(['config', '--get-all', key]).split('\n');
    } catch {
      return [];
    }
  };

  beforeEach(async () => {
    repo = createTempRepo({ commit: true });
    repo.git(['remote', 'add', 'origin', 'https://example.invalid/x.git']);
    repo.git(['remote', 'add', 'up.stream', '/nowhere/y.git']);
    info = (await findRepo(repo.root))!;
    configFile = path.join(repo.root, '.git', 'config');
  });
  afterEach(() => repo.cleanup());

  it('adds the glob fetch refspec and the remote once, never a push refspec; unshare restores .git/config exactly', async () => {
    repo.git(['config', '--add', 'aiprovenance.trailers', 'short']);
    const before = fs.readFileSync(configFile, 'utf8');
    assert.deepEqual(await shareNotes(info, 'origin'), { fetchRefspecAdded: true, remoteAdded: true });
    assert.deepEqual(await shareNotes(info, 'origin'), { fetchRefspecAdded: false, remoteAdded: false });
    assert.deepEqual(all('remote.origin.fetch'), ['+refs/heads/*:refs/remotes/origin/*', REFSPEC]);
    assert.deepEqual(all('remote.origin.push'), [], 'a push refspec would change what plain git push pushes');
    assert.deepEqual(await sharedRemotes(info), ['origin']);
    assert.deepEqual(await listRemotes(info), ['origin', 'up.stream']);
    assert.deepEqual(await unshareNotes(info, 'origin'), { fetchRefspecRemoved: true, remoteRemoved: true });
    assert.equal(fs.readFileSync(configFile, 'utf8'), before);
    assert.deepEqual(await unshareNotes(info, 'origin'), { fetchRefspecRemoved: false, remoteRemoved: false });
    assert.equal(fs.readFileSync(configFile, 'utf8'), before);
  });

  it('keeps values it did not add: a refspec the user had, other shared remotes, a user push refspec', async () => {
    repo.git(['config', '--add', 'remote.origin.fetch', REFSPEC]);
    repo.git(['config', '--add', 'remote.origin.push', 'refs/heads/main:refs/heads/main']);
    await shareNotes(info, 'up.stream');
    const withUpstream = fs.readFileSync(configFile, 'utf8');
    assert.deepEqual(await shareNotes(info, 'origin'), { fetchRefspecAdded: false, remoteAdded: true });
    assert.deepEqual(await sharedRemotes(info), ['up.stream', 'origin']);
    // A remote name with a regex metacharacter is matched exactly on removal.
    assert.deepEqual(all('remote.up.stream.fetch').slice(-1), [
      '+refs/notes/ai-provenance*:refs/notes/remotes/up.stream/ai-provenance*',
    ]);
    await unshareNotes(info, 'origin');
    assert.equal(fs.readFileSync(configFile, 'utf8'), withUpstream, 'the refspec the user had stays');
    assert.deepEqual(all('remote.origin.push'), ['refs/heads/main:refs/heads/main']);
    await unshareNotes(info, 'up.stream');
    assert.deepEqual(all('aiprovenance.shareNotes'), []);
    assert.deepEqual(all('remote.up.stream.fetch'), ['+refs/heads/*:refs/remotes/up.stream/*']);
  });

  it('rejects names that are not configured remotes or could be options and paths', async () => {
    for (const bad of [
      'nowhere',
      '--upload-pack=evil',
      '../x',
      'a..b',
      'x.lock',
      '',
      'https://example.invalid/x.git',
    ]) {
      await assert.rejects(shareNotes(info, bad), NotesSyncError, bad);
    }
    await assert.rejects(unshareNotes(info, '-x'), NotesSyncError);
    assert.deepEqual(all('aiprovenance.shareNotes'), []);
  });

  it('status lists each remote and whether the carrying hooks are installed; the CLI', async () => {
    await shareNotes(info, 'origin');
    const status = await notesShareStatus(info);
    assert.deepEqual(status.remotes, [
      { name: 'origin', shared: true, fetchRefspec: true },
      { name: 'up.stream', shared: false, fetchRefspec: false },
    ]);
    assert.deepEqual(status.hooks, { referenceTransaction: 'missing', prePush: 'missing' });
    assert.equal(status.hooksReady, false);
    const shown = cli(repo, 'status');
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /^origin: shared$/m);
    assert.match(shown.stdout, /^up\.stream: not shared$/m);
    assert.match(shown.stdout, /hooks install/);
    assert.match(cli(repo, 'share', 'up.stream').stdout, /sharing notes with up\.stream/);
    assert.match(cli(repo, 'share', 'up.stream').stdout, /already sharing/);
    assert.match(cli(repo, 'unshare').stdout, /stopped sharing notes with origin/);
    assert.equal(cli(repo, 'share', 'nowhere').status, 2);
    assert.equal(cli(repo, 'status', 'origin').status, 2);
    assert.match(cli(repo, '--help').stdout + cli(repo, '--help').stderr, /plain `git push` pushes is unchanged/);
    assert.deepEqual(all('aiprovenance.shareNotes'), ['up.stream']);
  });
});

describe('sign-off note merge', () => {
  const head = 'a'.repeat(40);
  const alice = signoffNote(head, 'Alice', '2025-01-01T10:00:00Z');
  const bob = signoffNote(head, 'Bob', '2025-01-02T10:00:00Z');
  const aliceLater = signoffNote(head, 'Alice', '2025-01-03T10:00:00Z');
  const names = (text: string) => parseSignoffNote(text).signoffs.map((s) => `${s.reviewer.name}@${s.time}`);

  it("unions reviewers, keeps each reviewer's newest entry, and does not depend on the side", () => {
    assert.deepEqual(names(mergeSignoffTexts(alice, bob)), ['Alice@2025-01-01T10:00:00Z', 'Bob@2025-01-02T10:00:00Z']);
    assert.equal(mergeSignoffTexts(alice, bob), mergeSignoffTexts(bob, alice));
    const three = mergeSignoffTexts(mergeSignoffTexts(alice, bob), aliceLater);
    assert.deepEqual(names(three), ['Bob@2025-01-02T10:00:00Z', 'Alice@2025-01-03T10:00:00Z']);
    assert.equal(three, mergeSignoffTexts(aliceLater, mergeSignoffTexts(bob, alice)));
  });

  it('an unreadable or missing side yields the readable one', () => {
    assert.equal(mergeSignoffTexts('{"version":1,"signoffs":[{"reviewer":7}]}', bob), bob);
    assert.equal(mergeSignoffTexts(alice, 'garbage'), alice);
    assert.equal(mergeSignoffTexts('', bob), bob);
    assert.equal(mergeSignoffTexts('x', 'y'), mergeSignoffTexts('y', 'x'));
  });
});
