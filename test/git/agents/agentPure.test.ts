import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SpanTuple } from '../../../src/core/attribution/runs';
import { contentHash } from '../../../src/core/hash';
import { agentRecordFor, overlaySpans } from '../../../src/git/agents/agentRecord';
import { textBeforeEdits } from '../../../src/git/agents/editReversal';
import { parseStatusV2 } from '../../../src/git/agents/repoChanges';
import { parseSnapshot, safeSegment } from '../../../src/git/agents/snapshots';

const origin = { kind: 'agent' as const, tool: 'Claude Code', time: 5 };

describe('agent capture helpers (pure)', () => {
  describe('textBeforeEdits', () => {
    it('undoes search/replace edits in reverse order', () => {
      const before = 'a = 1;\nb = 2;\n';
      const after = 'a = 10;\nb = 20;\n';
      assert.equal(
        textBeforeEdits(after, [
          { oldString: 'a = 1;', newString: 'a = 10;' },
          { oldString: 'b = 2;', newString: 'b = 20;' },
        ]),
        before,
      );
      // Sequential edits where the second rewrites the first's output.
      assert.equal(
        textBeforeEdits('x(3)\n', [
          { oldString: 'x(1)', newString: 'x(2)' },
          { oldString: 'x(2)', newString: 'x(3)' },
        ]),
        'x(1)\n',
      );
    });

    it('refuses when the position cannot be known', () => {
      assert.equal(
        textBeforeEdits('ab ab\n', [{ oldString: '', newString: 'ab' }]),
        undefined,
        'pure insertion, two places',
      );
      assert.equal(textBeforeEdits('x\n', [{ oldString: 'gone', newString: '' }]), undefined, 'pure deletion');
      assert.equal(textBeforeEdits('x\n', [{ oldString: 'a', newString: 'b' }]), undefined, 'new text absent');
      assert.equal(
        textBeforeEdits('k = 1\nk = 1\n', [{ oldString: 'k = 0', newString: 'k = 1' }]),
        undefined,
        'either line could have been it',
      );
      // `ab` appears twice, but undoing the second one would leave an earlier `a` that the edit would have replaced.
      assert.equal(textBeforeEdits('ab ab', [{ oldString: 'a', newString: 'ab' }]), 'a ab');
    });
  });

  describe('overlaySpans', () => {
    it('cuts existing spans around the overlaid ranges', () => {
      assert.deepEqual(
        overlaySpans(
          [
            [0, 10, 0],
            [12, 14, 1],
          ],
          [
            [3, 5],
            [9, 13],
          ],
          2,
        ),
        [
          [0, 3, 0],
          [3, 5, 2],
          [5, 9, 0],
          [9, 13, 2],
          [13, 14, 1],
        ],
      );
    });

    it('matches a per-character model', () => {
      const spansArb = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }).map((edges) => {
        const sorted = [...edges].sort((a, b) => a - b);
        const spans: SpanTuple[] = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) spans.push([sorted[i], sorted[i + 1], i % 3]);
        return spans;
      });
      fc.assert(
        fc.property(spansArb, spansArb, (spans, rangesAsSpans) => {
          const ranges = rangesAsSpans.map(([s, e]) => [s, e] as [number, number]);
          const model: Array<number | undefined> = new Array(40).fill(undefined);
          for (const [s, e, o] of spans) for (let i = s; i < e; i++) model[i] = o;
          for (const [s, e] of ranges) for (let i = s; i < e; i++) model[i] = 9;
          const got: Array<number | undefined> = new Array(40).fill(undefined);
          const out = overlaySpans(spans, ranges, 9);
          let prevEnd = 0;
          for (const [s, e, o] of out) {
            assert.ok(s >= prevEnd && e > s);
            prevEnd = e;
            for (let i = s; i < e; i++) got[i] = o;
          }
          assert.deepEqual(got, model);
        }),
      );
    });
  });

  describe('agentRecordFor', () => {
    const before = 'one\ntwo\n';
    const after = 'one\nnew line\ntwo\n';
    const record = (text: string, updated: number) => ({
      version: 1 as const,
      path: 'f',
      contentHash: contentHash(text),
      length: text.length,
      origins: [{ kind: 'inline' as const, tool: 'c', time: 1 }],
      spans: [[0, 3, 0] as const],
      updated,
    });

    it("remaps the stored spans from the before text and adds the agent's", () => {
      const result = agentRecordFor(record(before, 1), { path: 'f', before, after }, { origin, now: 10 });
      assert.equal(result.outcome.action, 'attributed');
      const decided = result.decision;
      assert.ok(decided);
      assert.deepEqual(decided.spans, [
        [0, 3, 0],
        [4, 13, 1],
      ]);
      assert.equal(decided.contentHash, contentHash(after));
      assert.equal(decided.updated, 10);
    });

    it('keeps a record the editor wrote for the after text during a repo-wide capture', () => {
      const result = agentRecordFor(
        record(after, 20),
        { path: 'f', before, after },
        { origin, now: 30, keepRecordsWrittenAfter: 15 },
      );
      assert.equal(result.decision, undefined);
      assert.equal(result.outcome.action, 'kept');
      const older = agentRecordFor(
        record(after, 10),
        { path: 'f', before, after },
        { origin, now: 30, keepRecordsWrittenAfter: 15 },
      );
      assert.equal(older.outcome.action, 'attributed');
    });

    it('drops a record for an unknown text, writes nothing when the agent only deleted', () => {
      const stale = agentRecordFor(record('other', 1), { path: 'f', before, after }, { origin, now: 2 });
      assert.deepEqual(
        stale.outcome,
        { action: 'attributed', chars: 9, carried: 'stale', dropped: 3 },
        'the dropped characters are counted for the log line',
      );
      assert.deepEqual(stale.decision?.origins, [origin]);
      assert.equal(
        agentRecordFor(undefined, { path: 'f', before: after, after: before }, { origin, now: 2 }).decision,
        undefined,
      );
    });
  });

  it('parseStatusV2: changed, unmerged and untracked paths (spaces kept), HEAD; submodules and ignored left out', () => {
    const oid = 'a'.repeat(40);
    const out = [
      `# branch.oid ${oid}`,
      '# branch.head main',
      `1 .M N... 100644 100644 100644 ${oid} ${oid} src/with space.ts`,
      `1 .M SC.. 160000 160000 160000 ${oid} ${oid} vendor/sub`,
      `u UU N... 100644 100644 100644 100644 ${oid} ${oid} ${oid} conflict.ts`,
      `2 R. N... 100644 100644 100644 ${oid} ${oid} R100 new.ts`,
      'old.ts',
      '? notes/new file.md',
      '! build/ignored.js',
      '',
    ].join('\0');
    assert.deepEqual(parseStatusV2(out), {
      head: oid,
      paths: ['conflict.ts', 'new.ts', 'notes/new file.md', 'src/with space.ts'],
    });
    assert.equal(parseStatusV2('# branch.oid (initial)\0').head, undefined);
  });

  it('snapshot ids become safe file names; snapshots read back are validated', () => {
    assert.equal(safeSegment('toolu_01DUq4bXo1mQx8w3hGv7kS2e'), 'toolu_01DUq4bXo1mQx8w3hGv7kS2e');
    for (const hostile of ['../../etc', 'a/b', '.hidden', '', 'x'.repeat(200), 'con:'])
      assert.match(safeSegment(hostile), /^h-[0-9a-f]{32}$/);
    assert.ok(
      parseSnapshot({
        version: 1,
        taken: 1,
        scope: 'files',
        files: [
          ['a.ts', { kind: 'text', text: 'x' }],
          ['b.ts', { kind: 'absent' }],
        ],
      }),
    );
    for (const bad of [
      { version: 2 },
      { version: 1, taken: 1, scope: 'files', files: [['../x', { kind: 'absent' }]] },
      { version: 1, taken: 1, scope: 'repo', head: 'HEAD', files: [] },
      { version: 1, taken: 1, scope: 'files', files: [['a', { kind: 'text' }]] },
    ]) {
      assert.equal(parseSnapshot(bad), undefined, JSON.stringify(bad));
    }
  });
});
