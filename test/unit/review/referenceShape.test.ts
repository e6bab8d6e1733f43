/**
 * Which grep hits of a changed function's name can be uses of it (rules/referenceShape.ts): imports, calls and paths
 * of the function itself, method calls of a method; not fields, other types' functions of the same name, other
 * definitions or words in text.
 */
import * as assert from 'node:assert/strict';
import { mayUse } from '../../../src/core/review/rules/referenceShape';

const fn = (name: string) => ({ kind: 'function', name });
const method = (name: string) => ({ kind: 'method', name });

describe('review: which mentions of a changed name can use it', () => {
  it('Rust: a free function is used by a call, a module path or an import, not a field or a type of its own', () => {
    const f = fn('from_lock');
    assert.equal(mayUse('rust', f, 'let bom = cyclonedx_json::from_lock(&target, &prune)?;'), true);
    assert.equal(mayUse('rust', f, 'let bom = from_lock::<Bom>(&target)?;'), true);
    assert.equal(mayUse('rust', f, 'use uv_resolver::cyclonedx_json::{from_lock, Bom};'), true);
    assert.equal(mayUse('rust', f, '.map(cyclonedx_json::from_lock)'), true);
    assert.equal(mayUse('rust', f, 'if let Some(p) = Preference::from_lock(package, path)? {'), false);
    assert.equal(mayUse('rust', f, 'let p = Self::from_lock(package)?;'), false);
    assert.equal(mayUse('rust', f, '    pub fn from_lock(package: &Package) -> Self {'), false);
    assert.equal(mayUse('rust', f, 'let x = lock.from_lock(target);'), false);
    const g = fn('resolver_options');
    assert.equal(mayUse('rust', g, '!case.scenario.resolver_options.universal'), false);
    assert.equal(mayUse('rust', g, '    pub resolver_options: ResolverOptions,'), false);
    assert.equal(mayUse('rust', g, '        .resolver_options'), false);
    assert.equal(mayUse('rust', g, 'let opts = resolver_options(args, build, indexes);'), true);
  });

  it("Rust: a method is used by a method call or its own type's path, not by another type's", () => {
    const m = method('Lock.from_resolution');
    assert.equal(mayUse('rust', m, 'let lock = Lock::from_resolution(&resolution, manifest, root)?;'), true);
    assert.equal(mayUse('rust', m, 'let lock = Self::from_resolution(&resolution, manifest, root)?;'), true);
    assert.equal(mayUse('rust', m, '    .from_resolution(&resolution)'), true);
    assert.equal(mayUse('rust', m, 'let p = Preference::from_resolution(&resolution);'), false);
    assert.equal(mayUse('rust', m, 'let lock = from_resolution(&resolution);'), false);
  });

  it('Python, TypeScript and Go: module-qualified calls and imports count; self attributes and other classes do not', () => {
    assert.equal(mayUse('python', fn('refresh_token'), 'token = auth.refresh_token(session, scope)'), true);
    assert.equal(mayUse('python', fn('refresh_token'), 'from httpkit.auth import refresh_token'), true);
    assert.equal(mayUse('python', fn('refresh_token'), '        self.refresh_token = None'), false);
    assert.equal(mayUse('python', fn('refresh_token'), '    x = Session.refresh_token(s)'), false);
    assert.equal(mayUse('python', fn('refresh_token'), 'def refresh_token(session):'), false);
    assert.equal(mayUse('python', method('Client.send'), '    resp = client.send(request)'), true);
    assert.equal(mayUse('typescript', fn('parseConfig'), "import { parseConfig } from './config';"), true);
    assert.equal(mayUse('typescript', fn('parseConfig'), "export { parseConfig } from './config';"), true);
    assert.equal(mayUse('java', method('Client.send'), '    Response r = send(request, timeout);'), true);
    assert.equal(mayUse('java', method('Client.send'), '    Response r = Other.send(request);'), false);
    assert.equal(mayUse('typescript', fn('parseConfig'), 'const c = parseConfig<Options>(text);'), true);
    assert.equal(mayUse('typescript', fn('parseConfig'), 'const c = this.parseConfig(text);'), false);
    assert.equal(mayUse('typescript', fn('parseConfig'), '  parseConfig: (text: string) => Config;'), false);
    assert.equal(mayUse('go', fn('Dial'), '\tconn, err := kit.Dial(ctx, addr)'), true);
    assert.equal(mayUse('go', method('Store.Compact'), '\tif err := s.Compact(); err != nil {'), true);
    assert.equal(mayUse('go', method('Store.Compact'), 'func (d *DB) Compact() error {'), false);
  });

  it('types, constants and re-exports keep every mention', () => {
    assert.equal(mayUse('rust', { kind: 'type', name: 'Lock' }, '    lock: Lock,'), true);
    assert.equal(mayUse('python', { kind: 'constant', name: 'REPO_ROOT' }, 'print(REPO_ROOT)'), true);
  });
});
