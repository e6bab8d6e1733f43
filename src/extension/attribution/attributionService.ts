/**
 * Keeps one core tracker per document that has (or just got) AI text and feeds it every content change, so
 * attribution is live before any commit. Capture sources announce which upcoming insertion is AI with
 * `expectInsertion`; everything else is human.
 */
import * as vscode from 'vscode';
import {
  HUMAN,
  OriginTable,
  originFromEditSource,
  readEditSource,
  type Origin,
  type Run,
  type SpanTuple,
} from '../../core/attribution';
import { Disposable } from '../lifecycle';
import { DocumentState } from './documentState';

/** A pending AI insertion: changes to `uri` before `until` are attributed to `origin`. */
interface Lease {
  readonly uri: string;
  readonly origin: number;
  until: number;
  /** When set, only a change inserting exactly this text is attributed (pastes). */
  readonly text?: string;
  /** Exact attribution of `text` (a paste of AI text copied inside VS Code). */
  readonly runs?: readonly Run[];
}

export interface AttributionChange {
  readonly document: vscode.TextDocument;
  /** What changed the attribution: an edit of the text, a mark/clear, or spans restored from the working state. */
  readonly cause: 'edit' | 'mark' | 'restore';
}

/** How long a lease stays armed after its command finished: the document event trails the command's result. */
const LEASE_GRACE_MS = 400;

