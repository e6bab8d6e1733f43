import * as assert from 'node:assert/strict';
import { parseUnifiedDiff } from '../../../src/core/review/diff/parse';
import { DiffParseError } from '../../../src/core/review/diff/types';
import { decodeUtf8, splitGitHeader } from '../../../src/core/review/diff/git-path';
import { GIT_BINARY_AND_PURE_RENAMES, GIT_COMBINED, GIT_FORMAT_PATCH, GIT_MIXED } from './fixtures/git-diffs';

describe('review/diff parseUnifiedDiff on real git output', () => {
  const parsed = parseUnifiedDiff(GIT_MIXED);
  const byPath = new Map(parsed.files.map((f) => [f.path, f]));

  it('reads every file without warnings', () => {
    assert.deepEqual(parsed.warnings, []);
    assert.equal(parsed.truncated, false);
    assert.deepEqual(
      parsed.files.map((f) => f.path),
      [
        'a\tb.txt',
        'added.txt',
        'deleted.txt',
        'empty-new.txt',
        'img.bin',
        'keep.txt',
        'nonl.txt',
        'sub-renamed.txt',
        'with space.txt',
        'ü.txt',
      ],
    );
  });

  it('decodes C-quoted paths (tab escape and UTF-8 octal bytes)', () => {
    assert.equal(byPath.get('a\tb.txt')!.status, 'modified');
    assert.equal(byPath.get('ü.txt')!.hunks[0].lines[1].text, 'é2');
  });

  it('knows added, deleted and empty new files', () => {
    const addedFile = byPath.get('added.txt')!;
    assert.equal(addedFile.status, 'added');
    assert.equal(addedFile.oldPath, null);
    assert.deepEqual(
      addedFile.hunks[0].lines.map((l) => [l.kind, l.newLine, l.text]),
      [
        ['add', 1, 'new'],
        ['add', 2, 'file'],
      ],
    );
    const deleted = byPath.get('deleted.txt')!;
    assert.equal(deleted.status, 'deleted');
    assert.equal(deleted.newPath, null);
    assert.deepEqual(deleted.hunks[0].lines, [{ kind: 'del', text: 'x', oldLine: 1 }]);
    const empty = byPath.get('empty-new.txt')!;
    assert.equal(empty.status, 'added');
    assert.equal(empty.hunks.length, 0);
    assert.equal(empty.newMode, '100644');
  });

  it('marks binary files and mode changes', () => {
    assert.equal(byPath.get('img.bin')!.binary, true);
    const keep = byPath.get('keep.txt')!;
    assert.equal(keep.oldMode, '100644');
    assert.equal(keep.newMode, '100755');
    assert.deepEqual(
      keep.hunks[0].lines.map((l) => [l.kind, l.oldLine ?? null, l.newLine ?? null]),
      [
        ['context', 1, 1],
        ['del', 2, null],
        ['add', null, 2],
        ['context', 3, 3],
        ['add', null, 4],
      ],
    );
    assert.equal(keep.additions, 2);
    assert.equal(keep.deletions, 1);
  });

  it('attaches "\\ No newline at end of file" to the line before it', () => {
    const lines = byPath.get('nonl.txt')!.hunks[0].lines;
    assert.deepEqual(
      lines.map((l) => [l.kind, l.noNewlineAtEof ?? false]),
      [
        ['del', true],
        ['add', true],
      ],
    );
  });

  it('reads renames with similarity and the hunk section', () => {
    const r = byPath.get('sub-renamed.txt')!;
    assert.equal(r.status, 'renamed');
    assert.equal(r.oldPath, 'renamed-src.txt');
    assert.equal(r.similarity, 82);
    assert.equal(r.hunks[0].section, 'd');
    assert.equal(r.hunks[0].oldStart, 5);
    assert.deepEqual(
      r.hunks[0].lines.filter((l) => l.kind !== 'context').map((l) => [l.kind, l.oldLine ?? l.newLine]),
      [
        ['del', 8],
        ['add', 8],
      ],
    );
  });

  it('strips the tab git appends after paths with spaces', () => {
    const f = byPath.get('with space.txt')!;
    assert.equal(f.oldPath, 'with space.txt');
    assert.equal(f.newPath, 'with space.txt');
  });

  it('reads binary patches and pure renames (no ---/+++ lines)', () => {
    const p = parseUnifiedDiff(GIT_BINARY_AND_PURE_RENAMES);
    assert.deepEqual(p.warnings, []);
    assert.deepEqual(
      p.files.map((f) => [f.status, f.oldPath, f.newPath, f.binary, f.hunks.length]),
      [
        ['modified', 'img.bin', 'img.bin', true, 0],
        ['renamed', 'keep.txt', 'moved/keep.txt', false, 0],
        ['renamed', 'with space.txt', 'with space 2.txt', false, 0],
      ],
    );
    assert.equal(p.files[1].similarity, 100);
  });

  it('ignores mail headers, diffstat and the signature of format-patch output', () => {
    const p = parseUnifiedDiff(GIT_FORMAT_PATCH);
    assert.deepEqual(p.warnings, []);
    assert.equal(p.files.length, 10);
    const last = p.files[p.files.length - 1];
    assert.equal(last.path, 'ü.txt');
    assert.equal(last.hunks[0].lines.length, 2);
  });

  it('skips combined (merge) diffs with a warning', () => {
    const p = parseUnifiedDiff(GIT_COMBINED);
    assert.equal(p.files.length, 0);
    assert.equal(p.warnings.length, 2);
    assert.match(p.warnings[0].message, /combined \(merge\) diff skipped/);
  });
});

