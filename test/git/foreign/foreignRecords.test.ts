import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVENANCE_NOTES_REF } from '../../../src/git';
import { runGit } from '../../../src/git/exec';
import { analyzeBranch } from '../../../src/git/review';
import { listForeignNotes } from '../../../src/git/foreign/foreignNotes';
import { commitFiles, info } from '../blame/helpers';
import { createTempRepo, type TempRepo } from '../helpers/tempRepo';
import { runCli } from '../review/helpers';
import { agentTraceRecord, gitAiV0, gitAiV3 } from '../../unit/foreign/fixtures';

/** Attaches `text` as a note on `ref` (from a file, so large notes do not go through argv). */
function addNote(repo: TempRepo, ref: string, commit: string, text: string): void {
  const file = path.join(repo.root, '.git', 'note-input');
  fs.writeFileSync(file, text);
  repo.git(['notes', '--ref', ref, 'add', '-f', '-F', file, commit]);
  fs.rmSync(file);
}

const POLICY = { policy: { requireSignoff: { aiShareAbove: 0.1 } } };

describe('records from other tools (git-ai, Agent Trace) as evidence and imported', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  let ours: string;
  let gitAi: string;
  let trace: string;
  let legacy: string;
  let hostile: string;

  before(async () => {
    repo = createTempRepo();
    repo.write('.ai-provenance.json', JSON.stringify(POLICY));
    repo.write('README.md', 'base\n');
    repo.commitAll('base');
    // Ours: line 2 of a.ts is Copilot's (our note).
    ours = await commitFiles(repo, { 'a.ts': ['one', { ai: 'two' }, 'three'] }, 'ours');
    // git-ai 3.0.0 on refs/notes/ai: lib/parse.ts lines 2-4 and 8 by claude; lines 10-11 a known human.
    repo.write('lib/parse.ts', Array.from({ length: 12 }, (_, i) => `parse ${i + 1}`).join('\n') + '\n');
    repo.write('docs/read me.md', 'r1\nr2\n');
    gitAi = repo.commitAll('git-ai work');
    addNote(repo, 'refs/notes/ai', gitAi, gitAiV3());
    // Another tool's Agent Trace record on refs/notes/agent-trace: pkg/main.go lines 4-6.
    repo.write('pkg/main.go', Array.from({ length: 8 }, (_, i) => `go ${i + 1}`).join('\n') + '\n');
    trace = repo.commitAll('trace work');
    addNote(
      repo,
      'refs/notes/agent-trace',
      trace,
      JSON.stringify([agentTraceRecord({ vcs: { type: 'git', revision: trace } })]),
    );
    // git-ai's oldest store: an authorship/0.0.1 blob under refs/ai/authorship/<commit>.
    repo.write('src/app.py', Array.from({ length: 10 }, (_, i) => `py ${i + 1}`).join('\n') + '\n');
    legacy = repo.commitAll('legacy git-ai');
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.root, input: gitAiV0() })
      .toString()
      .trim();
    repo.git(['update-ref', `refs/ai/authorship/${legacy}`, blob]);
    // Hostile: a 100 MB git-ai note, an invalid Agent Trace note, paths outside the repository.
    repo.write('z.ts', 'z1\nz2\n');
    hostile = repo.commitAll('hostile');
    addNote(repo, 'refs/notes/ai', hostile, 'z.ts\n  0123456789abcdef ' + '1,'.repeat(50 * 1024 * 1024) + '\n---\n{}');
    addNote(repo, 'refs/notes/agent-trace', hostile, '{"version": "0.1.0", "files": [');
    addNote(
      repo,
      'refs/notes/ai',
      ours,
      gitAiV3(['../escape.ts', '  0123456789abcdef 1', 'a.ts', '  0123456789abcdef 1-3'].join('\n')),
    );
  });
  after(() => repo?.cleanup());

  it('lists nothing, with one git call, where no foreign ref exists', async () => {
    const empty = createTempRepo({ commit: true });
    try {
      const calls: string[][] = [];
      const runner = {
        run: (args: string[], options: Parameters<typeof runGit>[1]) => {
          calls.push(args);
          return runGit(args, options);
        },
      };
      assert.equal((await listForeignNotes(await info(empty), {}, runner)).size, 0);
      assert.equal(calls.length, 1);
      assert.equal(calls[0][0], 'for-each-ref');
    } finally {
      empty.cleanup();
    }
  });

  it('blame shows git-ai, Agent Trace and legacy git-ai lines with their source', async () => {
    const parse = await runCli(repo.root, ['blame', 'lib/parse.ts']);
    assert.equal(parse.code, 0, parse.err);
    const marks = parse.out
      .trimEnd()
      .split('\n')
      .slice(0, 12)
      .map((l) => l.slice(0, 2).trim() || '-');
    assert.deepEqual(marks, ['-', 'AI', 'AI', 'AI', '-', '-', '-', 'AI', '-', '-', '-', '-']);
    assert.match(parse.out, /git-ai: claude model-a +2\| parse 2/);
    const go = await runCli(repo.root, ['blame', 'pkg/main.go', '--json']);
    const goLines = JSON.parse(go.out).lines as Array<{ authorship: string; origins: Array<{ tool: string }> }>;
    assert.deepEqual(
      goLines.map((l) => l.authorship),
      ['human', 'human', 'human', 'ai', 'ai', 'ai', 'human', 'human'],
    );
    assert.equal(goLines[3].origins[0].tool, 'agent-trace: trace-writer');
    const py = await runCli(repo.root, ['blame', 'src/app.py', '--json']);
    const pyTools = (JSON.parse(py.out).lines as Array<{ origins: Array<{ tool: string }> }>).map(
      (l) => l.origins[0]?.tool ?? '-',
    );
    assert.deepEqual(pyTools, [
      '-',
      '-',
      'git-ai: Claude Code',
      '-',
      'git-ai: Claude Code',
      'git-ai: Claude Code',
      'git-ai: Claude Code',
      '-',
      'git-ai: helper',
      '-',
    ]);
  });

  it('ours wins where both attribute a line; the foreign record fills the rest; bad paths are reported', async () => {
    const a = await runCli(repo.root, ['blame', 'a.ts', '--json']);
    const lines = JSON.parse(a.out).lines as Array<{ origins: Array<{ tool: string }> }>;
    assert.deepEqual(
      lines.map((l) => l.origins.map((o) => o.tool).join('+') || '-'),
      ['git-ai: unknown', 'claude-code', 'git-ai: unknown'],
    );
    const warnings = JSON.parse(a.out).warnings as string[];
    assert.ok(
      warnings.some((w) =>
        /^note of [0-9a-f]{12}: git-ai note: line 1: path has an empty, "\." or "\.\." segment/.test(w),
      ),
      warnings.join('\n'),
    );
  });

  it('a hostile note is refused by size (never read) or with the parser message, and costs nothing else', async () => {
    const z = await runCli(repo.root, ['blame', 'z.ts']);
    assert.equal(z.code, 0);
    assert.match(z.err, /note on [0-9a-f]{12} ignored: git-ai note: note of \d+ bytes exceeds the read limit/);
    assert.match(z.err, /agent-trace note ignored: agent-trace note holds no JSON record \(unterminated JSON object/);
  });

  it('report and check count the foreign lines, by tool', async () => {
    const report = await runCli(repo.root, ['report', `${ours}~1..HEAD`, '--format', 'json']);
    assert.equal(report.code, 0, report.err);
    const r = JSON.parse(report.out);
    const tools = Object.fromEntries(
      (r.byTool as Array<{ tool: string; lines: number }>).map((t) => [t.tool, t.lines]),
    );
    assert.deepEqual(tools, {
      'git-ai: claude': 4,
      'git-ai: cursor': 2,
      'git-ai: Claude Code': 4,
      'git-ai: helper': 1,
      'agent-trace: trace-writer': 3,
      'git-ai: unknown': 2,
      'claude-code': 1,
    });
    assert.ok(r.commits.ignoredNotes.some((n: { commit: string }) => n.commit === hostile));
    const check = await runCli(repo.root, ['check', `${ours}~1..HEAD`]);
    assert.equal(check.code, 1, check.out);
    assert.match(check.out, /A sign-off is required \(AI share/);
  });

  it('the branch review (what the VS Code review view shows) sees the foreign lines with their source', async () => {
    const { report, facts } = await analyzeBranch(await info(repo), `${ours}~1..HEAD`);
    assert.equal(facts.lineSource('pkg/main.go', 5).origins[0]?.tool, 'agent-trace: trace-writer');
    assert.equal(facts.lineSource('lib/parse.ts', 8).origins[0]?.tool, 'git-ai: claude');
    assert.equal(facts.lineSource('lib/parse.ts', 10).authorship, 'human'); // a known human in the git-ai log
    assert.ok(report.hunks.ai >= 5, JSON.stringify(report.hunks));
  });

  it('import writes our notes (ours kept where both speak), reports every skip, and a second import writes nothing', async () => {
    const before = repo.git(['notes', '--ref', PROVENANCE_NOTES_REF, 'show', ours]);
    const first = await runCli(repo.root, ['import', 'git-ai', '--json']);
    assert.equal(first.code, 0, first.err);
    const report = JSON.parse(first.out);
    assert.equal(report.examined, 4);
    assert.equal(report.written, 3); // gitAi, legacy, and the free lines of `ours`
    assert.deepEqual(
      report.skipped.map((s: { commit: string; reason: string }) => [s.commit, s.reason.replace(/\d+/g, 'N')]),
      [[hostile, 'note of N bytes exceeds the read limit']],
    );
    assert.ok(
      report.problems.some((p: { message: string }) => /"\.\." segment \("\.\.\/escape\.ts"\)/.test(p.message)),
    );
    const note = JSON.parse(repo.git(['notes', '--ref', PROVENANCE_NOTES_REF, 'show', gitAi]));
    assert.deepEqual(
      note.metadata['dev.ai-provenance'].conversations.map((c: { tool: string }) => c.tool),
      ['git-ai: claude', 'git-ai: cursor'],
    );
    const merged = repo.git(['notes', '--ref', PROVENANCE_NOTES_REF, 'show', ours]);
    assert.notEqual(merged, before);
    assert.ok(merged.includes('GitHub Copilot') || merged.includes('claude-code'));

    const again = JSON.parse((await runCli(repo.root, ['import', 'git-ai', '--json'])).out);
    assert.equal(again.written, 0);
    assert.equal(again.unchanged, 3);

    const traceImport = JSON.parse(
      (await runCli(repo.root, ['import', 'agent-trace', `${trace}~1..${trace}`, '--json'])).out,
    );
    assert.equal(traceImport.examined, 1);
    assert.equal(traceImport.written, 1);

    // Imported lines are ours now: blame sees them with the foreign refs gone.
    repo.git(['update-ref', '-d', 'refs/notes/ai']);
    repo.git(['update-ref', '-d', 'refs/notes/agent-trace']);
    repo.git(['update-ref', '-d', `refs/ai/authorship/${legacy}`]);
    const a = JSON.parse((await runCli(repo.root, ['blame', 'a.ts', '--json'])).out);
    assert.deepEqual(
      (a.lines as Array<{ origins: Array<{ tool: string }> }>).map((l) => l.origins.map((o) => o.tool).join('+')),
      ['git-ai: unknown', 'claude-code', 'git-ai: unknown'],
    );
    const go = JSON.parse((await runCli(repo.root, ['blame', 'pkg/main.go', '--json'])).out);
    assert.equal(go.lines[4].origins[0].tool, 'agent-trace: trace-writer');
  });
});
