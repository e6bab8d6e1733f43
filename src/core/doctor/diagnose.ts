/**
 * `ai-provenance doctor`'s judgement, kept pure so the CLI and VS Code agree: from what src/git/doctorFacts.ts read
 * (hooks, agents, notes sharing, the tail of log.txt) decide what is healthy, and for each problem the one command that
 * fixes it. Dropped attribution in the log is shown, not counted as a problem: it already happened and needs no command.
 */

export interface DoctorFacts {
  readonly hooks: ReadonlyArray<{
    readonly hook: string;
    readonly state: 'installed' | 'outdated' | 'missing' | 'foreign';
    readonly chained: boolean;
  }>;
  readonly launcher: { readonly path: string; readonly cliPath?: string; readonly cliExists: boolean };
  readonly notesRewriteRef: boolean;
  /** One row per agent (project scope): `state` is `agents status`'s wording (agentState). */
  readonly agents: ReadonlyArray<{
    readonly agent: string;
    readonly label: string;
    readonly state: string;
    readonly launchersOk: boolean;
  }>;
  readonly remotes: ReadonlyArray<{ readonly name: string; readonly shared: boolean; readonly fetchRefspec: boolean }>;
  /** The last lines of `<git dir>/ai-provenance/log.txt` (older rotation first), as written by stateLog. */
  readonly logLines: readonly string[];
}

export interface DroppedEntry {
  /** ISO time from the log line. */
  readonly time: string;
  readonly message: string;
}

export interface DoctorProblem {
  readonly what: string;
  /** The command the user runs to fix it (`ai-provenance …`), or what to do where no command can (Codex's trust). */
  readonly run: string;
}

export interface DoctorReport {
  readonly healthy: boolean;
  readonly problems: readonly DoctorProblem[];
  readonly hooks: string;
  readonly agents: ReadonlyArray<{ readonly agent: string; readonly state: string }>;
  readonly notes: ReadonlyArray<{
    readonly remote: string;
    readonly state: 'shared' | 'not shared' | 'shared, fetch refspec missing';
  }>;
  readonly dropped: readonly DroppedEntry[];
}

export const DEFAULT_DROPPED_SHOWN = 10;

const LOG_LINE = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) \[\d+\] (.*)$/;

/**
 * Log messages that say attribution was lost or not placed. Matches the wording of the writers: "dropped" (agent hook,
 * stash), "not carried over" (rewrite mapping), "kept … note as it is, not merged" (notes merge), "notes not pushed" and
 * "could not push notes" (pre-push), "trailers skipped", "unreadable record"; every line `logDrop` writes starts with
 * "dropped attribution:" (src/core/state/dropLine.ts).
 */
const LOSS =
  /^dropped attribution:|\bdropped\b|not carried over|not merged with|notes not pushed|could not (push|start the notes push)|trailers skipped|unreadable record|given up|gave up/i;

export function parseLogLine(line: string): DroppedEntry | undefined {
  const m = LOG_LINE.exec(line);
  return m ? { time: m[1]!, message: m[2]! } : undefined;
}

/** The last `limit` log entries that record dropped or unplaced attribution, oldest first. */
export function droppedEntries(lines: readonly string[], limit = DEFAULT_DROPPED_SHOWN): DroppedEntry[] {
  const found: DroppedEntry[] = [];
  for (const line of lines) {
    const entry = parseLogLine(line);
    if (entry && LOSS.test(entry.message)) found.push(entry);
  }
  return found.slice(Math.max(0, found.length - limit));
}

function agentProblem(a: DoctorFacts['agents'][number]): DoctorProblem | undefined {
  if (a.state === 'not installed') return undefined; // optional: only agents the user installed are checked
  const reinstall = `ai-provenance agents install --agent ${a.agent}`;
  if (a.state === 'unreadable')
    return { what: `${a.agent}: ${a.label} cannot be read`, run: `fix ${a.label}, then ${reinstall}` };
  if (a.state.startsWith('partial')) return { what: `${a.agent}: hooks ${a.state}`, run: reinstall };
  if (!a.launchersOk) return { what: `${a.agent}: its hooks run a launcher or CLI that is missing`, run: reinstall };
  if (a.state.includes('Codex'))
    return {
      what: `codex: ${a.state.replace(/ — .*$/, '')}`,
      run: a.state.replace(/^.* — /, '').replace(/^trust it\b/, 'trust this project in Codex'),
    };
  if (a.state.includes('disabled')) return { what: `${a.agent}: ${a.state}`, run: `enable the hooks in ${a.label}` };
  return undefined;
}

