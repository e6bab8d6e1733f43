/**
 * "AI Provenance: Run Doctor" in the real editor: the command judges the workspace's repository the way
 * `ai-provenance doctor` does, returns the report, and lists a dropped-attribution line the log holds.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DoctorReport } from '../../../src/core/doctor/diagnose';
import { workspaceRoot } from '../helpers';

describe('doctor command', () => {
  it('runs the checks on the workspace repository and reports the dropped attribution from the log', async function () {
    this.timeout(60_000);
    const root = workspaceRoot();
    const gitDir = execFileSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: root, encoding: 'utf8' }).trim();
    const stateDir = path.join(gitDir, 'ai-provenance');
    fs.mkdirSync(stateDir, { recursive: true });
    const message = `agent hook: dropped 5 AI/attributed character(s) of doctor-${process.pid}.ts: its record describes a text we no longer have (no snapshot), so its spans cannot be placed on the new text`;
    fs.appendFileSync(path.join(stateDir, 'log.txt'), `${new Date().toISOString()} [${process.pid}] ${message}\n`);

    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('aiProvenance.doctor'), 'the command is registered');
    const report = await vscode.commands.executeCommand<DoctorReport | undefined>('aiProvenance.doctor');
    assert.ok(report, 'a report for the workspace repository');
    assert.equal(report.healthy, report.problems.length === 0);
    assert.match(report.hooks, /installed|missing|outdated|foreign/);
    assert.ok(report.agents.length > 0, 'every agent is listed');
    for (const p of report.problems) assert.match(p.run, /\S/, `problem without a command: ${p.what}`);
    assert.equal(report.dropped.at(-1)?.message, message);
  });
});
