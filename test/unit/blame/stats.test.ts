import * as assert from 'node:assert/strict';
import {
  StatsBuilder,
  commitAddedLines,
  interpretNote,
  noRecord,
  withIdentityRecognition,
  type CommitPatch,
} from '../../../src/core/blame';
import { buildAgentTrace, type AttributedFile } from '../../../src/core/commit';
import { CLAUDE, COPILOT } from '../commit/fixtures';

const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);
const C3 = '3'.repeat(40);

function note(revision: string, files: AttributedFile[]): string {
  return JSON.stringify(
    buildAgentTrace(files, { revision, toolVersion: '1', now: 0, randomBytes: (n) => new Uint8Array(n).fill(1) }),
  );
}

/** A patch adding `added` (1-based new-side line -> text) to a.ts in one hunk per run. */
function patch(commit: string, added: Record<number, string>): CommitPatch {
  const lines = Object.keys(added)
    .map(Number)
    .sort((a, b) => a - b);
  const hunks = lines.map((n) => ({ oldStart: n - 1, oldCount: 0, newStart: n, newCount: 1, added: [added[n]] }));
  return { commit, parents: [], files: [{ oldPath: 'a.ts', newPath: 'a.ts', binary: false, hunks }] };
}

describe('stats', () => {
  it('counts only the lines each commit added, by authorship, tool and model', () => {
    // The record describes the whole file (lines 1-3 AI); the commit added lines 2 and 4 only.
    const record = note(C1, [
      {
        path: 'a.ts',
        lines: [
          { text: 'old ai', cls: 'ai', origins: [CLAUDE] },
          { text: 'new ai', cls: 'ai', origins: [CLAUDE] },
          { text: 'mixed', cls: 'mixed', origins: [COPILOT] },
          { text: 'human', cls: 'human', origins: [] },
        ],
      },
    ]);
    const builder = new StatsBuilder();
    builder.add(patch(C1, { 2: 'new ai', 4: 'human' }), interpretNote(C1, { text: record }));
    builder.add(
      patch(C2, { 1: 'x', 2: 'y' }),
      withIdentityRecognition(noRecord(C2), { author: { name: 'a', email: 'aider@aider.chat' } }),
    );
    builder.add(patch(C3, { 1: 'z' }), interpretNote(C3, { text: '{broken' }));
    const s = builder.result();
    assert.deepEqual(
      s.commits.map((c) => [c.counts.ai, c.counts.mixed, c.counts.aiAssisted, c.counts.human, c.evidence]),
      [
        [1, 0, 0, 1, 'record'],
        [0, 0, 2, 0, 'commit'],
        [0, 0, 0, 1, 'none'],
      ],
    );
    assert.deepEqual(s.totals, { total: 5, ai: 1, mixed: 0, aiAssisted: 2, human: 2 });
    assert.equal(s.share, 3 / 5);
    assert.deepEqual(s.byTool, [
      { tool: 'aider', lines: 2 },
      { tool: 'claude-code', lines: 1 },
    ]);
    assert.equal(s.ignoredNotes.length, 1);
    assert.equal(s.ignoredNotes[0].commit, C3);
  });

  it('verifies a record from another revision against the added text', () => {
    // Written when the AI line was line 1; the commit (after a rebase) added it as line 3.
    const record = note(C2, [{ path: 'a.ts', lines: [{ text: 'ai line', cls: 'ai', origins: [CLAUDE] }] }]);
    const lines = commitAddedLines(patch(C1, { 3: 'ai line', 4: 'other' }), interpretNote(C1, { text: record }));
    assert.equal(lines.files[0].source(3).authorship, 'ai');
    assert.equal(lines.files[0].source(4).authorship, 'human');
  });
});
