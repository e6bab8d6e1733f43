/**
 * `ai-provenance hook <agent> [pre|post]`, minus the CLI: PRE snapshots what the tool may touch into the git dir; POST
 * diffs each snapshot against the file now and records exactly the inserted characters as the agent's. Never throws:
 * every problem goes to `<git dir>/ai-provenance/log.txt`. Only one git process (`rev-parse`) for file-edit tools.
 * A POST the launcher queued in sh (src/git/agents/agentQueue.ts) runs here later with `queued`: the same work, the
 * files' texts after the tool read from the copies the launcher made instead of the work tree. Every hook run first
 * attributes the calls still queued, in order.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../../core/sha256';
import { isCopilotPayload, parseHookJson, parseHookPayload, toolCallMaterial } from '../../core/agents/payloads';
import { asObject, own } from '../../core/agents/payloadFields';
import type { AgentId, HookPayload, HookPhase } from '../../core/agents/types';
import type { Origin } from '../../core/attribution/origin';
import { dropLine } from '../../core/state/dropLine';
import { GitRunner, defaultGitRunner } from '../exec';
import { findRepo, RepoInfo } from '../repo';
import { appendStateLog, STATE_DIR_NAME } from '../stateLog';
import { WorkingStateStore } from '../stateStore';
import { applyAgentChange, describeReports, type ApplyOptions, type FileReport } from './applyChange';
import { textBeforeEdits } from './editReversal';
import { recordPromptSummary } from './promptLog';
import { repoChangesSince, takeRepoSnapshot } from './repoChanges';
import { readLauncherSnapshot, takeLauncherSnapshot } from './launcherSnapshots';
import { SNAPSHOT_VERSION, SnapshotStore, type Snapshot, type SnapshotEntry } from './snapshots';
import { claudeModelFromTranscript } from './transcripts';
import { describeDroppedRoute, routeFile } from '../../core/agents/fileRouting';
import { FileOwnerLookup } from './fileOwner';
import {
  AGENT_CAPTURE_LIMITS,
  absPathOf,
  readWorkFile,
  repoPathOf,
  unrecordablePath,
  type FileState,
} from './workFiles';

/** The product each agent id stands for, as recorded in `Origin.tool`. */
const AGENT_TOOL_NAMES: Readonly<Record<AgentId, string>> = {
  claude: 'Claude Code',
  vscode: 'GitHub Copilot',
  cursor: 'Cursor',
  codex: 'Codex',
  gemini: 'Gemini CLI',
  windsurf: 'Windsurf',
  droid: 'Factory Droid',
  cline: 'Cline',
  kiro: 'Kiro',
  amazonq: 'Amazon Q Developer',
  opencode: 'OpenCode',
};

// Agents whose model ids belong to one provider: stored as `provider/model`, as Origin.model asks.
const PROVIDERS: Partial<Record<AgentId, string>> = { claude: 'anthropic', codex: 'openai', gemini: 'google' };

/** A POST the launcher queued: its PRE directory (moved into the queued call) and the files' texts it copied after. */
export interface QueuedPost {
  readonly preDir: string;
  /** By the absolute path the payload names. */
  readonly after: ReadonlyMap<string, FileState>;
}

export interface AgentHookRequest {
  readonly agent: AgentId;
  readonly phaseHint?: HookPhase;
  readonly stdin: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly runner?: GitRunner;
  readonly now?: () => number;
  /** Set by the drain of queued calls: attribute this queued POST (and drain nothing first). */
  readonly queued?: QueuedPost;
}

export interface AgentHookResult {
  /** The phase the call resolved to (for the response to print). */
  readonly phase: HookPhase;
  readonly reports: readonly FileReport[];
  /** What was logged, for callers and tests. */
  readonly problems: readonly string[];
}

