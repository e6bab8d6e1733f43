/**
 * Attributes accepts of editors' built-in AI that bypass VS Code's inline-suggest commands (Cursor Tab, Windsurf
 * Supercomplete; the table and the evidence for each id are in core/attribution/forkAccepts.ts). Our key bindings
 * mirror the fork's (package.json): Tab reaches our command exactly when the fork's context key says it would
 * accept; we arm a lease, run the fork's command, and the text it inserts is the fork AI's. Inside Cursor its accept
 * command (a workbench command) is also shadowed, as VS Code's own accept is, so mouse accepts count too.
 */
import * as vscode from 'vscode';
import { FORK_ACCEPT_EVIDENCE, FORK_ACCEPTS, firstKnownCommand, type ForkAccept } from '../../core/attribution';
import type { AttributionService } from '../attribution/attributionService';
import { Disposable } from '../lifecycle';
import { hostEditor } from './aiExtensions';

export class ForkAcceptCapture extends Disposable {
  private readonly shadows = new Map<string, vscode.Disposable>();
  /** The fork command each of our commands runs, once found: listing every command id is not per-accept work. */
  private readonly resolved = new Map<string, string>();

  constructor(
    private readonly attribution: AttributionService,
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    super();
    for (const entry of FORK_ACCEPTS) {
      this.register(vscode.commands.registerCommand(entry.command, () => this.acceptThrough(entry)));
    }
    this.register({ dispose: () => this.removeShadows() });
    // Only a fork has these commands: in VS Code nothing below runs past the host check.
    const host = hostEditor().id;
    const inFork = FORK_ACCEPTS.filter((e) => e.interceptIn === host || e.availableKey);
    if (inFork.length && host !== 'vscode' && host !== 'code-server' && host !== 'vscodium') void this.arm(inFork);
  }

  /** Looks up which fork commands exist (once), sets the context keys the bindings need, shadows Cursor's. */
  private async arm(entries: readonly ForkAccept[]): Promise<void> {
    const known = new Set(await vscode.commands.getCommands(true));
    for (const entry of entries) {
      const command = firstKnownCommand(entry.forkCommands, known);
      if (command) this.resolved.set(entry.command, command);
      if (entry.availableKey) await vscode.commands.executeCommand('setContext', entry.availableKey, !!command);
      if (!command) {
        this.log(
          `capture: ${entry.tool} accepts are not captured here: none of ${entry.forkCommands.join(', ')} exists`,
        );
        continue;
      }
      if (entry.interceptIn === hostEditor().id && isEnabled()) this.shadow(command, entry);
    }
  }

  private shadow(command: string, entry: ForkAccept): void {
    try {
      this.shadows.set(
        command,
        vscode.commands.registerCommand(command, () => this.accept(command, entry)),
      );
    } catch (err) {
      // An extension's command cannot be registered twice in one extension host: the key binding still covers Tab.
      this.log(
        `capture: cannot shadow ${command} (${err instanceof Error ? err.message : String(err)}); Tab accepts still count`,
      );
    }
  }

  private removeShadows(): void {
    this.shadows.forEach((d) => d.dispose());
    this.shadows.clear();
  }

  /** Our key-bound command: runs the first of the fork's accept commands that exists. */
  private async acceptThrough(entry: ForkAccept): Promise<void> {
    let command = this.resolved.get(entry.command);
    if (!command) {
      command = firstKnownCommand(entry.forkCommands, new Set(await vscode.commands.getCommands(true)));
      if (command) this.resolved.set(entry.command, command);
    }
    if (!command) {
      // The binding's context key said the fork would accept, yet its command is gone: do what Tab does.
      await vscode.commands.executeCommand('tab');
      return;
    }
    await this.accept(command, entry);
  }

  /** Runs the fork's accept with a lease armed on the active editor's document. */
  private async accept(command: string, entry: ForkAccept): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isEnabled()) {
      await this.runFork(command);
      return;
    }
    const lease = this.attribution.expectInsertion(editor.document, {
      kind: entry.kind,
      tool: entry.tool,
      evidence: FORK_ACCEPT_EVIDENCE,
      time: this.now(),
    });
    try {
      await this.runFork(command);
    } finally {
      lease.release();
    }
  }

  /** Runs the fork's own command even while we shadow it. */
  private async runFork(command: string): Promise<void> {
    const shadow = this.shadows.get(command);
    shadow?.dispose();
    this.shadows.delete(command);
    try {
      await vscode.commands.executeCommand(command);
    } finally {
      const entry = FORK_ACCEPTS.find((e) => e.forkCommands.includes(command));
      if (shadow && entry && !this.isDisposed) this.shadow(command, entry);
    }
  }
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('aiProvenance').get<boolean>('capture.inlineCompletions', true);
}
