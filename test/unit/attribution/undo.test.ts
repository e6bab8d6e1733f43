import * as assert from 'node:assert/strict';
import { AttributionTracker, HUMAN, RemovedTextCache, type Run } from '../../../src/core/attribution';

const ai = (length: number, origin = 0): Run => ({ length, origin });
const human = (length: number): Run => ({ length, origin: HUMAN });

describe('RemovedTextCache', () => {
  it('remembers removed text that holds AI and recalls it by text', () => {
    const c = new RemovedTextCache();
    c.remember('foo()', [human(1), ai(4)]);
    assert.deepEqual(c.recall('foo()'), [human(1), ai(4)]);
    assert.equal(c.recall('bar'), undefined);
  });

  it('does not store all-human removals, and lets them supersede an older AI entry for the same text', () => {
    const c = new RemovedTextCache();
    c.remember('x = 1', [human(5)]);
    assert.equal(c.size, 0);
    c.remember('x = 1', [ai(5)]);
    c.remember('x = 1', [human(5)]);
    assert.equal(c.recall('x = 1'), undefined);
  });

  it('evicts the least recently used entry beyond maxEntries, counting a recall as a use', () => {
    const c = new RemovedTextCache({ maxEntries: 2 });
    c.remember('a', [ai(1)]);
    c.remember('b', [ai(1)]);
    c.recall('a'); // "b" is now the oldest
    c.remember('c', [ai(1)]);
    assert.equal(c.recall('b'), undefined);
    assert.ok(c.recall('a'));
    assert.ok(c.recall('c'));
  });

  it('bounds the total characters kept and skips text larger than the bound', () => {
    const c = new RemovedTextCache({ maxChars: 10 });
    c.remember('aaaaaa', [ai(6)]);
    c.remember('bbbbbb', [ai(6)]); // 12 > 10: "aaaaaa" goes
    assert.equal(c.recall('aaaaaa'), undefined);
    assert.ok(c.recall('bbbbbb'));
    c.remember('c'.repeat(11), [ai(11)]);
    assert.equal(c.recall('c'.repeat(11)), undefined);
    assert.ok(c.recall('bbbbbb'), 'an oversized entry evicts nothing');
    assert.throws(() => new RemovedTextCache({ maxEntries: -1 }), /invalid maxEntries/);
  });

  it("stores a copy, so later changes to the caller's runs do not leak in", () => {
    const c = new RemovedTextCache();
    const runs = [ai(2)];
    c.remember('ab', runs);
    (runs[0] as { length: number }).length = 99;
    assert.deepEqual(c.recall('ab'), [ai(2)]);
  });
});

describe('AttributionTracker undo/redo', () => {
  const snippet = 'console.log(x);';

  /** Human "let x = 1;\n", then the AI snippet accepted at the end. */
  function accepted(): AttributionTracker {
    const t = new AttributionTracker(0);
    t.apply({ start: 0, deleteLength: 0, text: 'let x = 1;\n' });
    t.apply({ start: 11, deleteLength: 0, text: snippet, origin: 0 });
    return t;
  }

  it('undo of an AI insertion removes its span; redo brings back the same origin', () => {
    const t = accepted();
    // Undo: the editor deletes the inserted text (the adapter supplies the text it removes).
    t.apply({ start: 11, deleteLength: snippet.length, text: '', oldText: snippet }, { reason: 'undo' });
    assert.deepEqual(t.toSpans(), []);
    // Redo: the editor inserts the same text again, with no origin of its own.
    t.apply({ start: 11, deleteLength: 0, text: snippet }, { reason: 'redo' });
    assert.deepEqual(t.toSpans(), [[11, 11 + snippet.length, 0]]);
  });

  it('undo of a deletion of AI text restores its attribution, human parts included', () => {
    const t = accepted();
    t.apply({ start: 18, deleteLength: 0, text: 'H' }); // "console|H|.log(x);" has a human char inside
    const removed = 'consoleH.log(x);';
    t.apply({ start: 11, deleteLength: removed.length, text: '', oldText: removed });
    assert.deepEqual(t.toSpans(), []);
    t.apply({ start: 11, deleteLength: 0, text: removed }, { reason: 'undo' });
    assert.deepEqual(t.toSpans(), [
      [11, 18, 0],
      [19, 27, 0],
    ]);
  });

  it('the same insertion without an undo/redo reason stays human', () => {
    const t = accepted();
    t.apply({ start: 11, deleteLength: snippet.length, text: '', oldText: snippet });
    t.apply({ start: 11, deleteLength: 0, text: snippet });
    assert.deepEqual(t.toSpans(), []);
  });

  it('undo of an AI replace of human text restores the human text as human, redo the AI text as AI', () => {
    const t = new AttributionTracker(0);
    t.apply({ start: 0, deleteLength: 0, text: 'a = 0;' });
    t.apply({ start: 4, deleteLength: 1, text: 'compute()', origin: 0, oldText: '0' });
    assert.deepEqual(t.toSpans(), [[4, 13, 0]]);
    t.applyChanges([{ start: 4, deleteLength: 9, text: '0', oldText: 'compute()' }], { reason: 'undo' });
    assert.deepEqual(t.toSpans(), []);
    t.applyChanges([{ start: 4, deleteLength: 1, text: 'compute()', oldText: '0' }], { reason: 'redo' });
    assert.deepEqual(t.toSpans(), [[4, 13, 0]]);
  });

  it('undo/redo of text never removed with attribution falls back to the normal rules', () => {
    const t = new AttributionTracker(5);
    t.apply({ start: 5, deleteLength: 0, text: 'zz' }, { reason: 'redo' });
    assert.deepEqual(t.toSpans(), []);
  });
});
