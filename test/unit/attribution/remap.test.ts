import * as assert from 'node:assert/strict';
import {
  AttributionTracker,
  alignTexts,
  chooseReplaceStrategy,
  HUMAN,
  inheritedWhitespaceOrigin,
  remapSpans,
  type ReplaceFacts,
  type SpanTuple,
} from '../../../src/core/attribution';
import { checkAlignment, lcsLength } from './referenceModel';

/** Characters of `text` attributed to any AI origin. */
function aiText(text: string, spans: readonly SpanTuple[]): string {
  return spans.map(([s, e]) => text.slice(s, e)).join('');
}

/** A tracker whose document is `human + ai + human2` with `ai` from origin 0. */
function docWithAi(human: string, ai: string, human2: string): AttributionTracker {
  const t = new AttributionTracker(0);
  t.apply({ start: 0, deleteLength: 0, text: human + human2 });
  t.apply({ start: human.length, deleteLength: 0, text: ai, origin: 0 });
  return t;
}

describe('alignTexts', () => {
  it('matches common prefix, suffix and the unchanged middle', () => {
    const blocks = alignTexts('let a=b;', 'let a = b;');
    checkAlignment('let a=b;', 'let a = b;', blocks, true);
    assert.equal(
      blocks.reduce((n, b) => n + b.length, 0),
      8,
    );
    assert.deepEqual(alignTexts('same', 'same'), [{ oldStart: 0, newStart: 0, length: 4 }]);
    assert.deepEqual(alignTexts('', 'new'), []);
  });

  it('never splits a surrogate pair', () => {
    const blocks = alignTexts('a😀b', 'a😁b');
    checkAlignment('a😀b', 'a😁b', blocks, false);
    for (const b of blocks)
      assert.ok(!(b.oldStart <= 1 && b.oldStart + b.length > 1 && b.oldStart + b.length < 3), JSON.stringify(blocks));
  });

  it('aligns a big re-indented file line by line in bounded time and keeps every code character', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `  call(${i}, "x");\n`);
    const oldText = lines.join('');
    const newText = lines.map((l) => '    ' + l.trim().replace(',', ' ,') + '\n').join('');
    const blocks = alignTexts(oldText, newText);
    checkAlignment(oldText, newText, blocks, false);
    // Every old character survives: the new text only adds whitespace.
    assert.equal(
      blocks.reduce((n, b) => n + b.length, 0),
      oldText.length,
    );
  });

  it('leaves a changed block unmatched when it exceeds the character diff bound', () => {
    const a = 'keep\nAbcdefghi\nkeep';
    const b = 'keep\nBbcdefghj\nkeep';
    const matched = (limits: object): number => {
      const blocks = alignTexts(a, b, limits);
      checkAlignment(a, b, blocks, false);
      return blocks.reduce((n, x) => n + x.length, 0);
    };
    // The changed line (9 + 9 chars) is over the region bound: only the unchanged lines match.
    assert.equal(matched({ directCharDiffMax: 0, regionCharDiffMax: 8 }), 10);
    // Within the bound, its unchanged "bcdefgh" matches too.
    assert.equal(matched({ directCharDiffMax: 0 }), 17);
    const small = alignTexts('k\nab\nk\nxy', 'k\naXb\nk\nyy', { directCharDiffMax: 0 });
    checkAlignment('k\nab\nk\nxy', 'k\naXb\nk\nyy', small, false);
  });

  it('keeps attribution when every line of a big file changed a little (no anchors, pairwise fallback)', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `call(${i}, 'x');\n`);
    const oldText = lines.join('');
    const newText = lines.map((l) => l.replace(/'/g, '"')).join('');
    const blocks = alignTexts(oldText, newText);
    checkAlignment(oldText, newText, blocks, false);
    assert.equal(
      blocks.reduce((n, b) => n + b.length, 0),
      oldText.length - 2 * 2000,
      'everything but the quotes matches',
    );
  });

  it('anchors on unique lines so scattered edits in a big file stay cheap and exact', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `  const v${i} = compute(${i});\n`);
    const changed = lines.slice();
    for (const i of [7, 1200, 3333, 4999]) changed[i] = changed[i].replace('compute', 'calc');
    const stats = { steps: 0 };
    const blocks = alignTexts(lines.join(''), changed.join(''), {}, stats);
    checkAlignment(lines.join(''), changed.join(''), blocks, false);
    // Each changed line keeps exactly its longest common subsequence with the new line.
    const lost = [7, 1200, 3333, 4999].reduce((n, i) => n + lines[i].length - lcsLength(lines[i], changed[i]), 0);
    assert.equal(
      blocks.reduce((n, b) => n + b.length, 0),
      lines.join('').length - lost,
    );
    assert.ok(stats.steps < 2000, `steps ${stats.steps}`);
  });

  it('bounds the work on unrelated texts by the step budget', () => {
    let seed = 3;
    const rnd = (n: number): string =>
      Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return 'abcdefghij (){};\n'[seed % 17];
      }).join('');
    const a = rnd(20_000);
    const b = rnd(20_000);
    const stats = { steps: 0 };
    const limits = { stepBudget: 50_000, stepsPerChar: 1 };
    checkAlignment(a, b, alignTexts(a, b, limits, stats), false);
    // One call may overshoot the rest of the budget by its pass over the input (size / 64), no more.
    assert.ok(stats.steps <= 50_000 + 40_000 + 40_000 / 64 + 10, `steps ${stats.steps}`);
  });

  it('falls back to the line path when the character diff gives up', () => {
    const a = 'x\n'.repeat(10) + 'abcdefgh\n';
    const b = 'x\n'.repeat(10) + 'hgfedcba\n';
    const blocks = alignTexts(a + a, b + b, { charMaxEdits: 2 });
    checkAlignment(a + a, b + b, blocks, false);
    assert.ok(blocks.reduce((n, x) => n + x.length, 0) >= 40, 'the unchanged x lines still match');
  });
});

