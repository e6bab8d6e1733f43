import * as assert from 'node:assert/strict';
import { AttributionTracker, coalesceSplitEdit, coalesceWhitespaceEvent } from '../../../src/core/attribution';

describe('coalescing whitespace-only events (formatters)', () => {
  // The event VS Code 1.139 sent for formatting "function   f( a,b ){\nreturn a+b;\n}\n\n".
  const old = 'function   f( a,b ){\nreturn a+b;\n}\n\n';
  const formatterEvent = [
    { start: 30, deleteLength: 0, text: ' ' },
    { start: 29, deleteLength: 0, text: ' ' },
    { start: 21, deleteLength: 0, text: '  ' },
    { start: 18, deleteLength: 1, text: '' },
    { start: 17, deleteLength: 0, text: ')' },
    { start: 16, deleteLength: 0, text: ' ' },
    { start: 13, deleteLength: 1, text: '' },
    { start: 9, deleteLength: 2, text: '' },
  ];

  it('turns a formatter event into one replace of the touched region', () => {
    const c = coalesceWhitespaceEvent(old, formatterEvent);
    assert.ok(c);
    const result = old.slice(0, c.start) + c.text + old.slice(c.start + c.deleteLength);
    assert.equal(result, 'function f(a, b) {\n  return a + b;\n}\n\n');
    assert.equal(c.oldText, old.slice(c.start, c.start + c.deleteLength));
  });

  it('keeps every AI character AI when the tracker applies the coalesced replace', () => {
    const t = new AttributionTracker(old.length);
    t.mark(0, 35, 0);
    const c = coalesceWhitespaceEvent(old, formatterEvent)!;
    t.apply({ ...c, remap: true });
    const text = 'function f(a, b) {\n  return a + b;\n}\n\n';
    const ai = new Set<number>();
    for (const [s, e] of t.toSpans()) for (let i = s; i < e; i++) ai.add(i);
    for (let i = 0; i < text.length; i++) if (/\S/.test(text[i])) assert.ok(ai.has(i), `${text[i]} at ${i}`);
  });

  it('leaves single changes, non-whitespace events and invalid events alone', () => {
    assert.equal(coalesceWhitespaceEvent('ab', [{ start: 1, deleteLength: 0, text: ' ' }]), undefined);
    assert.equal(
      coalesceWhitespaceEvent('a b c', [
        { start: 0, deleteLength: 0, text: 'x' },
        { start: 3, deleteLength: 0, text: 'y' },
      ]),
      undefined,
    );
    assert.equal(
      coalesceWhitespaceEvent('ab', [
        { start: 5, deleteLength: 1, text: '' },
        { start: 0, deleteLength: 0, text: ' ' },
      ]),
      undefined,
    );
    assert.equal(
      coalesceWhitespaceEvent('a b', [
        { start: 1, deleteLength: 1, text: '' },
        { start: 1, deleteLength: 0, text: ' ' },
      ]),
      undefined,
      'no net change',
    );
  });
});

describe('coalesceSplitEdit (a refactoring VS Code split into small edits)', () => {
  it('joins the event into one replace widened to whole words, as seen from the real VS Code', () => {
    const old = '// math\nfunction add(a, b) {\n  return a + b;\n}\n';
    // The event code-server 4.139.1 sent for one workspace.applyEdit replace of the declaration by an arrow function.
    const changes = [
      [46, 0, ';'],
      [26, 0, ' =>'],
      [20, 0, ' = '],
      [16, 0, 'st'],
      [12, 2, ''],
      [8, 3, ''],
    ].map(([start, deleteLength, text]) => ({
      start: start as number,
      deleteLength: deleteLength as number,
      text: text as string,
    }));
    const whole = coalesceSplitEdit(old, changes);
    assert.deepEqual(whole && { start: whole.start, oldText: whole.oldText, text: whole.text }, {
      start: 8,
      oldText: 'function add(a, b) {\n  return a + b;\n}',
      text: 'const add = (a, b) => {\n  return a + b;\n};',
    });
    const t = new AttributionTracker(0);
    t.apply({ start: 0, deleteLength: 0, text: old });
    t.mark(8, old.length - 1, 0);
    t.apply({ start: whole!.start, deleteLength: whole!.deleteLength, text: whole!.text, oldText: whole!.oldText });
    const doc = '// math\n' + whole!.text + '\n';
    const ai = t.toSpans().map(([s, e]) => doc.slice(s, e));
    // Spaces between AI words take their origin (whitespace inheritance); `const`, `=` and `=>` are human.
    assert.deepEqual(ai, [' add ', ' (a, b) ', ' {\n  return a + b;\n}'], 'new words human, unchanged words AI');
  });

  it('leaves multi-cursor typing and deleting alone, and single edits', () => {
    assert.equal(
      coalesceSplitEdit('ab ab', [
        { start: 4, deleteLength: 0, text: 'x' },
        { start: 1, deleteLength: 0, text: 'x' },
      ]),
      undefined,
    );
    assert.equal(
      coalesceSplitEdit('ab ab', [
        { start: 4, deleteLength: 1, text: '' },
        { start: 1, deleteLength: 1, text: '' },
      ]),
      undefined,
    );
    assert.equal(coalesceSplitEdit('ab', [{ start: 1, deleteLength: 1, text: 'c' }]), undefined);
  });
});
