/**
 * Character attribution of one document: which characters came from which AI origin; the rest is human.
 *
 * Changes follow VS Code `contentChanges` semantics: applied in array order, each in the coordinates of the text
 * the previous entries produced. Plain edits behave like a label per character: inserted text takes the change's
 * origin (human when none), so typing inside an AI span splits it and typing at its edge never grows it. Two
 * exceptions keep attribution honest under machine edits:
 * - whitespace-only human insertions strictly inside one AI span join that span (formatter edits);
 * - coarse replaces with known old text are remapped through a diff (see `chooseReplaceStrategy`).
 * Undo/redo: every change that supplies `oldText` records removed AI text in the tracker's `RemovedTextCache`; a
 * change applied with `reason` 'undo' or 'redo' whose inserted text is in that cache gets the cached attribution
 * back (it wins over `origin`), so redo restores the origin and undoing a deletion restores AI text.
 *
 * Cost: O(log n) per plain edit in the number of runs (a B+tree of runs), plus O(k log n) for k runs removed or
 * created; remapping adds the bounded diff documented in align.ts.
 */
import type { OriginTable } from './origin';
import type { DiffLimits } from './align';
import { chooseReplaceStrategy } from './policy';
import { inheritedWhitespaceOrigin, remapRuns } from './remap';
import { RunTree } from './runTree';
import { HUMAN, runsFromSpans, validateRuns, validateSpans, type Run, type SpanTuple } from './runs';
import { isAllWhitespace, stripWhitespace } from './text';
import { RemovedTextCache, type RemovedTextCacheOptions } from './undoCache';

export interface TextChange {
  /** Offset where the replaced range starts. */
  readonly start: number;
  /** Length of the replaced range (0 for a pure insert). */
  readonly deleteLength: number;
  /** Inserted text ('' for a pure delete). */
  readonly text: string;
  /** Origin id of the inserted text; absent means human. */
  readonly origin?: number;
  /** The replaced text, when known: enables remapping coarse replaces and remembering removed AI text for undo. */
  readonly oldText?: string;
  /** Exact attribution of the inserted text (e.g. an AI snippet pasted with its spans). Overrides `origin`. */
  readonly insertedRuns?: readonly Run[];
  /** Force (`true`) or forbid (`false`) remapping this replace instead of the default policy. */
  readonly remap?: boolean;
}

export interface ApplyOptions {
  /** The editor reported this event as an undo or redo. */
  readonly reason?: 'undo' | 'redo';
}

export interface TrackerOptions {
  /** When given, origin ids are checked against it; otherwise any id >= 0 is accepted. */
  readonly origins?: OriginTable;
  readonly undoCache?: RemovedTextCacheOptions;
  readonly diffLimits?: Partial<DiffLimits>;
}

const NO_OPTIONS: ApplyOptions = Object.freeze({});

export class AttributionTracker {
  readonly undoCache: RemovedTextCache;
  private readonly origins: OriginTable | undefined;
  private readonly tree = new RunTree();
  private readonly diffLimits: Partial<DiffLimits> | undefined;

  /** An all-human document of `length` characters. */
  constructor(length = 0, options: TrackerOptions = {}) {
    if (!Number.isSafeInteger(length) || length < 0)
      throw new Error(`attribution: invalid document length ${String(length)}`);
    this.undoCache = new RemovedTextCache(options.undoCache);
    this.diffLimits = options.diffLimits;
    this.origins = options.origins;
    this.tree.reset([{ length, origin: HUMAN }]);
  }

  /** Rebuilds a tracker from exported spans; throws an Error on malformed, unsorted, overlapping, out-of-range or unknown-origin spans. */
  static fromSpans(length: number, spans: unknown, options: TrackerOptions = {}): AttributionTracker {
    validateSpans(spans, length, options.origins);
    const tracker = new AttributionTracker(0, options);
    tracker.tree.reset(runsFromSpans(spans, length));
    return tracker;
  }

  get length(): number {
    return this.tree.length;
  }

  /** Number of AI spans. */
  get spanCount(): number {
    return this.tree.aiRunCount;
  }

  /** Applies one editor event's changes in order. */
  applyChanges(changes: readonly TextChange[], options: ApplyOptions = NO_OPTIONS): void {
    for (const c of changes) this.apply(c, options);
  }

