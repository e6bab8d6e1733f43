/** Hover on AI text: origin, tool, model, session and time. Plain text only: no command links, no HTML. */
import * as vscode from 'vscode';
import type { AttributionService } from '../attribution/attributionService';
import { clean, kindLabel, toolLabel } from './originText';

export function registerAttributionHover(attribution: AttributionService): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], {
    provideHover(doc, position) {
      const offset = doc.offsetAt(position);
      const span = attribution.spans(doc).find(([s, e]) => s <= offset && offset < e);
      if (!span) return undefined;
      const origin = attribution.origins.get(span[2]);
      const md = new vscode.MarkdownString(undefined, false);
      md.isTrusted = false;
      md.supportHtml = false;
      md.appendMarkdown('**AI-written** — ');
      md.appendText(kindLabel(origin.kind));
      const rows: Array<[string, string | undefined]> = [
        ['tool', toolLabel(origin)],
        ['model', origin.model && clean(origin.model)],
        ['session', origin.session && clean(origin.session, 80)],
        ['when', new Date(origin.time).toLocaleString()],
      ];
      for (const [label, value] of rows) {
        if (!value) continue;
        md.appendMarkdown(`\n\n${label}: `);
        md.appendText(value);
      }
      return new vscode.Hover(md, new vscode.Range(doc.positionAt(span[0]), doc.positionAt(span[1])));
    },
  });
}
