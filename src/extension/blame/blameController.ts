/**
 * AI Blame: when toggled on, marks the AI, mixed and AI-assisted lines of every visible editor (gutter bar,
 * overview ruler, a short annotation after each run) and explains each line on hover. Committed lines come from
 * src/git/blame aiBlame (notes and commit metadata); lines not committed yet from the live attribution. git runs
 * only when an editor becomes visible, a file is saved, the window regains focus or HEAD / the notes moved; typing
 * only re-aligns the cached answer.
 */
import * as vscode from 'vscode';
import { lineView } from '../../core/attribution';
import { lineOrigin } from '../../core/blame';
import { runGit, type RepoInfo } from '../../git';
import { aiBlame, type AiBlameResult } from '../../git/blame';
import type { AttributionService } from '../attribution/attributionService';
import { Disposable, debounce } from '../lifecycle';
import { blameHover, runAnnotation } from './blameHover';
import { BlameSources, type BlameRequest } from './blameSource';
import { mapToBuffer, type BufferLine, type LiveLine } from './bufferLines';
import {
  LINE_MARKS,
  afterText,
  createAfterTextDecoration,
  createLineMarkDecoration,
  mergeLines,
  type LineMark,
} from './lineMarkStyles';
import { REVISION_SCHEME } from '../review/revisionContent';

const UPDATE_DELAY_MS = 150;
const MAX_ANNOTATIONS = 500;

/** 1-based line numbers painted per mark, and the annotation texts (tests read them). */
export type PaintedBlame = Record<LineMark, number[]> & { annotations: string[] };

interface CacheEntry {
  readonly stamp: string;
  readonly result: Promise<AiBlameResult | Error>;
}

export class BlameController extends Disposable {
  private enabled = false;
  private readonly sources = new BlameSources();
  private readonly types = new Map<LineMark, vscode.TextEditorDecorationType>();
  private readonly annotationType = this.register(createAfterTextDecoration('aiProvenance.blameAnnotation'));
  private readonly cache = new Map<string, CacheEntry>();
  private readonly lines = new Map<string, BufferLine[]>();
  private readonly painted = new Map<string, PaintedBlame>();
  private readonly saves = new Map<string, number>();
  private readonly reported = new Set<string>();
  private generation = 0;
  private pending: Promise<void> = Promise.resolve();
  private readonly scheduleFull = debounce(() => this.run(true), UPDATE_DELAY_MS);
  private readonly scheduleRemap = debounce(() => this.run(false), UPDATE_DELAY_MS);

