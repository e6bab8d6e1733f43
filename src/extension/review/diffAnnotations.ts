/**
 * Annotates the two sides of review diffs: on the new side, the AI / mixed / AI-assisted lines the change added
 * (tinted, gutter bar, ruler mark), whether each AI hunk is reviewed, and the checklist findings as a short text
 * after their first line with the full text on hover; findings about removed lines go on the old side.
 * One setDecorations per type per visible editor, debounced.
 */
import * as vscode from 'vscode';
import { isAiAuthorship } from '../../core/blame';
import { toRepoRelativePath } from '../../git';
import {
  LINE_MARKS,
  afterText,
  createAfterTextDecoration,
  createLineMarkDecoration,
  mergeLines,
  type LineMark,
} from '../blame/lineMarkStyles';
import { markOf } from '../blame/bufferLines';
import { Disposable, debounce } from '../lifecycle';
import type { LoadedReview } from './reviewLoader';
import type { FindingEntry } from './reviewModel';
import type { ReviewSession } from './reviewSession';
import { REVISION_SCHEME, parseRevisionUri } from './revisionContent';

const UPDATE_DELAY_MS = 120;

/** Which side of a review diff a document is, and the repo-relative path it shows. */
export interface ReviewSide {
  readonly side: 'base' | 'head';
  readonly path: string;
}

/** 1-based lines per mark, finding annotations and hunk states (tests read them). */
export interface PaintedReview {
  readonly side: 'base' | 'head';
  readonly ai: number[];
  readonly mixed: number[];
  readonly assisted: number[];
  readonly findings: Array<{ line: number; text: string }>;
  readonly hunks: Array<{ line: number; text: string }>;
}

export function reviewSideOf(review: LoadedReview, uri: vscode.Uri): ReviewSide | undefined {
  if (uri.scheme === REVISION_SCHEME) {
    let ref;
    try {
      ref = parseRevisionUri(uri);
    } catch {
      return undefined;
    }
    if (ref.root !== review.repo.root) return undefined;
    if (review.headCommit !== null && ref.rev === review.headCommit) return { side: 'head', path: ref.path };
    if (ref.rev === review.baseCommit || ref.rev === '') return { side: 'base', path: ref.path };
    return undefined;
  }
  // A work-tree review shows files themselves on the new side: only those opened as our diff count.
  if (uri.scheme === 'file' && review.headCommit === null && inOurDiff(uri)) {
    const rel = toRepoRelativePath(review.repo, uri.fsPath);
    return rel === undefined ? undefined : { side: 'head', path: rel };
  }
  return undefined;
}

function inOurDiff(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some(
      (t) =>
        t.input instanceof vscode.TabInputTextDiff &&
        t.input.modified.toString() === key &&
        t.input.original.scheme === REVISION_SCHEME,
    ),
  );
}

export class DiffAnnotations extends Disposable {
  private readonly marks = new Map<LineMark, vscode.TextEditorDecorationType>();
  private readonly findingType = this.register(createAfterTextDecoration('aiProvenance.reviewFinding'));
  private readonly hunkType = this.register(createAfterTextDecoration('aiProvenance.blameAnnotation'));
  private readonly painted = new Map<string, PaintedReview>();
  private readonly schedule = debounce(() => this.paintVisible(), UPDATE_DELAY_MS);

