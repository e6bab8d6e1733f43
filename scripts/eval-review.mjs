#!/usr/bin/env node
// `npm run eval:review -- PATH [--merges N] [--skip K] [--cli FILE] [--json]`: runs the review (the built CLI's
// `report --format json`, the same code CI runs) over the last N merged pull requests of a local repository and prints
// per-rule hit counts, tiers and timings. A merge commit M is reviewed as merge-base(M^1, M^2)..M^2 (what the pull
// request showed); a squash merge S (one parent, subject ending "(#123)") as S^..S.
// `--skip K` leaves out the K most recent ones first (pull requests K+1..K+N): a held-out set after tuning on 1..K.
// `--commits` takes every first-parent commit as one change (S^..S), for a history without merges or "(#N)" subjects.
// `--cli` points at another build (e.g. a copy of dist/ from before a change) to compare rule counts before/after.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const usage = 'usage: npm run eval:review -- PATH [--merges N] [--skip K] [--commits] [--cli dist/cli.js] [--json]';
let repo;
let merges = 10;
let skip = 0;
let cli = path.join(here, '..', 'dist', 'cli.js');
let json = false;
let everyCommit = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--merges') merges = Number(args[++i]);
  else if (a === '--skip') skip = Number(args[++i]);
  else if (a === '--cli') cli = path.resolve(args[++i]);
  else if (a === '--json') json = true;
  else if (a === '--commits') everyCommit = true;
  else if (a === '-h' || a === '--help') {
    console.log(usage);
    process.exit(0);
  } else if (!a.startsWith('--') && repo === undefined) repo = path.resolve(a);
  else {
    console.error(`unknown argument ${a}\n${usage}`);
    process.exit(2);
  }
}
if (!repo || !Number.isInteger(merges) || merges < 1 || !Number.isInteger(skip) || skip < 0) {
  console.error(usage);
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error(`${cli} not found: run \`node esbuild.config.mjs\` first`);
  process.exit(2);
}

function git(...a) {
  return execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Merged pull requests `skip+1..skip+n` on the first-parent history of HEAD, newest first. */
function mergedPullRequests(n, skip) {
  const out = [];
  const log = git('log', '--first-parent', '-n', String(Math.max(400, (n + skip) * 40)), '--format=%H%x00%P%x00%s');
  for (const line of log.split('\n')) {
    if (out.length >= n + skip) break;
    const [sha, parents, subject] = line.split('\0');
    if (!sha) continue;
    const ps = parents.split(' ').filter(Boolean);
    if (ps.length === 2) {
      const base = git('merge-base', ps[0], ps[1]).trim();
      out.push({ sha, subject, kind: 'merge', base, head: ps[1] });
    } else if (ps.length === 1 && (everyCommit || /\(#\d+\)\s*$/.test(subject))) {
      out.push({ sha, subject, kind: 'squash', base: ps[0], head: sha });
    }
  }
  return out.slice(skip);
}

const prs = mergedPullRequests(merges, skip);
if (prs.length === 0) {
  console.error(
    `no merge commits or squash merges "(#N)"${skip ? ` after the first ${skip}` : ''} on the first-parent history of ${repo}; --commits takes every commit as a change`,
  );
  process.exit(1);
}

const rows = [];
const perRule = new Map();
const tiers = new Map();
for (const pr of prs) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'report', `${pr.base}..${pr.head}`, '--format', 'json'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    rows.push({ ...pr, error: (r.stderr || r.stdout).trim().split('\n')[0], ms });
    continue;
  }
  const report = JSON.parse(r.stdout);
  const review = report.review;
  const findings = review?.findings ?? [];
  const rules = {};
  for (const f of findings) {
    rules[f.ruleId] = (rules[f.ruleId] ?? 0) + 1;
    perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  }
  const tier = review?.tier ?? '-';
  tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
  const lines = report.files.reduce((n, f) => n + f.counts.total, 0);
  rows.push({
    ...pr,
    tier,
    findings: findings.length,
    rules,
    lines,
    aiShare: report.share,
    // The header's claim in words (e.g. "no AI evidence in this change") and bot-authored commits with no AI evidence.
    aiClaim: review?.header?.aiClaim ?? report.aiClaim,
    botCommits: report.commits.botAuthored?.commits ?? 0,
    ms,
    reasons: review?.reasons ?? [],
  });
}

if (json) {
  console.log(
    JSON.stringify(
      { repo, cli, skip, prs: rows, perRule: Object.fromEntries(perRule), tiers: Object.fromEntries(tiers) },
      null,
      1,
    ),
  );
  process.exit(rows.some((r) => r.error) ? 1 : 0);
}

const pad = (s, n) => String(s).padEnd(n).slice(0, n);
console.log(
  `Review evaluation of ${repo}: ${skip ? `merged pull requests ${skip + 1}-${skip + prs.length}` : `last ${prs.length} merged pull request(s)`}, ${path.relative(process.cwd(), cli) || cli}`,
);
console.log('');
console.log(
  `${pad('commit', 10)} ${pad('kind', 6)} ${pad('tier', 4)} ${pad('added', 6)} ${pad('AI', 5)} ${pad('found', 5)} ${pad('ms', 6)} subject`,
);
for (const r of rows) {
  if (r.error) {
    console.log(`${pad(r.sha.slice(0, 10), 10)} ${pad(r.kind, 6)} error: ${r.error}`);
    continue;
  }
  console.log(
    `${pad(r.sha.slice(0, 10), 10)} ${pad(r.kind, 6)} ${pad(r.tier, 4)} ${pad(r.lines, 6)} ${pad(Math.round(r.aiShare * 100) + '%', 5)} ${pad(r.findings, 5)} ${pad(Math.round(r.ms), 6)} ${r.subject.slice(0, 70)}`,
  );
  const list = Object.entries(r.rules)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}×${v}`)
    .join(', ');
  if (list) console.log(`${' '.repeat(11)}${list}`);
}
console.log('');
console.log('Findings per rule:');
const total = [...perRule.values()].reduce((a, b) => a + b, 0);
for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
  console.log(`  ${pad(rule, 28)} ${n}`);
console.log(`  ${pad('total', 28)} ${total}`);
console.log('');
console.log(`Tiers: ${['T0', 'T1', 'T2', 'T3'].map((t) => `${t} ${tiers.get(t) ?? 0}`).join(', ')}`);
const times = rows
  .filter((r) => !r.error)
  .map((r) => r.ms)
  .sort((a, b) => a - b);
if (times.length > 0) {
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `Time per pull request (whole CLI run): median ${Math.round(median)} ms, max ${Math.round(times[times.length - 1])} ms`,
  );
}
process.exit(rows.some((r) => r.error) ? 1 : 0);
