/** Status bar item: the AI share of the active file's lines; a click opens the breakdown by origin. */
import * as vscode from 'vscode';
import { summarizeAttribution } from '../../core/attribution';
import type { AttributionService } from '../attribution/attributionService';
import { Disposable, debounce } from '../lifecycle';
import { CommandId } from '../commandIds';

export class AttributionStatusBar extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('aiProvenance.share', vscode.StatusBarAlignment.Right, 100),
  );
  private readonly update = debounce(() => this.render(), 200);

  constructor(private readonly attribution: AttributionService) {
    super();
    this.item.name = 'AI Provenance';
    this.item.command = CommandId.ShowFileProvenance;
    this.register(
      attribution.onDidChange(({ document }) => {
        if (document === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.register({ dispose: () => this.update.cancel() });
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.attribution.has(doc)) {
      this.item.hide();
      return;
    }
    const summary = summarizeAttribution(doc.getText(), this.attribution.spans(doc), this.attribution.origins);
    const { ai, mixed, total } = summary.lines;
    this.item.text = `$(sparkle) AI ${ai + mixed}/${total}`;
    this.item.tooltip = `AI Provenance: ${ai} AI and ${mixed} mixed of ${total} lines in this file. Click for the breakdown by origin.`;
    this.item.show();
  }
}
