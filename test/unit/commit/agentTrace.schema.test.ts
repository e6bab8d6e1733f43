/* eslint-disable @typescript-eslint/no-explicit-any -- the sanity test breaks arbitrary JSON on purpose */
/**
 * Every record the builder writes must satisfy the official Agent Trace JSON schema (read from the shared reference
 * folder, see ../agentTraceSchema: required under CI=true) and our own structural checks, which always run.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Origin } from '../../../src/core/attribution/origin';
import {
  buildAgentTrace,
  combineAgentTraces,
  parseAgentTrace,
  type AgentTraceRecord,
  type AttributedFile,
} from '../../../src/core/commit';
import { loadOfficialValidator, officialValidator } from '../agentTraceSchema';
import { ai, buildOptions, CLAUDE, COPILOT, CURSOR, file, human, mixed, OTHER } from './fixtures';

/** Our reading of the schema's rules, plus what the builder promises beyond them. */
function structuralProblems(r: AgentTraceRecord): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(r.version === '0.1.0', 'version');
  check(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.id), 'id is a v4 UUID');
  check(!Number.isNaN(Date.parse(r.timestamp)) && r.timestamp.endsWith('Z'), 'timestamp');
  check(r.vcs?.type === 'git' && typeof r.vcs.revision === 'string' && r.vcs.revision.length > 0, 'vcs');
  check(r.tool?.name === 'ai-provenance', 'tool');
  check(Array.isArray(r.files), 'files');
  const paths = new Set<string>();
  for (const f of r.files) {
    check(!f.path.startsWith('/') && !f.path.split('/').includes('..') && !paths.has(f.path), `path ${f.path}`);
    paths.add(f.path);
    check(f.conversations.length > 0, `${f.path} has conversations`);
    for (const c of f.conversations) {
      check(c.contributor?.type === 'ai' && (c.contributor.model_id ?? '').length <= 250, `${f.path} contributor`);
      check(c.ranges.length > 0, `${f.path} ranges`);
      let previousEnd = 0;
      for (const range of c.ranges) {
        check(
          Number.isInteger(range.start_line) && range.start_line >= 1 && range.end_line >= range.start_line,
          `${f.path} range bounds`,
        );
        check(range.start_line > previousEnd, `${f.path} ranges ordered and disjoint`);
        check(
          typeof range.content_hash === 'string' && range.content_hash.startsWith('fnv64:'),
          `${f.path} content_hash`,
        );
        check(range.contributor === undefined || range.contributor.type === 'mixed', `${f.path} range override`);
        previousEnd = range.end_line;
      }
    }
  }
  const metadataKeys = Object.keys(r.metadata ?? {});
  check(
    metadataKeys.every((k) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(k)),
    'metadata keys are reverse-DNS',
  );
  return problems;
}

const ORIGINS: Origin[] = [
  COPILOT,
  CLAUDE,
  CURSOR,
  OTHER,
  { ...CLAUDE, session: 'https://claude.ai/code/session_01X%20y' },
  { kind: 'manual', tool: 'unknown', time: 0 },
];

function sampleRecords(): AgentTraceRecord[] {
  const a = file('src/a.ts', [
    human('a'),
    ai('b', COPILOT),
    mixed('c', [COPILOT, CLAUDE]),
    ai('d', ORIGINS[4]),
    ai('e', OTHER),
  ]);
  const b = file('deep/dir/b.md', [mixed('x', CURSOR), human('y'), ai('z', ORIGINS[5])]);
  const single = buildAgentTrace([a, b], buildOptions());
  const combined = combineAgentTraces(
    [single],
    [{ path: 'src/a.ts', text: 'new\na\nb\nc\nd\ne\n' }],
    buildOptions(),
  ).record;
  return [single, buildAgentTrace([], buildOptions()), combined];
}

describe('Agent Trace: schema conformance', () => {
  it('matches the official JSON schema', function () {
    const validate = officialValidator(this);
    for (const record of sampleRecords()) {
      const plain = JSON.parse(JSON.stringify(record));
      assert.ok(validate(plain), JSON.stringify(validate.errors, null, 2));
    }
  });

  it('the official validator really rejects broken records (sanity of the check above)', function () {
    const validate = officialValidator(this);
    const good = JSON.parse(JSON.stringify(sampleRecords()[0]));
    assert.ok(validate(good));
    const broken = [
      (r: any) => (r.id = 'nope'),
      (r: any) => (r.files[0].conversations[0].ranges[0].start_line = 0),
      (r: any) => (r.files[0].conversations[0].contributor.type = 'robot'),
      (r: any) => (r.timestamp = 'yesterday'),
      (r: any) => delete r.files,
    ];
    for (const edit of broken) {
      const copy = JSON.parse(JSON.stringify(good));
      edit(copy);
      assert.equal(validate(copy), false, edit.toString());
    }
  });

  it('property: session URLs we put in `url` are URIs to the official schema', function () {
    const validate = officialValidator(this);
    const chars = fc.constantFrom(...'aZ09-._~:/?#[]@!$&\'()*+,;=% {}|^`"<>\\é'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 30 }), (tail) => {
        const origin = { ...CLAUDE, session: `https://h${tail}` };
        const record = JSON.parse(JSON.stringify(buildAgentTrace([file('a', [ai('1', origin)])], buildOptions())));
        assert.ok(validate(record), `${origin.session}: ${JSON.stringify(validate.errors)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('passes our structural checks and reads back through our own parser', () => {
    for (const record of sampleRecords()) {
      assert.deepEqual(structuralProblems(record), []);
      assert.deepEqual(parseAgentTrace(JSON.stringify(record)), JSON.parse(JSON.stringify(record)));
    }
  });

  it('property: random inputs always give schema-valid, structurally sound records', () => {
    const lineArb = fc.oneof(
      fc.constant({ text: 'h', cls: 'human' as const, origins: [] as Origin[] }),
      fc.record({
        text: fc.string({ maxLength: 6 }),
        cls: fc.constantFrom('ai' as const, 'mixed' as const),
        origins: fc.uniqueArray(fc.constantFrom(...ORIGINS), { minLength: 1, maxLength: 3 }),
      }),
    );
    const fileArb = fc.record({
      path: fc.stringMatching(/^[a-z]{1,5}(\/[a-z]{1,5}){0,2}\.ts$/),
      lines: fc.array(lineArb, { maxLength: 25 }),
    });
    // The structural checks run everywhere; the official schema where it is present (the test above says when not).
    const validate = loadOfficialValidator();
    fc.assert(
      fc.property(
        fc.uniqueArray(fileArb, { maxLength: 4, selector: (f) => f.path }),
        fc.string({ maxLength: 30 }),
        (files: AttributedFile[], session) => {
          const withSession = files.map((f) => ({
            ...f,
            lines: f.lines.map((l) => ({ ...l, origins: l.origins.map((o) => (o === OTHER ? { ...o, session } : o)) })),
          }));
          const record = JSON.parse(JSON.stringify(buildAgentTrace(withSession, buildOptions())));
          assert.deepEqual(structuralProblems(record), []);
          if (validate) assert.ok(validate(record), JSON.stringify(validate.errors));
          parseAgentTrace(record);
        },
      ),
      { numRuns: 200 },
    );
  });
});
