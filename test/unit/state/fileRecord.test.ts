import * as assert from 'node:assert/strict';
import { Origin } from '../../../src/core/attribution/origin';
import { contentHash } from '../../../src/core/hash';
import {
  FILE_RECORD_LIMITS,
  FileRecord,
  FileRecordError,
  parseFileRecord,
  parseFileRecordText,
  serializeFileRecord,
} from '../../../src/core/state/fileRecord';
import { repoPathProblem } from '../../../src/core/state/repoPath';

const origin: Origin = { kind: 'inline', tool: 'GitHub Copilot', model: 'openai/gpt-4o', time: 1_700_000_000_000 };
const valid: FileRecord = {
  version: 1,
  path: 'src/app/main.ts',
  contentHash: contentHash('hello world'),
  length: 11,
  origins: [
    origin,
    { kind: 'agent', tool: 'claude-code', session: 'abc', time: 5 },
    { kind: 'inline', tool: 'unknown', time: 6, candidates: ['GitHub Copilot', 'Codeium'] },
  ],
  spans: [
    [0, 5, 0],
    [6, 11, 1],
  ],
  updated: 1_700_000_000_123,
};

/** `valid` as plain JSON with one field replaced. */
function withField(field: string, value: unknown): unknown {
  return { ...(JSON.parse(JSON.stringify(valid)) as object), [field]: value };
}

function rejects(json: unknown, message: RegExp): void {
  assert.throws(
    () => parseFileRecord(json),
    (err: unknown) => err instanceof FileRecordError && message.test(err.message),
  );
}

