/**
 * The per-line hover of AI blame and the short annotation after a run of AI lines. Every field comes from notes,
 * commits or hook payloads written by other people: shown literally (cleaned, in code spans) in an untrusted
 * markdown string, never as markdown, HTML or links.
 */
import * as vscode from 'vscode';
import { cleanLabel, type LineOrigin } from '../../core/blame';
import { kindLabel } from '../views/originText';
import type { BufferLine } from './bufferLines';

const HEADLINE: Record<string, string> = {
  ai: 'AI-written line',
  mixed: 'Line partly written by AI',
  assisted: 'From an AI-assisted commit (no line-level record)',
};

function originRows(origin: LineOrigin): Array<[string, string | undefined]> {
  return [
    ['origin', origin.kind ? kindLabel(origin.kind) : undefined],
    ['tool', origin.tool],
    ['model', origin.model],
  ];
}

export function blameHover(line: BufferLine): vscode.MarkdownString | undefined {
  if (!line.mark) return undefined;
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  md.appendMarkdown('**');
  md.appendText(HEADLINE[line.mark]);
  md.appendMarkdown('**');
  const rows: Array<[string, string | undefined]> = [];
  for (const origin of line.origins.slice(0, 3)) rows.push(...originRows(origin));
  const b = line.blame;
  if (line.committed && b) {
    rows.push(['commit', `${b.commit!.slice(0, 12)} ${b.summary}`]);
    rows.push(['author', b.authorEmail ? `${b.author} <${b.authorEmail}>` : b.author]);
    rows.push(['date', b.authorTime > 0 ? new Date(b.authorTime * 1000).toLocaleString() : undefined]);
  } else {
    rows.push(['commit', 'not committed yet']);
    const time = line.origins.find((o) => o.time !== undefined)?.time;
    rows.push(['when', time !== undefined ? new Date(time).toLocaleString() : undefined]);
  }
  for (const [label, value] of rows) {
    if (!value) continue;
    md.appendMarkdown(`\n\n${label}: ${codeSpan(cleanLabel(value, 200))}`);
  }
  return md;
}

/**
 * `text` as an inline code span: the renderer then shows it literally, with no markdown, no HTML and no
 * auto-linked URLs or emails (a note could carry a tool name that looks like a link).
 */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

/** "AI · claude-code · 1a2b3c4d": the text after the first line of a run of AI lines. */
export function runAnnotation(line: BufferLine): string {
  const kind = line.mark === 'assisted' ? 'AI-assisted commit' : line.mark === 'mixed' ? 'AI + human' : 'AI';
  const tools = [...new Set(line.origins.map((o) => o.tool))].slice(0, 2).join(', ');
  const where = line.committed && line.blame?.commit ? line.blame.commit.slice(0, 8) : 'not committed';
  return cleanLabel([kind, tools, where].filter((s) => s !== '').join(' · '), 100);
}