  constructor(
    private readonly attribution: AttributionService,
    media: vscode.Uri,
    private readonly log: (message: string) => void,
  ) {
    super();
    for (const mark of LINE_MARKS) this.types.set(mark, this.register(createLineMarkDecoration(mark, media)));
    const visible = (doc: vscode.TextDocument) => vscode.window.visibleTextEditors.some((e) => e.document === doc);
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.enabled && this.scheduleFull()));
    this.register(
      vscode.workspace.onDidSaveTextDocument((doc) => {
        this.saves.set(doc.uri.toString(), (this.saves.get(doc.uri.toString()) ?? 0) + 1);
        if (this.enabled && visible(doc)) this.scheduleFull();
      }),
    );
    this.register(
      vscode.workspace.onDidChangeTextDocument(
        (e) => this.enabled && e.contentChanges.length > 0 && visible(e.document) && this.scheduleRemap(),
      ),
    );
    this.register(attribution.onDidChange(({ document }) => this.enabled && visible(document) && this.scheduleRemap()));
    this.register(vscode.window.onDidChangeWindowState((s) => this.enabled && s.focused && this.scheduleFull()));
    this.register(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        this.cache.delete(key);
        this.lines.delete(key);
        this.painted.delete(key);
        this.saves.delete(key);
      }),
    );
    this.register(
      vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'git' }, { scheme: REVISION_SCHEME }], {
        provideHover: (doc, position) => {
          if (!this.enabled) return undefined;
          const line = this.lines.get(doc.uri.toString())?.[position.line];
          const md = line && blameHover(line);
          return md ? new vscode.Hover(md, doc.lineAt(position.line).range) : undefined;
        },
      }),
    );
    this.register({
      dispose: () => {
        this.scheduleFull.cancel();
        this.scheduleRemap.cancel();
      },
    });
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.cache.clear();
    this.reported.clear();
    void vscode.commands.executeCommand('setContext', 'aiProvenance.blameOn', enabled);
    this.run(true);
  }

  /** Paints now and waits for the answer (commands and tests). */
  async refresh(): Promise<void> {
    this.scheduleFull.cancel();
    this.scheduleRemap.cancel();
    this.run(true);
    await this.pending;
  }

  /** What is painted in the visible editor of `uri`. */
  paintedLines(uri: vscode.Uri): PaintedBlame | undefined {
    return this.painted.get(uri.toString());
  }

  private run(full: boolean): void {
    const generation = ++this.generation;
    this.pending = this.paintVisible(full, generation).catch((err) =>
      this.log(`AI blame failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private async paintVisible(full: boolean, generation: number): Promise<void> {
    const editors = vscode.window.visibleTextEditors;
    if (!this.enabled) {
      for (const editor of editors) this.apply(editor, []);
      this.lines.clear();
      this.painted.clear();
      return;
    }
    const stamps = new Map<string, Promise<string>>();
    await Promise.all(
      editors.map(async (editor) => {
        const lines = await this.linesOf(editor.document, full, stamps);
        if (generation !== this.generation || !this.enabled) return;
        if (lines) this.lines.set(editor.document.uri.toString(), lines);
        this.apply(editor, lines ?? []);
      }),
    );
  }

  private async linesOf(
    doc: vscode.TextDocument,
    full: boolean,
    stamps: Map<string, Promise<string>>,
  ): Promise<BufferLine[] | undefined> {
    const key = doc.uri.toString();
    let entry = this.cache.get(key);
    if (!entry || full) {
      const lookup = await this.sources.lookup(doc).catch((err: Error) => ({ unsupported: err.message }));
      if (!lookup) return undefined;
      if ('unsupported' in lookup) {
        this.reportOnce(key, lookup.unsupported);
        return undefined;
      }
      const stamp = lookup.rev ?? `${await this.repoStamp(lookup.repo, stamps)}|${this.saves.get(key) ?? 0}`;
      if (!entry || entry.stamp !== stamp) {
        entry = {
          stamp,
          result: aiBlame(lookup.repo, lookup.relPath, blameOptions(lookup)).catch((err: Error) => err),
        };
        this.cache.set(key, entry);
      }
    }
    const result = await entry.result;
    const buffer = Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text);
    if (result instanceof Error) {
      // A file git does not track yet has no blame: every line is the live attribution's.
      if (!/no such path|does not exist|not in HEAD|no such ref|bad revision/i.test(result.message))
        this.reportOnce(key, result.message);
      return mapToBuffer([], buffer, this.live(doc));
    }
    for (const w of result.warnings) this.reportOnce(`${key}\u0000${w}`, w);
    return mapToBuffer(result.lines, buffer, this.live(doc));
  }

  /** HEAD and the notes ref: when either moves, work-tree blame is stale. */
  private repoStamp(repo: RepoInfo, stamps: Map<string, Promise<string>>): Promise<string> {
    let stamp = stamps.get(repo.root);
    if (!stamp) {
      stamp = Promise.all([
        runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: repo.root, okExitCodes: [1, 128] }),
        runGit(['for-each-ref', '--format=%(objectname)', 'refs/notes/ai-provenance'], { cwd: repo.root }),
      ]).then(
        ([head, notes]) => `${head.stdout.trim()}|${notes.stdout.trim()}`,
        () => `${Date.now()}`,
      );
      stamps.set(repo.root, stamp);
    }
    return stamp;
  }

  private live(doc: vscode.TextDocument): LiveLine[] | undefined {
    if (!this.attribution.has(doc)) return undefined;
    try {
      return lineView(doc.getText(), this.attribution.spans(doc)).map((l) => ({
        kind: l.kind,
        origins: l.origins.map((id) => lineOrigin(this.attribution.origins.get(id))),
      }));
    } catch {
      return undefined;
    }
  }

  private apply(editor: vscode.TextEditor, lines: readonly BufferLine[]): void {
    // The document changed while git ran: a re-alignment is already scheduled.
    if (lines.length > 0 && lines.length !== editor.document.lineCount) return;
    const byMark: PaintedBlame = { ai: [], mixed: [], assisted: [], annotations: [] };
    const annotations: vscode.DecorationOptions[] = [];
    lines.forEach((line, i) => {
      if (!line.mark) return;
      byMark[line.mark].push(i + 1);
      const prev = lines[i - 1];
      const startsRun = !prev || prev.mark !== line.mark || prev.blame?.commit !== line.blame?.commit;
      if (startsRun && annotations.length < MAX_ANNOTATIONS) {
        const text = afterText(runAnnotation(line));
        byMark.annotations.push(text);
        const end = editor.document.lineAt(i).range.end;
        annotations.push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: text } } });
      }
    });
    for (const mark of LINE_MARKS)
      editor.setDecorations(this.types.get(mark)!, mergeLines(byMark[mark].map((l) => l - 1)));
    editor.setDecorations(this.annotationType, annotations);
    if (lines.length > 0) this.painted.set(editor.document.uri.toString(), byMark);
    else this.painted.delete(editor.document.uri.toString());
  }

  private reportOnce(key: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log(`AI blame: ${message}`);
  }
}

function blameOptions(request: BlameRequest): { rev?: string } {
  return request.rev === undefined ? {} : { rev: request.rev };
}
