/** A controllable inline completion provider for tests: offers `next` at the cursor until it is accepted. */
import * as vscode from 'vscode';
import { driver, driverAvailable } from './driver';
import { waitUntil } from './helpers';

export class TestInlineProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  next: string | undefined;
  /** When set, the suggestion replaces this range instead of inserting at the cursor (a next-edit suggestion). */
  range: vscode.Range | undefined;
  calls = 0;
  private readonly registration: vscode.Disposable;

  constructor(
    selector: vscode.DocumentSelector = [{ scheme: 'untitled' }, { scheme: 'file' }, { scheme: 'vscode-remote' }],
  ) {
    this.registration = vscode.languages.registerInlineCompletionItemProvider(selector, this);
  }

  provideInlineCompletionItems(_doc: vscode.TextDocument, position: vscode.Position): vscode.InlineCompletionItem[] {
    this.calls++;
    if (this.next === undefined) return [];
    return [new vscode.InlineCompletionItem(this.next, this.range ?? new vscode.Range(position, position))];
  }

  /** Offers `text` at the cursor and waits until its ghost text is on screen (or the provider answered, without a browser). */
  async show(text: string): Promise<void> {
    this.next = text;
    const before = this.calls;
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitUntil('the inline provider to be asked', () => (this.calls > before ? true : undefined));
    if (driverAvailable && !this.range) {
      try {
        await waitUntil(
          'ghost text on screen',
          async () =>
            (await driver.domText('.ghost-text-decoration, .ghost-text')).join('').length > 0 ? true : undefined,
          10_000,
        );
      } catch (err) {
        await driver.screenshot('ghost-text-missing').catch(() => undefined);
        throw err;
      }
    } else {
      await new Promise((r) => setTimeout(r, 600));
    }
  }

  dispose(): void {
    this.next = undefined;
    this.registration.dispose();
  }
}
