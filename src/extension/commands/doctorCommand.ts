/**
 * "AI Provenance: Run Doctor": the same checks as `ai-provenance doctor` (src/git/doctorFacts.ts read, the core
 * judges) for the active file's repository, else the only one, else the one picked (`{ repo }` names it), written to
 * the extension's output channel. Returns the report so scripts and tests can read it.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { diagnose, formatDoctorReport, type DoctorReport } from '../../core/doctor/diagnose';
import { doctorFacts } from '../../git/doctorFacts';
import { CommandId } from '../commandIds';
import type { RepoChoice, WindowRepositories } from '../repositories';

export function registerDoctorCommand(output: vscode.OutputChannel, repos: WindowRepositories): vscode.Disposable {
  return vscode.commands.registerCommand(
    CommandId.Doctor,
    async (choice?: RepoChoice): Promise<DoctorReport | undefined> => {
      const repo = await repos.pick('Run the AI Provenance doctor for which repository?', choice);
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
    },
  );
}
