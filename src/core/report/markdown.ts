/** The branch report as a PR comment. Every string that did not originate in this file goes through mdCode/mdText. */
import type { BranchReport } from './build';
import type { Finding, Place } from '../review';
import { aiClaimVerb } from '../blame';
import { mdCode, mdText, percent } from './escape';

const MARKDOWN_MAX = 60_000;
const MAX_FILES = 50;
const MAX_FINDINGS = 50;
const MAX_HUNKS = 30;
const SEVERITY_ICON: Record<string, string> = { high: '🔴 high', medium: '🟠 medium', low: '🟡 low', info: '⚪ info' };

function table(header: readonly string[], rows: readonly string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function more(shown: number, total: number, what: string): string[] {
  return total > shown ? [``, `_${total - shown} more ${what} not shown._`] : [];
}

function place(r: Place): string {
  return `${r.file ?? ''}:${r.start}${r.end !== r.start ? `-${r.end}` : ''}${r.side === 'old' ? ' (removed)' : ''}`;
}

/**
 * A folded finding: its count and every place the engine kept after the first (at most MAX_LOCATIONS), in a
 * `<details>` ("show all"); past that, how many more.
 */
function otherPlaces(f: Finding): string {
  const count = f.count ?? 1;
  if (count <= 1) return '';
  const rest = (f.locations ?? [])
    .slice(1)
    .map((r) => mdCode(r.file ? place(r) : place(r).slice(1), { table: true, max: 80 }));
  const tail = count - 1 - rest.length > 0 ? ` and ${count - 1 - rest.length} more` : '';
  return ` <details><summary>${count} places: show all</summary>${rest.join(', ')}${tail}</details>`;
}

export function renderMarkdown(report: BranchReport): string {
  const out: string[] = [];
  const t = report.totals;
  const range = `${mdCode(report.base.ref)} … ${mdCode(report.head.ref)}`;
  out.push(`## AI provenance: ${range}`, '');
  const aiLines = t.ai + t.mixed + t.aiAssisted;
  const summary = [
    aiLines === 0
      ? `**no AI evidence** for the ${t.total} added line(s)`
      : `**${percent(report.share)}** of added lines ${aiClaimVerb(t)} (${aiLines} of ${t.total})`,
  ];
  if (report.review) summary.push(`tier **${report.review.tier}**`, `${report.review.findings.length} finding(s)`);
  summary.push(`AI hunks reviewed **${report.hunks.aiReviewed}/${report.hunks.ai}**`);
  const accepted = report.signoffs.filter((s) => s.accepted);
  summary.push(
    accepted.length > 0
      ? `signed off by ${accepted.map((s) => mdCode(s.entry.reviewer.name)).join(', ')}`
      : 'no sign-off',
  );
  if (report.policy) summary.push(report.policy.pass ? 'policy ✅ met' : 'policy ❌ not met');
  out.push(summary.join(' · '), '');
  const mixedCommits =
    report.commits.commitLevelMixed > 0
      ? ` (${report.mixedCommitLines} of them in ${report.commits.commitLevelMixed} commit(s) that also name a human co-author)`
      : '';
  const bots = report.commits.botAuthored;
  const botText =
    bots.commits > 0
      ? ` ${bots.commits} authored by bot accounts with no AI evidence (${bots.accounts.map((a) => mdCode(a, { max: 100 })).join(', ')}): not counted as AI.`
      : '';
  out.push(
    `Added lines: ${t.ai} AI-written, ${t.mixed} mixed, ${t.aiAssisted} in AI-assisted commits without line records${mixedCommits}, ${t.human} with no AI evidence. ${report.commits.total} commit(s), ${report.commits.withRecords} with provenance records, ${report.commits.commitLevelAi} AI-assisted by commit metadata.${botText}`,
    '',
  );

  if (report.files.length > 0) {
    out.push('### Files', '');
    const rows = report.files
      .slice(0, MAX_FILES)
      .map((f) => [
        mdCode(f.path, { table: true, max: 300 }),
        String(f.counts.total),
        String(f.counts.ai),
        String(f.counts.mixed),
        String(f.counts.aiAssisted),
        percent(f.share),
      ]);
    out.push(
      ...table(['File', 'Added', 'AI', 'Mixed', 'Commit-level AI', 'AI share'], rows),
      ...more(MAX_FILES, report.files.length, 'files'),
      '',
    );
  }
  if (report.byTool.length > 0) {
    out.push('### Tools and models', '');
    const rows = [
      ...report.byTool.slice(0, 20).map((x) => ['tool', mdCode(x.tool, { table: true }), String(x.lines)]),
      ...report.byModel.slice(0, 20).map((x) => ['model', mdCode(x.model, { table: true }), String(x.lines)]),
    ];
    out.push(...table(['', 'Name', 'AI lines'], rows), '');
  }
  if (report.review) {
    const r = report.review;
    out.push(`### Risk tier ${r.tier}`, '', `Sign-off asked for: ${mdText(r.signOff)}.`, '');
    if (r.header) {
      const h = r.header;
      const size = `Size: ${h.reviewLines} changed line(s) to review in ${h.files} file(s)${h.large ? ` — over ${h.largeLines}: split it, or review it in several sittings` : ''}.`;
      out.push(size, '');
    }
    for (const reason of r.reasons.slice(0, 20)) out.push(`- ${mdCode(reason, { max: 300 })}`);
    out.push('');
    if (r.findings.length > 0) {
      out.push('### Findings', '');
      const rows = r.findings
        .slice(0, MAX_FINDINGS)
        .map((f) => [
          SEVERITY_ICON[f.severity] ?? mdText(f.severity),
          mdCode(f.title, { table: true }),
          f.file
            ? mdCode(`${f.file}${f.range ? place(f.range) : ''}`, { table: true, max: 300 }) + otherPlaces(f)
            : 'whole change',
          f.inAi ? 'yes' : '',
          mdCode(f.why, { table: true, max: 300 }),
        ]);
      out.push(
        ...table(['Severity', 'Signal', 'Where', 'In AI lines', 'Why'], rows),
        ...more(MAX_FINDINGS, r.findings.length, 'findings'),
        '',
      );
    }
    if (r.analyzers) {
      out.push(
        `Analysers (SARIF): ${r.analyzers.inChange} result(s) on lines this change added; ${r.analyzers.outsideChange} elsewhere, not listed.`,
        '',
      );
    }
    const triggered = r.checklist.filter((c) => c.status === 'triggered');
    out.push(`<details><summary>Checklist: ${triggered.length} item(s) triggered</summary>`, '');
    for (const item of r.checklist)
      out.push(
        `- [ ] ${item.status === 'triggered' ? '**' + mdText(item.title) + '**' : mdText(item.title)}: ${mdText(item.whatToDo)}`,
      );
    out.push('', '</details>', '');
  }
  out.push('### Review progress', '');
  if (report.hunks.ai === 0) out.push('No AI-written hunks.', '');
  else {
    out.push(`${report.hunks.aiReviewed} of ${report.hunks.ai} AI hunk(s) reviewed in accepted sign-offs.`, '');
    const open = report.hunks.list.filter((h) => h.reviewedBy.length === 0);
    for (const h of open.slice(0, MAX_HUNKS))
      out.push(
        `- ${mdCode(`${h.path}:${h.startLine}-${h.endLine}`, { max: 300 })} (${h.aiLines} AI line(s)) not reviewed`,
      );
    out.push(...more(MAX_HUNKS, open.length, 'unreviewed hunks'), '');
  }
  out.push('### Sign-off', '');
  if (report.signoffs.length === 0) out.push('None recorded.');
  for (const s of report.signoffs) {
    const who = `${mdCode(s.entry.reviewer.name)} ${mdCode(`<${s.entry.reviewer.email}>`)}`;
    out.push(
      `- ${s.accepted ? '✅' : '⚠️'} ${who} at ${s.entry.tier}, ${s.entry.aiHunks.reviewed.length} AI hunk(s) reviewed: ${mdCode(s.why, { max: 300 })}`,
    );
  }
  out.push('');
  if (report.policy) {
    out.push(`### Policy: ${report.policy.pass ? 'met' : 'not met'}`, '');
    for (const f of report.policy.failures) out.push(`- ❌ ${mdCode(f, { max: 1000 })}`);
    for (const s of report.policy.satisfied) out.push(`- ✅ ${mdCode(s, { max: 1000 })}`);
    out.push('');
  }
  const notes = [
    ...report.commits.ignoredNotes.map((n) => `note on ${n.commit.slice(0, 12)} ignored: ${n.reason}`),
    ...report.warnings,
    ...(report.review?.warnings ?? []),
  ];
  if (notes.length > 0) {
    out.push('<details><summary>Warnings</summary>', '');
    for (const n of notes.slice(0, 30)) out.push(`- ${mdCode(n, { max: 400 })}`);
    out.push('', '</details>', '');
  }
  out.push(
    `<sub>head ${mdCode(report.head.commit.slice(0, 12))} · base ${mdCode(report.base.commit.slice(0, 12))} · ai-provenance</sub>`,
    '',
  );
  let text = out.join('\n');
  if (text.length > MARKDOWN_MAX) {
    const cut = text.lastIndexOf('\n', MARKDOWN_MAX - 200);
    text = `${text.slice(0, cut)}\n\n_Report truncated; run \`ai-provenance report --format json\` for the whole report._\n`;
  }
  return text;
}