  /** Applies one change (in the coordinates of the current text). */
  apply(change: TextChange, options: ApplyOptions = NO_OPTIONS): void {
    const { start, deleteLength: del, text } = change;
    this.checkRange(start, start + del, 'change');
    if (typeof text !== 'string') throw new TypeError('attribution: change.text must be a string');
    const oldText = change.oldText;
    if (oldText !== undefined && (typeof oldText !== 'string' || oldText.length !== del)) {
      throw new Error(`attribution: change.oldText has length ${String(oldText?.length)} but deleteLength is ${del}`);
    }
    const origin = change.origin ?? HUMAN;
    if (change.origin !== undefined) this.checkOrigin(change.origin);

    let runs = change.insertedRuns;
    if (runs !== undefined) validateRuns(runs, text.length, this.origins);
    else if (options.reason !== undefined && text.length > 0) runs = this.undoCache.recall(text);

    let removed: Run[] | undefined;
    const remember = oldText !== undefined && del > 0;
    if (runs !== undefined) {
      removed = this.tree.splice(start, del, runs, remember);
    } else if (oldText !== undefined && this.shouldRemap(change, origin)) {
      removed = this.remapReplace(start, oldText, text, origin);
    } else {
      removed = this.plainReplace(start, del, text, origin, remember);
    }
    if (remember) this.undoCache.remember(oldText as string, removed as Run[]);
  }

  /** Attributes `[start, end)` to `originId` (manual marking). */
  mark(start: number, end: number, originId: number): void {
    this.checkRange(start, end, 'mark');
    this.checkOrigin(originId);
    if (end > start) this.tree.splice(start, end - start, [{ length: end - start, origin: originId }], false);
  }

  /** Makes `[start, end)` human. */
  clear(start: number, end: number): void {
    this.checkRange(start, end, 'clear');
    if (end > start) this.tree.splice(start, end - start, [{ length: end - start, origin: HUMAN }], false);
  }

  /** Origin id of the character at `offset`, or undefined when it is human. */
  originAt(offset: number): number | undefined {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.length) {
      throw new RangeError(`attribution: offset ${offset} is outside the document (length ${this.length})`);
    }
    const label = this.tree.labelAt(offset);
    return label === HUMAN ? undefined : label;
  }

  /** All AI spans, sorted: the serialised form (`fromSpans` reads it back). */
  toSpans(): SpanTuple[] {
    return this.spansIn(0, this.length);
  }

  /** AI spans overlapping `[start, end)`, clipped to it (e.g. the visible range for decorations). */
  spansIn(start: number, end: number): SpanTuple[] {
    this.checkRange(start, end, 'range');
    const spans: SpanTuple[] = [];
    this.tree.forEachRun(start, end, (length, label, at) => {
      if (label !== HUMAN) spans.push([at, at + length, label]);
    });
    return spans;
  }

  /** Attribution of `[start, end)` as runs, human included. */
  runsIn(start: number, end: number): Run[] {
    this.checkRange(start, end, 'range');
    return this.tree.runsIn(start, end);
  }

  /** Pure inserts and deletes are always plain (the policy's first rule), so typing skips the range query. */
  private shouldRemap(change: TextChange, origin: number): boolean {
    const { start, deleteLength, text } = change;
    if (deleteLength === 0 || text.length === 0) return false;
    const strategy = chooseReplaceStrategy({
      deleteLength,
      insertLength: text.length,
      oldTextKnown: true,
      deletedHoldsAi: this.tree.rangeHoldsAi(start, start + deleteLength),
      insertsAi: origin !== HUMAN,
      override: change.remap,
      whitespaceOnly: change.oldText !== text && stripWhitespace(change.oldText as string) === stripWhitespace(text),
    });
    return strategy === 'remap';
  }

  private plainReplace(start: number, del: number, text: string, origin: number, collect: boolean): Run[] | undefined {
    const removed = this.tree.delete(start, del, collect);
    if (text.length === 0) return removed;
    let label = origin;
    if (label === HUMAN && start > 0 && start < this.length && isAllWhitespace(text)) {
      label = inheritedWhitespaceOrigin(this.tree.labelAt(start - 1), this.tree.labelAt(start), true, false);
    }
    this.tree.insert(start, text.length, label);
    return removed;
  }

  private remapReplace(start: number, oldText: string, text: string, origin: number): Run[] {
    const end = start + oldText.length;
    const oldRuns = this.tree.runsIn(start, end);
    const newRuns = remapRuns(oldText, text, oldRuns, {
      insertedOrigin: origin,
      before: start > 0 ? this.tree.labelAt(start - 1) : HUMAN,
      after: end < this.length ? this.tree.labelAt(end) : HUMAN,
      limits: this.diffLimits,
    });
    this.tree.splice(start, oldText.length, newRuns, false);
    return oldRuns;
  }

  private checkRange(start: number, end: number, what: string): void {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > this.length) {
      throw new RangeError(`attribution: ${what} [${start}, ${end}) is outside the document (length ${this.length})`);
    }
  }

  private checkOrigin(id: number): void {
    if (!Number.isSafeInteger(id) || id < 0 || (this.origins !== undefined && id >= this.origins.size)) {
      throw new RangeError(
        `attribution: unknown origin id ${id}${this.origins ? ` (the table has ${this.origins.size})` : ''}`,
      );
    }
  }

  /** For tests: throws when the run tree's invariants are broken. */
  checkInvariants(): void {
    this.tree.checkInvariants();
  }
}
