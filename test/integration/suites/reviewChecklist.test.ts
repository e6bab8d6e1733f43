/**
 * The checklist webview in the real workbench: it renders the findings of the fixture change (AI items first,
 * untriggered items folded), escapes text quoted from the change, runs under a strict CSP, stores a checked item
 * for the reviewer, and a click on "where" reveals the lines in the review diff.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ReviewStateStore } from '../../../src/git/review';
import { closeAll, waitUntil, workspaceRoot } from '../helpers';
import { NO_DRIVER, driver, driverAvailable } from '../driver';
import { skipBecause } from '../../skip';
import { REVIEWER, SESSION_FILE, commitWithNote, ensureReviewFixture, git } from './reviewFixture.test';
import { fileOf, reviewBranch } from './review.test';

interface ChecklistProbe {
  ready: boolean;
  message?: {
    type: string;
    state?: {
      triggered: Array<{
        id: string;
        inAi: boolean;
        findings: Array<{ id: number; where: string; title: string; count: number; places: string[] }>;
      }>;
      folded: Array<{ id: string }>;
      tier: string;
    };
  };
}

async function probe(): Promise<ChecklistProbe> {
  return vscode.commands.executeCommand<ChecklistProbe>('aiProvenance.internal.checklistState');
}

async function showChecklist(): Promise<NonNullable<ChecklistProbe['message']>['state'] & object> {
  await vscode.commands.executeCommand('aiProvenance.review.openChecklist');
  const p = await waitUntil(
    'the checklist webview to be ready',
    async () => {
      const x = await probe();
      return x.ready && x.message?.type === 'state' ? x : undefined;
    },
    15_000,
  );
  return p.message!.state!;
}

/** Texts of elements in the webview's frames. */
async function texts(selector: string): Promise<string[]> {
  return driver.domText(selector);
}

/** Writes a Semgrep-shaped SARIF log of `ts.parse` results (`[uri, line, message]`) to analyser.sarif and configures it. */
async function useSarif(results: ReadonlyArray<readonly [string, number, string]>): Promise<string> {
  const sarifPath = path.join(workspaceRoot(), 'analyser.sarif');
  const log = {
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'Semgrep OSS', rules: [{ id: 'ts.parse', shortDescription: { text: 'Unchecked parse' } }] },
        },
        results: results.map(([uri, line, text]) => ({
          ruleId: 'ts.parse',
          level: 'warning',
          message: { text },
          locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }],
        })),
      },
    ],
  };
  fs.writeFileSync(sarifPath, JSON.stringify(log));
  await vscode.workspace
    .getConfiguration('aiProvenance.review')
    .update('sarifFiles', ['analyser.sarif'], vscode.ConfigurationTarget.Workspace);
  return sarifPath;
}

/** Waits until the review diff shows `path` at 0-based `line` (a place revealed from the checklist). */
async function revealedAt(what: string, path: string, line: number): Promise<vscode.TextEditor> {
  return waitUntil(
    what,
    async () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'ai-provenance-rev' &&
        e.document.uri.path.endsWith(path) &&
        e.selection.start.line === line
        ? e
        : undefined;
    },
    10_000,
  ).catch((err: Error) => {
    const e = vscode.window.activeTextEditor;
    throw new Error(`${err.message}; active editor ${e?.document.uri.toString()} at line ${e?.selection.start.line}`);
  });
}