export class AttributionService extends Disposable {
  readonly origins = new OriginTable();
  private readonly docs = new Map<string, DocumentState>();
  private readonly leases = new Map<string, Lease>();
  private readonly _onDidChange = this.register(new vscode.EventEmitter<AttributionChange>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidInsert = this.register(
    new vscode.EventEmitter<{
      document: vscode.TextDocument;
      changes: readonly vscode.TextDocumentContentChangeEvent[];
      attributed: boolean;
    }>(),
  );
  private readonly _onWillForget = this.register(new vscode.EventEmitter<vscode.TextDocument>());
  /** Fires while a closing document's spans still exist, so they can be saved. */
  readonly onWillForget = this._onWillForget.event;
  /** Every content change we saw, and whether a lease attributed it (paste capture and tests listen). */
  readonly onDidInsert = this._onDidInsert.event;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChange(e)));
    // Untitled URIs are reused after close: state must not outlive its document (persistence saved it already).
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)));
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (this.docs.has(key)) this._onWillForget.fire(doc);
    this.docs.delete(key);
    this.leases.delete(key);
  }

  /** Documents whose text we attribute: files on disk and untitled buffers. Git, output and chat snapshots are not. */
  static isTracked(doc: vscode.TextDocument): boolean {
    return doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote';
  }

  has(doc: vscode.TextDocument): boolean {
    return this.docs.has(doc.uri.toString());
  }

  private ensure(doc: vscode.TextDocument): DocumentState {
    const key = doc.uri.toString();
    let state = this.docs.get(key);
    if (!state) {
      state = DocumentState.empty(doc.getText(), this.origins);
      this.docs.set(key, state);
    }
    return state;
  }

  /** Installs attribution restored from disk (persistence); replaces whatever was tracked. */
  restore(doc: vscode.TextDocument, spans: readonly SpanTuple[]): void {
    this.docs.set(doc.uri.toString(), DocumentState.fromSpans(doc.getText(), spans, this.origins));
    this._onDidChange.fire({ document: doc, cause: 'restore' });
  }

  /** Attributed spans `[start, end, originId]`, sorted; empty when nothing is AI. */
  spans(doc: vscode.TextDocument): readonly SpanTuple[] {
    return this.docs.get(doc.uri.toString())?.tracker.toSpans() ?? [];
  }

  /** Attribution of `[start, end)` as runs (copy support). */
  runsIn(doc: vscode.TextDocument, start: number, end: number): Run[] | undefined {
    return this.docs.get(doc.uri.toString())?.tracker.runsIn(start, end);
  }

  /** Attribution of AI text recently removed from the document `uri` (a cut the caller saw), found by the text itself. */
  recentlyRemoved(uri: string, text: string): { runs: readonly Run[]; origin: Origin } | undefined {
    const runs = this.docs.get(uri)?.tracker.undoCache.recall(text);
    const first = runs?.find((r) => r.origin !== HUMAN);
    return runs && first ? { runs, origin: this.origins.get(first.origin) } : undefined;
  }

  mark(doc: vscode.TextDocument, range: vscode.Range, origin: Origin): void {
    if (!AttributionService.isTracked(doc) || range.isEmpty) return;
    const id = this.origins.intern(origin);
    this.ensure(doc).tracker.mark(doc.offsetAt(range.start), doc.offsetAt(range.end), id);
    this._onDidChange.fire({ document: doc, cause: 'mark' });
  }

  clear(doc: vscode.TextDocument, range: vscode.Range): void {
    const state = this.docs.get(doc.uri.toString());
    if (!state || range.isEmpty) return;
    state.tracker.clear(doc.offsetAt(range.start), doc.offsetAt(range.end));
    this._onDidChange.fire({ document: doc, cause: 'mark' });
  }

  /**
   * Attributes the next insertion into `doc` to `origin`, until `release()` is called plus a short grace period.
   * With `text`, only a change inserting exactly that text counts (and `runs` gives its exact attribution).
   */
  expectInsertion(
    doc: vscode.TextDocument,
    origin: Origin,
    options: { text?: string; runs?: readonly Run[]; ttlMs?: number } = {},
  ): { release(): void } {
    if (!AttributionService.isTracked(doc)) return { release: () => undefined };
    this.ensure(doc);
    const lease: Lease = {
      uri: doc.uri.toString(),
      origin: this.origins.intern(origin),
      until: this.now() + (options.ttlMs ?? 30_000),
      ...(options.text === undefined ? {} : { text: options.text }),
      ...(options.runs === undefined ? {} : { runs: options.runs }),
    };
    this.leases.set(lease.uri, lease);
    return {
      release: () => {
        lease.until = Math.min(lease.until, this.now() + LEASE_GRACE_MS);
      },
    };
  }

  private takeLease(uri: string, changes: readonly vscode.TextDocumentContentChangeEvent[]): Lease | undefined {
    const lease = this.leases.get(uri);
    if (!lease) return undefined;
    if (lease.until < this.now()) {
      this.leases.delete(uri);
      return undefined;
    }
    if (lease.text !== undefined && !changes.every((c) => c.text === lease.text)) return undefined;
    // One event per lease: typing that follows an accept is the user's.
    this.leases.delete(uri);
    return lease;
  }

  private originFromSource(e: vscode.TextDocumentChangeEvent): number | undefined {
    // Every keystroke passes here: look at the (usually absent) edit source before reading any setting.
    const edit = readEditSource(e);
    if (!edit || !AttributionService.isTracked(e.document)) return undefined;
    if (!vscode.workspace.getConfiguration('aiProvenance').get<boolean>('capture.chatEdits', true)) return undefined;
    const origin = originFromEditSource(edit, this.now());
    return origin ? this.origins.intern(origin) : undefined;
  }

  /** State for a document seen for the first time in a change event: rebuilt as of just before that event. */
  private ensureBefore(e: vscode.TextDocumentChangeEvent): DocumentState {
    const existing = this.docs.get(e.document.uri.toString());
    if (existing) return existing;
    let text = e.document.getText();
    // Undo the event's changes, last first, to recover the text they were applied to.
    for (let i = e.contentChanges.length - 1; i >= 0; i--) {
      const c = e.contentChanges[i];
      text = text.slice(0, c.rangeOffset) + '\u0000'.repeat(c.rangeLength) + text.slice(c.rangeOffset + c.text.length);
    }
    const state = DocumentState.empty(text, this.origins);
    this.docs.set(e.document.uri.toString(), state);
    return state;
  }

  private onDocumentChange(e: vscode.TextDocumentChangeEvent): void {
    // Dirty-state and encoding changes arrive with no content changes.
    if (e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    const lease = this.takeLease(key, e.contentChanges);
    // Editors that expose the edit source (a proposed API) name chat and completion edits themselves.
    const sourced = lease ? undefined : this.originFromSource(e);
    const state = sourced ? this.ensureBefore(e) : this.docs.get(key);
    this._onDidInsert.fire({ document: e.document, changes: e.contentChanges, attributed: lease !== undefined });
    if (!state) return;
    const reason =
      e.reason === vscode.TextDocumentChangeReason.Undo
        ? 'undo'
        : e.reason === vscode.TextDocumentChangeReason.Redo
          ? 'redo'
          : undefined;
    const doc = e.document;
    const endOffset = () => doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    let ok: boolean;
    if (lease?.runs) {
      ok = state.applyPaste(e.contentChanges, lease.runs, endOffset);
    } else {
      ok = state.applyEvent(e.contentChanges, lease?.origin ?? sourced, reason, endOffset);
    }
    if (!ok) state.resync(doc.getText());
    this._onDidChange.fire({ document: doc, cause: 'edit' });
  }
}