export async function runAgentHook(request: AgentHookRequest): Promise<AgentHookResult> {
  const problems: string[] = [];
  let phase: HookPhase = request.phaseHint ?? 'post';
  let logDir: string | undefined;
  const log = async (message: string): Promise<void> => {
    problems.push(message);
    if (logDir !== undefined) await appendStateLog(logDir, `hook ${request.agent} ${phase}: ${message}`);
  };
  try {
    let raw: unknown;
    let payload: HookPayload;
    try {
      raw = parseHookJson(request.stdin);
      payload = parseHookPayload(effectiveAgent(request.agent, raw), request.phaseHint, raw);
    } catch (err) {
      logDir = await stateDirFor(request.cwd, request.runner).catch(() => undefined);
      await log((err as Error).message);
      return { phase, reports: [], problems };
    }
    phase = payload.phase;
    if (payload.kind === 'other') return { phase, reports: [], problems };
    const cwd = await usableDir(path.resolve(request.cwd, payload.cwd ?? '.'), request.cwd);
    const repo = await findRepo(cwd, request.runner ?? defaultGitRunner);
    if (repo === undefined) return { phase, reports: [], problems: ['not inside a git work tree'] };
    logDir = path.join(repo.gitDir, STATE_DIR_NAME);
    // Calls the launcher queued come first: this one may touch the same files, and they ran before it.
    if (request.queued === undefined) {
      const { drainAgentQueue } = await import('./agentQueue.js');
      await drainAgentQueue(logDir, { runner: request.runner });
    }
    const hook = new HookCall(repo, logDir, payload, raw, cwd, request);
    const reports = phase === 'pre' ? await hook.pre() : await hook.post();
    for (const problem of hook.problems) await log(problem);
    return { phase, reports, problems };
  } catch (err) {
    const why = `failed: ${err instanceof Error ? err.message : String(err)}`;
    await log(request.queued === undefined ? why : dropLine('agent hook', 'a queued tool call', why));
    return { phase, reports: [], problems };
  }
}

class HookCall {
  readonly problems: string[] = [];
  /** Files whose edits could not be recorded, said once per hook call (after the edit; PRE records nothing). */
  private readonly unrecordable = new Set<string>();
  private readonly snapshots: SnapshotStore;
  private readonly session: string;
  private readonly key: string;
  private readonly now: () => number;
  private readonly runner: GitRunner;
  private readonly owners: FileOwnerLookup;
  /** Reports of files recorded in another repository (a submodule, a nested repository), by its state dir. */
  private readonly routed = new Map<string, FileReport[]>();
  private readonly recordedElsewhere = new Set<FileReport>();
  /** Queued POST: the texts after the tool by repo-relative path (resolved at first use). */
  private queuedAfter: Map<string, FileState> | undefined;

  constructor(
    private readonly repo: RepoInfo,
    private readonly stateDir: string,
    private readonly payload: HookPayload,
    private readonly raw: unknown,
    private readonly cwd: string,
    private readonly request: AgentHookRequest,
  ) {
    this.snapshots = new SnapshotStore(stateDir);
    this.session = payload.sessionId ?? 'no-session';
    this.key = payload.toolUseId ?? callKey(payload, raw);
    this.now = request.now ?? Date.now;
    this.runner = request.runner ?? defaultGitRunner;
    this.owners = new FileOwnerLookup(repo, this.runner);
  }

  async pre(): Promise<FileReport[]> {
    if (this.payload.toolUseId === undefined) await this.snapshots.clearClaim(this.session, this.key);
    if (this.payload.kind === 'shell') {
      await this.snapshots.save(this.session, this.key, await takeRepoSnapshot(this.repo, this.now(), this.runner));
    } else {
      const files: Array<readonly [string, SnapshotEntry]> = [];
      let chars = 0;
      for (const rel of await this.repoPaths(this.payload.files)) {
        let state = await readWorkFile(absPathOf(this.repo, rel));
        if (state.kind === 'text' && (chars += state.text.length) > AGENT_CAPTURE_LIMITS.maxRepoBytes) {
          state = { kind: 'skipped', reason: `the tool's files exceed ${AGENT_CAPTURE_LIMITS.maxRepoBytes} bytes` };
        }
        files.push([rel, state]);
      }
      if (files.length === 0) return [];
      await this.snapshots.save(this.session, this.key, {
        version: SNAPSHOT_VERSION,
        taken: this.now(),
        scope: 'files',
        files,
      });
    }
    await this.snapshots.pruneIfDue(this.now());
    return [];
  }

