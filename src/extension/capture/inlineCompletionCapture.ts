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
import { currentInlineTool, offerInlineToolChoice } from './aiExtensions';

const enum InlineCommand {
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

/**
 * Accepts that bypass key bindings (the hover toolbar's Accept / Accept Word / Accept Line buttons) call the built-in
 * commands directly. Registering the same command ids shadows the built-ins (the newest registration wins) so those
 * accepts reach us too; to run the real command we lift our registration for the duration of the call.
 */
const INTERCEPTED: ReadonlyArray<{ command: string; kind: OriginKind }> = [
  { command: 'editor.action.inlineSuggest.commit', kind: 'inline' },
  { command: 'editor.action.inlineSuggest.acceptNextWord', kind: 'inline-partial' },
  { command: 'editor.action.inlineSuggest.acceptNextLine', kind: 'inline-partial' },
];

export class InlineCompletionCapture extends Disposable {
  private readonly interceptors = new Map<string, vscode.Disposable>();

  constructor(
    private readonly attribution: AttributionService,
    /** Remembers that the quick pick naming the tool was offered (global state); without it, it is never offered. */
    private readonly state?: vscode.Memento,
    private readonly now: () => number = Date.now,
  ) {
    super();
    for (const id of Object.keys(BUILT_IN) as InlineCommand[]) {
      this.register(vscode.commands.registerCommand(id, () => this.accept(BUILT_IN[id].command, BUILT_IN[id].kind)));
    }
    this.register({ dispose: () => this.removeInterceptors() });
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('aiProvenance.capture')) this.syncInterceptors();
      }),
    );
    this.syncInterceptors();
  }

  private syncInterceptors(): void {
    if (
      !isEnabled() ||
      !vscode.workspace.getConfiguration('aiProvenance').get<boolean>('capture.interceptAcceptCommands', true)
    ) {
      this.removeInterceptors();
      return;
    }
    for (const { command, kind } of INTERCEPTED) {
      if (!this.interceptors.has(command))
        this.interceptors.set(
          command,
          vscode.commands.registerCommand(command, () => this.accept(command, kind)),
        );
    }
  }

  private removeInterceptors(): void {
    this.interceptors.forEach((d) => d.dispose());
    this.interceptors.clear();
  }

  /** Runs the real built-in command even while we shadow it. */
  private async runBuiltIn(command: string): Promise<void> {
    const shadow = this.interceptors.get(command);
    if (shadow) {
      shadow.dispose();
      this.interceptors.delete(command);
    }
    try {
      await vscode.commands.executeCommand(command);
    } finally {
      if (shadow && !this.isDisposed) this.syncInterceptors();
    }
  }

  /** Runs the built-in accept with a lease armed on the active editor's document. */
  async accept(command: string, kind: OriginKind): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isEnabled()) {
      await this.runBuiltIn(command);
      return;
    }
    // One installed provider (or the user's setting) names the tool, with that evidence kept; several leave it
    // unknown with the candidates.
    const tool = currentInlineTool();
    const lease = this.attribution.expectInsertion(editor.document, { kind, ...tool, time: this.now() });
    try {
      await this.runBuiltIn(command);
    } finally {
      lease.release();
    }
    void offerInlineToolChoice(this.state, tool).catch(() => undefined);
  }
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('aiProvenance').get<boolean>('capture.inlineCompletions', true);
}
