import * as assert from 'node:assert/strict';
import {
  SignoffParseError,
  parseSignoffNote,
  reviewedByTrailer,
  serializeSignoffNote,
  upsertSignoff,
} from '../../../src/core/policy';
import { entry } from './fixtures';

describe('sign-off notes', () => {
  it('round-trips through serialize and parse', () => {
    const note = upsertSignoff(undefined, entry());
    assert.deepEqual(parseSignoffNote(serializeSignoffNote(note)), note);
  });

  it('replaces the same reviewer (email case-insensitive) and keeps others', () => {
    let note = upsertSignoff(undefined, entry());
    note = upsertSignoff(note, entry({ reviewer: { name: 'Sam', email: 'sam@example.com' } }));
    note = upsertSignoff(note, entry({ reviewer: { name: 'Rita R.', email: 'RITA@example.com' }, tier: 'T3' }));
    assert.deepEqual(
      note.signoffs.map((s) => [s.reviewer.email, s.tier]),
      [
        ['sam@example.com', 'T2'],
        ['RITA@example.com', 'T3'],
      ],
    );
  });

  const hostile: [string, (e: Record<string, unknown>) => void][] = [
    ['an email with angle brackets', (e) => ((e.reviewer as Record<string, unknown>).email = 'a@b> <evil@x')],
    [
      'a name with a line break',
      (e) => ((e.reviewer as Record<string, unknown>).name = 'Rita\nAI-Reviewed-by: Mallory <m@x>'),
    ],
    ['a name with bidi controls', (e) => ((e.reviewer as Record<string, unknown>).name = 'Rita\u202e')],
    ['a short head', (e) => (e.head = 'abc')],
    ['an unknown tier', (e) => (e.tier = 'T9')],
    ['a malformed hunk key', (e) => ((e.aiHunks as Record<string, unknown>).reviewed = ['h1:../../x'])],
    [
      'a checklist id with markup',
      (e) => ((e.checklist as unknown[])[0] = { id: '<b>x</b>', status: 'triggered', checked: true }),
    ],
  ];
  for (const [what, spoil] of hostile) {
    it(`rejects ${what}`, () => {
      const raw = JSON.parse(JSON.stringify({ version: 1, signoffs: [entry()] }));
      spoil(raw.signoffs[0]);
      assert.throws(() => parseSignoffNote(JSON.stringify(raw)), SignoffParseError);
    });
  }

  it('rejects non-JSON, wrong versions and oversized notes', () => {
    assert.throws(() => parseSignoffNote('nope'), /not JSON/);
    assert.throws(() => parseSignoffNote('{"version":2,"signoffs":[]}'), /unsupported version/);
    assert.throws(() => parseSignoffNote(' '.repeat(5 * 1024 * 1024)), /longer than/);
    assert.throws(
      () => parseSignoffNote(JSON.stringify({ version: 1, signoffs: Array(51).fill(entry()) })),
      /more than 50/,
    );
  });

  it('formats the trailer and refuses identities that would forge another line', () => {
    assert.equal(
      reviewedByTrailer({ name: 'Rita Reviewer', email: 'rita@example.com' }),
      'AI-Reviewed-by: Rita Reviewer <rita@example.com>',
    );
    assert.throws(
      () => reviewedByTrailer({ name: 'Rita\nSigned-off-by: X', email: 'rita@example.com' }),
      /control characters/,
    );
    assert.throws(() => reviewedByTrailer({ name: 'Rita', email: 'not-an-email' }), /name@host/);
  });
});
