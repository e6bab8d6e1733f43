/**
 * "AI Provenance: Run Doctor": the same checks as `ai-provenance doctor` (src/git/doctorFacts.ts read, the core
 * judges) for the active file's repository or the first workspace folder, written to the extension's output channel.
 * Returns the report so scripts and tests can read it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnose, formatDoctorReport, type DoctorReport } from '../../core/doctor/diagnose';
import { findRepo } from '../../git';
import { doctorFacts } from '../../git/doctorFacts';
import { CommandId } from '../commandIds';

export function registerDoctorCommand(output: vscode.OutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.Doctor, async (): Promise<DoctorReport | undefined> => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const base = uri?.scheme === 'file' ? path.dirname(uri.fsPath) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const repo = base ? await findRepo(base).catch(() => undefined) : undefined;
    if (!repo) {
      output.appendLine('doctor: no git repository open');
      output.show(true);
      return undefined;
    }
    const report = diagnose(
      await doctorFacts(repo, {
        home: os.homedir(),
        ...(process.env.CODEX_HOME ? { codexHome: process.env.CODEX_HOME } : {}),
      }),
    );
    output.appendLine(`doctor: ${repo.root}`);
    for (const line of formatDoctorReport(report).trimEnd().split('\n')) output.appendLine(line);
    output.show(true);
    return report;
  });
}
