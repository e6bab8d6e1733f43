import * as assert from 'node:assert/strict';
import { buildTrailers, planTrailerUpdate } from '../../../src/core/commit';
import { ai, CLAUDE, CODEX, COPILOT, file, human } from './fixtures';

/** A commit with agent lines of Codex, Claude Code and Copilot, trailers in the co-author preset. */
const generated = buildTrailers(
  [file('src/a.ts', [ai('a', CODEX), ai('b', CLAUDE), ai('c', COPILOT), human('d')])],
  ['co-authored-by', 'summary'],
);
const coAuthors = (trailers: ReadonlyArray<{ key: string; value: string }>) =>
  trailers.filter((t) => t.key === 'Co-authored-by').map((t) => t.value);

describe('trailers: the co-author lines agents write themselves are not duplicated', () => {
  it('generates one co-author line per tool for such a commit', () => {
    assert.equal(coAuthors(generated).length, 3);
  });

  it('Codex, Claude Code (any model spelling, Claude-Session beside it) and Copilot CLI lines already there: none of ours for them', () => {
    const message = [
      'Fix rounding',
      '',
      'Body.',
      '',
      'Claude-Session: 8c35adc1-5f0e-4a43-9d0b-2f4e7a1c9b21',
      'Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>',
      'Co-authored-by: Codex <noreply@openai.com>',
      'Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>',
      '',
    ].join('\n');
    const plan = planTrailerUpdate(message, generated);
    assert.deepEqual(coAuthors(plan.add), []);
    assert.deepEqual(
      plan.add.map((t) => t.key),
      ['AI-Assisted'],
      'the summary is still ours to add',
    );
  });

  it("only the tools that wrote their own line are skipped; a person's co-author line changes nothing", () => {
    const message = 'Fix\n\nCo-authored-by: Codex <noreply@openai.com>\nCo-authored-by: Jane Doe <jane@example.com>\n';
    assert.deepEqual(
      coAuthors(planTrailerUpdate(message, generated).add),
      coAuthors(generated).filter((v) => !/codex/i.test(v)),
    );
  });
});
