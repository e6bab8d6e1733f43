/**
 * The structure of the reusable GitHub Action (action.yml) and the GitLab job template: what runs on which event,
 * the bundled CLI with the runner's node, event values only through env (never spliced into a script). The steps'
 * git-level behaviour runs for real in test/git/ci/carry.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly shell?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
}

interface Action {
  readonly name: string;
  readonly description: string;
  readonly inputs: Record<string, { description: string; default?: string }>;
  readonly outputs: Record<string, { description: string; value: string }>;
  readonly runs: { readonly using: string; readonly steps: Step[] };
}

const action = yaml.load(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const step = (id: string): Step => {
  const found = action.runs.steps.find((s) => s.id === id);
  assert.ok(found, `step ${id}`);
  return found;
};

describe('action.yml', () => {
  it('is a composite action whose every step runs the bundled CLI through bash and node', () => {
    assert.equal(typeof action.name, 'string');
    assert.ok(action.description.length > 0 && action.description.length < 125, 'the Marketplace limit');
    assert.equal(action.runs.using, 'composite');
    for (const s of action.runs.steps) {
      assert.ok(s.name, 'every step is named');
      assert.equal(s.uses, undefined, 'no third-party action inside ours');
      assert.equal(s.shell, 'bash', `${s.name}: composite run steps need an explicit shell`);
      if (s.env?.AIP_CLI !== undefined) assert.equal(s.env.AIP_CLI, '${{ github.action_path }}/dist/cli.js');
      if (s.run?.includes('$AIP_CLI')) assert.match(s.run, /node "\$AIP_CLI"/);
    }
  });

  it('carries notes only when a pull request was merged, and reports on the others', () => {
    assert.equal(
      step('carry').if,
      "github.event_name == 'pull_request' && github.event.action == 'closed' && github.event.pull_request.merged == true",
    );
    assert.match(step('carry').run ?? '', /ci carry --head "\$PR_HEAD" --onto "\$MERGED" --remote "\$AIP_REMOTE"/);
    assert.equal(step('report').if, "github.event_name == 'pull_request' && github.event.action != 'closed'");
    assert.match(step('report').run ?? '', /--format markdown/);
    assert.match(step('report').run ?? '', /--format sarif/);
    const comment = action.runs.steps.find((s) => s.name === 'Post or update the pull request comment');
    assert.ok(comment?.if?.includes("github.event.action != 'closed'"));
    assert.ok(
      comment?.if?.includes('github.event.pull_request.head.repo.full_name == github.repository'),
      "no comment attempt with a fork's read-only token",
    );
    assert.match(comment?.run ?? '', /ai-provenance-report/, 'one comment, found again by its marker and updated');
    assert.match(comment?.run ?? '', /-X PATCH/);
    assert.equal(action.outputs['sarif-file'].value, '${{ steps.report.outputs.sarif-file }}');
  });

  it('never splices an expression into a script: event values arrive through env', () => {
    for (const s of action.runs.steps) {
      assert.doesNotMatch(s.run ?? '', /\$\{\{/, `${s.name}: no \${{ }} inside run`);
      for (const [key, value] of Object.entries(s.env ?? {})) assert.match(key, /^[A-Z][A-Z0-9_]*$/, `${key}=${value}`);
    }
  });
});

describe('docs/examples/gitlab-ci.yml', () => {
  it('runs on pushes to the default branch with full history and carries per merge request', () => {
    const template = yaml.load(fs.readFileSync(path.join(ROOT, 'docs', 'examples', 'gitlab-ci.yml'), 'utf8')) as Record<
      string,
      { rules: Array<{ if: string }>; variables: Record<string, string>; script: string[] }
    >;
    const job = template['ai-provenance-carry'];
    assert.deepEqual(job.rules, [{ if: '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    assert.equal(job.variables.GIT_DEPTH, '0');
    assert.match(job.script.join('\n'), /refs\/merge-requests\/\$mr\/head/);
    assert.match(
      job.script.join('\n'),
      /ci carry --head "refs\/ai-provenance\/mr\/\$mr" --onto "\$commit" --remote origin/,
    );
  });
});