describe('coarse replaces are remapped', () => {
  const human = 'const keep = 1;\n';
  const ai = 'function add(a,b){return a+b}\n';
  const tail = '// end\n';

  it('a formatter rewriting AI code keeps every AI character AI and the span whole', () => {
    const formatted = 'function add(a, b) {\n  return a + b\n}\n';
    const t = docWithAi(human, ai, tail);
    t.apply({ start: 0, deleteLength: t.length, text: human + formatted + tail, oldText: human + ai + tail });
    // The inserted spaces and line breaks took the function's origin: still exactly one span.
    assert.deepEqual(t.toSpans(), [[human.length, human.length + formatted.length, 0]]);
  });

  it('a formatter adding a token keeps the AI characters around it', () => {
    const formatted = 'function add(a, b) {\n  return a + b;\n}\n';
    const t = docWithAi(human, ai, tail);
    t.apply({ start: 0, deleteLength: t.length, text: human + formatted + tail, oldText: human + ai + tail });
    const newDoc = human + formatted + tail;
    const spans = t.toSpans();
    assert.equal(spans[0][0], human.length);
    assert.equal(newDoc[spans[0][1]], ';', 'the added semicolon is new, human text');
    assert.equal(aiText(newDoc, spans).replace(/\s/g, ''), ai.replace(/\s/g, ''), 'every AI character is still AI');
  });

  it('a reload from disk over a big range keeps attribution of everything unchanged in between', () => {
    const lines = Array.from({ length: 600 }, (_, i) => `line ${i} = compute(${i});\n`);
    const oldText = lines.join('');
    const t = new AttributionTracker(oldText.length);
    const marked: number[] = [];
    for (let i = 20; i < 580; i += 7) marked.push(i);
    const lineSpan = (text: string, i: number): SpanTuple => [
      text.indexOf(`line ${i} `),
      text.indexOf(`line ${i + 1} `),
      0,
    ];
    for (const i of marked) t.mark(...lineSpan(oldText, i));
    // The editor sends one replace from the first changed line (10) to the last (503).
    const changed = lines.slice();
    changed[10] = 'line 10 = changedByAgent();\n';
    changed[503] = 'line 503 = other();\n';
    const newText = changed.join('');
    const from = oldText.indexOf('line 10 ');
    const to = oldText.indexOf('line 504 ');
    t.apply({
      start: from,
      deleteLength: to - from,
      text: newText.slice(from, newText.indexOf('line 504 ')),
      oldText: oldText.slice(from, to),
    });
    const spans = t.toSpans();
    for (const i of marked.filter((m) => m !== 503))
      assert.ok(
        spans.some((s) => s.join() === lineSpan(newText, i).join()),
        `line ${i} kept`,
      );
    const [s503, e503] = lineSpan(newText, 503);
    const ai503 = spans
      .filter(([s, e]) => s >= s503 && e <= e503)
      .map(([s, e]) => newText.slice(s, e))
      .join('');
    assert.ok(ai503.startsWith('line 503 = '), 'the unchanged start of the changed AI line stays AI');
    assert.ok(!ai503.includes('h'), 'the new word is human');
    t.checkInvariants();
  });

  it('an AI rewrite of human text keeps the unchanged human characters human', () => {
    const t = new AttributionTracker(0);
    t.apply({ start: 0, deleteLength: 0, text: 'let total = 0;' });
    t.apply({ start: 0, deleteLength: 14, text: 'let total = sum(items);', origin: 0, oldText: 'let total = 0;' });
    assert.deepEqual(t.toSpans(), [[12, 22, 0]]);
  });

  it('treats typing, one-character replaces and pure inserts as plain edits', () => {
    const t = docWithAi('', 'abcdef', '');
    t.apply({ start: 2, deleteLength: 1, text: 'c', oldText: 'c' }); // retyping one char: human
    assert.deepEqual(t.toSpans(), [
      [0, 2, 0],
      [3, 6, 0],
    ]);
    t.apply({ start: 0, deleteLength: 2, text: 'ab', oldText: 'ab', remap: false }); // caller says: typed over
    assert.deepEqual(t.toSpans(), [[3, 6, 0]]);
  });
});

