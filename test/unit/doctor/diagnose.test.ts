import * as assert from 'node:assert/strict';
import {
  diagnose,
  droppedEntries,
  formatDoctorReport,
  parseLogLine,
  type DoctorFacts,
} from '../../../src/core/doctor/diagnose';

const HOOKS = ['prepare-commit-msg', 'commit-msg', 'post-commit', 'post-rewrite', 'reference-transaction', 'pre-push'];

function facts(overrides: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    hooks: HOOKS.map((hook) => ({ hook, state: 'installed' as const, chained: false })),
    launcher: { path: '/g/ai-provenance/bin/launcher', cliPath: '/x/cli.js', cliExists: true },
    notesRewriteRef: true,
    agents: [
      { agent: 'claude', label: '.claude/settings.json', state: 'installed', launchersOk: true },
      { agent: 'cursor', label: '.cursor/hooks.json', state: 'not installed', launchersOk: true },
    ],
    remotes: [{ name: 'origin', shared: true, fetchRefspec: true }],
    logLines: [],
    ...overrides,
  };
}

describe('doctor: what is healthy', () => {
  it('is healthy when hooks are current, installed agents run, notes are shared; agents not installed are no problem', () => {
    const r = diagnose(facts());
    assert.equal(r.healthy, true);
    assert.deepEqual(r.problems, []);
    assert.match(
      formatDoctorReport(r),
      /git hooks: installed and current \(6\)\nagents: claude installed\nnotes: origin shared\ndropped recently: nothing\nhealthy\n$/,
    );
  });

  it('no hooks at all: one problem, run hooks install', () => {
    const r = diagnose(
      facts({
        hooks: HOOKS.map((hook) => ({ hook, state: 'missing' as const, chained: false })),
        launcher: { path: 'l', cliExists: false },
        notesRewriteRef: false,
      }),
    );
    assert.equal(r.healthy, false);
    assert.deepEqual(r.problems, [
      { what: 'git hooks not installed: commits get no provenance', run: 'ai-provenance hooks install' },
    ]);
    assert.equal(r.hooks, 'not installed');
  });

  it('an outdated and a missing hook, and a launcher whose CLI is gone, each say what to run', () => {
    const hooks = HOOKS.map((hook) => ({
      hook,
      state:
        hook === 'pre-push'
          ? ('outdated' as const)
          : hook === 'post-commit'
            ? ('missing' as const)
            : ('installed' as const),
      chained: false,
    }));
    const r = diagnose(facts({ hooks, launcher: { path: 'l', cliPath: '/old/cli.js', cliExists: false } }));
    assert.deepEqual(
      r.problems.map((p) => p.what),
      [
        'git hooks missing: post-commit',
        'git hooks outdated: pre-push',
        "the hooks' launcher runs /old/cli.js, which is gone",
      ],
    );
    assert.ok(r.problems.every((p) => p.run === 'ai-provenance hooks install'));
    assert.match(r.hooks, /4 of 6 installed and current; post-commit missing, pre-push outdated/);
  });

  it('a foreign hook and notes.rewriteRef unset are problems', () => {
    const hooks = HOOKS.map((hook) => ({
      hook,
      state: hook === 'commit-msg' ? ('foreign' as const) : ('installed' as const),
      chained: false,
    }));
    const r = diagnose(facts({ hooks, notesRewriteRef: false }));
    assert.deepEqual(
      r.problems.map((p) => p.what),
      ["another tool's hook where ours belongs: commit-msg", 'notes.rewriteRef not set: amend and rebase drop notes'],
    );
  });

  it('agents: partial, disabled, Codex untrusted and a missing launcher are problems with their fix', () => {
    const r = diagnose(
      facts({
        agents: [
          { agent: 'claude', label: '.claude/settings.json', state: 'partial (pre only)', launchersOk: true },
          {
            agent: 'gemini',
            label: '.gemini/settings.json',
            state: 'installed, disabled in its settings',
            launchersOk: true,
          },
          {
            agent: 'codex',
            label: '.codex/config.toml',
            state: 'installed, not trusted yet — open /hooks in Codex',
            launchersOk: true,
          },
          { agent: 'cursor', label: '.cursor/hooks.json', state: 'installed', launchersOk: false },
        ],
      }),
    );
    assert.deepEqual(r.problems, [
      { what: 'claude: hooks partial (pre only)', run: 'ai-provenance agents install --agent claude' },
      { what: 'gemini: installed, disabled in its settings', run: 'enable the hooks in .gemini/settings.json' },
      { what: 'codex: installed, not trusted yet', run: 'open /hooks in Codex' },
      {
        what: 'cursor: its hooks run a launcher or CLI that is missing',
        run: 'ai-provenance agents install --agent cursor',
      },
    ]);
    assert.equal(r.agents.find((a) => a.agent === 'cursor')?.state, 'installed (launcher missing)');
    assert.match(formatDoctorReport(r), /^ {2}codex: installed, not trusted yet: open \/hooks in Codex$/m);
    assert.match(
      formatDoctorReport(r),
      /^ {2}claude: hooks partial \(pre only\): run `ai-provenance agents install --agent claude`$/m,
    );
  });

  it('notes: not shared with any remote is a problem naming origin; no remotes is not; a missing refspec is', () => {
    const notShared = diagnose(
      facts({
        remotes: [
          { name: 'backup', shared: false, fetchRefspec: false },
          { name: 'origin', shared: false, fetchRefspec: false },
        ],
      }),
    );
    assert.deepEqual(notShared.problems, [
      {
        what: 'notes are not shared with any remote: nobody else sees the provenance',
        run: 'ai-provenance notes share origin',
      },
    ]);
    assert.equal(diagnose(facts({ remotes: [] })).healthy, true);
    assert.equal(
      diagnose(
        facts({
          remotes: [
            { name: 'origin', shared: true, fetchRefspec: true },
            { name: 'fork', shared: false, fetchRefspec: false },
          ],
        }),
      ).healthy,
      true,
    );
    const noRefspec = diagnose(facts({ remotes: [{ name: 'up', shared: true, fetchRefspec: false }] }));
    assert.deepEqual(
      noRefspec.problems.map((p) => p.run),
      ['ai-provenance notes share up'],
    );
    assert.deepEqual(noRefspec.notes, [{ remote: 'up', state: 'shared, fetch refspec missing' }]);
  });
});