  async post(): Promise<FileReport[]> {
    // A PRE done by node and one done by the launcher for the same call (a retried PRE): the newer one counts. The
    // launcher's is always taken, so it never lingers.
    const newer = (stored: Snapshot | undefined, fromLauncher: Snapshot | undefined): Snapshot | undefined =>
      stored !== undefined && (fromLauncher === undefined || stored.taken >= fromLauncher.taken)
        ? stored
        : fromLauncher;
    let snapshot: Snapshot | undefined;
    if (this.payload.toolUseId === undefined) {
      // No tool-use id (Copilot): two of our hook files may fire for one call; the first POST claims it.
      const claim = await this.snapshots.claim(this.session, this.key);
      if (claim.duplicate) {
        this.problems.push(
          `${this.payload.toolName ?? this.payload.event ?? 'tool'}: already recorded by another of our hook files for this call`,
        );
        return [];
      }
      snapshot = newer(claim.snapshot, await this.launcherSnapshot());
    } else {
      snapshot = newer(await this.snapshots.load(this.session, this.key), await this.launcherSnapshot());
    }
    const origin = await this.origin();
    // Cursor reports a file edit twice on current versions (postToolUse, and afterFileEdit kept for older Cursor).
    const options = { origin, now: this.now(), oneCallTwoEvents: this.payload.agent === 'cursor' };
    const reports: FileReport[] = [];
    try {
      if (snapshot?.scope === 'repo') {
        const before = await repoChangesSince(this.repo, snapshot, this.runner);
        for (const [rel, entry] of before) {
          const report = await this.apply(rel, entry, await this.readAfter(rel), {
            ...options,
            keepRecordsWrittenAfter: snapshot.taken,
          });
          if (report.action !== 'unchanged') reports.push(report);
        }
      } else {
        if (snapshot === undefined && this.payload.kind === 'shell')
          this.problems.push('no PRE snapshot for this shell command; nothing attributed');
        const before = new Map<string, SnapshotEntry | undefined>(snapshot?.files ?? []);
        for (const rel of await this.repoPaths(this.payload.files, true))
          if (!before.has(rel)) before.set(rel, undefined);
        for (const [rel, entry] of before) {
          const after = await this.readAfter(rel);
          const known = entry ?? (after.kind === 'text' ? await this.rebuildBefore(rel, after.text) : undefined);
          reports.push(await this.apply(rel, known, after, options));
        }
      }
    } finally {
      if (snapshot !== undefined && this.payload.toolUseId !== undefined)
        await this.snapshots.remove(this.session, this.key);
    }
    if (reports.length > 0)
      this.problems.push(`${this.payload.toolName ?? this.payload.event ?? 'tool'}: ${describeReports(reports)}`);
    for (const failure of this.owners.failures) this.problems.push(failure);
    const home = reports.filter((r) => !this.recordedElsewhere.has(r));
    if (home.some((r) => r.action === 'attributed')) await this.recordPrompt(this.stateDir, home);
    for (const [stateDir, routed] of this.routed) {
      await appendStateLog(
        stateDir,
        `hook ${this.payload.agent} post (from ${this.repo.root}): ${this.payload.toolName ?? this.payload.event ?? 'tool'}: ${describeReports(routed)}`,
      );
      if (routed.some((r) => r.action === 'attributed')) await this.recordPrompt(stateDir, routed);
    }
    return reports;
  }

