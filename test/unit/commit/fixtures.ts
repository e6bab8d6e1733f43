import type { Origin } from '../../../src/core/attribution/origin';
import type { CommittedFile, CommittedLine, LineClass } from '../../../src/core/commit';
import type { BuildOptions } from '../../../src/core/commit';

export const COPILOT: Origin = { kind: 'inline', tool: 'GitHub Copilot', model: 'openai/gpt-4o', time: 1_000 };
export const COPILOT_NES: Origin = { kind: 'next-edit', tool: 'GitHub Copilot', time: 1_500 };
export const CLAUDE: Origin = {
  kind: 'agent',
  tool: 'claude-code',
  model: 'anthropic/claude-opus-4-5-20251101',
  session: 'sess-1',
  time: 2_000,
};
export const CURSOR: Origin = { kind: 'chat', tool: 'Cursor', model: 'anthropic/claude-sonnet-4', time: 3_000 };
export const CODEX: Origin = { kind: 'agent', tool: 'codex', model: 'openai/gpt-5-codex', time: 4_000 };
export const AIDER: Origin = { kind: 'agent', tool: 'aider', model: 'anthropic/claude-3-5-sonnet', time: 5_000 };
export const OTHER: Origin = { kind: 'paste-ai', tool: 'Windsurf Cascade', time: 6_000 };

export function human(text: string, added = true): CommittedLine {
  return { text, cls: 'human', origins: [], added };
}

export function ai(text: string, origins: Origin | Origin[], added = true, cls: LineClass = 'ai'): CommittedLine {
  return { text, cls, origins: Array.isArray(origins) ? origins : [origins], added };
}

export function mixed(text: string, origins: Origin | Origin[], added = true): CommittedLine {
  return ai(text, origins, added, 'mixed');
}

export function file(path: string, lines: CommittedLine[]): CommittedFile {
  return { path, lines };
}

/** Deterministic "random" bytes: a counter, so ids are stable in tests. */
export function counterBytes(seed = 1): (n: number) => Uint8Array {
  let next = seed;
  return (n) => Uint8Array.from({ length: n }, () => next++ & 0xff);
}

export function buildOptions(overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    revision: '0123456789abcdef0123456789abcdef01234567',
    toolVersion: '0.1.0',
    now: Date.UTC(2026, 0, 15, 12, 30, 0),
    randomBytes: counterBytes(),
    ...overrides,
  };
}
