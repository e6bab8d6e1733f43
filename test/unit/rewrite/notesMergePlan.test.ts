import * as assert from 'node:assert/strict';
import {
  fanoutOf,
  noteKeyOfPath,
  notePath,
  planNotesMerge,
  resolveNoteConflict,
  type NotesEntry,
} from '../../../src/core/rewrite/notesMergePlan';
import { backoffDelayMs, pushRejection } from '../../../src/core/rewrite/retryBackoff';

const blob = (oid: string): NotesEntry => ({ mode: '100644', type: 'blob', oid: oid.repeat(40) });
const entries = (pairs: Record<string, string>) => new Map(Object.entries(pairs).map(([k, v]) => [k, blob(v)]));
const MB = 1024 * 1024;
const concat = (a: string, b: string) => `${a}+${b}`;

describe('notes merge plan', () => {
  it('takes the changed side, keeps deletions only of unchanged notes, and reports both-sided changes', () => {
    const base = entries({
      same: 'a',
      oursChanged: 'a',
      theirsChanged: 'a',
      oursDeleted: 'a',
      deletedVsChanged: 'a',
      both: 'a',
    });
    const ours = entries({
      same: 'a',
      oursChanged: 'b',
      theirsChanged: 'a',
      deletedVsChanged: 'a',
      both: 'b',
      oursNew: 'c',
    });
    const theirs = entries({
      same: 'a',
      oursChanged: 'a',
      theirsChanged: 'd',
      oursDeleted: 'a',
      both: 'e',
      theirsNew: 'f',
    });
    // deletedVsChanged: they deleted, we kept it unchanged -> deleted; swap the roles to see a changed one kept.
    const plan = planNotesMerge(base, ours, theirs);
    const result = Object.fromEntries([...plan.merged].map(([k, v]) => [k, v.oid[0]]));
    assert.deepEqual(result, { same: 'a', oursChanged: 'b', theirsChanged: 'd', oursNew: 'c', theirsNew: 'f' });
    assert.deepEqual(
      plan.conflicts.map((c) => [c.key, c.ours.oid[0], c.theirs.oid[0]]),
      [['both', 'b', 'e']],
    );
    const kept = planNotesMerge(entries({ k: 'a' }), entries({ k: 'b' }), entries({}));
    assert.equal(kept.merged.get('k')?.oid[0], 'b', 'changed on our side, deleted on theirs: kept');
    const keptTheirs = planNotesMerge(entries({ k: 'a' }), entries({}), entries({ k: 'c' }));
    assert.equal(keptTheirs.merged.get('k')?.oid[0], 'c');
  });

  it('unrelated histories (no base): both sides added the same commit -> a conflict', () => {
    const plan = planNotesMerge(new Map(), entries({ k: 'a' }), entries({ k: 'b' }));
    assert.equal(plan.conflicts.length, 1);
  });

  it('a conflict is combined when both sides read, else the readable side is kept as it is, with the reason', () => {
    const text = (t: string) => ({ kind: 'text' as const, text: t });
    const big = { kind: 'oversized' as const, size: 50 * MB };
    const gone = { kind: 'unreadable' as const, why: 'its blob x is missing' };
    const bytes = (t: string) => t.length;
    assert.deepEqual(resolveNoteConflict(text('a'), text('b'), concat, 8 * MB, bytes), {
      kind: 'combined',
      text: 'a+b',
    });
    assert.deepEqual(resolveNoteConflict(text('a'), big, concat, 8 * MB, bytes), {
      kind: 'kept',
      side: 'ours',
      why: 'their note is 50.0 MB, over the 8 MB limit',
    });
    assert.deepEqual(resolveNoteConflict(big, text('b'), concat, 8 * MB, bytes), {
      kind: 'kept',
      side: 'theirs',
      why: 'our note is 50.0 MB, over the 8 MB limit',
    });
    assert.deepEqual(resolveNoteConflict(gone, big, concat, 8 * MB, bytes), {
      kind: 'kept',
      side: 'ours',
      why: 'neither note can be read (ours: its blob x is missing; theirs: 50.0 MB, over the 8 MB limit)',
    });
    const tooBig = resolveNoteConflict(text('a'.repeat(5)), text('b'.repeat(5)), concat, 8, bytes);
    assert.equal(tooBig.kind === 'kept' && tooBig.side, 'ours');
  });

  it('note paths of any fanout map to the annotated commit and back', () => {
    const id = 'ab'.repeat(20);
    assert.equal(noteKeyOfPath(id), id);
    assert.equal(noteKeyOfPath(`ab/${'ab'.repeat(19)}`), id);
    assert.equal(noteKeyOfPath(`ab/ab/${'ab'.repeat(18)}`), id);
    assert.equal(noteKeyOfPath('.gitattributes'), undefined);
    assert.equal(noteKeyOfPath(`abc/${'a'.repeat(37)}`), undefined);
    assert.equal(notePath(id, 0), id);
    assert.equal(notePath(id, 2), `ab/ab/${'ab'.repeat(18)}`);
    assert.equal(fanoutOf([`ab/${'ab'.repeat(19)}`, `cd/${'cd'.repeat(19)}`, 'cd'.repeat(20), 'README']), 1);
    assert.equal(fanoutOf([]), 0);
  });
});

describe('notes push retry', () => {
  it('backs off exponentially with jitter, within a ceiling', () => {
    assert.equal(
      backoffDelayMs(1, () => 0),
      50,
    );
    assert.equal(
      backoffDelayMs(1, () => 0.999999),
      100,
    );
    assert.equal(
      backoffDelayMs(3, () => 0),
      200,
    );
    assert.equal(
      backoffDelayMs(30, () => 0.999999),
      4000,
    );
    for (let retry = 1; retry < 12; retry++)
      assert.ok(backoffDelayMs(retry, () => 0.5) <= backoffDelayMs(retry + 1, () => 0.5));
  });

  it('retries only when the ref moved', () => {
    assert.equal(
      pushRejection(' ! [rejected]        refs/notes/ai-provenance -> refs/notes/ai-provenance (fetch first)'),
      'moved',
    );
    assert.equal(
      pushRejection(
        "! refs/notes/ai-provenance [remote rejected] (cannot lock ref 'refs/notes/ai-provenance': is at 1234abc but expected 5678def)",
      ),
      'moved',
    );
    assert.equal(
      pushRejection(
        ' ! [remote rejected] refs/notes/ai-provenance -> refs/notes/ai-provenance (pre-receive hook declined)',
      ),
      'final',
    );
    assert.equal(pushRejection('remote: Permission to x/y.git denied to bot.\nfatal: unable to access'), 'final');
  });
});