describe('refactorings with no known source: words count whole', () => {
  /** Labels of `after` once all-AI `before` (between human text) is replaced by it, as AI characters per word. */
  function refactor(before: string, after: string): { ai: string; doc: string } {
    const t = docWithAi('// head\n', before, '\n// tail\n');
    t.apply({ start: 8, deleteLength: before.length, text: after, oldText: before });
    t.checkInvariants();
    const doc = '// head\n' + after + '\n// tail\n';
    return { ai: aiText(doc, t.toSpans()), doc };
  }

  it('function -> arrow: `const` and `=>` are new (no `con` matched inside `function`), the rest stays AI', () => {
    const { ai } = refactor('function add(a, b) {\n  return a + b;\n}', 'const add = (a, b) => {\n  return a + b;\n};');
    assert.ok(!/[cost]/.test(ai.split('add')[0]), `nothing of \`const\` is AI: ${JSON.stringify(ai)}`);
    assert.ok(ai.includes('add') && ai.includes('(a, b)') && ai.includes('return a + b;'), JSON.stringify(ai));
    assert.ok(!ai.includes('=>'), 'the new arrow is human');
  });

  it('rename: the renamed identifier is human as a whole, its neighbours stay AI', () => {
    const { ai } = refactor('function area(r) {\n  return r * r;\n}', 'function circleArea(r) {\n  return r * r;\n}');
    assert.ok(!/[Aa]rea|circle/.test(ai), `the new name has no AI letter: ${JSON.stringify(ai)}`);
    assert.ok(ai.startsWith('function ') && ai.includes('(r) {') && ai.includes('return r * r;'), JSON.stringify(ai));
    // A shorter name made from a longer one is new too: `total` inside `subtotal` is not the old word.
    assert.ok(!refactor('let subtotal = 1;', 'let total = 1;').ai.includes('total'));
  });

  it('extract variable: the new name and declaration are human, the moved expression keeps its AI words', () => {
    const { ai } = refactor('return price * qty + tax;', 'const subtotal = price * qty;\nreturn subtotal + tax;');
    assert.ok(!ai.includes('subtotal') && !ai.includes('const'), JSON.stringify(ai));
    // `return` now follows the moved expression: an order-keeping alignment keeps one of the two, here the expression.
    assert.ok(ai.includes('price * qty') && ai.includes('tax;'), JSON.stringify(ai));
  });

  it('reorder parameters: each unchanged parameter stays AI wherever it lands, nothing is cut mid-word', () => {
    const { ai, doc } = refactor('function f(alpha, beta) {}', 'function f(beta, alpha) {}');
    for (const word of ai.match(/[A-Za-z]+/g) ?? [])
      assert.ok(['function', 'f', 'alpha', 'beta'].includes(word), `whole words only: ${word}`);
    assert.ok(doc.includes('function f('));
  });

  it('a weakened assertion keeps `assert.` and the argument, the new method is human', () => {
    const { ai } = refactor('assert.equal(x, 1);', 'assert.ok(x);');
    assert.ok(ai.startsWith('assert.') && !ai.includes('ok'), JSON.stringify(ai));
  });

  it('edits touching the range ends treat them as word boundaries (the text outside is unchanged)', () => {
    const t = new AttributionTracker(0);
    t.apply({ start: 0, deleteLength: 0, text: 'fooBar(x)', origin: 0 });
    // An edit replacing only `Bar(x)` with `Baz(x)`: `Ba` is part of a new word.
    t.apply({ start: 3, deleteLength: 6, text: 'Baz(x)', oldText: 'Bar(x)' });
    assert.deepEqual(t.toSpans(), [
      [0, 3, 0],
      [6, 9, 0],
    ]);
  });
});

