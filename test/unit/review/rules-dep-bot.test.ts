import * as assert from 'node:assert/strict';
import { type FileSpec, check, diffOf, findingsOf, review } from './helpers';

/**
 * The dependency bot's configuration: weakening what every dependency pull request is held to (digest pinning, the
 * range strategy, automerge, a release's minimum age, the internal-checks filter), or handing the rules to a preset in
 * another repository, is supply-chain policy; schedules, labels and groups are not. Fixtures written here, modelled on
 * a Renovate config aligned with an organisation preset (uv #21142) and on Dependabot files.
 */
const renovate = (
  del: string[],
  add: string[],
  before: string[] = ['  packageRules: ['],
  path = '.github/renovate.json5',
): FileSpec => ({
  path,
  before,
  del,
  add,
  after: ['  ],', '}'],
  start: 8,
});
const dependabot = (del: string[], add: string[]): FileSpec => ({
  path: '.github/dependabot.yml',
  before: ['updates:', '  - package-ecosystem: "gomod"', '    directory: "/"'],
  del,
  add,
  after: ['    labels: ["deps"]'],
  start: 3,
});

describe('review/rules dependency bot policy', () => {
  check([
    {
      lang: 'renovate',
      name: 'local digest pinning and the cargo range strategy dropped for an external preset: medium',
      files: renovate(
        [
          '    {',
          '      matchDepTypes: ["action"],',
          '      pinDigests: true,',
          '    },',
          '    {',
          '      extends: ["helpers:pinGitHubActionDigests"],',
          '    },',
        ],
        [],
        ['{', '  extends: [', '    "github>acme/renovate-config",', '  ],', '  packageRules: ['],
      ),
      fires: 'dependency-bot-policy',
      severity: 'medium',
    },
    {
      lang: 'renovate',
      name: 'automerge turned on for minor updates',
      files: renovate(
        [],
        ['    { matchUpdateTypes: ["minor", "patch"], automerge: true },'],
        undefined,
        'renovate.json',
      ),
      fires: 'dependency-bot-policy',
    },
    {
      lang: 'renovate',
      name: 'rangeStrategy changed from update-lockfile to bump',
      files: renovate(['  rangeStrategy: "update-lockfile",'], ['  rangeStrategy: "bump",'], ['  cargo: {']),
      fires: 'dependency-bot-policy',
    },
    {
      lang: 'renovate',
      name: 'a minimum release age lowered',
      files: renovate(
        ['      minimumReleaseAge: "14 days",'],
        ['      minimumReleaseAge: "3 days",'],
        ['    {'],
        '.renovaterc.json',
      ),
      fires: 'dependency-bot-policy',
    },
    {
      lang: 'renovate',
      name: 'a new external preset extended',
      files: renovate(
        ['    "config:recommended",'],
        ['    "config:recommended",', '    "github>someone/presets",'],
        ['  extends: ['],
      ),
      fires: 'dependency-bot-policy',
    },
    {
      lang: 'renovate',
      name: 'schedule, labels and a group added: routine, silent',
      files: renovate(
        ['  schedule: ["before 4am on monday"],'],
        [
          '  schedule: ["* 0-3 * * 1"],',
          '    {',
          '      groupName: "Artifact actions",',
          '      matchPackageNames: ["/actions/.*-artifact/"],',
          '      labels: ["internal"],',
          '    },',
        ],
      ),
      silent: 'dependency-bot-policy',
    },
    {
      lang: 'renovate',
      name: 'digest pinning added and a release age raised (stricter): silent',
      files: renovate(
        ['      minimumReleaseAge: "3 days",'],
        ['      minimumReleaseAge: "7 days",', '      pinDigests: true,', '      automerge: false,'],
        ['    {'],
      ),
      silent: 'dependency-bot-policy',
    },
    {
      lang: 'renovate',
      name: 'the same keys in an ordinary JSON file are not the bot',
      files: renovate(['      pinDigests: true,'], [], ['    {'], 'config/defaults.json5'),
      silent: 'dependency-bot-policy',
    },
    {
      lang: 'ci',
      name: 'dependabot cooldown removed',
      files: dependabot(['    cooldown:', '      default-days: 7'], []),
      fires: 'dependency-bot-policy',
      severity: 'medium',
    },
    {
      lang: 'ci',
      name: 'dependabot insecure external code execution allowed',
      files: dependabot([], ['    insecure-external-code-execution: allow']),
      fires: 'dependency-bot-policy',
    },
    {
      lang: 'ci',
      name: 'dependabot schedule and pull-request limit changed: silent',
      files: dependabot(
        ['    open-pull-requests-limit: 5'],
        ['    open-pull-requests-limit: 10', '    schedule:', '      interval: "weekly"'],
      ),
      silent: 'dependency-bot-policy',
    },
  ]);

  it('names every weakened setting and the preset the rules were left to, and asks a peer (T1)', () => {
    const spec = renovate(
      [
        '      pinDigests: true,',
        '      extends: ["helpers:pinGitHubActionDigests"],',
        '      internalChecksFilter: "strict",',
      ],
      [],
      ['{', '  extends: ["github>acme/renovate-config"],', '  packageRules: [', '    {'],
    );
    const r = review(diffOf(spec));
    const [f] = findingsOf(r, 'dependency-bot-policy');
    assert.ok(f, JSON.stringify(r.findings.map((x) => x.why)));
    assert.match(f.why, /^Renovate policy for every dependency pull request changed: /);
    assert.match(f.why, /action digest pinning removed \(pinDigests\)/);
    assert.match(f.why, /helpers:pinGitHubActionDigests removed/);
    assert.match(f.why, /internalChecksFilter "strict" removed/);
    assert.match(f.why, /left to the preset github>acme\/renovate-config/);
    assert.equal(r.blastRadius.tier, 'T1', r.blastRadius.reasons.join('\n'));
    const routine = review(diffOf(renovate([], ['      labels: ["deps"],'], ['    {'])));
    assert.equal(routine.blastRadius.tier, 'T0', routine.blastRadius.reasons.join('\n'));
  });
});
