import * as assert from 'node:assert/strict';
import { AttributionTracker, OriginTable } from '../../../src/core/attribution';
import { widenToWords } from '../../../src/core/attribution/tokenMatch';

describe('widening a replace to whole words', () => {
  it('widens a replace inside a word to the word on both sides', () => {
    const doc = 'let fooBar = 1;';
    const at = doc.indexOf('r ');
    assert.deepEqual(widenToWords(doc, { start: at, deleteLength: 1, text: 'z' }), {
      start: doc.indexOf('fooBar'),
      deleteLength: 6,
      text: 'fooBaz',
    });
    // A middle part: both ends touch the word.
    assert.deepEqual(widenToWords(doc, { start: doc.indexOf('oB'), deleteLength: 2, text: 'xY' }), {
      start: doc.indexOf('fooBar'),
      deleteLength: 6,
      text: 'foxYar',
    });
  });

  it('widens when the new text continues a word that ended at the edge of the replace', () => {
    const doc = 'a foo; b';
    assert.deepEqual(widenToWords(doc, { start: doc.indexOf(';'), deleteLength: 1, text: 'd;' }), {
      start: doc.indexOf('foo'),
      deleteLength: 4,
      text: 'food;',
    });
  });

  it('leaves typing, deleting and replaces at word boundaries alone', () => {
    const doc = 'let fooBar = 1;';
    const insert = { start: 6, deleteLength: 0, text: 'x' };
    assert.equal(widenToWords(doc, insert), insert);
    const del = { start: 6, deleteLength: 2, text: '' };
    assert.equal(widenToWords(doc, del), del);
    const whole = { start: doc.indexOf('fooBar'), deleteLength: 6, text: 'other' };
    assert.equal(widenToWords(doc, whole), whole);
    const punct = { start: doc.indexOf('='), deleteLength: 1, text: ':' };
    assert.equal(widenToWords(doc, punct), punct);
  });

  it('with the tracker: the renamed word is human as a whole, the rest of the AI line stays AI', () => {
    const origins = new OriginTable();
    const ai = origins.intern({ kind: 'inline', tool: 'T', time: 1 });
    const tracker = new AttributionTracker(0, { origins });
    const doc = 'const fooBar = load();';
    tracker.apply({ start: 0, deleteLength: 0, text: doc, origin: ai });
    const at = doc.indexOf('r =');
    const c = widenToWords(doc, { start: at, deleteLength: 1, text: 'z' });
    tracker.apply({ ...c, oldText: doc.slice(c.start, c.start + c.deleteLength) });
    const next = doc.slice(0, at) + 'z' + doc.slice(at + 1);
    const aiText = tracker.toSpans().map(([s, e]) => next.slice(s, e));
    assert.deepEqual(aiText, ['const ', ' = load();']);
    // Without widening, the letters `fooBa` outside the one-letter replace would have stayed AI.
    const plain = new AttributionTracker(0, { origins });
    plain.apply({ start: 0, deleteLength: 0, text: doc, origin: ai });
    plain.apply({ start: at, deleteLength: 1, text: 'z', oldText: 'r' });
    assert.deepEqual(
      plain.toSpans().map(([s, e]) => next.slice(s, e)),
      ['const fooBa', ' = load();'],
    );
  });
});