describe('whitespace inheritance', () => {
  it('lets indentation added before an AI line take its origin, but not a blank line added beside it', () => {
    const t = docWithAi('x = 1;\n', 'y = 2;', '\nz = 3;');
    const old = 'x = 1;\ny = 2;\nz = 3;';
    t.apply({ start: 0, deleteLength: old.length, text: 'x = 1;\n    y = 2;\n\nz = 3;', oldText: old });
    assert.deepEqual(t.toSpans(), [[7, 17, 0]]);
  });

  it('follows the rule table', () => {
    assert.equal(inheritedWhitespaceOrigin(3, 3, true, false), 3);
    assert.equal(inheritedWhitespaceOrigin(3, HUMAN, false, false), HUMAN, 'typing beside a span never grows it');
    assert.equal(inheritedWhitespaceOrigin(3, HUMAN, false, true), 3);
    assert.equal(inheritedWhitespaceOrigin(HUMAN, 3, false, true), 3);
    assert.equal(inheritedWhitespaceOrigin(HUMAN, 3, true, true), HUMAN, 'a line break beside AI stays human');
    assert.equal(inheritedWhitespaceOrigin(2, 3, false, true), HUMAN, 'between two origins stays human');
    assert.equal(inheritedWhitespaceOrigin(HUMAN, HUMAN, false, true), HUMAN);
  });
});

describe('chooseReplaceStrategy', () => {
  const base: ReplaceFacts = {
    deleteLength: 10,
    insertLength: 12,
    oldTextKnown: true,
    deletedHoldsAi: true,
    insertsAi: false,
  };
  const cases: Array<[string, Partial<ReplaceFacts>, 'plain' | 'remap']> = [
    ['coarse replace over AI', {}, 'remap'],
    ['old text unknown', { oldTextKnown: false }, 'plain'],
    ['pure insert', { deleteLength: 0 }, 'plain'],
    ['pure delete', { insertLength: 0 }, 'plain'],
    ['typing over one char', { deleteLength: 1 }, 'plain'],
    ['replacing with one char', { insertLength: 1 }, 'plain'],
    ['human over human', { deletedHoldsAi: false }, 'plain'],
    ['AI rewrite of human text', { deletedHoldsAi: false, insertsAi: true }, 'remap'],
    ['override plain', { override: false }, 'plain'],
    [
      'override remap of a single char',
      { deleteLength: 1, insertLength: 1, deletedHoldsAi: false, override: true },
      'remap',
    ],
    ['override remap without old text', { oldTextKnown: false, override: true }, 'plain'],
    ['override remap of a pure insert', { deleteLength: 0, override: true }, 'plain'],
    ['formatter edit " )" -> ")" over AI', { deleteLength: 2, insertLength: 1, whitespaceOnly: true }, 'remap'],
    [
      'whitespace-only edit over human text',
      { deleteLength: 2, insertLength: 1, whitespaceOnly: true, deletedHoldsAi: false },
      'plain',
    ],
  ];
  for (const [name, facts, expected] of cases) {
    it(`${name} -> ${expected}`, () => assert.equal(chooseReplaceStrategy({ ...base, ...facts }), expected));
  }
});

describe('remapSpans', () => {
  it('maps whole-document spans onto a changed text', () => {
    const oldText = 'alpha\nbeta\ngamma\n';
    const spans: SpanTuple[] = [[6, 10, 1]];
    assert.deepEqual(remapSpans(oldText, 'alpha\nNEW\nbeta\ngamma\n', spans), [[10, 14, 1]]);
    assert.deepEqual(remapSpans(oldText, 'alpha\n  beta\ngamma\n', spans), [[6, 12, 1]]);
    assert.deepEqual(remapSpans(oldText, 'alpha\ngamma\n', spans), []);
    assert.deepEqual(remapSpans(oldText, oldText, spans), spans);
  });

  it('rejects spans that do not fit the old text', () => {
    assert.throws(() => remapSpans('abc', 'abcd', [[0, 5, 0]]), /past the document length 3/);
    assert.throws(
      () =>
        remapSpans('abc', 'abcd', [
          [2, 3, 0],
          [0, 1, 0],
        ]),
      /sorted and non-overlapping/,
    );
  });
});