  /**
   * Records one file's change in the repository that owns it: this one, or a submodule or nested repository (under
   * that repository's path for the file; `routed` keeps its reports for its own log). The report keeps the path in
   * this repository.
   */
  private async apply(
    rel: string,
    before: SnapshotEntry | undefined,
    after: FileState,
    options: ApplyOptions,
  ): Promise<FileReport> {
    const owner = await this.owners.ownerOf(rel);
    const route = routeFile(this.repo.root, rel, owner);
    if (route.kind === 'home') return applyAgentChange(this.store(this.stateDir), rel, before, after, options);
    if (route.kind === 'dropped') {
      if (before !== undefined && before.kind === 'text' && after.kind === 'text' && before.text === after.text)
        return { path: rel, action: 'unchanged' };
      this.problems.push(describeDroppedRoute(route));
      return { path: rel, action: 'skipped', reason: 'dropped: ' + route.reason };
    }
    const stateDir = path.join(owner!.repo.gitDir, STATE_DIR_NAME);
    const report = await applyAgentChange(this.store(stateDir), route.rel, before, after, options);
    if (report.action !== 'unchanged') this.routed.set(stateDir, [...(this.routed.get(stateDir) ?? []), report]);
    const seen = {
      ...report,
      path: rel,
      reason: [report.reason, `recorded in ${route.root}`].filter(Boolean).join('; '),
    };
    this.recordedElsewhere.add(seen);
    return seen;
  }

  /** Queued calls were attributed before this call started (runAgentHook); draining again here could reorder them. */
  private store(stateDir: string): WorkingStateStore {
    return WorkingStateStore.at(stateDir, { drainQueue: false });
  }

  /** The file after the tool: the work tree now, or for a queued POST the copy the launcher made then. */
  private async readAfter(rel: string): Promise<FileState> {
    const queued = this.request.queued;
    if (queued === undefined) return readWorkFile(absPathOf(this.repo, rel));
    if (this.queuedAfter === undefined) {
      this.queuedAfter = new Map();
      for (const [file, state] of queued.after) {
        const at = await repoPathOf(this.repo, this.cwd, file);
        if (at !== undefined && !this.queuedAfter.has(at)) this.queuedAfter.set(at, state);
      }
    }
    const state = this.queuedAfter.get(rel);
    if (state !== undefined) return state;
    this.problems.push(
      dropLine('agent hook', `the edit of ${rel}`, 'the queued call holds no copy of its text after the tool'),
    );
    return { kind: 'skipped', reason: 'no copy of the text after the tool' };
  }

  /** The PRE snapshot the launcher took in sh for this call (src/git/agents/launcherSnapshots.ts), if any. */
  private async launcherSnapshot(): Promise<Snapshot | undefined> {
    const isOwnPre = (json: string): boolean => {
      try {
        const raw = parseHookJson(json);
        const pre = parseHookPayload(effectiveAgent(this.payload.agent, raw), 'pre', raw);
        return (
          pre.agent === this.payload.agent &&
          (pre.sessionId ?? 'no-session') === this.session &&
          (pre.toolUseId ?? callKey(pre, raw)) === this.key
        );
      } catch {
        return false;
      }
    };
    const repoPath = (file: string): Promise<string | undefined> => repoPathOf(this.repo, this.cwd, file);
    const queued = this.request.queued;
    if (queued !== undefined) {
      const own = await fs.readFile(path.join(queued.preDir, 'payload.json'), 'utf8').then(isOwnPre, () => false);
      if (own) {
        const taken = await fs.stat(path.join(queued.preDir, 'paths')).then(
          (s) => s.mtimeMs,
          () => this.now(),
        );
        return readLauncherSnapshot(queued.preDir, taken, repoPath);
      }
    }
    return takeLauncherSnapshot(this.stateDir, isOwnPre, repoPath, this.now());
  }

  /** Without a snapshot: Claude's `originalFile`, or the reported edits undone on the current text. */
  private async rebuildBefore(rel: string, after: string): Promise<SnapshotEntry | undefined> {
    const response = asObject(own(asObject(this.raw), 'tool_response'));
    const original = own(response, 'originalFile');
    const responsePath = own(response, 'filePath');
    if (
      this.payload.agent === 'claude' &&
      typeof original === 'string' &&
      typeof responsePath === 'string' &&
      (await repoPathOf(this.repo, this.cwd, responsePath)) === rel
    ) {
      return { kind: 'text', text: original };
    }
    const edits = [];
    for (const edit of this.payload.edits ?? [])
      if ((await repoPathOf(this.repo, this.cwd, edit.filePath)) === rel) edits.push(edit);
    if (edits.length === 0) return undefined;
    const before = textBeforeEdits(after, edits);
    if (before === undefined) this.problems.push(`${rel}: the reported edits do not locate the old text unambiguously`);
    return before === undefined ? undefined : { kind: 'text', text: before };
  }

