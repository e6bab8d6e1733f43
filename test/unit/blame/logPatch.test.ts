import * as assert from 'node:assert/strict';
import { IdentityLogParser, LogPatchParser, type CommitPatch } from '../../../src/core/blame';
import type { CommitIdentityInput } from '../../../src/core/commit';

const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);
const C3 = '3'.repeat(40);

function parse(lines: string[], keep = () => true): { patches: CommitPatch[]; warnings: string[] } {
  const patches: CommitPatch[] = [];
  const p = new LogPatchParser((c) => patches.push(c), keep);
  for (const l of lines) p.line(l);
  p.end();
  return { patches, warnings: p.warnings };
}

describe('LogPatchParser', () => {
  it('reads commits, identities, trailers, added files and hunks', () => {
    const { patches, warnings } = parse([
      `\u0001${C2} ${C1}\u0000Ann\u0000ann@example.com\u0000Bot\u0000bot@example.com\u0000Co-authored-by: Claude <noreply@anthropic.com>\u001fAssisted-by: Claude:opus`,
      '',
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -2,0 +3,2 @@ function f() {',
      '+added one',
      '+added two',
      '@@ -10 +12 @@',
      '--- removed line that looks like a header',
      '+++ added line that looks like a header',
      'diff --git a/new.ts b/new.ts',
      'new file mode 100644',
      'index 0000000..3333333',
      '--- /dev/null',
      '+++ b/new.ts',
      '@@ -0,0 +1 @@',
      '+only',
      '\\ No newline at end of file',
    ]);
    assert.deepEqual(warnings, []);
    assert.equal(patches.length, 1);
    const [c] = patches;
    assert.equal(c.commit, C2);
    assert.deepEqual(c.parents, [C1]);
    assert.deepEqual(c.identity?.author, { name: 'Ann', email: 'ann@example.com' });
    assert.deepEqual(c.identity?.trailers, [
      { key: 'Co-authored-by', value: 'Claude <noreply@anthropic.com>' },
      { key: 'Assisted-by', value: 'Claude:opus' },
    ]);
    assert.equal(c.files.length, 2);
    assert.deepEqual(
      c.files[0].hunks.map((h) => [h.oldStart, h.oldCount, h.newStart, h.newCount, h.added]),
      [
        [2, 0, 3, 2, ['added one', 'added two']],
        [10, 1, 12, 1, ['++ added line that looks like a header']],
      ],
    );
    assert.equal(c.files[1].oldPath, null);
    assert.equal(c.files[1].newPath, 'new.ts');
  });

  it("keeps each message's marker lines, read before its header, and never takes message lines for diff lines", () => {
    const ids = '\u0000Ann\u0000ann@example.com\u0000Ann\u0000ann@example.com\u0000';
    const { patches, warnings } = parse([
      ' fix: sessions',
      ' ',
      ' diff --git a/fake b/fake',
      ' @@ -0,0 +1 @@',
      ' +not added',
      ' 💘 Generated with Crush',
      `\u0001${C2} ${C1}${ids}`,
      '',
      'diff --git a/a b/a',
      '--- a/a',
      '+++ b/a',
      '@@ -1,0 +2 @@',
      '+added',
      ' human subject',
      ' Generated with Crush line, in prose',
      `\u0001${C1}${ids}`,
    ]);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      patches.map((p) => [p.commit, p.identity?.message, p.files.map((f) => f.hunks.map((h) => h.added))]),
      [
        [C2, '💘 Generated with Crush', [[['added']]]],
        [C1, undefined, []],
      ],
    );
  });

  it('IdentityLogParser gives each header the marker lines of the message before it', () => {
    const seen: [string, CommitIdentityInput][] = [];
    const parser = new IdentityLogParser((c, identity) => seen.push([c, identity]));
    const ids = '\u0000Ann\u0000ann@example.com\u0000Ann\u0000ann@example.com\u0000Assisted-by: Crush';
    for (const line of [
      ' aider: add B',
      ' ',
      `${C2}${ids}`,
      ' plain',
      `${C1}${ids}`,
      ' 🤖 Generated with Devin',
      'junk',
    ])
      parser.line(line);
    assert.deepEqual(
      seen.map(([c, i]) => [c, i.message, i.trailers?.length]),
      [
        [C2, 'aider: add B', 1],
        [C1, undefined, 1],
      ],
    );
  });

  it('follows renames, deletions, binary files and quoted paths', () => {
    const { patches } = parse([
      `\u0001${C3} ${C2}`,
      'diff --git a/old name.ts b/new name.ts',
      'similarity index 100%',
      'rename from old name.ts',
      'rename to new name.ts',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-x',
      '-y',
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      'diff --git "a/caf\\303\\251.ts" "b/caf\\303\\251.ts"',
      '--- "a/caf\\303\\251.ts"',
      '+++ "b/caf\\303\\251.ts"',
      '@@ -1 +1 @@',
      '-a',
      '+b',
    ]);
    const files = patches[0].files;
    assert.deepEqual(
      files.map((f) => [f.oldPath, f.newPath, f.binary]),
      [
        ['old name.ts', 'new name.ts', false],
        ['gone.ts', null, false],
        ['img.png', 'img.png', true],
        ['café.ts', 'café.ts', false],
      ],
    );
  });

  it('keeps added text only for the commits asked for', () => {
    const { patches } = parse(
      [`\u0001${C1}`, 'diff --git a/a b/a', '--- a/a', '+++ b/a', '@@ -0,0 +1 @@', '+x'],
      () => false,
    );
    assert.equal(patches[0].files[0].hunks[0].added, undefined);
    assert.equal(patches[0].files[0].hunks[0].newCount, 1);
  });

  it('warns about malformed input instead of misreading it', () => {
    const { patches, warnings } = parse([
      `\u0001not-a-sha`,
      `\u0001${C1}`,
      'diff --git a/a b/a',
      '--- a/a',
      '+++ b/a',
      '@@ -1,3 +1,3 @@',
      '-x',
      `\u0001${C2}`,
    ]);
    assert.deepEqual(
      patches.map((p) => p.commit),
      [C1, C2],
    );
    assert.ok(warnings.some((w) => /unreadable commit header/.test(w)));
    assert.ok(warnings.some((w) => /hunk ended/.test(w)));
  });
});
