import * as assert from 'node:assert/strict';
import {
  BlameAttribution,
  interpretNote,
  noRecord,
  workingOverlay,
  type CommitProvenance,
} from '../../../src/core/blame';
import { buildAgentTrace } from '../../../src/core/commit';
import { contentHash } from '../../../src/core/hash';
import type { FileRecord } from '../../../src/core/state';
import { CLAUDE, COPILOT } from '../commit/fixtures';
import { parseBlamePorcelain } from './parseWhole';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

function group(commit: string, orig: number, final: number, text: string, file = 'f.ts'): string[] {
  return [
    `${commit} ${orig} ${final} 1`,
    `author X`,
    'author-mail <x@example.com>',
    'author-time 1700000000',
    'summary s',
    `filename ${file}`,
    `\t${text}`,
  ];
}

/** A's record: its lines 1-3 = ['one', 'two', 'three'], lines 2-3 AI (one range). */
const recordA = JSON.stringify(
  buildAgentTrace(
    [
      {
        path: 'f.ts',
        lines: [
          { text: 'one', cls: 'human', origins: [] },
          { text: 'two', cls: 'ai', origins: [CLAUDE] },
          { text: 'three', cls: 'ai', origins: [CLAUDE] },
        ],
      },
    ],
    { revision: 'c'.repeat(40), toolVersion: '1', now: 0, randomBytes: (n) => new Uint8Array(n).fill(3) },
  ),
);

describe('BlameAttribution', () => {
  it('asks for the file text when an untrusted record cannot be verified from the blamed lines, then places it', () => {
    // Only line 2 of A survives, now at final line 1; A's record names another revision (copied by a rebase).
    const blame = parseBlamePorcelain([...group(A, 2, 1, 'two'), ...group(B, 1, 2, 'later')].join('\n'));
    const provenance = new Map<string, CommitProvenance>([
      [A, interpretNote(A, { text: recordA })],
      [B, noRecord(B)],
    ]);
    const attribution = new BlameAttribution(blame, provenance);
    assert.deepEqual(attribution.needsText(), [{ commit: A, path: 'f.ts' }]);
    assert.equal(attribution.lines()[0].authorship, 'human');
    attribution.supplyText(A, 'f.ts', ['one', 'two', 'three']);
    const lines = attribution.lines();
    assert.equal(lines[0].authorship, 'ai');
    assert.equal(lines[0].origins[0].tool, 'claude-code');
    assert.equal(lines[1].authorship, 'human');
    assert.deepEqual(attribution.warnings(), []);
  });

  it('warns about ranges that are nowhere in the file', () => {
    const blame = parseBlamePorcelain(group(A, 2, 1, 'two').join('\n'));
    const attribution = new BlameAttribution(blame, new Map([[A, interpretNote(A, { text: recordA })]]));
    attribution.supplyText(A, 'f.ts', ['completely', 'different']);
    assert.match(attribution.warnings()[0], /1 recorded range\(s\) not found/);
  });

  it('keeps one group per commit and path, in order of first appearance', () => {
    // A wrote f.ts lines under two names (a rename blame followed); B's lines sit between them.
    const both = JSON.parse(recordA);
    both.files.push({ ...both.files[0], path: 'g.ts' });
    const blame = parseBlamePorcelain(
      [...group(A, 2, 1, 'two'), ...group(B, 2, 2, 'two', 'f.ts'), ...group(A, 3, 3, 'three', 'g.ts')].join('\n'),
    );
    const provenance = new Map<string, CommitProvenance>([
      [A, interpretNote(A, { text: JSON.stringify(both) })],
      [B, interpretNote(B, { text: recordA })],
    ]);
    const attribution = new BlameAttribution(blame, provenance);
    assert.deepEqual(attribution.needsText(), [
      { commit: A, path: 'f.ts' },
      { commit: B, path: 'f.ts' },
      { commit: A, path: 'g.ts' },
    ]);
    attribution.supplyText(A, 'g.ts', ['one', 'two', 'three']);
    assert.deepEqual(
      attribution.lines().map((l) => l.authorship),
      ['human', 'human', 'ai'],
    );
    attribution.supplyText(A, 'f.ts', ['x', 'y']);
    attribution.supplyText(B, 'f.ts', ['z']);
    assert.deepEqual(
      attribution.warnings().map((w) => w.slice(0, 17)),
      [`${A.slice(0, 12)} f.ts`, `${B.slice(0, 12)} f.ts`],
    );
  });

  it('overlays the working state on uncommitted lines only', () => {
    const text = 'committed\nfresh ai\n';
    const record: FileRecord = {
      version: 1,
      path: 'f.ts',
      contentHash: contentHash(text),
      length: text.length,
      origins: [COPILOT],
      spans: [[10, 18, 0]],
      updated: 1,
    };
    const overlay = workingOverlay(text, record);
    assert.ok('lines' in overlay);
    const blame = parseBlamePorcelain([...group(A, 1, 1, 'committed'), ...group(ZERO, 2, 2, 'fresh ai')].join('\n'));
    const lines = new BlameAttribution(blame, new Map([[A, noRecord(A)]])).lines(overlay.lines);
    assert.deepEqual(
      lines.map((l) => [l.authorship, l.evidence, l.commit]),
      [
        ['human', 'none', A],
        ['ai', 'working-state', null],
      ],
    );
    assert.equal(lines[1].origins[0].tool, 'GitHub Copilot');
  });

  it('refuses a working state that describes another text', () => {
    const record: FileRecord = {
      version: 1,
      path: 'f.ts',
      contentHash: contentHash('old'),
      length: 3,
      origins: [COPILOT],
      spans: [[0, 3, 0]],
      updated: 1,
    };
    assert.ok('reason' in workingOverlay('new', record));
    assert.ok('reason' in workingOverlay('a\rb', { ...record, contentHash: contentHash('a\rb') }));
    assert.ok('reason' in workingOverlay('x', undefined));
  });
});