describe('doctor: dropped attribution in the log', () => {
  const line = (t: string, m: string) => `2026-12-0${t}T10:00:00.000Z [42] ${m}`;
  const lines = [
    line('1', 'post-commit: wrote note for abc'),
    line(
      '2',
      'agent hook: dropped 12 AI/attributed character(s) of a.ts: its record describes a text we no longer have (no snapshot), so its spans cannot be placed on the new text',
    ),
    line('3', 'cannot read b.ts at HEAD~1; its attribution is not carried over'),
    'not a log line',
    line(
      '4',
      "notes merge refs/notes/ai-provenance: commit c1: kept our note as it is, not merged with origin's note (blob 1): too big; the other note stays in the notes history (parent of the merge)",
    ),
    line('5', 'pre-push: could not push notes to origin (the push itself is unaffected): rejected'),
    line(
      '6',
      'stash 0123456789ab: 3 of 9 AI character(s) of c.ts not in the work tree after the stash went (dropped, or changed when applied); dropped',
    ),
    line('7', 'trailers skipped: bad config'),
  ];

  it('parses time and message and keeps only the lines that record lost or unplaced attribution', () => {
    assert.deepEqual(parseLogLine(lines[0]!), {
      time: '2026-12-01T10:00:00.000Z',
      message: 'post-commit: wrote note for abc',
    });
    assert.equal(parseLogLine('garbage'), undefined);
    assert.deepEqual(
      droppedEntries(lines).map((e) => e.time.slice(0, 10)),
      ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'],
    );
  });

  it('shows the last N, oldest first, without making the repository unhealthy', () => {
    const r = diagnose(facts({ logLines: lines }), 2);
    assert.equal(r.healthy, true);
    assert.deepEqual(
      r.dropped.map((e) => e.time.slice(0, 10)),
      ['2026-12-06', '2026-12-07'],
    );
    assert.match(
      formatDoctorReport(r),
      /dropped recently \(last 2, from log\.txt\):\n {2}2026-12-06T10:00:00\.000Z stash 0123456789ab: 3 of 9/,
    );
  });
});
