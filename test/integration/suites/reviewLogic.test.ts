/**
 * The review screens' plain logic, checked directly: the webview message guard, hunk classes and the next-hunk
 * order, the diff text made for untracked files, and where the AI-Reviewed-by trailer goes in a message.
 */
import * as assert from 'node:assert/strict';
import type { LineSource } from '../../../src/core/blame';
import { HUMAN_LINE } from '../../../src/core/blame';
import { parseUnifiedDiff } from '../../../src/core/review';
import { parseWebviewMessage } from '../../../src/extension/review/checklistProtocol';
import { newFileDiff, quotePath } from '../../../src/extension/review/reviewGit';
import {
  buildReviewModel,
  findingWhere,
  hunkKind,
  nextUnreviewed,
  progress,
} from '../../../src/extension/review/reviewModel';
import { withTrailer } from '../../../src/extension/review/signOff';

const AI: LineSource = { authorship: 'ai', evidence: 'record', origins: [{ tool: 'claude-code' }] };
const MIXED: LineSource = { authorship: 'mixed', evidence: 'record', origins: [{ tool: 'claude-code' }] };
const ASSISTED: LineSource = { authorship: 'ai-assisted', evidence: 'commit', origins: [{ tool: 'Claude' }] };

describe('review logic', () => {
  it('accepts only the messages the checklist page may send', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'toggle', itemId: 'errors', checked: true, extra: 1 }), {
      type: 'toggle',
      itemId: 'errors',
      checked: true,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', findingId: 3 }), { type: 'reveal', findingId: 3 });
    for (const bad of [
      null,
      'ready',
      {},
      { type: 'toggle', itemId: '__proto__', checked: true },
      { type: 'toggle', itemId: 'errors', checked: 'yes' },
      { type: 'reveal', findingId: -1 },
      { type: 'reveal', findingId: 1.5 },
      { type: 'note', itemId: 'errors', text: 'x'.repeat(10_001) },
      { type: 'runCommand', id: 'x' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('classes hunks and walks the unreviewed AI hunks in view order, wrapping around', () => {
    assert.equal(hunkKind([AI, AI]), 'ai');
    assert.equal(hunkKind([ASSISTED]), 'ai');
    assert.equal(hunkKind([AI, MIXED]), 'mixed');
    assert.equal(hunkKind([AI, HUMAN_LINE]), 'mixed');
    assert.equal(hunkKind([HUMAN_LINE]), 'human');
    const diff = parseUnifiedDiff(newFileDiff('a.ts', 'one\ntwo\n\nthree\n') + newFileDiff('b.ts', 'x\n'));
    const sources: Record<string, LineSource[]> = { 'a.ts': [AI, AI, HUMAN_LINE, MIXED], 'b.ts': [HUMAN_LINE] };
    const model = buildReviewModel(diff, (p, l) => sources[p][l - 1] ?? HUMAN_LINE, []);
    assert.deepEqual(
      model.files.map((f) => [f.path, f.addedLines, f.aiLines]),
      [
        ['a.ts', 4, 3],
        ['b.ts', 1, 0],
      ],
    );
    assert.deepEqual(
      model.aiHunks.map((h) => [h.startLine, h.endLine, h.kind]),
      [[1, 4, 'mixed']],
    );
    const [hunk] = model.aiHunks;
    assert.equal(nextUnreviewed(model, new Set())?.key, hunk.key);
    assert.equal(nextUnreviewed(model, new Set(), { path: 'a.ts', line: 9 })?.key, hunk.key, 'wraps around');
    assert.equal(nextUnreviewed(model, new Set([hunk.key])), undefined);
    assert.deepEqual(progress(model, new Set([hunk.key])), { reviewed: 1, total: 1 });
  });

  it('says where a finding is', () => {
    const base = {
      ruleId: 'r',
      category: 'size' as const,
      title: 't',
      why: 'w',
      severity: 'low' as const,
      inAi: false,
      whatToDo: 'd',
    };
    assert.equal(findingWhere({ ...base, file: null, range: null }), 'whole change');
    assert.equal(findingWhere({ ...base, file: 'a.ts', range: { side: 'new', start: 4, end: 4 } }), 'a.ts:4');
    assert.equal(
      findingWhere({ ...base, file: 'a.ts', range: { side: 'old', start: 2, end: 3 } }),
      'a.ts (removed lines 2-3)',
    );
  });

  it('writes diffs for untracked files that the diff parser reads back, odd names included', () => {
    assert.equal(quotePath('b/src/a.ts'), 'b/src/a.ts');
    assert.equal(quotePath('b/"q".ts'), '"b/\\"q\\".ts"');
    assert.equal(quotePath('b/ü.ts'), '"b/\\303\\274.ts"');
    for (const [name, text] of [
      ['src/plain.ts', 'a\nb\n'],
      ['dir/with space.ts', 'no newline'],
      ['ü "q".ts', 'x\n'],
      ['empty.ts', ''],
    ] as const) {
      const [file] = parseUnifiedDiff(newFileDiff(name, text)).files;
      assert.equal(file.newPath, name);
      assert.equal(file.status, 'added');
      assert.deepEqual(
        file.hunks.flatMap((h) => h.lines.map((l) => l.text)),
        text === '' ? [] : text.replace(/\n$/, '').split('\n'),
      );
    }
  });

  it('puts the trailer into the message trailer block exactly once', () => {
    const t = 'AI-Reviewed-by: Ann <ann@example.com>';
    assert.equal(withTrailer('', t), `\n\n${t}`);
    assert.equal(withTrailer('Fix it', t), `Fix it\n\n${t}`);
    assert.equal(
      withTrailer('Fix it\n\nSigned-off-by: B <b@example.com>\n', t),
      `Fix it\n\nSigned-off-by: B <b@example.com>\n${t}`,
    );
    assert.equal(withTrailer(`Fix it\n\n${t}`, t), `Fix it\n\n${t}`);
  });
});
