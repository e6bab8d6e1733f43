/**
 * Foreign records written for these tests from the published formats (git-ai's "Git AI Standard v3.0.0" and its
 * authorship/0.0.1 JSON; Agent Trace 0.1.0). Names, ids and paths are our own.
 */
export const COMMIT = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** authorship/3.0.0 with a session key, a legacy prompt key and a known human, over two files. */
export function gitAiV3(attestations?: string, metadata?: unknown): string {
  const section =
    attestations ??
    [
      'lib/parse.ts',
      '  s_0a1b2c3d4e5f60::t_99887766554433 2-4,8',
      '  h_55aa55aa55aa55 10-11',
      '"docs/read me.md"',
      '  77ab77ab77ab77ab 1-2',
    ].join('\n');
  const meta = metadata ?? {
    schema_version: 'authorship/3.0.0',
    git_ai_version: '1.9.9',
    base_commit_sha: COMMIT,
    prompts: {
      '77ab77ab77ab77ab': {
        agent_id: { tool: 'cursor', id: 'conv-old-1', model: 'model-b' },
        total_additions: 2,
        total_deletions: 0,
        accepted_lines: 2,
        overriden_lines: 0,
      },
    },
    humans: { h_55aa55aa55aa55: { author: 'Pat Example <pat@example.invalid>' } },
    sessions: { s_0a1b2c3d4e5f60: { agent_id: { tool: 'claude', id: 'sess-42', model: 'model-a' } } },
  };
  return `${section}\n---\n${typeof meta === 'string' ? meta : JSON.stringify(meta, null, 2)}`;
}

/** authorship/0.0.1 JSON: an AI author with metadata, one named like a tool, and a person. */
export function gitAiV0(files?: unknown, version: unknown = 'authorship/0.0.1'): string {
  return JSON.stringify({
    files: files ?? {
      'src/app.py': {
        file: 'src/app.py',
        authors: [
          { author: 'Claude Code', lines: [3, [5, 7]], agent_metadata: null },
          { author: 'Pat Example', lines: [[1, 2]], agent_metadata: null },
          { author: 'helper', lines: [[9, 9]], agent_metadata: { model: 'model-c', human_author: 'Pat' } },
        ],
      },
    },
    ...(version === undefined ? {} : { schema_version: version }),
  });
}

/** An Agent Trace 0.1.0 record another tool wrote. */
export function agentTraceRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0.1.0',
    id: '0f0e0d0c-0b0a-4908-8706-050403020100',
    timestamp: '2026-03-04T05:06:07Z',
    vcs: { type: 'git', revision: COMMIT },
    tool: { name: 'trace-writer', version: '2.0' },
    files: [
      {
        path: 'pkg/main.go',
        conversations: [
          { contributor: { type: 'ai', model_id: 'vendor/model-d' }, ranges: [{ start_line: 4, end_line: 6 }] },
          { contributor: { type: 'human' }, ranges: [{ start_line: 1, end_line: 3 }] },
        ],
      },
    ],
    ...overrides,
  };
}
