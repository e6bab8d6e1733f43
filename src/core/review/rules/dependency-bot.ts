/**
 * The dependency bot's configuration (Renovate: `renovate.json[5]`, `.github/renovate.json[5]`, `.renovaterc*`;
 * Dependabot: `.github/dependabot.yml`) decides what enters every dependency pull request a reviewer later skims:
 * whether actions stay pinned to digests, how far ranges may widen, whether updates merge themselves, how old a
 * release must be before it is proposed. A change weakening one of those, or handing the rules to a preset kept in
 * another repository, is supply-chain policy (uv #21142: local digest pinning, the cargo range strategy and the MSRV
 * `internalChecksFilter` removed for `github>astral-sh/renovate-config`, judged T1). Schedules, labels, groups and
 * commit-message settings are routine and stay silent; so is a setting made stricter (digests pinned, a release age
 * added or raised, automerge turned off).
 */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import type { FindingSink, RuleMeta } from './rule';

export const DEP_BOT_POLICY: RuleMeta = {
  id: 'dependency-bot-policy',
  claims: { languages: 'any', kinds: ['ci'] },
  category: 'dependencies',
  title: 'Dependency bot policy weakened',
  whatToDo:
    'Check what the bot now does by default (or what the external preset sets): whether actions stay pinned to commit digests, ranges widen, updates merge without review or arrive before a release has aged.',
};

const RENOVATE = /(^|\/)(?:\.github\/|\.gitlab\/)?(?:renovate\.json5?|\.renovaterc(?:\.json5?)?)$/i;
const DEPENDABOT = /(^|\/)\.github\/dependabot\.ya?ml$/i;

