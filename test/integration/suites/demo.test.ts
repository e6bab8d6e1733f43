/**
 * The demo, followed as a visitor would (`run-integration.mjs --demo`: the demo repository from scripts/demo/story.mjs
 * and the demo-only Demo AI extension loaded beside ours). First screen: the feature branch's AI Review with its
 * checklist and an annotated file. Then the tour: type a function head, press Tab on Demo AI's suggestion, commit from
 * the Source Control view, and find the trailer, the note and a new AI hunk in the review. The screenshots it takes
 * are the README's (AIP_SCREENSHOT_DIR=docs/images).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { driver, driverAvailable } from '../driver';
import { api, waitUntil, workspaceRoot } from '../helpers';
import { DEMO } from '../index';

interface GitRepository {
  inputBox: { value: string };
  add(paths: string[]): Promise<void>;
}
interface ReviewSnapshot {
  status: string;
  label?: string;
  files?: Array<{ path: string; aiLines: number; hunks: Array<{ kind: string; aiLines: number }> }>;
  findings?: Array<{ ruleId: string; inAi: boolean }>;
}

const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspaceRoot(), encoding: 'utf8' });
const reviewSnapshot = (): Thenable<ReviewSnapshot> =>
  vscode.commands.executeCommand<ReviewSnapshot>('aiProvenance.internal.reviewSnapshot');
const MEDIAN =
  'export function median(values: number[]): number {\n  const sorted = [...values].sort((a, b) => a - b);';

describe(`the demo, as a visitor follows its tour ${DEMO}`, () => {
  it("opens on the feature branch's AI Review with at least five kinds of checklist findings and an annotated file", async function () {
    this.timeout(90_000);
    const snap = await waitUntil(
      'the AI Review of the feature branch',
      async () => {
        const s = await reviewSnapshot();
        return s?.status === 'ready' ? s : undefined;
      },
      60_000,
    );
    const editor = await waitUntil(
      'src/rates.ts in view',
      () =>
        vscode.window.activeTextEditor?.document.uri.path.endsWith('/src/rates.ts')
          ? vscode.window.activeTextEditor
          : undefined,
      30_000,
    );
    const kinds = new Set((snap.findings ?? []).filter((f) => f.inAi).map((f) => f.ruleId));
    for (const rule of ['swallowed-error', 'api-claim'])
      assert.ok(kinds.has(rule), `${rule} among ${[...kinds].join(', ')}`);
    // The weakened test: its finding stands on the removed assertions, which no one "wrote", so it is not in AI lines.
    assert.ok(
      (snap.findings ?? []).some((f) => f.ruleId === 'assertion-weakened'),
      'the weakened test is found',
    );
    assert.ok(
      [...kinds].some((k) => /dependenc/.test(k)),
      `a dependency finding among ${[...kinds].join(', ')}`,
    );
    assert.ok(
      [...kinds].some((k) => k === 'injection' || k === 'dangerous-sink'),
      `a dangerous call among ${[...kinds].join(', ')}`,
    );
    const rates = snap.files?.find((f) => f.path === 'src/rates.ts');
    assert.ok(rates && rates.aiLines > 10, 'src/rates.ts is mostly AI');
    const painted = await vscode.commands.executeCommand<{ ai: number[] } | undefined>(
      'aiProvenance.internal.blameLines',
      editor.document.uri,
    );
    assert.ok(
      (painted?.ai ?? []).length > 10,
      `blame paints the AI lines of src/rates.ts (${JSON.stringify(painted)?.slice(0, 200)})`,
    );
    // "Default to USD" was a person's commit: that line is not AI any more.
    const usd =
      editor.document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes("'USD'")) + 1;
    assert.ok(usd > 0 && !painted!.ai.includes(usd), `line ${usd} (a person's edit) is not painted as AI`);
    if (driverAvailable) {
      await vscode.commands.executeCommand('aiProvenance.checklist.focus');
      await driver.screenshot('demo-first-screen');
    }
  });

  it('Tab on the Demo AI suggestion writes AI text; a Source Control commit carries the trailer and the note; the review shows the new hunk', async function () {
    assert.ok(driverAvailable, 'the demo phase always runs in the browser harness: the tour is real key presses');
    this.timeout(120_000);
    const doc = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'src', 'math.ts'),
    );
    const end = doc.positionAt(doc.getText().length);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(end, end), preview: false });
    await driver.type('\nexport function median');
    await waitUntil('the typed head', () => (doc.getText().includes('export function median') ? true : undefined));
    const ghost = async (): Promise<true | undefined> =>
      (await driver.domText('.ghost-text-decoration, .ghost-text')).join('').length > 0 ? true : undefined;
    try {
      await waitUntil('Demo AI ghost text on screen', ghost, 10_000);
    } catch {
      // VS Code asks for inline suggestions as you type; once, in a fresh Debian chroot, none came in 20 s (cause not
      // found; the TypeScript server was still analysing the workspace). A visitor then asks with Alt+\ (Trigger
      // Inline Suggestion), as the README says; the extension host log says when a run needed it.
      console.log('demo: no suggestion 10 s after typing; asking for one with Alt+\\');
      await driver.press('Alt+Backslash');
      await waitUntil('Demo AI ghost text on screen after Alt+\\', ghost, 20_000);
    }
    await driver.screenshot('demo-suggestion');
    await driver.press('Tab');
    await waitUntil('the accepted suggestion', () => (doc.getText().includes(MEDIAN) ? true : undefined));
    const ai = (await api())
      .spans(doc.uri)
      .map((s) => doc.getText().slice(s.start, s.end))
      .join('');
    assert.ok(ai.includes('const sorted = [...values]'), `the accepted text is AI: ${JSON.stringify(ai)}`);
    assert.ok(!ai.includes('export function median'), 'the typed head stays human');
    assert.ok(doc.getText().trimEnd().endsWith('}'), 'nothing left after the accepted function');
    await doc.save();
    await (await api()).flush();

    const gitApi = vscode.extensions.getExtension('vscode.git')!.exports.getAPI(1) as { repositories: GitRepository[] };
    const repo = await waitUntil('the git repository', () => gitApi.repositories[0], 15_000);
    await repo.add([doc.uri.fsPath]);
    repo.inputBox.value = 'Add median';
    const before = git('rev-parse', 'HEAD').trim();
    await vscode.commands.executeCommand('git.commit');
    await waitUntil('the commit', () => (git('rev-parse', 'HEAD').trim() !== before ? true : undefined), 30_000);
    const message = git('log', '-1', '--format=%B');
    assert.match(message, /^AI-Assisted: \d+% of added lines \(\d+\/\d+; inline \d+\)$/m);
    // Demo AI is the one installed extension of the category "AI": the kernel trailer names it (spaces become '-').
    assert.match(message, /^Assisted-by: Demo-AI$/m, message);
    const note = await waitUntil(
      'the note',
      () => {
        try {
          return git('notes', '--ref', 'refs/notes/ai-provenance', 'show', 'HEAD');
        } catch {
          return undefined;
        }
      },
      10_000,
    );
    assert.match(note, /"path":\s*"src\/math\.ts"/);

    await vscode.commands.executeCommand('aiProvenance.review.refresh');
    const snap = await waitUntil(
      'the review with the new commit',
      async () => {
        const s = await reviewSnapshot();
        const math = s?.files?.find((f) => f.path === 'src/math.ts');
        return s?.status === 'ready' && math && math.aiLines >= 3 ? s : undefined;
      },
      30_000,
    );
    assert.ok(snap.files!.find((f) => f.path === 'src/math.ts')!.hunks.some((h) => h.aiLines >= 3));
    // After the commit, AI Blame shows the accepted lines from the note.
    const sortedLine =
      doc
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('const sorted')) + 1;
    await waitUntil(
      'blame of the committed AI lines',
      async () => {
        const painted = await vscode.commands.executeCommand<{ ai: number[] } | undefined>(
          'aiProvenance.internal.blameLines',
          doc.uri,
        );
        return painted?.ai.includes(sortedLine) ? true : undefined;
      },
      20_000,
    );
    await vscode.commands.executeCommand('aiProvenance.review.show');
    await waitUntil(
      'the review tree drawn',
      async () => ((await driver.domText('.monaco-list-row')).some((t) => t.includes('math.ts')) ? true : undefined),
      20_000,
    );
    await driver.screenshot('demo-after-commit');
  });
});
