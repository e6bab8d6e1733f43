/**
 * Keeps one core tracker per open document and feeds it every content change, so attribution is live before any
 * commit. Capture sources tell it which upcoming insertions are AI (`expectInsertion`); everything else is human.
 */
import * as vscode from 'vscode';
import { AttributionTracker, OriginTable, type Origin, type SpanTuple } from '../../core/attribution';
import { Disposable } from '../lifecycle';

/** Documents we track: real files and untitled buffers. Output panes, git: views and chat snapshots are not ours. */
const TRACKED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata']);

export interface AttributionChange {
  readonly document: vscode.TextDocument;
}

export class AttributionService extends Disposable {
  readonly origins = new OriginTable();
  private readonly trackers = new Map<string, AttributionTracker>();
  private readonly _onDidChange = this.register(new vscode.EventEmitter<AttributionChange>());
  readonly onDidChange = this._onDidChange.event;

  constructor() {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChange(e)));
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.trackers.delete(doc.uri.toString())));
  }

  static isTracked(doc: vscode.TextDocument): boolean {
    return TRACKED_SCHEMES.has(doc.uri.scheme) && doc.uri.scheme !== 'vscode-userdata';
  }

  /** The tracker of a document, created on demand (an empty tracker means all-human). */
  trackerFor(doc: vscode.TextDocument): AttributionTracker {
    const key = doc.uri.toString();
    let tracker = this.trackers.get(key);
    if (!tracker) {
      tracker = new AttributionTracker(doc.getText().length);
      this.trackers.set(key, tracker);
    }
    return tracker;
  }

  /** Spans of a document as `[start, end, originId]`, sorted; empty when nothing is AI. */
  spans(doc: vscode.TextDocument): readonly SpanTuple[] {
    return this.trackers.get(doc.uri.toString())?.toSpans() ?? [];
  }

  mark(doc: vscode.TextDocument, range: vscode.Range, origin: Origin): void {
    if (!AttributionService.isTracked(doc) || range.isEmpty) return;
    const id = this.origins.intern(origin);
    this.trackerFor(doc).mark(doc.offsetAt(range.start), doc.offsetAt(range.end), id);
    this._onDidChange.fire({ document: doc });
  }

  clear(doc: vscode.TextDocument, range: vscode.Range): void {
    const tracker = this.trackers.get(doc.uri.toString());
    if (!tracker || range.isEmpty) return;
    tracker.clear(doc.offsetAt(range.start), doc.offsetAt(range.end));
    this._onDidChange.fire({ document: doc });
  }

  private onDocumentChange(e: vscode.TextDocumentChangeEvent): void {
    // Dirty-state and encoding changes arrive with no content changes.
    if (e.contentChanges.length === 0) return;
    const tracker = this.trackers.get(e.document.uri.toString());
    if (!tracker) return;
    // contentChanges apply in array order, each in the coordinates produced by the ones before it.
    for (const change of e.contentChanges) {
      tracker.apply({ start: change.rangeOffset, deleteLength: change.rangeLength, text: change.text });
    }
    this._onDidChange.fire({ document: e.document });
  }
}
