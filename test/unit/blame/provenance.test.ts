import * as assert from 'node:assert/strict';
import {
  identityLine,
  interpretNote,
  noRecord,
  revisionMatches,
  withIdentityRecognition,
} from '../../../src/core/blame';
import { buildAgentTrace } from '../../../src/core/commit';
import { CLAUDE } from '../commit/fixtures';

const COMMIT = 'c'.repeat(40);

export function noteFor(revision: string, path = 'a.ts', lines = ['x', 'y']): string {
  const record = buildAgentTrace([{ path, lines: lines.map((text) => ({ text, cls: 'ai', origins: [CLAUDE] })) }], {
    revision,
    toolVersion: '1',
    now: 1_700_000_000_000,
    randomBytes: (n) => new Uint8Array(n).fill(7),
  });
  return JSON.stringify(record);
}

/** A valid note whose file path is then replaced (the builder itself refuses such paths). */
function withPath(path: string): string {
  return noteFor(COMMIT).replace('"path":"a.ts"', `"path":${JSON.stringify(path)}`);
}

describe('interpretNote', () => {
  it('accepts a valid record and trusts it when its revision is the commit', () => {
    const p = interpretNote(COMMIT, { text: noteFor(COMMIT) });
    assert.ok(p.record);
    assert.equal(p.trusted, true);
    assert.equal(p.ranges?.get('a.ts')?.[0].start_line, 1);
    assert.equal(interpretNote(COMMIT, { text: noteFor('d'.repeat(40)) }).trusted, false);
  });

  it('matches abbreviated revisions of at least 7 hex digits only', () => {
    assert.equal(revisionMatches(COMMIT.slice(0, 7), COMMIT), true);
    assert.equal(revisionMatches(COMMIT.slice(0, 6), COMMIT), false);
    assert.equal(revisionMatches('HEAD', COMMIT), false);
    assert.equal(revisionMatches(undefined, COMMIT), false);
  });

  const hostile: [string, string][] = [
    ['invalid JSON', '{"version": '],
    ['a wrong version', noteFor(COMMIT).replace('"0.1.0"', '"9.9.9"')],
    ['a non-object', '[1,2,3]'],
  ];
  for (const [what, text] of hostile) {
    it(`rejects a note with ${what}, with the reason`, () => {
      const p = interpretNote(COMMIT, { text });
      assert.equal(p.record, undefined);
      assert.ok(p.rejected && p.rejected.length > 0 && p.rejected.length <= 300, p.rejected);
    });
  }

  // One bad file entry costs that entry only: the record stays usable and says what it left out.
  const badEntries: [string, string][] = [
    ['a path outside the repository', withPath('../etc/passwd')],
    ['an absolute path', withPath('/etc/passwd')],
    ['a path with a line break', withPath('a\n.ts')],
    ['a path with ".." between backslashes', withPath('a\\..\\..\\x.ts')],
    ['a Windows path', withPath('C:\\x\\a.ts')],
    ['a huge line number', noteFor(COMMIT).replace('"end_line":2', '"end_line":99999999')],
  ];
  for (const [what, text] of badEntries) {
    it(`leaves out a file entry with ${what}, with the reason`, () => {
      const p = interpretNote(COMMIT, { text });
      assert.equal(p.rejected, undefined);
      assert.ok(p.record);
      assert.equal(p.record.files.length, 0);
      assert.equal(p.leftOut?.length, 1);
      assert.match(p.leftOut![0], /file entry left out: invalid Agent Trace record at files\[0\]/);
    });
  }

  it('rejects oversized notes without reading them', () => {
    assert.match(interpretNote(COMMIT, { oversized: 50 * 1024 * 1024 }).rejected!, /exceeds the read limit/);
    assert.match(interpretNote(COMMIT, { text: ' '.repeat(9 * 1024 * 1024) }).rejected!, /exceeds/);
  });
});

describe('commit-level recognition', () => {
  it('recognises AI trailers and identities only when there is no record', () => {
    const line = identityLine(
      `${COMMIT}\u0000Ann\u0000ann@example.com\u0000Ann\u0000ann@example.com\u0000Co-authored-by: Claude <noreply@anthropic.com>`,
    )!;
    assert.equal(line.commit, COMMIT);
    assert.deepEqual(withIdentityRecognition(noRecord(COMMIT), line.identity).recognition?.tools, ['Claude']);
    const recorded = interpretNote(COMMIT, { text: noteFor(COMMIT) });
    assert.equal(withIdentityRecognition(recorded, line.identity).recognition, undefined);
    const person = identityLine(
      `${COMMIT}\u0000Claude Shannon\u0000claude@example.com\u0000x\u0000x@example.com\u0000`,
    )!;
    assert.equal(withIdentityRecognition(noRecord(COMMIT), person.identity).recognition?.aiAssisted, false);
    assert.equal(identityLine('not a commit\u0000a\u0000b\u0000c\u0000d\u0000'), undefined);
    assert.equal(identityLine(`${COMMIT}\u0000too few`), undefined);
  });

  it('uses log-header identities and trailers', () => {
    const p = withIdentityRecognition(noRecord(COMMIT), {
      author: { name: 'x', email: 'cursoragent@cursor.com' },
      committer: { name: 'y', email: 'y@example.com' },
      trailers: [],
    });
    assert.equal(p.recognition?.aiAssisted, true);
    const q = withIdentityRecognition(noRecord(COMMIT), {
      author: { name: 'x', email: 'x@example.com' },
      trailers: [{ key: 'Assisted-by', value: 'Claude:opus' }],
    });
    assert.deepEqual(q.recognition?.tools, ['Claude']);
  });
});
