/** Decoration types for AI text, one per origin family, created once per configuration. */
import * as vscode from 'vscode';
import type { OriginFamily } from '../../core/attribution';

export const FAMILIES: readonly OriginFamily[] = ['completion', 'chat-agent', 'paste-manual'];

const COLOR_ID: Record<OriginFamily, string> = {
  completion: 'completion',
  'chat-agent': 'chatAgent',
  'paste-manual': 'pasteManual',
};

export function createFamilyDecoration(family: OriginFamily): vscode.TextEditorDecorationType {
  const id = COLOR_ID[family];
  return vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(`aiProvenance.${id}Background`),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('aiProvenance.border'),
    overviewRulerColor: new vscode.ThemeColor(`aiProvenance.${id}Ruler`),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    // Typing at the edges of an AI region must not grow it, even between two of our updates.
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}
