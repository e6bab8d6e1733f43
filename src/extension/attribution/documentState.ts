/**
 * One tracked document: its core tracker and a mirror of its text as of the last event. VS Code reports a change
 * only after applying it, so the mirror is what lets the tracker see the replaced text (needed to remap coarse
 * replaces such as reload-from-disk or a formatter, and to remember removed AI text for undo/redo).
 */
import {
  AttributionTracker,
  coalesceSplitEdit,
  widenToWords,
  coalesceWhitespaceEvent,
  type OriginTable,
  type Run,
  type SpanTuple,
  type TextChange,
} from '../../core/attribution';

export interface RawChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

export class DocumentState {
  private mirror: string;

  constructor(
    text: string,
    readonly tracker: AttributionTracker,
  ) {
    this.mirror = text;
  }

  static empty(text: string, origins: OriginTable): DocumentState {
    return new DocumentState(text, new AttributionTracker(text.length, { origins }));
  }

  static fromSpans(text: string, spans: readonly SpanTuple[], origins: OriginTable): DocumentState {
    return new DocumentState(text, AttributionTracker.fromSpans(text.length, spans, { origins }));
  }

  /**
   * Applies one event's changes in order. `origin` attributes the inserted text to AI; `reason` marks undo/redo.
   * Returns false when the mirror disagrees with the editor (a missed event): the caller then resynchronises.
   */
  applyEvent(
    changes: readonly RawChange[],
    origin: number | undefined,
    reason: 'undo' | 'redo' | undefined,
    expectedLength: () => number,
  ): boolean {
    const extra = origin === undefined ? {} : { origin };
    // A formatter's event of many small edits that only moves whitespace is one replace (see eventCoalesce).
    const whole =
      changes.length > 1 && reason === undefined && this.tracker.spanCount > 0
        ? coalesceWhitespaceEvent(
            this.mirror,
            changes.map((c) => ({ start: c.rangeOffset, deleteLength: c.rangeLength, text: c.text })),
          )
        : undefined;
    if (whole)
      return this.applyEach(
        [{ rangeOffset: whole.start, rangeLength: whole.deleteLength, text: whole.text }],
        { ...extra, remap: true },
        undefined,
        expectedLength,
      );
    // An extension's replace that VS Code split into small edits is one replace again (no known source only: an
    // attributed event is the tool's own text whatever its shape).
    const split =
      changes.length > 1 && reason === undefined && origin === undefined && this.tracker.spanCount > 0
        ? coalesceSplitEdit(
            this.mirror,
            changes.map((c) => ({ start: c.rangeOffset, deleteLength: c.rangeLength, text: c.text })),
          )
        : undefined;
    if (split)
      return this.applyEach(
        [{ rangeOffset: split.start, rangeLength: split.deleteLength, text: split.text }],
        extra,
        undefined,
        expectedLength,
      );
    return this.applyEach(changes, extra, reason, expectedLength);
  }

  /** Applies a paste whose inserted text carries exact attribution `runs` (AI text copied inside VS Code). */
  applyPaste(changes: readonly RawChange[], runs: readonly Run[], expectedLength: () => number): boolean {
    return this.applyEach(changes, { insertedRuns: runs }, undefined, expectedLength);
  }

  private applyEach(
    changes: readonly RawChange[],
    extra: Partial<TextChange>,
    reason: 'undo' | 'redo' | undefined,
    expectedLength: () => number,
  ): boolean {
    // A replace with no known source inside a word covers the whole word, so a new word is human as a whole.
    const plain = extra.origin === undefined && extra.insertedRuns === undefined;
    for (const raw of changes) {
      if (raw.rangeOffset + raw.rangeLength > this.mirror.length) return false;
      const c = plain
        ? widenToWords(this.mirror, { start: raw.rangeOffset, deleteLength: raw.rangeLength, text: raw.text })
        : { start: raw.rangeOffset, deleteLength: raw.rangeLength, text: raw.text };
      const end = c.start + c.deleteLength;
      const oldText = this.mirror.slice(c.start, end);
      this.tracker.apply({ ...extra, ...c, oldText }, reason ? { reason } : {});
      this.mirror = this.mirror.slice(0, c.start) + c.text + this.mirror.slice(end);
    }
    // Cheap length check every event; comparing whole texts would cost as much as the edit itself.
    return this.mirror.length === expectedLength();
  }

  /** Replaces the whole text (the mirror drifted or the file was reloaded): remaps attribution through a diff. */
  resync(newText: string): void {
    const old = this.mirror;
    if (old === newText) return;
    this.tracker.apply({ start: 0, deleteLength: old.length, text: newText, oldText: old, remap: true });
    this.mirror = newText;
  }
}