describe('review/diff parseUnifiedDiff edge cases', () => {
  it('parses plain diff -u output with timestamps and no git header', () => {
    const text =
      '--- old/file.c\t2024-01-01 10:00:00.000000000 +0000\n+++ new/file.c\t2024-01-02 10:00:00.000000000 +0000\n@@ -1,2 +1,2 @@\n-int a;\n+int b;\n int c;\n';
    const p = parseUnifiedDiff(text);
    assert.deepEqual(
      p.files.map((f) => [f.oldPath, f.newPath, f.status]),
      [['old/file.c', 'new/file.c', 'modified']],
    );
  });

  it('strips a/ b/ prefixes only when both sides carry them, and handles --no-prefix', () => {
    const p = parseUnifiedDiff(
      'diff --git src/x.ts src/x.ts\nindex 1..2 100644\n--- src/x.ts\n+++ src/x.ts\n@@ -1 +1 @@\n-a\n+b\n',
    );
    assert.equal(p.files[0].path, 'src/x.ts');
  });

  it('reads several files and several hunks, omitting counts of 1', () => {
    const text =
      'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n@@ -10,2 +10,3 @@ fn\n k\n+z\n k2\ndiff --git a/b b/b\n--- a/b\n+++ b/b\n@@ -3 +3,0 @@\n-gone\n';
    const p = parseUnifiedDiff(text);
    assert.equal(p.files.length, 2);
    assert.deepEqual(
      p.files[0].hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines, h.section]),
      [
        [1, 1, 1, 1, ''],
        [10, 2, 10, 3, 'fn'],
      ],
    );
    assert.equal(p.files[0].hunks[1].lines[1].newLine, 11);
    assert.deepEqual(p.files[1].hunks[0].lines, [{ kind: 'del', text: 'gone', oldLine: 3 }]);
  });

  it('treats content lines that look like headers as content while the hunk counts say so', () => {
    const text =
      'diff --git a/m.md b/m.md\n--- a/m.md\n+++ b/m.md\n@@ -1,2 +1,2 @@\n---- heading\n+++ plus\n diff --git not a header\n';
    const p = parseUnifiedDiff(text);
    assert.equal(p.files.length, 1);
    assert.deepEqual(
      p.files[0].hunks[0].lines.map((l) => [l.kind, l.text]),
      [
        ['del', '--- heading'],
        ['add', '++ plus'],
        ['context', 'diff --git not a header'],
      ],
    );
  });

  it('accepts CRLF diffs and empty context lines', () => {
    const text =
      'diff --git a/w.txt b/w.txt\r\n--- a/w.txt\r\n+++ b/w.txt\r\n@@ -1,3 +1,3 @@\r\n a\r\n\r\n-b\r\n+c\r\n';
    const p = parseUnifiedDiff(text);
    assert.deepEqual(p.warnings, []);
    assert.deepEqual(
      p.files[0].hunks[0].lines.map((l) => [l.kind, l.text]),
      [
        ['context', 'a'],
        ['context', ''],
        ['del', 'b'],
        ['add', 'c'],
      ],
    );
  });

  it('warns (and keeps going) when a hunk is shorter than its header says', () => {
    const text =
      'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,5 +1,5 @@\n-x\n+y\ndiff --git a/b b/b\n--- a/b\n+++ b/b\n@@ -1 +1 @@\n-p\n+q\n';
    const p = parseUnifiedDiff(text);
    assert.equal(p.files.length, 2);
    assert.match(p.warnings[0].message, /hunk ended early: 1 of 5 old and 1 of 5 new lines/);
    assert.equal(p.warnings[0].line, 7);
    assert.equal(p.files[1].hunks[0].lines.length, 2);
  });

  it('warns on malformed hunk headers, stray hunks and a diff cut inside a hunk', () => {
    const p = parseUnifiedDiff(
      '@@ -1 +1 @@\n-a\n+b\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -x +1 @@\n@@ -1,3 +1,3 @@\n a\n',
    );
    const messages = p.warnings.map((w) => w.message);
    assert.ok(messages.includes('hunk outside any file header: skipped'), messages.join('|'));
    assert.ok(messages.some((m) => m.startsWith('malformed hunk header')));
    assert.ok(messages.includes('diff ended inside a hunk'));
    assert.equal(p.files.length, 1);
  });

  it('rejects hunk numbers beyond safe integers', () => {
    const p = parseUnifiedDiff('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -99999999999999999999 +1 @@\n-a\n');
    assert.equal(p.files[0].hunks.length, 0);
    assert.match(p.warnings[0].message, /out of range/);
  });

  it('throws a DiffParseError naming the line in strict mode', () => {
    assert.throws(
      () =>
        parseUnifiedDiff('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\nnot a diff line\n', {
          strict: true,
        }),
      (e: unknown) => e instanceof DiffParseError && e.line === 6 && /diff line 6: hunk ended early/.test(e.message),
    );
  });

  it('throws a clear error for non-string input', () => {
    assert.throws(
      () => parseUnifiedDiff(undefined as unknown as string),
      /expected the diff as a string, got undefined/,
    );
    assert.throws(() => parseUnifiedDiff(null as unknown as string), /got null/);
  });

  it('returns nothing for empty or unrelated text', () => {
    assert.deepEqual(parseUnifiedDiff(''), { files: [], warnings: [], truncated: false });
    assert.equal(parseUnifiedDiff('hello\nworld\n').files.length, 0);
  });

  it('bounds characters, files and lines on hostile input', () => {
    const file = (i: number): string => `diff --git a/f${i} b/f${i}\n--- a/f${i}\n+++ b/f${i}\n@@ -1 +1 @@\n-a\n+b\n`;
    const many = Array.from({ length: 50 }, (_, i) => file(i)).join('');
    const byFiles = parseUnifiedDiff(many, { maxFiles: 10 });
    assert.equal(byFiles.files.length, 10);
    assert.equal(byFiles.truncated, true);
    assert.match(byFiles.warnings[0].message, /more than 10 files/);
    const byLines = parseUnifiedDiff(many, { maxLines: 7 });
    assert.equal(byLines.truncated, true);
    assert.equal(
      byLines.files.reduce((n, f) => n + f.hunks.reduce((k, h) => k + h.lines.length, 0), 0),
      7,
    );
    const byChars = parseUnifiedDiff(many, { maxChars: 100 });
    assert.equal(byChars.truncated, true);
    assert.ok(byChars.files.length <= 2);
  });

  it('splits unquoted git headers with spaces and differing names', () => {
    assert.deepEqual(splitGitHeader('a/my file.txt b/my file.txt'), { a: 'my file.txt', b: 'my file.txt' });
    assert.deepEqual(splitGitHeader('a/old name b/new name'), { a: 'old name', b: 'new name' });
    assert.deepEqual(splitGitHeader('"a/q\\"uote" b/plain'), { a: 'q"uote', b: 'plain' });
    assert.deepEqual(splitGitHeader('a/plain "b/\\303\\244"'), { a: 'plain', b: 'ä' });
    assert.equal(splitGitHeader('"a/unterminated'), null);
  });

  it('decodes invalid UTF-8 in quoted paths to U+FFFD instead of failing', () => {
    assert.equal(decodeUtf8([0x61, 0xff, 0x62]), 'a\ufffdb');
    assert.equal(decodeUtf8([0xc3]), '\ufffd');
    assert.equal(decodeUtf8([0xe2, 0x82, 0xac]), '€');
    assert.equal(decodeUtf8([0xf0, 0x9f, 0x98, 0x80]), '😀');
    assert.equal(decodeUtf8([0xc0, 0x80]), '\ufffd\ufffd');
  });
});
