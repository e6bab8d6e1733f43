import * as assert from 'node:assert/strict';
import { parseEnviron, servedHookEnv, takeRequests, type HookRequest } from '../../../src/core/commit/hookRequest';

/** What `printf '%s\0' v1 "$$" "$PPID" "$aip_hook" "$aip_paths" "$#" "$@"` writes. */
function wire(...fields: string[]): string {
  return fields.map((f) => `${f}\0`).join('');
}

const PATHS = '/repo\n/repo/.git\n.git/ai-provenance\n.git';

describe('hook server requests', () => {
  it('reads a request with its arguments, keeping spaces, newlines and empty arguments', () => {
    const { requests, rest, errors } = takeRequests(wire('v1', '123', '100', 'prepare-commit-msg', PATHS, '3', '.git/COMMIT MSG', '', 'a\nb'));
    assert.deepEqual(requests, [{ pid: 123, gitPid: 100, hook: 'prepare-commit-msg', paths: PATHS, args: ['.git/COMMIT MSG', '', 'a\nb'] }]);
    assert.equal(rest, '');
    assert.deepEqual(errors, []);
  });

  it('waits for the rest of a request split across reads, at any byte', () => {
    const whole = wire('v1', '7', '6', 'post-commit', PATHS, '0') + wire('v1', '9', '8', 'commit-msg', PATHS, '1', 'msg');
    for (let cut = 0; cut <= whole.length; cut++) {
      const first = takeRequests(whole.slice(0, cut));
      const second = takeRequests(first.rest + whole.slice(cut));
      assert.deepEqual([...first.requests, ...second.requests].map((r) => r.pid), [7, 9], `cut at ${cut}`);
      assert.deepEqual([...first.errors, ...second.errors], []);
      assert.equal(second.rest, '');
    }
  });

  it('drops garbage and malformed requests, reporting each, and finds the next request', () => {
    const input = 'junk\0' + wire('v1', 'x', '1', 'post-commit', PATHS, '0') + wire('v1', '5', '4', 'post-commit', PATHS, '99') + wire('v1', '12', '11', 'post-commit', PATHS, '0');
    const { requests, errors } = takeRequests(input);
    assert.deepEqual(requests.map((r) => r.pid), [12]);
    assert.equal(errors.length, 3);
    assert.ok(errors.every((e) => e.startsWith('malformed hook request dropped')));
  });

  it('rejects hook names that are not plain names', () => {
    assert.deepEqual(takeRequests(wire('v1', '5', '4', '../evil', PATHS, '0')).requests, []);
  });

  it('parses /proc environ entries, values with = and newlines included', () => {
    assert.deepEqual(parseEnviron('A=1\0B=x=y\0C=line\nnext\0EMPTY=\0\0'), { A: '1', B: 'x=y', C: 'line\nnext', EMPTY: '' });
  });

  it("runs a served hook with the hook's environment only: the server's own variables are masked", () => {
    const request: HookRequest = { pid: 10, gitPid: 9, hook: 'post-commit', paths: PATHS, args: [] };
    const env = servedHookEnv({ GIT_INDEX_FILE: '/repo/.git/index.lock', PATH: '/hook/bin' }, { PATH: '/server/bin', VSCODE_PID: '1', GIT_ASKPASS: '/askpass' }, request, 'AI_PROVENANCE_HOOK_PATHS');
    assert.deepEqual(env, { PATH: '/hook/bin', VSCODE_PID: undefined, GIT_ASKPASS: undefined, GIT_INDEX_FILE: '/repo/.git/index.lock', AI_PROVENANCE_GIT_PID: '9', AI_PROVENANCE_HOOK_PATHS: PATHS });
  });
});
