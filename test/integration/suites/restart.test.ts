/**
 * Killing VS Code (SIGKILL, no shutdown) and starting it again restores the same spans. The harness runs the
 * "(before restart)" test, kills code-server, starts it on the same user data and workspace, then runs
 * "(after restart)". The debounce interval is the most a crash may lose, so phase 1 waits past it without flushing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, attributedTexts, openFile, sleep, waitUntil, workspaceRoot } from '../helpers';
import { AFTER_RESTART, BEFORE_RESTART } from '../index';
import { skipBecause } from '../../skip';

const FILE = 'src/restart.ts';
const TEXT =
  'export function clamp(v: number, lo: number, hi: number): number {\n  return Math.min(hi, Math.max(lo, v));\n}\n';
const AI = 'Math.min(hi, Math.max(lo, v))';
const expectationFile = () => path.join(process.env.AIP_RUN_DIR ?? workspaceRoot(), 'restart-expectation.json');

describe('restart', () => {
  it(`saves attribution without an explicit flush ${BEFORE_RESTART}`, async function () {
    if (!process.env.AIP_RUN_DIR)
      skipBecause(this, 'a restart needs the harness (scripts/run-integration.mjs), which kills and restarts VS Code');
    fs.writeFileSync(path.join(workspaceRoot(), FILE), TEXT);
    const editor = await openFile(FILE);
    const start = TEXT.indexOf(AI);
    editor.selection = new vscode.Selection(
      editor.document.positionAt(start),
      editor.document.positionAt(start + AI.length),
    );
    await vscode.commands.executeCommand('aiProvenance.markSelection');
    assert.deepEqual(await attributedTexts(editor), [AI]);
    // Past the save debounce (250 ms) and the writer's (300 ms): what a crash may lose at most.
    await sleep(1500);
    fs.writeFileSync(expectationFile(), JSON.stringify({ file: FILE, texts: [AI] }));
  });

  it(`restores the same spans after VS Code was killed ${AFTER_RESTART}`, async () => {
    const expected = JSON.parse(fs.readFileSync(expectationFile(), 'utf8')) as { file: string; texts: string[] };
    await api();
    const editor = await openFile(expected.file);
    await waitUntil(
      'restored spans',
      async () => (JSON.stringify(await attributedTexts(editor)) === JSON.stringify(expected.texts) ? true : undefined),
      10_000,
    );
  });
});
