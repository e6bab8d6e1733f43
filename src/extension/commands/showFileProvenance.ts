/** "Show File Provenance": the active file's AI text broken down by origin; picking one reveals its first span. */
import * as vscode from 'vscode';
import { lineView } from '../../core/attribution';
import type { AttributionService } from '../attribution/attributionService';
import { CommandId } from '../commandIds';
import { originSummary } from '../views/originText';

export function registerShowFileProvenance(attribution: AttributionService): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ShowFileProvenance, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const doc = editor.document;
    const spans = attribution.spans(doc);
    if (spans.length === 0) {
      void vscode.window.showInformationMessage('AI Provenance: no AI-written text is recorded in this file.');
      return;
    }
    const lines = lineView(doc.getText(), spans);
    const byOrigin = new Map<number, { chars: number; first: number; lines: number }>();
    for (const [start, end, id] of spans) {
      const entry = byOrigin.get(id) ?? { chars: 0, first: start, lines: 0 };
      entry.chars += end - start;
      byOrigin.set(id, entry);
    }
    for (const line of lines) for (const id of line.origins) byOrigin.get(id)!.lines++;
    const ai = lines.filter((l) => l.kind === 'ai').length;
    const mixed = lines.filter((l) => l.kind === 'mixed').length;
    const items = [...byOrigin.entries()].map(([id, e]) => ({
      label: originSummary(attribution.origins.get(id)),
      description: `${e.lines} lines, ${e.chars} characters`,
      detail: new Date(attribution.origins.get(id).time).toLocaleString(),
      first: e.first,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `AI Provenance: ${ai} AI + ${mixed} mixed of ${lines.length} lines`,
      placeHolder: 'Pick an origin to reveal its text',
    });
    if (picked) {
      const pos = doc.positionAt(picked.first);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  });
}
