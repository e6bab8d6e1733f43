/**
 * Paints AI text in visible editors: one setDecorations call per family per editor, debounced, visible editors only.
 * Remembers what it painted so tests (and the status bar) can read exactly the ranges on screen.
 */
import * as vscode from 'vscode';
import { lineView, originFamily, type OriginFamily } from '../../core/attribution';
import type { AttributionService } from '../attribution/attributionService';
import { Disposable, debounce } from '../lifecycle';
import { FAMILIES, annotationStyle, createFamilyDecoration, createMixedLineDecoration } from './decorationStyles';

const UPDATE_DELAY_MS = 120;

/** Character ranges per family, and the 0-based numbers of mixed lines. */
export type PaintedRanges = Record<OriginFamily, Array<[number, number]>> & { mixedLines: number[] };

export class DecorationController extends Disposable {
  private readonly types = new Map<OriginFamily, vscode.TextEditorDecorationType>();
  private readonly mixedType = this.register(createMixedLineDecoration());
  private readonly painted = new Map<string, PaintedRanges>();
  private enabled: boolean;
  private readonly schedule = debounce(() => this.paintVisible(), UPDATE_DELAY_MS);

  constructor(private readonly attribution: AttributionService) {
    super();
    this.enabled = vscode.workspace.getConfiguration('aiProvenance').get<boolean>('annotations.enabled', true);
    this.createTypes();
    this.register({ dispose: () => this.types.forEach((t) => t.dispose()) });
    this.register(attribution.onDidChange(() => this.schedule()));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('aiProvenance.annotations.style')) {
          // Decoration types are fixed at creation: recreate them once per configuration change.
          this.types.forEach((t) => t.dispose());
          this.createTypes();
          this.paintVisible();
        }
        if (e.affectsConfiguration('aiProvenance.annotations.enabled')) {
          this.setEnabled(vscode.workspace.getConfiguration('aiProvenance').get<boolean>('annotations.enabled', true));
        }
      }),
    );
    this.register({ dispose: () => this.schedule.cancel() });
    this.schedule();
  }

  private createTypes(): void {
    const style = annotationStyle();
    for (const family of FAMILIES) this.types.set(family, createFamilyDecoration(family, style));
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.paintVisible();
  }

  /** Paints now instead of after the debounce (tests and commands that want an immediate result). */
  flush(): void {
    this.schedule.flush();
  }

  /** What was last painted in the editor showing `uri`, as document offsets per family. */
  paintedRanges(uri: vscode.Uri): PaintedRanges | undefined {
    return this.painted.get(uri.toString());
  }

  private paintVisible(): void {
    this.painted.clear();
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  private paint(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const byFamily: PaintedRanges = { completion: [], 'chat-agent': [], 'paste-manual': [], mixedLines: [] };
    const spans = this.enabled ? this.attribution.spans(doc) : [];
    if (spans.length > 0) {
      lineView(doc.getText(), spans).forEach((line, i) => line.kind === 'mixed' && byFamily.mixedLines.push(i));
      for (const [start, end, originId] of spans) {
        const list = byFamily[originFamily(this.attribution.origins.get(originId).kind)];
        const last = list[list.length - 1];
        // Adjacent spans of one family paint as one range: fewer ranges, same picture.
        if (last && last[1] === start) last[1] = end;
        else list.push([start, end]);
      }
    }
    for (const family of FAMILIES) {
      const ranges = byFamily[family].map(([s, e]) => new vscode.Range(doc.positionAt(s), doc.positionAt(e)));
      editor.setDecorations(this.types.get(family)!, ranges);
    }
    editor.setDecorations(
      this.mixedType,
      byFamily.mixedLines.map((line) => new vscode.Range(line, 0, line, 0)),
    );
    this.painted.set(doc.uri.toString(), byFamily);
  }
}
