/** How AI blame lands on an edited buffer: committed lines follow their text, uncommitted ones take the live view. */
import * as assert from 'node:assert/strict';
import type { BlameLine, LineSource } from '../../../src/core/blame';
import { HUMAN_LINE } from '../../../src/core/blame';
import { mapToBuffer, type LiveLine } from '../../../src/extension/blame/bufferLines';

const AI: LineSource = { authorship: 'ai', evidence: 'record', origins: [{ kind: 'agent', tool: 'claude-code' }] };

function blamed(lines: ReadonlyArray<readonly [string, LineSource, string | null]>): BlameLine[] {
  return lines.map(([text, source, commit], i) => ({
    ...source,
    line: i + 1,
    text,
    commit,
    boundary: false,
    author: 'A',
    authorEmail: 'a@example.com',
    authorTime: 1,
    summary: 's',
    origPath: 'f.ts',
    origLine: i + 1,
  }));
}

const LIVE_AI: LiveLine = { kind: 'ai', origins: [{ kind: 'paste-ai', tool: 'unknown' }] };
const LIVE_HUMAN: LiveLine = { kind: 'human', origins: [] };

describe('blame alignment', () => {
  const blame = blamed([
    ['a', HUMAN_LINE, 'c1'],
    ['b', AI, 'c1'],
    ['c', HUMAN_LINE, null],
  ]);

  it('maps an unchanged buffer line for line, the editor’s last empty line included', () => {
    const out = mapToBuffer(blame, ['a', 'b', 'c', '']);
    assert.deepEqual(
      out.map((l) => [l.mark, l.committed, l.blame?.line]),
      [
        [undefined, true, 1],
        ['ai', true, 2],
        [undefined, false, 3],
        [undefined, false, undefined],
      ],
    );
  });

  it('follows committed lines through inserted lines and takes the live view for the rest', () => {
    const live = [LIVE_HUMAN, LIVE_HUMAN, LIVE_HUMAN, LIVE_AI, LIVE_AI];
    const out = mapToBuffer(blame, ['new', 'a', 'b', 'c', 'typed'], live);
    assert.deepEqual(
      out.map((l) => [l.mark, l.committed]),
      [
        [undefined, false],
        [undefined, true],
        ['ai', true],
        ['ai', false],
        ['ai', false],
      ],
    );
    assert.equal(
      out[2].origins[0].tool,
      'claude-code',
      'a committed line keeps its record, whatever the live view says',
    );
  });

  it('shows nothing for buffer-only lines when the editor does not track the document', () => {
    const out = mapToBuffer(blame, ['a', 'x', 'b']);
    assert.deepEqual(
      out.map((l) => l.mark),
      [undefined, undefined, 'ai'],
    );
  });
});
