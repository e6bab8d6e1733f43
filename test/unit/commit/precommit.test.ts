/**
 * The precomputed-commit plan (src/core/commit/precommit): its line format round-trips and refuses what the sh reader
 * could misread, the config that rules the sh path out, the note template's placeholders, the message-key patterns.
 */
import * as assert from 'node:assert/strict';
import type { AgentTraceRecord } from '../../../src/core/commit/agentTrace';
import {
  configRefusal,
  fillNoteTemplate,
  keyPatternsFor,
  linePatternFor,
  noteTemplate,
  parsePrecommitPlan,
  serializePostAssignments,
  serializePrecommitPlan,
  type PrecommitPlan,
} from '../../../src/core/commit/precommit';
import { trailersAppendVerbatim } from '../../../src/core/commit/plainTrailers';

const ID = 'a'.repeat(40);
const plan: PrecommitPlan = {
  tree: ID,
  head: 'b'.repeat(40),
  stash: true,
  note: true,
  trailers: [
    { key: 'Assisted-by', value: 'Claude:claude-opus-4-5' },
    { key: 'AI-Assisted', value: '75% of added lines (3/4; inline 3)' },
  ],
  keyPatterns: keyPatternsFor([{ key: 'Assisted-by', value: 'x' }]),
  settle: [{ name: `${'c'.repeat(64)}.json`, hash: 'd'.repeat(40) }],
};

describe('precommit plan', () => {
  it('round-trips, counting the records to settle (listed in the post file), with an end line', () => {
    const text = serializePrecommitPlan(plan);
    const { settle, ...rest } = plan;
    assert.deepEqual(parsePrecommitPlan(text), { ...rest, append: true, settleCount: settle.length });
    assert.equal(text.trimEnd().split('\n').at(-1), 'end');
    assert.doesNotMatch(text, /c{64}/);
  });

  it('refuses a torn plan, a trailer over two lines and a record name that is not ours', () => {
    assert.throws(() => parsePrecommitPlan(serializePrecommitPlan(plan).replace('end\n', '')));
    assert.throws(() => serializePrecommitPlan({ ...plan, trailers: [{ key: 'A', value: 'x\ny' }] }));
    assert.throws(() => serializePrecommitPlan({ ...plan, settle: [{ name: '../x.json', hash: ID }] }));
    assert.throws(() =>
      serializePostAssignments([{ name: `${'c'.repeat(64)}.json`, hash: "x'; rm -rf ~" }], undefined),
    );
  });

  it('lets the hook append only trailers interpret-trailers writes back verbatim', () => {
    assert.equal(trailersAppendVerbatim(plan.trailers), true);
    assert.equal(trailersAppendVerbatim([]), true);
    for (const value of ['', ' x', 'x ', 'a\tb', 'x\u0085'])
      assert.equal(trailersAppendVerbatim([{ key: 'A', value }]), false, JSON.stringify(value));
    assert.equal(trailersAppendVerbatim([{ key: 'A B', value: 'x' }]), false);
    assert.match(serializePrecommitPlan({ ...plan, trailers: [{ key: 'A', value: 'x ' }] }), /^append no$/m);
  });

  it('the post file lists names and hashes and splits the note at its placeholders, in either order', () => {
    const settle = [
      { name: `${'c'.repeat(64)}.json`, hash: 'd'.repeat(40) },
      { name: `${'e'.repeat(64)}.json`, hash: 'f'.repeat(40) },
    ];
    const text = serializePostAssignments(settle, `{"a":"it's","r":"@AIP_REVISION@","t":"@AIP_TIMESTAMP@"}\n`);
    assert.match(text, new RegExp(`^aip_settle='${'c'.repeat(64)}\\.json ${'e'.repeat(64)}\\.json'$`, 'm'));
    assert.match(text, new RegExp(`^aip_expect=' ${'d'.repeat(40)} ${'f'.repeat(40)}'$`, 'm'));
    assert.match(text, /^aip_note_first=revision$/m);
    assert.match(text, /^aip_note_1='\{"a":"it'\\''s","r":"'$/m);
    assert.match(serializePostAssignments([], '@AIP_TIMESTAMP@@AIP_REVISION@'), /^aip_note_first=timestamp$/m);
    assert.equal(text.trimEnd().split('\n').at(-1), 'aip_post_end=1');
    assert.doesNotMatch(serializePostAssignments([], undefined), /aip_note/);
  });

  it('case-insensitive sh patterns for our keys, the summary key always among them', () => {
    assert.equal(linePatternFor('AI-Assisted'), '[aA][iI]-[aA][sS][sS][iI][sS][tT][eE][dD]*');
    assert.deepEqual(keyPatternsFor([]), [linePatternFor('ai-assisted')]);
    assert.throws(() => linePatternFor('a*b'));
  });

  it('rules the sh path out for trailer.* config and a cleanup that strips comments', () => {
    assert.equal(configRefusal(''), undefined);
    assert.equal(configRefusal('commit.cleanup whitespace\naiprovenance.trailers summary\n'), undefined);
    assert.match(configRefusal('trailer.sign.key Signed-off-by\n') ?? '', /trailer\.sign\.key/);
    assert.match(configRefusal('commit.cleanup Strip\n') ?? '', /cleanup/);
  });

  it('the note template holds each placeholder once; filled, it is the record with that revision and time', () => {
    const record = {
      version: '0.1.0',
      id: 'id-1',
      timestamp: '2026-01-01T00:00:00.000Z',
      vcs: { type: 'git', revision: '0'.repeat(40) },
      files: [],
    } as unknown as AgentTraceRecord;
    const template = noteTemplate(record);
    assert.ok(template);
    const filled = JSON.parse(fillNoteTemplate(template, ID, '2026-02-02T00:00:00.000Z')) as AgentTraceRecord;
    assert.deepEqual(filled, { ...record, timestamp: '2026-02-02T00:00:00.000Z', vcs: { type: 'git', revision: ID } });
    const spelled = {
      ...record,
      files: [{ path: '@AIP_REVISION@.ts', conversations: [] }],
    } as unknown as AgentTraceRecord;
    assert.equal(noteTemplate(spelled), undefined);
  });
});