  /**
   * The files' paths in this repository. `sayOutside`: a file in another repository's work tree above or beside this
   * one (the agent ran in a submodule and edited the superproject) is not recorded, and the log says so; files in no
   * repository at all (an agent's own plan files) are not ours to mention.
   */
  private async repoPaths(files: readonly string[], sayOutside = false): Promise<string[]> {
    const out = new Set<string>();
    for (const file of files) {
      const rel = await repoPathOf(this.repo, this.cwd, file);
      if (rel !== undefined) out.add(rel);
      else {
        const problem = await unrecordablePath(this.repo, this.cwd, file);
        if (problem !== undefined) {
          if (this.payload.phase !== 'pre' && !this.unrecordable.has(file)) {
            this.unrecordable.add(file);
            this.problems.push(
              dropLine('agent hook', `edits of ${JSON.stringify(file)}`, `cannot be recorded: ${problem}`),
            );
          }
        } else if (sayOutside) {
          const abs = path.resolve(this.cwd, file);
          const other = await findRepo(path.dirname(abs), this.runner).catch(() => undefined);
          if (other !== undefined && other.root !== this.repo.root)
            this.problems.push(
              dropLine(
                'agent hook',
                `edits of ${abs}`,
                `outside the repository the agent ran in (${this.repo.root}); run the agent from ${other.root} to record it`,
              ),
            );
        }
      }
    }
    return [...out];
  }

  private async origin(): Promise<Origin> {
    const agent = this.payload.agent;
    let model = this.payload.model;
    if (model === undefined && agent === 'claude' && this.payload.transcriptPath !== undefined) {
      model = await claudeModelFromTranscript(path.resolve(this.cwd, this.payload.transcriptPath));
    }
    const provider = PROVIDERS[agent];
    if (model !== undefined && provider !== undefined && !model.includes('/')) model = `${provider}/${model}`;
    const origin: { -readonly [K in keyof Origin]: Origin[K] } = {
      kind: 'agent',
      tool: AGENT_TOOL_NAMES[agent],
      time: this.now(),
    };
    if (model !== undefined) origin.model = model.slice(0, 512);
    if (this.payload.sessionId !== undefined) origin.session = this.payload.sessionId;
    return origin;
  }

  private async recordPrompt(stateDir: string, reports: readonly FileReport[]): Promise<void> {
    try {
      await recordPromptSummary(stateDir, this.request.env, this.payload, this.raw, reports, this.now());
    } catch (err) {
      this.problems.push(`prompt summary not stored: ${(err as Error).message}`);
    }
  }
}

/** `hook claude` also receives GitHub Copilot's calls (Copilot runs Claude's settings files): those are Copilot's. */
function effectiveAgent(agent: AgentId, raw: unknown): AgentId {
  return agent === 'claude' && isCopilotPayload(raw) ? 'vscode' : agent;
}

/**
 * Pairs a PRE with its POST when the agent sends no tool use id (Copilot, Gemini, Cursor shell events): the agent and
 * the call's arguments, not the tool's name, so the two hook files Copilot may run for one call share one key.
 */
function callKey(payload: HookPayload, raw: unknown): string {
  const material = JSON.stringify([payload.agent, toolCallMaterial(raw)]);
  return 'k-' + sha256Hex(material).slice(0, 32);
}

async function usableDir(dir: string, fallback: string): Promise<string> {
  const ok = await fs.stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return ok ? dir : fallback;
}

async function stateDirFor(cwd: string, runner: GitRunner | undefined): Promise<string | undefined> {
  const repo = await findRepo(cwd, runner ?? defaultGitRunner);
  return repo === undefined ? undefined : path.join(repo.gitDir, STATE_DIR_NAME);
}
