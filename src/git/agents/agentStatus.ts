/**
 * `agents status` without the CLI: for each agent's hook files, whether our hooks are in them, what launcher they
 * name and whether it exists, Codex's trust in them, and one state line per agent (`agentState`).
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspectAgentHooks } from '../../core/agentConfig/agentHooks';
import {
  codexHookEntries,
  codexHookStates,
  codexProjectTrusted,
  codexTrust,
  type CodexTrust,
} from '../../core/agentConfig/codexTrust';
import type { AgentId } from '../../core/agents/types';
import {
  configFilesFor,
  launcherPathFor,
  layerWarnings,
  readBytes,
  type AgentStatusReport,
  type InstallContext,
} from './agentInstall';
import { sha256 } from './installManifest';
import { launcherTarget } from './launcher';

export async function agentsStatus(ctx: InstallContext, agents: readonly AgentId[]): Promise<AgentStatusReport[]> {
  const reports: AgentStatusReport[] = [];
  for (const agent of agents) {
    for (const { file, label, format, group, executable } of configFilesFor(agent, ctx)) {
      let bytes: Buffer | undefined;
      try {
        bytes = await readBytes(file);
        let inspection = inspectAgentHooks(format, bytes?.toString('utf8'), label);
        if (
          executable === true &&
          bytes !== undefined &&
          (inspection.pre || inspection.post) &&
          !(await isExecutable(file))
        )
          inspection = {
            ...inspection,
            disabled: true,
            warnings: [
              ...inspection.warnings,
              `${label} is not executable: switched off (Cline's hook toggle does this)`,
            ],
          };
        const launchers = [];
        // Project commands find the launcher at run time: the one they find here is this clone's.
        const named = inspection.commands.map((c) =>
          c.includes('--git-path') ? launcherPathFor(ctx) : (execTarget(c) ?? firstShellWord(c)),
        );
        for (const launcher of new Set(named)) {
          if (launcher === undefined || !path.isAbsolute(launcher)) continue;
          const exists = await isFile(launcher);
          const cli = exists ? await launcherTarget(launcher) : undefined;
          launchers.push({ path: launcher, exists, cli, cliExists: cli !== undefined && (await isFile(cli)) });
        }
        const codex =
          agent === 'codex' && bytes !== undefined && (inspection.pre || inspection.post)
            ? await codexStatus(ctx, file, bytes.toString('utf8'), label)
            : undefined;
        const extra =
          bytes !== undefined && (inspection.pre || inspection.post) ? await layerWarnings(agent, file) : [];
        const withLayer =
          extra.length > 0 ? { ...inspection, warnings: [...inspection.warnings, ...extra] } : inspection;
        reports.push({
          agent,
          label,
          file,
          exists: bytes !== undefined,
          inspection: withLayer,
          launchers,
          ...(codex !== undefined ? { codex } : {}),
          ...(group !== undefined ? { group } : {}),
        });
      } catch (err) {
        reports.push({ agent, label, file, exists: bytes !== undefined, error: (err as Error).message, launchers: [] });
      }
    }
  }
  return mergeGroups(reports);
}

/** Codex's verdict on our entries in `file`, from its trust store (read only). */
async function codexStatus(
  ctx: InstallContext,
  file: string,
  text: string,
  label: string,
): Promise<{ trust: CodexTrust; projectTrusted?: boolean }> {
  const home = ctx.codexHome ?? path.join(ctx.home ?? (ctx.scope === 'user' ? ctx.root : os.homedir()), '.codex');
  const storeFile = path.join(home, 'config.toml');
  const store = file === storeFile ? text : (await readBytes(storeFile))?.toString('utf8');
  const entries = codexHookEntries(text, path.resolve(file), label);
  const trust = codexTrust(
    entries,
    (identity) => 'sha256:' + sha256(Buffer.from(identity, 'utf8')),
    codexHookStates(store, storeFile),
  );
  return ctx.scope === 'project'
    ? { trust, projectTrusted: codexProjectTrusted(store, path.resolve(ctx.root), storeFile) }
    : { trust };
}

/** One word-group per agent state, as `agents status` prints it and the VS Code command shows it. */
export function agentState(s: AgentStatusReport): string {
  if (s.error !== undefined) return 'unreadable';
  const i = s.inspection;
  if (!i || (!i.pre && !i.post)) return 'not installed';
  if (!i.pre || !i.post) return `partial (${i.pre ? 'pre' : 'post'} only)`;
  if (i.disabled === true) return 'installed, disabled in its settings';
  if (s.codex !== undefined) {
    if (s.codex.projectTrusted === false)
      return 'installed, project not trusted in Codex — trust it, then open /hooks in Codex';
    if (s.codex.trust === 'untrusted') return 'installed, not trusted yet — open /hooks in Codex';
    if (s.codex.trust === 'modified') return 'installed, changed since Codex trusted it — review it in /hooks in Codex';
    if (s.codex.trust === 'disabled') return 'installed, disabled in Codex /hooks';
  }
  return 'installed';
}

async function isExecutable(p: string): Promise<boolean> {
  return fs.access(p, fsConstants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Reports of one agent's grouped files as one: installed when the group is, with every file named. */
function mergeGroups(reports: AgentStatusReport[]): AgentStatusReport[] {
  const out: AgentStatusReport[] = [];
  for (const r of reports) {
    const last = out[out.length - 1];
    if (r.group === undefined || last?.group !== r.group || last.agent !== r.agent) {
      out.push(r);
      continue;
    }
    const a = last.inspection;
    const b = r.inspection;
    const inspection =
      a === undefined || b === undefined
        ? undefined
        : {
            pre: a.pre || b.pre,
            post: a.post || b.post,
            commands: [...a.commands, ...b.commands],
            warnings: [...a.warnings, ...b.warnings],
            ...(a.disabled === true || b.disabled === true ? { disabled: true } : {}),
          };
    out[out.length - 1] = {
      ...last,
      label: `${last.label} + ${path.basename(r.label)}`,
      exists: last.exists && r.exists,
      ...(inspection !== undefined ? { inspection } : {}),
      ...(last.error === undefined && r.error !== undefined ? { error: r.error } : {}),
      launchers: [...last.launchers, ...r.launchers.filter((l) => !last.launchers.some((k) => k.path === l.path))],
    };
  }
  return out;
}

async function isFile(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The single-quoted program a guarded command execs (`[ -x 'L' ] && exec 'L' hook …`). */
function execTarget(command: string): string | undefined {
  const match = /\bexec '((?:[^']|'\\'')*)' hook /.exec(command);
  return match === null ? undefined : match[1].replace(/'\\''/g, "'");
}

/** The first word of a POSIX shell command (single-quoted or bare). */
function firstShellWord(command: string): string | undefined {
  const quoted = /^'((?:[^']|'\\'')*)'/.exec(command);
  if (quoted !== null) return quoted[1].replace(/'\\''/g, "'");
  const bare = /^(\S+)/.exec(command);
  return bare?.[1];
}
