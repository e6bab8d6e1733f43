/** Decoration types for AI text, one per origin family, created once per configuration. */
import * as vscode from 'vscode';
import type { OriginFamily } from '../../core/attribution';

export const FAMILIES: readonly OriginFamily[] = ['completion', 'chat-agent', 'paste-manual'];

const COLOR_ID: Record<OriginFamily, string> = {
  completion: 'completion',
  'chat-agent': 'chatAgent',
  'paste-manual': 'pasteManual',
};

/** `aiProvenance.annotations.style`: a tint behind AI text, a dotted underline, or overview-ruler marks only. */
export type AnnotationStyle = 'background' | 'underline' | 'ruler';

export function annotationStyle(): AnnotationStyle {
  const value = vscode.workspace.getConfiguration('aiProvenance').get<string>('annotations.style', 'background');
  return value === 'underline' || value === 'ruler' ? value : 'background';
}

export function createFamilyDecoration(
  family: OriginFamily,
  style: AnnotationStyle = 'background',
): vscode.TextEditorDecorationType {
  const id = COLOR_ID[family];
  const look: vscode.DecorationRenderOptions =
    style === 'background'
      ? {
          backgroundColor: new vscode.ThemeColor(`aiProvenance.${id}Background`),
          border: '1px solid',
          borderColor: new vscode.ThemeColor('aiProvenance.border'),
        }
      : style === 'underline'
        ? {
            borderStyle: 'none none dotted none',
            borderWidth: '0 0 1px 0',
            borderColor: new vscode.ThemeColor(`aiProvenance.${id}Ruler`),
          }
        : {};
  return vscode.window.createTextEditorDecorationType({
    ...look,
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
