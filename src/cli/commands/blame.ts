/** `ai-provenance blame FILE [--rev R] [--json]`: who wrote each line, AI or human, with tool, model and commit. */
import * as path from 'node:path';
import { parseArgs, stringFlag } from '../args';
import { UsageError, type CliCommand } from '../command';

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
    const { aiBlame } = await import('../../git/blame/index.js');
    const { cleanSourceLine } = await import('../../core/blame/index.js');
    const rev = stringFlag(parsed, 'rev');
    const result = await aiBlame(repo, rel, {
      ...(rev !== undefined ? { rev } : {}),
      workingState: !parsed.flags.has('no-working-state'),
    });
    if (parsed.flags.has('json')) {
      io.out(JSON.stringify(result, null, 1) + '\n');
      return 0;
    }
    const width = String(result.lines.length).length;
    const out: string[] = [];
    for (const l of result.lines) {
      const sha = l.commit ? `${l.boundary ? '^' : ''}${l.commit.slice(0, l.boundary ? 7 : 8)}` : '--------';
      const date =
        l.commit && l.authorTime > 0 ? new Date(l.authorTime * 1000).toISOString().slice(0, 10) : '          ';
      const origin = l.origins[0];
      const who = origin
        ? [origin.tool, origin.model].filter(Boolean).join(' ') +
          (l.origins.length > 1 ? ` +${l.origins.length - 1}` : '')
        : '';
      const author = l.commit ? l.author : 'not committed';
      out.push(
        `${MARKER[l.authorship]} ${sha} ${date} ${pad(author, 14)} ${pad(who, 30)} ${String(l.line).padStart(width)}| ${cleanSourceLine(l.text)}`,
      );
    }
    const c = result.counts;
    out.push(
      `# ${c.total} lines: ${c.ai} AI, ${c.mixed} mixed, ${c.aiAssisted} in AI-assisted commits without line records, ${c.human} human (${(result.share * 100).toFixed(1)}% AI)`,
    );
    io.out(out.join('\n') + '\n');
    for (const n of result.ignoredNotes) io.err(`warning: note on ${n.commit.slice(0, 12)} ignored: ${n.reason}\n`);
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    return 0;
  },
};
