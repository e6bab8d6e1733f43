import * as assert from 'node:assert/strict';
import { orderQueuedCalls, parsePathListing, QUEUED_CALL_NAME } from '../../../src/core/agents/queuedCalls';

describe('queued agent calls (the launcher’s sh snapshots)', () => {
  it('parses a path listing; the copy of line n is file n', () => {
    assert.deepEqual(parsePathListing('t\t/r/a.ts\na\t/r/new file.ts\ns\t/r/link\nu\t/r/x\n'), [
      { mark: 't', path: '/r/a.ts', index: 1 },
      { mark: 'a', path: '/r/new file.ts', index: 2 },
      { mark: 's', path: '/r/link', index: 3 },
      { mark: 'u', path: '/r/x', index: 4 },
    ]);
    assert.deepEqual(parsePathListing(''), []);
  });

  it('refuses a damaged listing rather than guess which copy is which file', () => {
    for (const bad of ['x\t/r/a\n', 't /r/a\n', 't\trelative\n', 't\t/r/a\n\nt\t/r/b\n'])
      assert.throws(() => parsePathListing(bad), /path listing/, JSON.stringify(bad));
  });

  it('orders calls by the time their POST wrote, then by the launcher pid', () => {
    const calls = [
      { name: 'c900', time: 20 },
      { name: 'c12', time: 10 },
      { name: 'c100', time: 20 },
      { name: 'c5', time: 30 },
    ];
    assert.deepEqual(
      orderQueuedCalls(calls).map((c) => c.name),
      ['c12', 'c100', 'c900', 'c5'],
    );
  });

  it('knows finished calls from ones still being written', () => {
    assert.ok(QUEUED_CALL_NAME.test('c4242'));
    for (const name of ['.t4242', 'c', 'c12x', 'agent-post.lock']) assert.ok(!QUEUED_CALL_NAME.test(name), name);
  });
});