/** `key: value` in JSON, JSON5 or YAML: a quoted or bare key, a quoted string, a list, or a bare word as value. */
const KEY_VALUE = /(?:^|[\s{,])["']?([\w-]+)["']?\s*:\s*("[^"]*"|'[^']*'|\[[^\]]*\]|[^,}\s]*)/g;
/** A preset kept in another repository or package: `github>org/repo`, `gitlab>`, `gitea>`, `local>`, `npm>`. */
const EXTERNAL_PRESET = /["']((?:github|gitlab|gitea|bitbucket|local|npm)>[^"'#]+)/;

function isDependencyBotConfig(path: string): boolean {
  return RENOVATE.test(path) || DEPENDABOT.test(path);
}

type Side = Map<string, { value: string; line: ChangeLine }[]>;

function settings(lines: readonly ChangeLine[]): Side {
  const out: Side = new Map();
  for (const l of lines) {
    // Every `key: value` of the line: `{ matchUpdateTypes: ["minor"], automerge: true },` holds two.
    const text = l.text.replace(/\s(?:\/\/|#).*$/, '');
    for (const m of text.matchAll(KEY_VALUE)) {
      const key = m[1];
      const list = out.get(key) ?? [];
      list.push({ value: m[2].replace(/^["']|["']$/g, ''), line: l });
      out.set(key, list);
    }
  }
  return out;
}

/** What the change weakened, each phrase naming the setting; the line to point at. */
function weakened(file: ChangeFile): { what: string[]; at: { side: 'old' | 'new'; line: ChangeLine } | null } {
  const old = settings(file.removed);
  const now = settings(file.added);
  const what: string[] = [];
  let at: { side: 'old' | 'new'; line: ChangeLine } | null = null;
  const note = (phrase: string, side: 'old' | 'new', line: ChangeLine): void => {
    what.push(phrase);
    at ??= { side, line };
  };
  const values = (s: Side, key: string): string[] => (s.get(key) ?? []).map((e) => e.value);
  /** A key whose removed values are not all kept by the added lines. */
  const lost = (key: string): { value: string; line: ChangeLine } | undefined =>
    (old.get(key) ?? []).find((e) => !values(now, key).includes(e.value));
  const gained = (key: string): { value: string; line: ChangeLine } | undefined =>
    (now.get(key) ?? []).find((e) => !values(old, key).includes(e.value));

  if (RENOVATE.test(file.path)) {
    const pin = lost('pinDigests');
    const pinOff = (now.get('pinDigests') ?? []).find((e) => e.value === 'false');
    if (pin && pin.value === 'true') note('action digest pinning removed (pinDigests)', 'old', pin.line);
    else if (pinOff) note('digest pinning turned off (pinDigests: false)', 'new', pinOff.line);
    const helper = file.removed.find((l) => /helpers:pinGitHubActionDigests/.test(l.text));
    if (helper && !file.added.some((l) => /helpers:pinGitHubActionDigests/.test(l.text)))
      note('helpers:pinGitHubActionDigests removed', 'old', helper);
    const range = gained('rangeStrategy') ?? lost('rangeStrategy');
    if (range) {
      const to = values(now, 'rangeStrategy')[0];
      const from = values(old, 'rangeStrategy')[0];
      note(
        `rangeStrategy ${from ? `"${from}"` : 'default'} → ${to ? `"${to}"` : 'default'}`,
        gained('rangeStrategy') ? 'new' : 'old',
        range.line,
      );
    }
    const auto = (now.get('automerge') ?? []).find(
      (e) => e.value === 'true' && !values(old, 'automerge').includes('true'),
    );
    if (auto) note('automerge turned on', 'new', auto.line);
    const ageLost = lost('minimumReleaseAge') ?? lost('stabilityDays');
    if (ageLost && !gained('minimumReleaseAge') && !gained('stabilityDays'))
      note(`minimumReleaseAge "${ageLost.value}" removed`, 'old', ageLost.line);
    else if (ageLost) {
      const to = gained('minimumReleaseAge') ?? gained('stabilityDays');
      if (to && days(to.value) < days(ageLost.value))
        note(`minimumReleaseAge lowered "${ageLost.value}" → "${to.value}"`, 'new', to.line);
    }
    const filter = lost('internalChecksFilter');
    if (filter && filter.value === 'strict') note('internalChecksFilter "strict" removed', 'old', filter.line);
    const tasks = gained('postUpgradeTasks') ?? gained('allowedPostUpgradeCommands');
    if (tasks) note('post-upgrade commands allowed', 'new', tasks.line);
    for (const l of file.added) {
      const p = EXTERNAL_PRESET.exec(l.text);
      if (p && !file.removed.some((r) => r.text.includes(p[1]))) {
        note(`extends the external preset ${p[1].trim()}`, 'new', l);
        break;
      }
    }
    // Local rules dropped while an external preset is extended: the rules now live in another repository.
    if (what.length > 0 && !what.some((w) => w.startsWith('extends'))) {
      const preset = file.diff.hunks
        .flatMap((h) => h.lines)
        .find((l) => l.kind !== 'del' && EXTERNAL_PRESET.test(l.text));
      if (preset) what.push(`left to the preset ${EXTERNAL_PRESET.exec(preset.text)![1].trim()}`);
    }
  } else {
    const cooldown = lost('default-days') ?? lost('cooldown');
    if (cooldown && !gained('default-days') && !gained('cooldown'))
      note(`cooldown ${cooldown.value ? `"${cooldown.value}" ` : ''}removed`, 'old', cooldown.line);
    else if (cooldown) {
      const to = gained('default-days');
      if (to && Number(to.value) < Number(cooldown.value))
        note(`cooldown lowered ${cooldown.value} → ${to.value} days`, 'new', to.line);
    }
    const strategy = gained('versioning-strategy');
    if (strategy) note(`versioning-strategy → "${strategy.value}"`, 'new', strategy.line);
    const exec = (now.get('insecure-external-code-execution') ?? []).find((e) => e.value === 'allow');
    if (exec) note('insecure-external-code-execution: allow', 'new', exec.line);
    const registry = gained('registries');
    if (registry) note('a registry added (registries)', 'new', registry.line);
  }
  return { what, at };
}

/** A Renovate duration ("3 days", "85 days", "1 week") in days; NaN when unreadable. */
function days(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(minutes?|hours?|days?|weeks?|months?)?$/i.exec(v.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'days').toLowerCase();
  if (unit.startsWith('minute')) return n / 1440;
  if (unit.startsWith('hour')) return n / 24;
  if (unit.startsWith('week')) return n * 7;
  if (unit.startsWith('month')) return n * 30;
  return n;
}

export function reportDependencyBot(change: Change, sink: FindingSink): void {
  for (const file of change.files) {
    if (!isDependencyBotConfig(file.path) || file.diff.status === 'added' || file.diff.binary) continue;
    const { what, at } = weakened(file);
    if (what.length === 0 || !at) continue;
    const bot = RENOVATE.test(file.path) ? 'Renovate' : 'Dependabot';
    sink.add(
      DEP_BOT_POLICY,
      file,
      { side: at.side, start: at.line.line, end: at.line.line },
      'medium',
      `${bot} policy for every dependency pull request changed: ${what.join('; ')}`,
    );
  }
}
