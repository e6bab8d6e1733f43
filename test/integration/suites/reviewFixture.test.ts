/**
 * Shared fixture of the review suites (no tests of its own): a commit on the sample repository's feature branch
 * adding src/session.ts, whose lines 2-5 an agent wrote as its Agent Trace note records, with an empty catch on
 * line 4 for the checklist to find. Created once, whichever suite runs first.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Origin } from '../../../src/core/attribution';
import { buildAgentTrace, type AttributedLine } from '../../../src/core/commit';
import { findRepo, writeNote, type RepoInfo } from '../../../src/git';
import { workspaceRoot } from '../helpers';

export const SESSION_FILE = 'src/session.ts';
export const REVIEWER = { name: 'Sample Dev', email: 'dev@example.com' };
export const AGENT: Origin = {
  kind: 'agent',
  tool: 'claude-code',
  model: 'anthropic/claude-sonnet-4',
  session: 'fixture-session',
  time: Date.UTC(2026, 0, 2, 9),
};

/** `[text, class]`: lines 2-5 are the agent's; line 4 swallows the error and quotes markup the page must not run. */
export const SESSION_LINES: ReadonlyArray<readonly [string, 'ai' | 'human']> = [
  ['export function loadSession(raw: string): unknown {', 'human'],
  ['  try {', 'ai'],
  ['    return JSON.parse(raw);', 'ai'],
  ['  } catch (e) {} /*<b>x</b>*/', 'ai'],
  ['  return null;', 'ai'],
  ['}', 'human'],
];

export function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: workspaceRoot(),
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

export async function repo(): Promise<RepoInfo> {
  const found = await findRepo(workspaceRoot());
  if (!found) throw new Error('the test workspace is not a git repository');
  return found;
}

/** Commits `lines` as `rel` with an Agent Trace note recording the AI lines; returns the commit. */
export async function commitWithNote(
  rel: string,
  lines: ReadonlyArray<readonly [string, 'ai' | 'mixed' | 'human']>,
  message: string,
  origin = AGENT,
): Promise<string> {
  const abs = path.join(workspaceRoot(), ...rel.split('/'));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, lines.map(([text]) => text).join('\n') + '\n');
  git('add', '--', rel);
  git('commit', '-q', '-m', message, '--', rel);
  const commit = git('rev-parse', 'HEAD').trim();
  const attributed: AttributedLine[] = lines.map(([text, cls]) => ({
    text,
    cls,
    origins: cls === 'human' ? [] : [origin],
  }));
  let n = 1;
  const record = buildAgentTrace([{ path: rel, lines: attributed }], {
    revision: commit,
    toolVersion: 'test',
    now: Date.UTC(2026, 0, 2, 10),
    randomBytes: (len) => Uint8Array.from({ length: len }, () => n++ & 0xff),
  });
  await writeNote(await repo(), commit, JSON.stringify(record));
  return commit;
}

/** The fixture commit (created on first use). */
export async function ensureReviewFixture(): Promise<string> {
  const tracked = git('ls-files', '--', SESSION_FILE).trim();
  if (tracked) return git('log', '-1', '--format=%H', '--', SESSION_FILE).trim();
  return commitWithNote(SESSION_FILE, SESSION_LINES, 'Add session loader');
}
