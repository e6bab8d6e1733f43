/**
 * Line marks shared by AI blame and review diffs: a gutter bar and an overview-ruler mark per class of line (AI,
 * mixed, AI-assisted commit), plus an after-text style for short plain-text annotations.
 */
import * as vscode from 'vscode';

/** `assisted`: the commit is AI-assisted by its metadata but has no line-level record. */
export type LineMark = 'ai' | 'mixed' | 'assisted';
export const LINE_MARKS: readonly LineMark[] = ['ai', 'mixed', 'assisted'];

const COLOR: Record<LineMark, string> = {
  ai: 'aiProvenance.blameAi',
  mixed: 'aiProvenance.blameMixed',
  assisted: 'aiProvenance.blameAssisted',
};
const BACKGROUND: Record<LineMark, string> = {
  ai: 'aiProvenance.reviewAiLineBackground',
  mixed: 'aiProvenance.reviewMixedLineBackground',
  assisted: 'aiProvenance.reviewAssistedLineBackground',
};

/** Gutter bar and ruler mark; with `background`, the whole line is tinted too (review diffs). */
export function createLineMarkDecoration(
  mark: LineMark,
  media: vscode.Uri,
  options: { background?: boolean } = {},
): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    gutterIconPath: vscode.Uri.joinPath(media, `blame-${mark}.svg`),
    gutterIconSize: 'contain',
    overviewRulerColor: new vscode.ThemeColor(COLOR[mark]),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    ...(options.background ? { backgroundColor: new vscode.ThemeColor(BACKGROUND[mark]) } : {}),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

/** Muted text after the end of a line; the text itself is given per range (renderOptions.after.contentText). */
export function createAfterTextDecoration(color: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor(color), margin: '0 0 0 2em', fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

/** Consecutive 0-based line numbers as whole-line ranges, one per run. */
export function mergeLines(lines: readonly number[]): vscode.Range[] {
  const sorted = [...lines].sort((a, b) => a - b);
  const out: vscode.Range[] = [];
  let start = -1;
  let prev = -2;
  for (const line of sorted) {
    if (line === prev) continue;
    if (line !== prev + 1) {
      if (start >= 0) out.push(new vscode.Range(start, 0, prev, 0));
      start = line;
    }
    prev = line;
  }
  if (start >= 0) out.push(new vscode.Range(start, 0, prev, 0));
  return out;
}

/** One line of plain text for after-text decorations: no control characters, bounded. */
export function afterText(text: string, max = 120): string {
  const flat = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
