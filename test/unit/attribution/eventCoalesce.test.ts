import * as assert from 'node:assert/strict';
import { AttributionTracker, coalesceWhitespaceEvent } from '../../../src/core/attribution';

describe('coalescing whitespace-only events (formatters)', () => {
  // The event VS Code 1.139 sent for formatting "function   f( a,b ){\nreturn a+b;\n}\n\n".
  const old = 'function   f( a,b ){\nreturn a+b;\n}\n\n';
  const formatterEvent = [
    { start: 30, deleteLength: 0, text: ' ' }, { start: 29, deleteLength: 0, text: ' ' }, { start: 21, deleteLength: 0, text: '  ' },
    { start: 18, deleteLength: 1, text: '' }, { start: 17, deleteLength: 0, text: ')' }, { start: 16, deleteLength: 0, text: ' ' },
    { start: 13, deleteLength: 1, text: '' }, { start: 9, deleteLength: 2, text: '' },
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
    assert.equal(coalesceWhitespaceEvent('a b c', [{ start: 0, deleteLength: 0, text: 'x' }, { start: 3, deleteLength: 0, text: 'y' }]), undefined);
    assert.equal(coalesceWhitespaceEvent('ab', [{ start: 5, deleteLength: 1, text: '' }, { start: 0, deleteLength: 0, text: ' ' }]), undefined);
    assert.equal(coalesceWhitespaceEvent('a b', [{ start: 1, deleteLength: 1, text: '' }, { start: 1, deleteLength: 0, text: ' ' }]), undefined, 'no net change');
  });
});