  constructor(
    private readonly session: ReviewSession,
    media: vscode.Uri,
  ) {
    super();
    for (const mark of LINE_MARKS)
      this.marks.set(mark, this.register(createLineMarkDecoration(mark, media, { background: true })));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.syncContext()));
    this.register(
      session.onDidChange(() => {
        this.schedule();
        this.syncContext();
      }),
    );
    this.register({ dispose: () => this.schedule.cancel() });
  }

  /** Paints now (commands that just opened a diff, tests). */
  flush(): void {
    this.schedule.cancel();
    this.paintVisible();
  }

  paintedFor(uri: vscode.Uri): PaintedReview | undefined {
    return this.painted.get(uri.toString());
  }

  private syncContext(): void {
    const review = this.session.review;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const inDiff = Boolean(review && uri && reviewSideOf(review, uri));
    void vscode.commands.executeCommand('setContext', 'aiProvenance.inReviewDiff', inDiff);
  }

  private paintVisible(): void {
    this.painted.clear();
    const review = this.session.review;
    for (const editor of vscode.window.visibleTextEditors) {
      const side = review && reviewSideOf(review, editor.document.uri);
      if (review && side) this.paint(editor, review, side);
      else if (review || this.hasOurs(editor)) this.clear(editor);
    }
  }

  private hasOurs(editor: vscode.TextEditor): boolean {
    return editor.document.uri.scheme === REVISION_SCHEME || editor.document.uri.scheme === 'file';
  }

  private clear(editor: vscode.TextEditor): void {
    for (const type of this.marks.values()) editor.setDecorations(type, []);
    editor.setDecorations(this.findingType, []);
    editor.setDecorations(this.hunkType, []);
  }

  private paint(editor: vscode.TextEditor, review: LoadedReview, { side, path }: ReviewSide): void {
    const doc = editor.document;
    const out: PaintedReview = { side, ai: [], mixed: [], assisted: [], findings: [], hunks: [] };
    const file = review.model.files.find((f) => (side === 'head' ? f.newPath === path : f.oldPath === path));
    const hunkOptions: vscode.DecorationOptions[] = [];
    if (side === 'head') {
      for (const [line, source] of review.model.addedLines.get(path) ?? []) {
        const mark = isAiAuthorship(source.authorship) ? markOf(source.authorship) : undefined;
        if (mark && line <= doc.lineCount) out[mark].push(line);
      }
      for (const h of file?.hunks ?? []) {
        if (h.kind === 'human' || h.startLine > doc.lineCount) continue;
        const reviewed = this.session.reviewedKeys.has(h.key);
        const text = `${h.kind === 'ai' ? 'AI' : 'mixed'} hunk · ${reviewed ? '✓ reviewed' : 'not reviewed'}`;
        out.hunks.push({ line: h.startLine, text });
        hunkOptions.push(endOfLine(doc, h.startLine, text));
      }
    }
    const findings: FindingEntry[] = review.model.findings.filter(
      ({ finding: f }) => f.range && f.range.side === (side === 'head' ? 'new' : 'old') && f.file === path,
    );
    const findingOptions: vscode.DecorationOptions[] = [];
    for (const { finding: f } of findings) {
      const line = f.range!.start;
      if (line < 1 || line > doc.lineCount) continue;
      const text = afterText(`⚑ ${f.title}: ${f.why}`, 140);
      out.findings.push({ line, text });
      const hover = new vscode.MarkdownString(undefined, false);
      hover.isTrusted = false;
      hover.supportHtml = false;
      hover.appendMarkdown('**');
      hover.appendText(`${f.title} (${f.severity}${f.inAi ? ', in AI-written lines' : ''})`);
      hover.appendMarkdown('**\n\n');
      hover.appendText(f.why);
      hover.appendMarkdown('\n\n');
      hover.appendText(`What to do: ${f.whatToDo}`);
      // The whole first line carries the hover; the text sits after its end.
      findingOptions.push({
        range: doc.lineAt(line - 1).range,
        hoverMessage: hover,
        renderOptions: { after: { contentText: text } },
      });
    }
    for (const mark of LINE_MARKS)
      editor.setDecorations(this.marks.get(mark)!, mergeLines(out[mark].map((l) => l - 1)));
    editor.setDecorations(this.findingType, findingOptions);
    editor.setDecorations(this.hunkType, hunkOptions);
    this.painted.set(doc.uri.toString(), out);
  }
}

function endOfLine(doc: vscode.TextDocument, line: number, text: string): vscode.DecorationOptions {
  const end = doc.lineAt(line - 1).range.end;
  return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: text } } };
}