describe('AI review checklist', function () {
  before(async function () {
    if (!driverAvailable) skipBecause(this, NO_DRIVER);
    await ensureReviewFixture();
  });
  afterEach(closeAll);

  it('renders the triggered items with the ones in AI lines first, the tier with its reasons, and folds the rest', async () => {
    await reviewBranch();
    const state = await showChecklist();
    assert.equal(state.tier, 'T2');
    const titles = await waitUntil('rendered items', async () => {
      const t = await texts('.items:not(.folded-items) > .item .item-title');
      return t.length > 0 ? t : undefined;
    });
    assert.equal(titles.length, state.triggered.length);
    const firstPlain = state.triggered.findIndex((i) => !i.inAi);
    assert.ok(
      state.triggered.slice(firstPlain === -1 ? state.triggered.length : firstPlain).every((i) => !i.inAi),
      'AI items come first',
    );
    assert.ok(titles.includes('Errors are handled, not hidden'), JSON.stringify(titles));
    assert.ok(titles.indexOf('Errors are handled, not hidden') < titles.indexOf('Behaviour matches the description'));
    assert.deepEqual(await texts('.tier-name'), ['Tier T2']);
    // "Why T2" names the rule; a file called session.ts that parses JSON is not an auth path.
    assert.match(
      (await texts('.change-size'))[0] ?? '',
      /^\d+ changed lines? to review in \d+ files?, \d+% of added lines AI-written/,
    );
    const reasons = await texts('.reason');
    assert.ok(
      reasons.some((r) =>
        /^T2: one step up: medium signal inside AI-written lines: .* in src\/session\.ts:\d+ \[ai-step\/[a-z-]+\]$/.test(
          r,
        ),
      ),
      JSON.stringify(reasons),
    );
    assert.ok(!reasons.some((r) => r.includes('auth path')), JSON.stringify(reasons));
    const whys = await texts('.finding-why');
    assert.ok(
      whys.some((w) => w.includes('empty catch block')),
      JSON.stringify(whys),
    );
    const folded = await texts('details.folded > summary');
    assert.deepEqual(folded, [`${state.folded.length} more checks nothing triggered`]);
    assert.ok(
      state.folded.some((i) => i.id === 'secrets'),
      'untriggered generic items are kept, folded',
    );
    assert.match((await texts('.progress'))[0] ?? '', /^\d+ of \d+ AI hunks reviewed$/);
    // The picture: the annotated diff beside the checklist, with the Changes view folded (unfolded after).
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('aiProvenance.review.openFile', SESSION_FILE);
    await vscode.commands.executeCommand('aiProvenance.review.openChecklist');
    const paneFolded = await driver.click('.pane-header[aria-label^="Changes"][aria-expanded="true"]');
    await waitUntil('the checklist after the layout change', async () =>
      (await texts('.item-title')).length > 0 ? true : undefined,
    );
    await driver.screenshot('review-checklist');
    if (paneFolded) await driver.click('.pane-header[aria-label^="Changes"][aria-expanded="false"]');
  });

  it('shows text quoted from the change as text, under a strict content security policy', async () => {
    await reviewBranch();
    await showChecklist();
    await waitUntil('rendered findings', async () => ((await texts('.finding-why')).length > 0 ? true : undefined));
    const quoted = (await texts('.finding-why')).find((w) => w.includes('<b>x</b>'));
    assert.ok(quoted, 'the markup in the fixture line is shown literally');
    assert.deepEqual(await texts('.finding-why b'), [], 'no element was created from it');
    // The workbench's own webview frames declare policies too; ours is the one with a script nonce.
    const csp = (await driver.html('meta[http-equiv="Content-Security-Policy"]')).find((m) =>
      m.includes("script-src 'nonce-"),
    );
    assert.ok(csp, 'the page declares the CSP');
    assert.match(csp, /default-src 'none'/);
    // Scripts only by nonce; styles, images and fonts only from the webview's own resource origin (cspSource).
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'"/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\bdata:|\bblob:|\*;|http:/);
  });

  it('reveals the lines of a finding in the diff when its location is clicked', async () => {
    const snap = await reviewBranch();
    const state = await showChecklist();
    const finding = state.triggered.flatMap((i) => i.findings).find((f) => f.title === 'Error swallowed');
    assert.ok(finding, JSON.stringify(state.triggered));
    assert.equal(finding.where, `${SESSION_FILE}:4`);
    await waitUntil('the finding link', async () =>
      (await texts(`.finding[data-finding-id="${finding.id}"] .finding-where`)).length > 0 ? true : undefined,
    );
    assert.equal(await driver.click(`.finding[data-finding-id="${finding.id}"] .finding-where`), true);
    const editor = await waitUntil(
      'the revealed lines',
      async () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.scheme === 'ai-provenance-rev' && e.document.uri.path.endsWith(SESSION_FILE)
          ? e
          : undefined;
      },
      10_000,
    );
    assert.equal(new URLSearchParams(editor.document.uri.query).get('rev'), snap.headCommit);
    assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [3, 3]);
    assert.equal(fileOf(snap, SESSION_FILE).hunks[0].findings.includes('swallowed-error'), true);
  });

  it('stores a checked item for the reviewer in the review scope', async () => {
    const snap = await reviewBranch();
    await showChecklist();
    const store = await ReviewStateStore.open(workspaceRoot());
    await store.setChecklistItem(snap.scope, 'errors', REVIEWER.email, false);
    await waitUntil('the errors checkbox', async () =>
      (await driver.html('#check-errors')).length > 0 ? true : undefined,
    );
    assert.equal(await driver.click('#check-errors'), true);
    await waitUntil('the stored mark', async () =>
      (await store.checkedItems(snap.scope, REVIEWER.email)).has('errors') ? true : undefined,
    );
    const after = await waitUntil('the re-rendered state', async () => {
      const p = await probe();
      const item = p.message?.state?.triggered.find((i) => i.id === 'errors') as { checked?: boolean } | undefined;
      return item?.checked ? item : undefined;
    });
    assert.equal(after.checked, true);
    // The re-rendered page keeps the focus on the box, so the keyboard can undo the click.
    await driver.press('Space');
    await waitUntil('the mark removed with the keyboard', async () =>
      !(await store.checkedItems(snap.scope, REVIEWER.email)).has('errors') ? true : undefined,
    );
    await waitUntil('the page re-rendered unchecked', async () =>
      ((await probe()).message?.state?.triggered.find((i) => i.id === 'errors') as { checked?: boolean } | undefined)
        ?.checked === false
        ? true
        : undefined,
    );
    // A note typed under the item is kept for the reviewer and comes back with the next state.
    assert.equal(await driver.click('.item[data-item-id="errors"] .item-note'), true);
    await driver.type('caller logs it');
    await waitUntil('the saved note', async () => {
      await vscode.commands.executeCommand('aiProvenance.review.refresh');
      const item = (await probe()).message?.state?.triggered.find((i) => i.id === 'errors') as
        { note?: string } | undefined;
      return item?.note === 'caller logs it' ? true : undefined;
    });
  });

  it("lists an analyser's SARIF results on the change as checklist findings (aiProvenance.review.sarifFiles)", async () => {
    const sarifPath = path.join(workspaceRoot(), 'analyser.sarif');
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'Semgrep OSS',
              rules: [{ id: 'ts.swallowed', shortDescription: { text: 'Swallowed error' } }],
            },
          },
          results: [
            {
              ruleId: 'ts.swallowed',
              level: 'warning',
              message: { text: 'catch block drops the error' },
              locations: [{ physicalLocation: { artifactLocation: { uri: SESSION_FILE }, region: { startLine: 4 } } }],
            },
          ],
        },
      ],
    };
    fs.writeFileSync(sarifPath, JSON.stringify(log));
    const config = vscode.workspace.getConfiguration('aiProvenance.review');
    await config.update('sarifFiles', ['analyser.sarif'], vscode.ConfigurationTarget.Workspace);
    try {
      await reviewBranch();
      const state = await showChecklist();
      const item = state.triggered.find((i) => i.id === 'analyzers');
      assert.ok(item, JSON.stringify(state.triggered.map((i) => i.id)));
      assert.equal(item.inAi, true, 'the result is inside the AI-written lines');
      assert.deepEqual(
        item.findings.map((f) => [f.title, f.where]),
        [['Semgrep OSS: Swallowed error', `${SESSION_FILE}:4`]],
      );
      const whys = await waitUntil('the analyser finding rendered', async () => {
        const t = await texts('.finding-why');
        return t.some((w) => w.includes('catch block drops the error')) ? t : undefined;
      });
      assert.ok(whys.length > 0);
    } finally {
      await config.update('sarifFiles', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(sarifPath, { force: true });
    }
  });

  it('folds one rule\'s places in one file into one finding: its count, the first place, and "show all" to reveal each', async () => {
    const sarifPath = await useSarif([
      [SESSION_FILE, 2, 'unchecked parse at 2'],
      [SESSION_FILE, 4, 'unchecked parse at 4'],
    ]);
    const config = vscode.workspace.getConfiguration('aiProvenance.review');
    try {
      const snap = await reviewBranch();
      const state = await showChecklist();
      const item = state.triggered.find((i) => i.id === 'analyzers');
      assert.ok(item, JSON.stringify(state.triggered.map((i) => i.id)));
      const found = item.findings.filter((f) => f.title === 'Semgrep OSS: Unchecked parse');
      assert.equal(found.length, 1, 'two places of one rule in one file are one finding');
      const [finding] = found;
      assert.equal(finding.count, 2);
      assert.equal(finding.where, `${SESSION_FILE}:2`);
      assert.deepEqual(finding.places, [`${SESSION_FILE}:2`, `${SESSION_FILE}:4`]);
      const sel = `.finding[data-finding-id="${finding.id}"]`;
      await waitUntil('the count badge', async () =>
        (await texts(`${sel} .finding-count`)).includes('2 places') ? true : undefined,
      );
      assert.equal(await driver.click(`${sel} .finding-places > summary`), true);
      await waitUntil('the places listed', async () =>
        (await texts(`${sel} .place-where`)).length === 2 ? true : undefined,
      );
      assert.deepEqual(await texts(`${sel} .place-where`), [`${SESSION_FILE}:2`, `${SESSION_FILE}:4`]);
      assert.equal(await driver.click(`${sel} .place-where[data-place="1"]`), true);
      const editor = await revealedAt('the second place revealed', SESSION_FILE, 3);
      assert.equal(new URLSearchParams(editor.document.uri.query).get('rev'), snap.headCommit);
      await driver.screenshot('review-checklist-folded');
    } finally {
      await config.update('sarifFiles', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(sarifPath, { force: true });
    }
  });

  it('folds one finding word for word in two files into one whose "show all" names and reveals the other file', async () => {
    const start = git('rev-parse', 'HEAD').trim();
    const other = 'src/sessionCache.ts';
    // Written by the same agent as the fixture, so both places read word for word alike.
    await commitWithNote(
      other,
      [
        ['export const a = 1;', 'ai'],
        ['export const b = JSON.parse("{}");', 'ai'],
      ],
      'Add session cache',
    );
    const sarifPath = await useSarif([
      [SESSION_FILE, 3, 'unchecked parse'],
      [other, 2, 'unchecked parse'],
    ]);
    const config = vscode.workspace.getConfiguration('aiProvenance.review');
    try {
      await reviewBranch();
      const state = await showChecklist();
      const item = state.triggered.find((i) => i.id === 'analyzers');
      assert.ok(item, JSON.stringify(state.triggered.map((i) => i.id)));
      const found = item.findings.filter((f) => f.title === 'Semgrep OSS: Unchecked parse');
      assert.equal(found.length, 1, JSON.stringify(found));
      const [finding] = found;
      assert.equal(finding.count, 2);
      assert.deepEqual(finding.places, [`${SESSION_FILE}:3`, `${other}:2`]);
      const sel = `.finding[data-finding-id="${finding.id}"]`;
      await waitUntil('the count badge', async () =>
        (await texts(`${sel} .finding-count`)).includes('2 places') ? true : undefined,
      );
      // The view keeps a finding's list open across re-renders (the test before may have opened one with this id).
      await driver.click(`${sel} .finding-places:not([open]) > summary`);
      await waitUntil('the places listed', async () =>
        (await texts(`${sel} .place-where`)).length === 2 ? true : undefined,
      );
      assert.equal(await driver.click(`${sel} .place-where[data-place="1"]`), true);
      await revealedAt('the other file revealed', other, 1);
    } finally {
      await config.update('sarifFiles', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(sarifPath, { force: true });
      git('reset', '-q', '--hard', start);
    }
  });
});
