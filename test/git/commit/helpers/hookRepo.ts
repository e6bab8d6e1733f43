/**
 * Temp repositories with the ai-provenance git hooks installed for real, running the compiled CLI of this build
 * (`<out>/src/cli/main.js`, also exported as AI_PROVENANCE_CLI so the launcher uses it), plus helpers to mark text
 * as AI in the working state and to read AI lines back through the notes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unquoteGitPath } from '../../../../src/core/blame/quote';
import { recordLineAttributions } from '../../../../src/core/commit/agentTraceRead';
import type { AgentTraceRecord } from '../../../../src/core/commit/agentTrace';
import { splitLines } from '../../../../src/core/commit/lines';
import { contentHash } from '../../../../src/core/hash';
import { serializeFileRecord } from '../../../../src/core/state/fileRecord';
import { parseNoteRecords } from '../../../../src/core/rewrite/noteRecords';
import type { Origin } from '../../../../src/core/attribution/origin';
import { installHooks } from '../../../../src/git/hooks/install';
import { findRepo } from '../../../../src/git/repo';
import { WorkingStateStore } from '../../../../src/git/stateStore';
import { createTempRepo, type TempRepo } from '../../helpers/tempRepo';

/** The compiled CLI next to this compiled test file. */
export const CLI_PATH = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'cli', 'main.js');

export const CLAUDE: Origin = {
  kind: 'agent',
  tool: 'claude-code',
  model: 'anthropic/claude-opus-4-5',
  session: 'sess-1',
  time: 1_700_000_000_000,
};
export const COPILOT: Origin = {
  kind: 'inline',
  tool: 'GitHub Copilot',
  model: 'openai/gpt-4.1',
  time: 1_700_000_100_000,
};

export interface HookRepo extends TempRepo {
  /** Runs git with extra env; returns stdout (no trailing newline). Throws with stderr on failure. */
  run(args: readonly string[], env?: Record<string, string | undefined>, input?: string): string;
  /** Like run but returns status/stdout/stderr instead of throwing. */
  tryRun(
    args: readonly string[],
    env?: Record<string, string | undefined>,
    input?: string,
  ): { status: number; stdout: string; stderr: string };
  /** Writes `content` to `relPath` and records lines `aiLines` (1-based) as written by `origin`. */
  writeAi(relPath: string, content: string, aiLines: readonly number[], origin?: Origin): void;
  /** `git add -A && git commit -m message` with the hooks running; returns the commit id. */
  commitHooked(message: string, env?: Record<string, string | undefined>): string;
  message(rev?: string): string;
  records(rev?: string): AgentTraceRecord[];
  /** path -> 1-based AI line numbers of the note on `rev` (at its own revision). */
  noteLines(rev?: string): Map<string, number[]>;
  /** Every AI line of `rev`'s content, found by blaming each line to the commit that wrote it and reading its note. */
  aiLinesByBlame(rev?: string): Array<{ path: string; line: number; text: string }>;
  logText(): string;
}

/** Environment every hooked git command gets: no user editor, the compiled CLI, a test run (fault points armed). */
export function hookEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AI_PROVENANCE_CLI: CLI_PATH,
    AI_PROVENANCE_TEST: '1',
    GIT_EDITOR: 'true',
    ...extra,
  };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

export async function createHookedRepo(options: { install?: boolean } = {}): Promise<HookRepo> {
  const repo = createTempRepo({ commit: true });
  if (options.install !== false) {
    const info = await findRepo(repo.root);
    if (!info) throw new Error('temp repo not found');
    await installHooks(info, { cliPath: CLI_PATH });
  }
  return extendRepo(repo);
}

