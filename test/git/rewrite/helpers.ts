/** Helpers for rewrite scenarios: scripted `rebase -i` todos and comparing AI lines before and after. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../helpers/tempRepo';
import type { HookRepo } from '../commit/helpers/hookRepo';

/** Runs `git rebase -i <upstream>` with the todo replaced by `todo` (lines like `pick <sha>`). */
export function rebaseWith(
  repo: HookRepo,
  upstream: string,
  todo: readonly string[],
  env: Record<string, string> = {},
): void {
  const file = path.join(makeTempDir('aiprov-todo-'), 'todo');
  fs.writeFileSync(file, todo.join('\n') + '\n');
  repo.run(['rebase', '-q', '-i', upstream], { GIT_SEQUENCE_EDITOR: `cp '${file}'`, ...env });
}

export type AiLine = { path: string; line: number; text: string };

export function texts(lines: readonly AiLine[]): string[] {
  return lines.map((l) => `${l.path}: ${l.text}`);
}

/** The tip's note-derived AI lines equal `expected` line by line (path, number and text). */
export function assertSameAiLines(actual: readonly AiLine[], expected: readonly AiLine[]): void {
  assert.deepEqual(actual, expected);
}

/** Every note on the commits of `range` is one record about that very commit. */
export function assertNormalizedNotes(repo: HookRepo, range: string): void {
  for (const sha of repo
    .run(['rev-list', range])
    .split('\n')
    .filter((s) => s !== '')) {
    const records = repo.records(sha);
    if (records.length === 0) continue;
    assert.equal(records.length, 1, `note of ${sha} holds ${records.length} records`);
    assert.equal(records[0].vcs?.revision, sha, `note of ${sha} describes ${records[0].vcs?.revision}`);
  }
}
