/**
 * Pastes are human by default. AI text copied inside VS Code keeps its origin when pasted (the copy hook puts its
 * attribution on the clipboard under our own mime type); "Paste as AI-Generated" and "Mark Last Paste as AI" turn a
 * paste of code copied from a browser chat into `paste-ai`.
 */
import * as vscode from 'vscode';
import { HUMAN, RecentCuts, type LineRange, type Origin, type Run } from '../../core/attribution';
import type { AttributionService } from '../attribution/attributionService';
import { Disposable } from '../lifecycle';

const ATTRIBUTION_MIME = 'application/vnd.ai-provenance.attribution+json';

/** What we put on the clipboard: the copied text and its runs, with the origins they point at. */
interface ClipboardAttribution {
  readonly text: string;
  readonly runs: ReadonlyArray<{ length: number; origin: number }>;
  readonly origins: readonly Origin[];
}

interface LastPaste {
  readonly uri: string;
  readonly start: number;
  readonly text: string;
}

const PASTE_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('aiProvenance', 'attributed');

export class PasteCapture extends Disposable implements vscode.DocumentPasteEditProvider {
  private expected: { uri: string; text: string } | undefined;
  private last: LastPaste | undefined;
  /** Removals that were cuts (a deletion and the copy hook for one range): only their text is recognised on paste. */
  private readonly cuts = new RecentCuts();

  constructor(
    private readonly attribution: AttributionService,
    private readonly now: () => number = Date.now,
  ) {
    super();
    const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];
    this.register(
      vscode.languages.registerDocumentPasteEditProvider(selector, this, {
        providedPasteEditKinds: [PASTE_KIND],
        copyMimeTypes: [ATTRIBUTION_MIME],
        pasteMimeTypes: [ATTRIBUTION_MIME, 'text/plain'],
      }),
    );
    this.register(
      attribution.onDidInsert(({ document, changes }) => {
        this.observe(document, changes);
        this.noteDeletions(document, changes);
      }),
    );
    this.register(vscode.commands.registerCommand('aiProvenance.pasteAsAi', () => this.pasteAsAi()));
    this.register(vscode.commands.registerCommand('aiProvenance.markLastPasteAsAi', () => this.markLastPaste()));
  }

  /** Copy or cut: remember the attribution of the copied text when any of it is AI. */
  prepareDocumentPaste(
    document: vscode.TextDocument,
    ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer,
  ): void {
    // On cut the range already points past the removed text; the paste side recovers it from recentlyRemoved.
    if (ranges.length === 1) this.cuts.noteCopy(document.uri.toString(), lineRange(ranges[0]), this.now());
    if (ranges.length !== 1 || ranges[0].end.isAfter(document.lineAt(document.lineCount - 1).range.end)) return;
    const start = document.offsetAt(ranges[0].start);
    const end = document.offsetAt(ranges[0].end);
    const runs = this.attribution.runsIn(document, start, end);
    if (!runs || !runs.some((r) => r.origin !== HUMAN)) return;
    const ids = [...new Set(runs.filter((r) => r.origin !== HUMAN).map((r) => r.origin))];
    const payload: ClipboardAttribution = {
      text: document.getText(ranges[0]),
      runs: runs.map((r) => ({ length: r.length, origin: r.origin === HUMAN ? -1 : ids.indexOf(r.origin) })),
      origins: ids.map((id) => this.attribution.origins.get(id)),
    };
    dataTransfer.set(ATTRIBUTION_MIME, new vscode.DataTransferItem(JSON.stringify(payload)));
  }

  /** Runs just before a paste. Returns no edit (the normal paste goes ahead) but arms attribution for it. */
  async provideDocumentPasteEdits(
    document: vscode.TextDocument,
    ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer,
  ): Promise<undefined> {
    const text = await dataTransfer.get('text/plain')?.asString();
    if (text === undefined) return undefined;
    this.expected = { uri: document.uri.toString(), text };
    const raw = await dataTransfer.get(ATTRIBUTION_MIME)?.asString();
    // A cut reaches the copy hook after the text is gone; what it removed is still known by its text. Only a cut's:
    // text pasted from outside that equals AI text deleted some other way stays human.
    const cutFrom = this.cuts.cutOf(text.length, this.now());
    const carried =
      (raw === undefined ? undefined : this.parse(raw, text)) ??
      (cutFrom === undefined ? undefined : this.attribution.recentlyRemoved(cutFrom, text));
    if (carried && ranges.length === 1 && isEnabled())
      this.attribution.expectInsertion(document, carried.origin, { text, runs: carried.runs, ttlMs: 5000 });
    return undefined;
  }

  private parse(raw: string, pasted: string): { runs: Run[]; origin: Origin } | undefined {
    try {
      const data = JSON.parse(raw) as ClipboardAttribution;
      if (data.text !== pasted || !Array.isArray(data.runs) || !Array.isArray(data.origins)) return undefined;
      const ids = data.origins.map((o) => this.attribution.origins.intern(o));
      const runs: Run[] = data.runs.map((r) => ({ length: r.length, origin: r.origin < 0 ? HUMAN : ids[r.origin] }));
      if (runs.reduce((n, r) => n + r.length, 0) !== pasted.length || runs.some((r) => r.origin === undefined))
        return undefined;
      return { runs, origin: data.origins[0] };
    } catch {
      return undefined;
    }
  }

  /** Single-range removals that insert nothing may be the deletion half of a cut. */
  private noteDeletions(
    document: vscode.TextDocument,
    changes: readonly vscode.TextDocumentContentChangeEvent[],
  ): void {
    if (changes.length !== 1 || changes[0].text !== '' || changes[0].rangeLength === 0) return;
    this.cuts.noteDeletion(document.uri.toString(), lineRange(changes[0].range), changes[0].rangeLength, this.now());
  }

  /** Notes where the expected paste landed, for "Mark Last Paste as AI". */
  private observe(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const expected = this.expected;
    if (!expected || expected.uri !== document.uri.toString()) return;
    const change = changes.find((c) => c.text === expected.text);
    if (!change) return;
    this.expected = undefined;
    this.last = { uri: expected.uri, start: change.rangeOffset, text: expected.text };
  }

  private async pasteAsAi(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const text = await vscode.env.clipboard.readText();
    if (!text) {
      void vscode.window.showInformationMessage('AI Provenance: the clipboard holds no text to paste.');
      return;
    }
    const lease = this.attribution.expectInsertion(editor.document, this.pasteOrigin(), { text, ttlMs: 5000 });
    try {
      await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    } finally {
      lease.release();
    }
  }

  private markLastPaste(): void {
    const last = this.last;
    const doc = last && vscode.workspace.textDocuments.find((d) => d.uri.toString() === last.uri);
    if (!last || !doc || doc.getText().slice(last.start, last.start + last.text.length) !== last.text) {
      void vscode.window.showInformationMessage(
        'AI Provenance: there is no recent paste to mark (or it was edited since).',
      );
      return;
    }
    this.attribution.mark(
      doc,
      new vscode.Range(doc.positionAt(last.start), doc.positionAt(last.start + last.text.length)),
      this.pasteOrigin(),
    );
  }

  private pasteOrigin(): Origin {
    return { kind: 'paste-ai', tool: 'user-marked paste', time: this.now() };
  }
}

function lineRange(r: vscode.Range): LineRange {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('aiProvenance').get<boolean>('capture.paste', true);
}
