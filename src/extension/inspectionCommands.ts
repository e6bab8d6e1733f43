/**
 * Read-only inspection commands for the integration tests (what blame or review painted, the checklist's state).
 * They exist only in a test run (AI_PROVENANCE_TEST=1, set by the harnesses; src/git/testMode.ts) and are never
 * contributed to the command palette.
 */
import * as vscode from 'vscode';
import { isTestRun } from '../git/testMode';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments are whatever the caller passes
export function registerInspectionCommand(id: string, handler: (...args: any[]) => unknown): vscode.Disposable {
  if (!isTestRun(process.env)) return new vscode.Disposable(() => undefined);
  return vscode.commands.registerCommand(id, handler);
}
