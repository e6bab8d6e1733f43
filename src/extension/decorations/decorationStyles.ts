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

/** Lines only partly written by AI: a thin bar at the line's start and a mark in the overview ruler. */
export function createMixedLineDecoration(): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    borderWidth: '0 0 0 2px',
    borderStyle: 'solid',
    borderColor: new vscode.ThemeColor('aiProvenance.mixedLine'),
    overviewRulerColor: new vscode.ThemeColor('aiProvenance.mixedLine'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}
