/**
 * Random edit sequences against the naive reference model: zero divergence allowed.
 * PROPERTY_RUNS sets the number of sequences (default 10,000; scripts/property-long.mjs runs many more).
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  AttributionTracker,
  lineView,
  OriginTable,
  type DiffLimits,
  type TextChange,
} from '../../../src/core/attribution';
import { ReferenceModel } from './referenceModel';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const CACHE = { maxEntries: 3, maxChars: 12 };
// Tiny limits push even short texts through the line-then-character path.
const LINE_PATH: Partial<DiffLimits> = { directCharDiffMax: 0, charMaxEdits: 3, regionCharDiffMax: 10 };

const origins = new OriginTable();
for (const kind of ['inline', 'chat', 'agent'] as const) origins.intern({ kind, tool: 't', time: 0 });

const unit = fc.constantFrom('a', 'b', 'c', ' ', ' ', '\n', '\t', '(');
const text = (max: number) => fc.string({ unit, maxLength: max });
const origin = fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined });

/** Refactoring-shaped before/after pairs: rename, function -> arrow, extract variable, reorder parameters, inline. */
const REFACTORINGS: ReadonlyArray<readonly [string, string]> = [
  ['function area(r) {\n  return r * r;\n}', 'function circleArea(r) {\n  return r * r;\n}'],
  ['let total = count + 1;', 'let sum = count + 1;'],
  ['function add(a, b) {\n  return a + b;\n}', 'const add = (a, b) => {\n  return a + b;\n};'],
  ['function add(a, b) {\n  return a + b;\n}', 'const add = (a, b) => a + b;'],
  ['return price * qty + tax;', 'const subtotal = price * qty;\nreturn subtotal + tax;'],
  ['function f(alpha, beta, gamma) {}', 'function f(beta, alpha, gamma) {}'],
  ['assert.equal(x, 1);', 'assert.ok(x);'],
  ['const c = a + b;\nreturn c;', 'return a + b;'],
];

const edit = fc.record({
  pos: fc.nat(),
  del: fc.nat({ max: 5 }),
  text: text(5),
  origin,
  withOld: fc.boolean(),
  remap: fc.constantFrom<boolean | undefined>(undefined, undefined, undefined, true, false),
  // Explicit attribution of the inserted text: character i gets labels[i % labels.length] (-1 = human).
  labels: fc.option(fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 1, maxLength: 3 }), {
    nil: undefined,
    freq: 6,
  }),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

const op = fc.oneof(
  { arbitrary: edit.map((e) => ({ t: 'edit' as const, e })), weight: 6 },
  { arbitrary: fc.array(edit, { minLength: 2, maxLength: 3 }).map((es) => ({ t: 'event' as const, es })), weight: 2 },
  {
    // A coarse, formatter- or reload-like replace: the old range with whitespace and characters added or removed.
    arbitrary: fc
      .record({
        pos: fc.nat(),
        del: fc.nat({ max: 24 }),
        origin: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined, freq: 4 }),
        muts: fc.array(
          fc.record({
            at: fc.nat(),
            kind: fc.constantFrom('ws', 'ws', 'del', 'char'),
            s: fc.constantFrom(' ', '\n  ', '\t', 'x', ';'),
          }),
          { maxLength: 6 },
        ),
      })
      .map((r) => ({ t: 'rewrite' as const, ...r })),
    weight: 4,
  },
  {
    // A refactoring another extension applies (workspace.applyEdit, no known source): AI code is inserted, then
    // replaced by its refactored form, optionally with neighbouring random text inside the replaced range.
    arbitrary: fc
      .record({
        pos: fc.nat(),
        origin: fc.integer({ min: 0, max: 2 }),
        pair: fc.constantFrom(...REFACTORINGS),
        widen: fc.nat({ max: 3 }),
      })
      .map((r) => ({ t: 'refactor' as const, ...r })),
    weight: 3,
  },
  { arbitrary: fc.constant({ t: 'undo' as const }), weight: 2 },
  { arbitrary: fc.constant({ t: 'redo' as const }), weight: 1 },
  {
    arbitrary: fc
      .record({
        pos: fc.nat(),
        len: fc.nat({ max: 8 }),
        origin: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      })
      .map((m) => ({ t: 'mark' as const, ...m })),
    weight: 1,
  },
);

interface Done {
  start: number;
  oldText: string;
  newText: string;
}

class Harness {
  readonly model: ReferenceModel;
  readonly tracker: AttributionTracker;
  private undoStack: Done[] = [];
  private redoStack: Done[] = [];

  constructor(linePath: boolean) {
    const limits = linePath ? LINE_PATH : undefined;
    this.model = new ReferenceModel(CACHE, limits, !linePath);
    this.tracker = new AttributionTracker(0, { origins, undoCache: CACHE, diffLimits: limits });
  }

