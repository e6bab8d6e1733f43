/**
 * Attributes accepted inline completions. Our key bindings mirror the built-in `when` clauses exactly (see
 * package.json), so Tab, Ctrl+Right and friends reach us only when the built-in accept would run; we arm a lease,
 * run the built-in command, and the text it inserts is attributed. Plain Tab, snippets and the suggest widget never
 * reach these commands.
 */
import * as vscode from 'vscode';
import type { OriginKind } from '../../core/attribution';
import type { AttributionService } from '../attribution/attributionService';
import { Disposable } from '../lifecycle';
import { installedAiProviders } from './aiExtensions';

export const enum InlineCommand {
  Commit = 'aiProvenance.inlineSuggest.commit',
  CommitNextEdit = 'aiProvenance.inlineSuggest.commitNextEdit',
  AcceptNextWord = 'aiProvenance.inlineSuggest.acceptNextWord',
  AcceptNextLine = 'aiProvenance.inlineSuggest.acceptNextLine',
}

const BUILT_IN: Record<InlineCommand, { command: string; kind: OriginKind }> = {
  [InlineCommand.Commit]: { command: 'editor.action.inlineSuggest.commit', kind: 'inline' },
  [InlineCommand.CommitNextEdit]: { command: 'editor.action.inlineSuggest.commit', kind: 'next-edit' },
  [InlineCommand.AcceptNextWord]: { command: 'editor.action.inlineSuggest.acceptNextWord', kind: 'inline-partial' },
  [InlineCommand.AcceptNextLine]: { command: 'editor.action.inlineSuggest.acceptNextLine', kind: 'inline-partial' },
};

export class InlineCompletionCapture extends Disposable {
  constructor(private readonly attribution: AttributionService, private readonly now: () => number = Date.now) {
    super();
    for (const id of Object.keys(BUILT_IN) as InlineCommand[]) {
      this.register(vscode.commands.registerCommand(id, () => this.accept(id)));
    }
  }

  /** Runs the built-in accept with a lease armed on the active editor's document. */
  async accept(id: InlineCommand): Promise<void> {
    const { command, kind } = BUILT_IN[id];
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isEnabled()) {
      await vscode.commands.executeCommand(command);
      return;
    }
    const candidates = installedAiProviders();
    const lease = this.attribution.expectInsertion(editor.document, {
      kind,
      // Exactly one installed provider is still a guess: the tool stays unknown and the candidates say who it may be.
      tool: 'unknown',
      ...(candidates.length ? { candidates } : {}),
      time: this.now(),
    });
    try {
      await vscode.commands.executeCommand(command);
    } finally {
      lease.release();
    }
  }
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('aiProvenance').get<boolean>('capture.inlineCompletions', true);
}
