/** `ai-provenance blame FILE [--rev R] [--json]`: who wrote each line, AI or human, with tool, model and commit. */
import * as path from 'node:path';
import { parseArgs, stringFlag } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = [
  'usage: ai-provenance blame FILE [--rev REV] [--json] [--no-working-state]',
  '',
  'One line per source line: a marker, the commit, its date and author, the AI tool and model, the line.',
  '  AI  written by AI        Mx  AI text a human edited        Ac  AI-assisted commit without line records',
  'Without --rev the work tree is blamed and uncommitted lines use the live working state (unless',
  '--no-working-state). --json prints every line with authorship, evidence, origins, commit and author.',
].join('\n');

const MARKER: Record<string, string> = { ai: 'AI', mixed: 'Mx', 'ai-assisted': 'Ac', human: '  ' };

function pad(text: string, width: number): string {
  const chars = [...text];
  return chars.length > width ? chars.slice(0, width - 1).join('') + '…' : text + ' '.repeat(width - chars.length);
}

/** Collects output and hands it to `io.out` in pieces of about 64 KiB. */
function batchedWriter(io: CliIo): { write(text: string): void; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length > 0) io.out(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= 65_536) flush();
    },
    flush,
  };
}

export const blameCommand: CliCommand = {
  name: 'blame',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['rev'], boolean: ['json', 'no-working-state'] });
    if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const abs = path.resolve(io.cwd, parsed.positionals[0]);
    const { findRepo, toRepoRelativePath } = await import('../../git/repo.js');
    const repo = await findRepo(path.dirname(abs));
    if (!repo) throw new UsageError(`not inside a git work tree: ${parsed.positionals[0]}`);
    const rel = toRepoRelativePath(repo, abs);
    if (!rel) throw new UsageError(`not a file in the repository: ${parsed.positionals[0]}`);
    const { aiBlameView } = await import('../../git/blame/index.js');
    const { cleanSourceLine } = await import('../../core/blame/index.js');
    const rev = stringFlag(parsed, 'rev');
    const result = await aiBlameView(repo, rel, {
      ...(rev !== undefined ? { rev } : {}),
      workingState: !parsed.flags.has('no-working-state'),
    });
    // Lines are made and printed in batches, so a large file is never held as line objects or one output string.
    const out = batchedWriter(io);
    if (parsed.flags.has('json')) {
      // The same text as JSON.stringify(result, null, 1), written one line object at a time.
      const head = JSON.stringify({ path: result.path, rev: result.rev }, null, 1);
      out.write(`${head.slice(0, -2)},\n "lines": [`);
      for (let i = 0; i < result.length; i++)
        out.write(`${i === 0 ? '\n' : ',\n'}  ${JSON.stringify(result.line(i), null, 1).replace(/\n/g, '\n  ')}`);
      out.write(result.length === 0 ? '],\n' : '\n ],\n');
      const { counts, share, byTool, byModel, ignoredNotes, warnings } = result;
      const tail = { counts, share, byTool, byModel, ignoredNotes, warnings };
      out.write(`${JSON.stringify(tail, null, 1).slice(2)}\n`);
      out.flush();
      return 0;
    }
    const width = String(result.length).length;
    // Per commit and per origin list, the padded columns are made once.
    const commitColumns = new Map<string, string>();
    const whoColumns = new Map<readonly unknown[], string>();
    for (let i = 0; i < result.length; i++) {
      const l = result.line(i);
      const key = l.commit ?? '';
      let columns = commitColumns.get(key);
      if (columns === undefined) {
        const sha = l.commit ? `${l.boundary ? '^' : ''}${l.commit.slice(0, l.boundary ? 7 : 8)}` : '--------';
        const date =
          l.commit && l.authorTime > 0 ? new Date(l.authorTime * 1000).toISOString().slice(0, 10) : '          ';
        columns = `${sha} ${date} ${pad(l.commit ? l.author : 'not committed', 14)}`;
        commitColumns.set(key, columns);
      }
      let who = whoColumns.get(l.origins);
      if (who === undefined) {
        const origin = l.origins[0];
        who = pad(
          origin
            ? [origin.tool, origin.model].filter(Boolean).join(' ') +
                (l.origins.length > 1 ? ` +${l.origins.length - 1}` : '')
            : '',
          30,
        );
        if (whoColumns.size < 10_000) whoColumns.set(l.origins, who);
      }
      out.write(
        `${MARKER[l.authorship]} ${columns} ${who} ${String(l.line).padStart(width)}| ${cleanSourceLine(l.text)}\n`,
      );
    }
    const c = result.counts;
    out.write(
      `# ${c.total} lines: ${c.ai} AI, ${c.mixed} mixed, ${c.aiAssisted} in AI-assisted commits without line records, ${c.human} human (${(result.share * 100).toFixed(1)}% AI)\n`,
    );
    out.flush();
    for (const n of result.ignoredNotes) io.err(`warning: note on ${n.commit.slice(0, 12)} ignored: ${n.reason}\n`);
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    return 0;
  },
};
