/**
 * Hosts the checklist webview (media/checklist.js, media/checklist.css) in the AI Review container. Strict CSP:
 * nothing but our own script (by nonce) and stylesheet, no inline styles or handlers, no remote content. All text
 * reaches the page as data in a message and is set with textContent there.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from './checklistProtocol';
import { checklistState } from './checklistState';
import { NOTE_MAX, type ReviewSession } from './reviewSession';

export const CHECKLIST_VIEW_ID = 'aiProvenance.checklist';

export interface ChecklistActions {
  /** `place` indexes the finding's locations (a folded finding has several); 0 is its first. */
  revealFinding(id: number, place?: number): Promise<void>;
  signOff(): Promise<void>;
  nextHunk(): Promise<void>;
}

export class ChecklistViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  /** Messages posted to the page (tests read the last state). */
  private lastPosted: HostMessage | undefined;

  constructor(
    private readonly session: ReviewSession,
    private readonly media: vscode.Uri,
    private readonly actions: ChecklistActions,
    private readonly log: (message: string) => void,
  ) {
    super();
    this.register(vscode.window.registerWebviewViewProvider(CHECKLIST_VIEW_ID, this));
    this.register(session.onDidChange(() => this.post()));
  }

  get lastMessage(): HostMessage | undefined {
    return this.lastPosted;
  }

  get isReady(): boolean {
    return this.ready;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [this.media] };
    view.webview.html = this.html(view.webview);
    const subs = [
      view.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      // Hidden webview views are torn down; the page says `ready` again when it comes back.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
    ];
    view.onDidDispose(() => {
      subs.forEach((s) => s.dispose());
      if (this.view === view) this.view = undefined;
      this.ready = false;
    });
    void this.session.ensureLoaded();
  }

  private async receive(raw: unknown): Promise<void> {
    const message: WebviewMessage | undefined = parseWebviewMessage(raw);
    if (!message) {
      this.log('checklist: ignored a malformed message from the webview');
      return;
    }
    try {
      switch (message.type) {
        case 'ready':
          this.ready = true;
          await this.session.ensureLoaded();
          this.post();
          return;
        case 'toggle':
          await this.session.setChecked(message.itemId, message.checked);
          return;
        case 'note':
          await this.session.setNote(message.itemId, message.text);
          return;
        case 'reveal':
          await this.actions.revealFinding(message.findingId, message.place);
          return;
        case 'signOff':
          await this.actions.signOff();
          return;
        case 'nextHunk':
          await this.actions.nextHunk();
          return;
      }
    } catch (err) {
      void vscode.window.showErrorMessage(`AI Review: ${err instanceof Error ? err.message : String(err)}`);
      this.post();
    }
  }

  private post(): void {
    if (!this.view || !this.ready) return;
    const s = this.session.current;
    let message: HostMessage;
    if (s.status === 'ready') {
      const state = checklistState(s.review, {
        reviewed: this.session.reviewedKeys,
        checked: this.session.checkedItems,
        note: (id) => this.session.note(id),
        reviewer: this.session.identity ? `${this.session.identity.name} <${this.session.identity.email}>` : null,
        noteMax: NOTE_MAX,
      });
      message = { type: 'state', state };
    } else if (s.status === 'error') {
      message = { type: 'status', text: s.message };
    } else {
      message = {
        type: 'status',
        text: s.status === 'loading' ? 'Loading the review…' : 'Choose what to review in the AI Review view.',
      };
    }
    this.lastPosted = message;
    void this.view.webview.postMessage(message);
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(18).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'checklist.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'checklist.css'));
    const csp = [
      `default-src 'none'`,
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(style.toString())}">
<title>AI Review Checklist</title>
</head>
<body>
<main id="root" aria-live="polite"><p class="status">Loading the review…</p></main>
<script nonce="${attr(nonce)}" src="${attr(script.toString())}"></script>
</body>
</html>`;
  }
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
