import * as assert from 'node:assert/strict';
import {
  addedBlocks,
  emptyReviewState,
  hunkKey,
  isHunkKey,
  parseReviewState,
  reviewHunks,
  serializeReviewState,
} from '../../../src/core/policy';
import { parseUnifiedDiff } from '../../../src/core/review';

const DIFF = [
  'diff --git a/src/a.ts b/src/a.ts',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -1,4 +1,6 @@',
  ' keep',
  '-old',
  '+new one',
  '+new two',
  ' keep 2',
  '+after context',
  ' keep 3',
  '-removed only',
  'diff --git a/bin.png b/bin.png',
  'Binary files a/bin.png and b/bin.png differ',
  '',
].join('\n');

describe('review hunks', () => {
  it('splits added lines into blocks at unchanged lines; removed lines do not split', () => {
    const blocks = addedBlocks(parseUnifiedDiff(DIFF));
    assert.deepEqual(
      blocks.map((b) => [b.path, b.startLine, b.endLine, b.lines]),
      [
        ['src/a.ts', 2, 3, ['new one', 'new two']],
        ['src/a.ts', 5, 5, ['after context']],
      ],
    );
  });

  it('keys hunks by path and normalised text, not position', () => {
    const k = hunkKey('a.ts', ['x = 1', 'y = 2']);
    assert.ok(isHunkKey(k));
    assert.equal(hunkKey('a.ts', ['', 'x = 1   ', 'y = 2\r', '']), k);
    assert.notEqual(hunkKey('b.ts', ['x = 1', 'y = 2']), k);
    assert.notEqual(hunkKey('a.ts', ['x = 1', '  y = 2']), k);
    const [h] = reviewHunks(parseUnifiedDiff(DIFF));
    assert.equal(h.key, hunkKey('src/a.ts', ['new one', 'new two']));
  });
});

describe('review state records', () => {
  it('round-trips and rejects hostile content', () => {
    const state = {
      ...emptyReviewState('Rita@Example.com'),
      hunks: { [hunkKey('a', ['x'])]: 5 },
      checklist: { 'branch:main': { tests: 6 } },
    };
    assert.equal(state.reviewer, 'rita@example.com');
    assert.deepEqual(
      JSON.parse(JSON.stringify(parseReviewState(serializeReviewState(state)))),
      JSON.parse(JSON.stringify(state)),
    );
    const bad = [
      '{',
      JSON.stringify({ ...state, version: 2 }),
      JSON.stringify({ ...state, hunks: { 'not-a-key': 1 } }),
      JSON.stringify({ ...state, hunks: { [hunkKey('a', ['x'])]: -1 } }),
      JSON.stringify({ ...state, checklist: { 'a\u0000b': {} } }),
      JSON.stringify({ ...state, checklist: { main: { '<script>': 1 } } }),
      JSON.stringify({ ...state, reviewer: 'nobody' }),
    ];
    for (const text of bad) assert.throws(() => parseReviewState(text), /invalid review state/, text);
  });
});
