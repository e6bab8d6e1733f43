/**
 * Entry point the extension host loads (extensionTestsPath). Runs every *.test.js beside this file with mocha and
 * prints one machine-readable result line the harness reads. Works in code-server and in desktop VS Code alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { skipReasonOf } from '../skip';

const RESULT_PREFIX = '@@aip-results ';
/** Tests whose title holds this run in phase 1; those holding AFTER_RESTART run in phase 2, after a kill. */
export const BEFORE_RESTART = '(before restart)';
export const AFTER_RESTART = '(after restart)';
/** Tests run only in a workspace that is not a git repository (`run-integration.mjs --plain`). */
export const PLAIN_FOLDER = '(plain folder)';
/** Tests run only in the demo workspace with the Demo AI extension (`run-integration.mjs --demo`). */
export const DEMO = '(demo)';
/** Tests run only in a two-folder workspace of two repositories (`run-integration.mjs --multiroot`). */
export const MULTI_ROOT = '(multi-root)';
/** Lines the harness prints; everything else the host logs goes to its log file. */
const OUT = (text: string) =>
  console.log(
    text
      .split('\n')
      .map((l) => `@@aip ${l}`)
      .join('\n'),
  );

/** console.log cannot be reassigned in the extension host, so the reporter writes through console directly. */
class HostReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failures: Array<{ title: string; error: string }> = [];
    let restartTests = 0;
    runner.on('test end', (test) => {
      if (test.fullTitle().includes(BEFORE_RESTART) && test.state === 'passed') restartTests++;
    });
    let depth = 0;
    runner.on('suite', (suite) => {
      if (suite.title) OUT(`${'  '.repeat(depth)}${suite.title}`);
      depth++;
    });
    runner.on('suite end', () => depth--);
    runner.on('pass', (test) => OUT(`${'  '.repeat(depth)}✔ ${test.title} (${test.duration ?? 0}ms)`));
    let skipped = 0;
    runner.on('pending', (test) => {
      const reason = skipReasonOf(test);
      OUT(`${'  '.repeat(depth)}- ${test.title} (skipped: ${reason ?? 'no reason given'})`);
      if (reason) skipped++;
      // A skip without a reason fails the run (test/skip.ts).
      else failPending(runner, test);
    });
    runner.on('fail', (test, err: Error) => {
      OUT(`${'  '.repeat(depth)}✘ ${test.title}\n${indent(err.stack ?? String(err), depth + 2)}`);
      failures.push({ title: test.fullTitle(), error: err.message });
    });
    runner.once('end', () => {
      const s = this.stats;
      console.log(
        `${RESULT_PREFIX}${JSON.stringify({ passed: s.passes, failed: s.failures, skipped, failures, restartTests })}`,
      );
    });
  }
}

/** Mocha's own way to fail a pending test (what --forbid-pending does), for a skip that gave no reason. */
function failPending(runner: Mocha.Runner, test: Mocha.Test): void {
  const fail = (runner as unknown as { fail(test: Mocha.Test, err: Error, force: boolean): void }).fail;
  fail.call(
    runner,
    test,
    new Error('skipped without a reason: skip with skipBecause(this, reason) from test/skip.ts'),
    true,
  );
}

function indent(text: string, depth: number): string {
  return text
    .split('\n')
    .map((l) => '  '.repeat(depth) + l)
    .join('\n');
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    reporter: HostReporter as unknown as typeof Mocha.reporters.Base,
  });
  // Phase 2 runs only the after-restart tests; phase 1 (and desktop runs, which cannot restart) everything else,
  // narrowed by AIP_GREP when set.
  const after = escapeRegExp(AFTER_RESTART);
  const grep = process.env.AIP_GREP || '';
  const plain = escapeRegExp(PLAIN_FOLDER);
  const demo = escapeRegExp(DEMO);
  const multiroot = escapeRegExp(MULTI_ROOT);
  const phase = process.env.AIP_PHASE;
  const only: Record<string, string> = { '2': after, plain, demo, multiroot };
  mocha.grep(
    phase && only[phase]
      ? new RegExp(only[phase])
      : new RegExp(`^(?!.*(?:${after}|${plain}|${demo}|${multiroot}))(?=.*(?:${grep}))`),
  );
  for (const file of listTests(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration tests failed`)) : resolve()));
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function listTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTests(full));
    else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}
