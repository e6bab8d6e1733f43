import * as assert from 'node:assert/strict';
import { describeDroppedRoute, routeFile } from '../../../src/core/agents/fileRouting';

describe('agent edit routing: the repository that owns each file', () => {
  const home = '/w/app';

  it("a file of the hook's own repository stays there under its own path", () => {
    assert.deepEqual(routeFile(home, 'src/a.ts', { root: home, rel: 'src/a.ts', installed: true }), {
      kind: 'home',
      rel: 'src/a.ts',
    });
  });

  it("a submodule's file goes to the submodule, under the submodule's path for it", () => {
    assert.deepEqual(routeFile(home, 'sub/src/a.ts', { root: '/w/app/sub', rel: 'src/a.ts', installed: true }), {
      kind: 'nested',
      root: '/w/app/sub',
      rel: 'src/a.ts',
      homeRel: 'sub/src/a.ts',
    });
  });

  it('an owner without AI Provenance installed: dropped, and the log line names the file and the repository', () => {
    const route = routeFile(home, 'sub/src/a.ts', { root: '/w/app/sub', rel: 'src/a.ts', installed: false });
    assert.equal(route.kind, 'dropped');
    assert.ok(route.kind === 'dropped');
    assert.equal(
      describeDroppedRoute(route),
      "dropped attribution: agent hook: the agent's edit of sub/src/a.ts (it belongs to the repository at /w/app/sub, where AI Provenance is not installed (run `ai-provenance install` there))",
    );
  });

  it('no owner found: dropped with a reason, never recorded in the home repository', () => {
    const route = routeFile(home, 'sub/a.ts', undefined);
    assert.equal(route.kind, 'dropped');
    assert.match(
      describeDroppedRoute(route as Extract<typeof route, { kind: 'dropped' }>),
      /^dropped attribution: agent hook: .*sub\/a\.ts \(/,
    );
  });
});