  /** The edit as a change on `doc` (the model's text unless resolving later changes of one event). */
  resolve(e: Edit, doc = this.model.text): TextChange {
    const len = doc.length;
    const start = e.pos % (len + 1);
    const del = Math.min(e.del, len - start);
    const oldText = doc.slice(start, start + del);
    const labels = e.labels;
    const insertedRuns =
      labels && Array.from({ length: e.text.length }, (_, i) => ({ length: 1, origin: labels[i % labels.length] }));
    return {
      start,
      deleteLength: del,
      text: e.text,
      origin: e.origin,
      oldText: e.withOld ? oldText : undefined,
      remap: e.remap,
      insertedRuns,
    };
  }

  event(changes: TextChange[], reason?: 'undo' | 'redo'): void {
    const done: Done[] = [];
    for (const c of changes) {
      done.push({ start: c.start, oldText: this.model.text.slice(c.start, c.start + c.deleteLength), newText: c.text });
      this.model.apply(c, reason);
    }
    this.tracker.applyChanges(changes, { reason });
    if (reason === undefined) {
      this.undoStack.push(...done);
      this.redoStack = [];
    }
  }

  undo(): void {
    const d = this.undoStack.pop();
    if (!d) return;
    this.redoStack.push(d);
    this.event([{ start: d.start, deleteLength: d.newText.length, text: d.oldText, oldText: d.newText }], 'undo');
  }

  redo(): void {
    const d = this.redoStack.pop();
    if (!d) return;
    this.undoStack.push(d);
    this.event([{ start: d.start, deleteLength: d.oldText.length, text: d.newText, oldText: d.oldText }], 'redo');
  }

  check(step: string): void {
    this.tracker.checkInvariants();
    assert.equal(this.tracker.length, this.model.text.length, `length after ${step}`);
    assert.deepEqual(
      this.tracker.toSpans(),
      this.model.spans(),
      `spans after ${step} (text ${JSON.stringify(this.model.text)})`,
    );
  }
}

function mutate(s: string, muts: ReadonlyArray<{ at: number; kind: string; s: string }>): string {
  let out = s;
  for (const m of muts) {
    const at = m.at % (out.length + 1);
    if (m.kind === 'del') out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + (m.kind === 'ws' ? m.s.replace(/[^\s]/g, ' ') : m.s) + out.slice(at);
  }
  return out;
}

describe('attribution tracker vs reference model (property)', function () {
  this.timeout(600_000);

  it(`matches the per-character model over ${RUNS} random edit sequences`, () => {
    fc.assert(
      fc.property(text(12), fc.array(op, { minLength: 1, maxLength: 7 }), fc.boolean(), (initial, ops, linePath) => {
        const h = new Harness(linePath);
        h.event([{ start: 0, deleteLength: 0, text: initial, origin: initial.length % 2 ? 0 : undefined }]);
        h.check('initial insert');
        for (const o of ops) {
          if (o.t === 'edit') h.event([h.resolve(o.e)]);
          else if (o.t === 'event') {
            // Each change is resolved against the text the previous ones produced, as in contentChanges.
            const changes: TextChange[] = [];
            let doc = h.model.text;
            for (const e of o.es) {
              const c = h.resolve(e, doc);
              changes.push(c);
              doc = doc.slice(0, c.start) + c.text + doc.slice(c.start + c.deleteLength);
            }
            h.event(changes);
          } else if (o.t === 'rewrite') {
            const len = h.model.text.length;
            const start = o.pos % (len + 1);
            const del = Math.min(o.del, len - start);
            const oldText = h.model.text.slice(start, start + del);
            h.event([{ start, deleteLength: del, text: mutate(oldText, o.muts), origin: o.origin, oldText }]);
          } else if (o.t === 'refactor') {
            const [before, after] = o.pair;
            const len = h.model.text.length;
            const at = o.pos % (len + 1);
            h.event([{ start: at, deleteLength: 0, text: before, origin: o.origin }]);
            h.check('refactor (insert)');
            // Widening takes neighbouring text (possibly touching words) into the replaced range, unchanged.
            const start = Math.max(0, at - o.widen);
            const end = Math.min(h.model.text.length, at + before.length + o.widen);
            const oldText = h.model.text.slice(start, end);
            const newText = oldText.slice(0, at - start) + after + oldText.slice(at - start + before.length);
            h.event([{ start, deleteLength: end - start, text: newText, oldText }]);
          } else if (o.t === 'undo') h.undo();
          else if (o.t === 'redo') h.redo();
          else {
            const start = o.pos % (h.model.text.length + 1);
            const end = Math.min(h.model.text.length, start + o.len);
            if (o.origin === undefined) h.tracker.clear(start, end);
            else h.tracker.mark(start, end, o.origin);
            h.model.mark(start, end, o.origin ?? -1);
          }
          h.check(o.t);
        }
        assert.deepEqual(
          lineView(h.model.text, h.tracker.toSpans()).map((l) => ({ kind: l.kind, origins: [...l.origins] })),
          h.model.lineView(),
          'line view',
        );
        const copy = AttributionTracker.fromSpans(h.tracker.length, h.tracker.toSpans(), { origins });
        copy.checkInvariants();
        assert.deepEqual(copy.toSpans(), h.tracker.toSpans(), 'serialisation round trip');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