export function extendRepo(repo: TempRepo): HookRepo {
  const tryRun = (args: readonly string[], env: Record<string, string | undefined> = {}, input?: string) => {
    const r = spawnSync('git', [...args], { cwd: repo.root, env: hookEnv(env), encoding: 'utf8', input: input ?? '' });
    return { status: r.status ?? -1, stdout: r.stdout.replace(/\n$/, ''), stderr: r.stderr };
  };
  const run = (args: readonly string[], env: Record<string, string | undefined> = {}, input?: string) => {
    const r = tryRun(args, env, input);
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  };
  const records = (rev = 'HEAD'): AgentTraceRecord[] => {
    const r = tryRun(['notes', '--ref', 'ai-provenance', 'show', rev]);
    return r.status === 0 ? parseNoteRecords(r.stdout).records : [];
  };
  const hooked: HookRepo = {
    ...repo,
    run,
    tryRun,
    writeAi(relPath, content, aiLines, origin = CLAUDE) {
      repo.write(relPath, content);
      writeRecord(repo.root, relPath, content, aiLines, origin);
    },
    commitHooked(message, env = {}) {
      run(['add', '-A']);
      run(['commit', '-q', '-m', message], env);
      return run(['rev-parse', 'HEAD']);
    },
    message: (rev = 'HEAD') => run(['log', '-1', '--format=%B', rev]).replace(/\n+$/, ''),
    records,
    noteLines(rev = 'HEAD') {
      const out = new Map<string, number[]>();
      for (const record of records(rev)) {
        for (const file of recordLineAttributions(record))
          out.set(
            file.path,
            [...(out.get(file.path) ?? []), ...file.lines.keys()].sort((a, b) => a - b),
          );
      }
      return out;
    },
    aiLinesByBlame(rev = 'HEAD') {
      const sha = run(['rev-parse', rev]);
      const files = run(['ls-tree', '-r', '-z', '--name-only', sha])
        .split('\0')
        .filter((f) => f !== '');
      const notes = new Map<string, Map<string, Set<number>>>();
      const aiAt = (commit: string, file: string, line: number): boolean => {
        let byFile = notes.get(commit);
        if (!byFile) {
          byFile = new Map();
          for (const record of records(commit)) {
            for (const f of recordLineAttributions(record))
              byFile.set(f.path, new Set([...(byFile.get(f.path) ?? []), ...f.lines.keys()]));
          }
          notes.set(commit, byFile);
        }
        return byFile.get(file)?.has(line) ?? false;
      };
      const out: Array<{ path: string; line: number; text: string }> = [];
      for (const file of files) {
        const porcelain = run(['blame', '--line-porcelain', sha, '--', file]).split('\n');
        let commit = '';
        let origLine = 0;
        let finalLine = 0;
        let origFile = file;
        for (const l of porcelain) {
          const header = /^([0-9a-f]{40}) (\d+) (\d+)/.exec(l);
          if (header) {
            [commit, origLine, finalLine] = [header[1], Number(header[2]), Number(header[3])];
          } else if (l.startsWith('filename ')) {
            origFile = unquoteGitPath(l.slice('filename '.length)) ?? l.slice('filename '.length);
          } else if (l.startsWith('\t')) {
            if (aiAt(commit, origFile, origLine)) out.push({ path: file, line: finalLine, text: l.slice(1) });
          }
        }
      }
      return out;
    },
    logText() {
      const file = path.join(repo.root, '.git', 'ai-provenance', 'log.txt');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    },
  };
  return hooked;
}

/** A working-state record of `content` with lines `aiLines` (their non-newline characters) by `origin`. */
export function writeRecord(
  root: string,
  relPath: string,
  content: string,
  aiLines: readonly number[],
  origin: Origin = CLAUDE,
): void {
  const spans: Array<[number, number, number]> = [];
  let offset = 0;
  splitLines(content).forEach((_, i) => {
    const end = content.indexOf('\n', offset);
    const lineEnd = end < 0 ? content.length : end;
    if (aiLines.includes(i + 1) && lineEnd > offset) spans.push([offset, lineEnd, 0]);
    offset = lineEnd + 1;
  });
  const record = {
    version: 1 as const,
    path: relPath,
    contentHash: contentHash(content),
    length: content.length,
    origins: [origin],
    spans,
    updated: Date.now(),
  };
  const gitPathOut = execFileSync('git', ['rev-parse', '--git-path', 'ai-provenance'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const store = WorkingStateStore.at(path.resolve(root, gitPathOut));
  // Synchronous tests: write the file the store would write (same name and format).
  const file = store.recordFile(relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serializeFileRecord(record));
}

/** Lines `from..to` (1-based, inclusive). */
export function lines(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** `n` numbered lines with a prefix, each ending in a newline. */
export function numbered(prefix: string, n: number, start = 1): string {
  return Array.from({ length: n }, (_, i) => `${prefix} ${start + i}\n`).join('');
}