export function diagnose(facts: DoctorFacts, droppedLimit = DEFAULT_DROPPED_SHOWN): DoctorReport {
  const problems: DoctorProblem[] = [];
  const notOurs = facts.hooks.filter((h) => h.state !== 'installed');
  const missing = notOurs.filter((h) => h.state === 'missing').map((h) => h.hook);
  const outdated = notOurs.filter((h) => h.state === 'outdated').map((h) => h.hook);
  const foreign = notOurs.filter((h) => h.state === 'foreign').map((h) => h.hook);
  if (missing.length === facts.hooks.length)
    problems.push({ what: 'git hooks not installed: commits get no provenance', run: 'ai-provenance hooks install' });
  else if (missing.length > 0)
    problems.push({ what: `git hooks missing: ${missing.join(', ')}`, run: 'ai-provenance hooks install' });
  if (outdated.length > 0)
    problems.push({ what: `git hooks outdated: ${outdated.join(', ')}`, run: 'ai-provenance hooks install' });
  if (foreign.length > 0)
    problems.push({
      what: `another tool's hook where ours belongs: ${foreign.join(', ')}`,
      run: 'ai-provenance hooks install (it keeps that hook and runs it first)',
    });
  if (missing.length < facts.hooks.length && !facts.launcher.cliExists) {
    const why = facts.launcher.cliPath ? `runs ${facts.launcher.cliPath}, which is gone` : 'is missing';
    problems.push({ what: `the hooks' launcher ${why}`, run: 'ai-provenance hooks install' });
  }
  if (missing.length < facts.hooks.length && !facts.notesRewriteRef)
    problems.push({
      what: 'notes.rewriteRef not set: amend and rebase drop notes',
      run: 'ai-provenance hooks install',
    });

  for (const a of facts.agents) {
    const p = agentProblem(a);
    if (p) problems.push(p);
  }

  const notes = facts.remotes.map((r) => ({
    remote: r.name,
    state: (r.shared
      ? r.fetchRefspec
        ? 'shared'
        : 'shared, fetch refspec missing'
      : 'not shared') as DoctorReport['notes'][number]['state'],
  }));
  for (const r of facts.remotes)
    if (r.shared && !r.fetchRefspec)
      problems.push({
        what: `notes: ${r.name}'s fetch refspec for the notes is missing`,
        run: `ai-provenance notes share ${r.name}`,
      });
  if (facts.remotes.length > 0 && !facts.remotes.some((r) => r.shared)) {
    const remote = facts.remotes.find((r) => r.name === 'origin')?.name ?? facts.remotes[0]!.name;
    problems.push({
      what: 'notes are not shared with any remote: nobody else sees the provenance',
      run: `ai-provenance notes share ${remote}`,
    });
  }

  const hooks =
    notOurs.length === 0
      ? `installed and current (${facts.hooks.length})`
      : missing.length === facts.hooks.length
        ? 'not installed'
        : `${facts.hooks.length - notOurs.length} of ${facts.hooks.length} installed and current; ${notOurs.map((h) => `${h.hook} ${h.state}`).join(', ')}`;
  return {
    healthy: problems.length === 0,
    problems,
    hooks,
    agents: facts.agents.map((a) => ({
      agent: a.agent,
      state: a.state + (a.state !== 'not installed' && !a.launchersOk ? ' (launcher missing)' : ''),
    })),
    notes,
    dropped: droppedEntries(facts.logLines, droppedLimit),
  };
}

/** The one-screen text both the CLI and the VS Code output channel show. */
export function formatDoctorReport(report: DoctorReport): string {
  const out: string[] = [];
  out.push(`git hooks: ${report.hooks}`);
  const installed = report.agents.filter((a) => a.state !== 'not installed');
  out.push(
    `agents: ${installed.length === 0 ? 'none installed' : installed.map((a) => `${a.agent} ${a.state}`).join('; ')}`,
  );
  out.push(
    `notes: ${report.notes.length === 0 ? 'no remotes' : report.notes.map((n) => `${n.remote} ${n.state}`).join('; ')}`,
  );
  if (report.dropped.length === 0) out.push('dropped recently: nothing');
  else {
    out.push(`dropped recently (last ${report.dropped.length}, from log.txt):`);
    for (const d of report.dropped) out.push(`  ${d.time} ${d.message}`);
  }
  if (report.healthy) out.push('healthy');
  else {
    out.push(`${report.problems.length} problem(s):`);
    for (const p of report.problems)
      out.push(`  ${p.what}: ${p.run.startsWith('ai-provenance ') ? `run \`${p.run}\`` : p.run}`);
  }
  return out.join('\n') + '\n';
}