describe('file record format', () => {
  it('round-trips through serialize and parse', () => {
    const text = serializeFileRecord(valid);
    assert.ok(text.endsWith('\n'));
    assert.deepEqual(parseFileRecordText(text), valid);
    assert.equal(serializeFileRecord(parseFileRecordText(text)), text, 'serialization is canonical');
  });

  it('keeps origin candidates (the possible tools when the tool is unknown)', () => {
    assert.deepEqual(parseFileRecordText(serializeFileRecord(valid)).origins[2].candidates, [
      'GitHub Copilot',
      'Codeium',
    ]);
  });

  it('keeps how a named inline tool is known (evidence), reads records without it, and rejects a hostile one', () => {
    const named: FileRecord = {
      ...valid,
      origins: [...valid.origins, { kind: 'inline', tool: 'Demo AI', time: 7, evidence: 'only installed provider' }],
    };
    const text = serializeFileRecord(named);
    assert.match(text, /"tool":"Demo AI","time":7,"evidence":"only installed provider"/);
    assert.deepEqual(parseFileRecordText(text), named);
    assert.equal(
      'evidence' in parseFileRecordText(serializeFileRecord(valid)).origins[0],
      false,
      'an old record reads without the field',
    );
    rejects(withField('origins', [{ ...origin, evidence: 1 }]), /origins\[0\]\.evidence\): expected a string/);
    rejects(withField('origins', [{ ...origin, evidence: 'x'.repeat(600) }]), /origins\[0\]\.evidence.*longer than/);
  });

  it('keeps the settled mark (post-commit) and accepts nothing but true there', () => {
    const settled = { ...valid, settled: true as const };
    assert.equal(parseFileRecordText(serializeFileRecord(settled)).settled, true);
    assert.equal('settled' in parseFileRecordText(serializeFileRecord(valid)), false);
    rejects(withField('settled', 'yes'), /settled/);
    rejects(withField('settled', false), /settled/);
  });

  it('drops unknown fields instead of carrying them along', () => {
    const parsed = parseFileRecord({
      ...(withField('extra', 1) as object),
      origins: [{ ...origin, secret: 'x' }],
      spans: [[0, 5, 0]],
    });
    assert.equal('extra' in parsed, false);
    assert.deepEqual(Object.keys(parsed.origins[0]).sort(), ['kind', 'model', 'time', 'tool']);
  });

  it('rejects non-objects and unknown versions', () => {
    rejects(null, /expected an object, got null/);
    rejects([], /expected an object, got an array/);
    rejects('{}', /expected an object/);
    rejects(withField('version', 2), /\(version\): unsupported version 2/);
    rejects(withField('version', '1'), /unsupported version "1"/);
  });

  it('rejects paths that are absolute, escape the repo or are not canonical', () => {
    for (const bad of [
      '',
      '/etc/passwd',
      'C:/x',
      'c:x',
      '../x',
      'a/../../x',
      'a/./b',
      './a',
      'a//b',
      'a/',
      '\\x',
      'a\\..\\b',
      '..\\x',
      'a/.\\b',
      'a\0b',
      'a\rb',
      'a\nb',
      'x'.repeat(5000),
    ]) {
      rejects(withField('path', bad), /\(path\)/);
      assert.notEqual(repoPathProblem(bad), undefined, bad);
    }
    rejects(withField('path', 7), /\(path\): 7: expected a string/);
    // Anything else git allows in a file name is recorded: a backslash, a tab, a control character.
    for (const good of [
      'a',
      'a/b.c',
      '.github/x.yml',
      'dir with space/ü.ts',
      '..foo',
      'a/...',
      'a\\b',
      'a\tb',
      'a\u0007b',
      'a\\..b',
    ]) {
      assert.equal(repoPathProblem(good), undefined, good);
    }
  });

  it('rejects malformed content hashes, lengths and times', () => {
    rejects(withField('contentHash', 'abc'), /\(contentHash\)/);
    rejects(withField('contentHash', 'fnv64:XYZ'), /\(contentHash\)/);
    rejects(withField('length', -1), /\(length\): -1 is outside/);
    rejects(withField('length', 1.5), /\(length\): expected an integer, got 1.5/);
    rejects(withField('length', FILE_RECORD_LIMITS.maxLength + 1), /\(length\)/);
    rejects(withField('updated', '2024'), /\(updated\)/);
  });

  it('validates every origin', () => {
    rejects(withField('origins', {}), /\(origins\): expected an array/);
    rejects(withField('origins', [{ ...origin, kind: 'robot' }]), /origins\[0\]\.kind.*unknown origin kind "robot"/);
    rejects(withField('origins', [{ ...origin, tool: 3 }]), /origins\[0\]\.tool/);
    rejects(withField('origins', [{ ...origin, model: null }]), /origins\[0\]\.model/);
    rejects(withField('origins', [{ ...origin, session: 'x'.repeat(600) }]), /origins\[0\]\.session.*longer than/);
    rejects(withField('origins', [{ ...origin, time: -1 }]), /origins\[0\]\.time/);
    rejects(withField('origins', [origin, 'x']), /\(origins\[1\]\): expected an object/);
    rejects(
      withField('origins', [{ ...origin, candidates: 'Copilot' }]),
      /origins\[0\]\.candidates\): expected an array/,
    );
    rejects(
      withField('origins', [{ ...origin, candidates: ['a', 1] }]),
      /origins\[0\]\.candidates\[1\]\): expected a string/,
    );
    rejects(withField('origins', [{ ...origin, candidates: new Array(65).fill('a') }]), /65 candidates exceed/);
  });

  it('requires spans inside the text, pointing at an origin, sorted and disjoint', () => {
    rejects(withField('spans', 'x'), /\(spans\): expected an array/);
    rejects(withField('spans', [[0, 5]]), /\(spans\[0\]\): expected \[start, end, originIndex\]/);
    rejects(withField('spans', [[0, 12, 0]]), /\(spans\[0\]\[1\]\): 12 is outside \[0, 11\]/);
    rejects(withField('spans', [[0, 5, 3]]), /\(spans\[0\]\[2\]\): 3 is outside \[0, 2\]/);
    rejects(withField('spans', [[3, 3, 0]]), /\(spans\[0\]\): empty or reversed/);
    rejects(withField('spans', [[4, 2, 0]]), /\(spans\[0\]\): empty or reversed/);
    rejects(
      withField('spans', [
        [0, 5, 0],
        [4, 8, 1],
      ]),
      /\(spans\[1\]\): starts at 4, before the previous span ends at 5/,
    );
    rejects(
      withField('spans', [
        [6, 8, 0],
        [0, 5, 1],
      ]),
      /spans\[1\]/,
    );
    rejects(withField('spans', [[0, '5', 0]]), /\(spans\[0\]\[1\]\): expected an integer/);
  });

  it('bounds the JSON text and reports JSON syntax errors clearly', () => {
    assert.throws(() => parseFileRecordText('{"version": 1,'), /invalid file record: not JSON/);
    const huge = ' '.repeat(FILE_RECORD_LIMITS.maxJsonChars + 1);
    assert.throws(() => parseFileRecordText(huge), /exceeds/);
  });

  it('refuses to serialize an invalid record', () => {
    assert.throws(() => serializeFileRecord({ ...valid, path: '../x' }), FileRecordError);
  });
});
