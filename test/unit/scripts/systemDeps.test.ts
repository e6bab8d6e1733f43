// The set-up decision of `npm test` / `npm run demo` on a fresh machine (scripts/lib/systemDeps.mjs).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Plan {
  action: 'none' | 'install' | 'refuse';
  sudo?: boolean;
  pkgs?: string[];
  message?: string;
  lines?: string[];
}
type Planner = (input: {
  missing: string[];
  platform: string;
  hasApt: boolean;
  isRoot: boolean;
  sudoOk: boolean;
  refuse: boolean;
}) => Plan;

// out/test/unit/scripts -> repository root
const MODULE = path.resolve(__dirname, '..', '..', '..', '..', 'scripts', 'lib', 'systemDeps.mjs');

describe('system set-up for the demo and the tests', () => {
  let plan: Planner;
  before(async () => {
    plan = ((await import(pathToFileURL(MODULE).href)) as { planSystemInstall: Planner }).planSystemInstall;
  });
  const debian = { platform: 'linux', hasApt: true, isRoot: false, sudoOk: false, refuse: false };

  it('does nothing when nothing is missing', () => {
    assert.equal(plan({ ...debian, missing: [] }).action, 'none');
  });

  it('installs as root on Debian, one line per package saying why', () => {
    const p = plan({ ...debian, isRoot: true, missing: ['chromium', 'krb5', 'cxx'] });
    assert.equal(p.action, 'install');
    assert.equal(p.sudo, false);
    assert.deepEqual(p.pkgs, ['chromium', 'libkrb5-dev', 'build-essential']);
    assert.equal(p.lines?.length, 3);
    assert.match(p.lines![0], /^chromium: .*browser/);
    assert.match(p.lines![1], /^libkrb5-dev: .*code-server/);
  });

  it('uses sudo -n only when it works without a password', () => {
    assert.equal(plan({ ...debian, sudoOk: true, missing: ['chromium'] }).sudo, true);
    const p = plan({ ...debian, sudoOk: false, missing: ['chromium'] });
    assert.equal(p.action, 'refuse');
    assert.match(p.message!, /apt-get install -y --no-install-recommends chromium/);
  });

  it('AIP_NO_SYSTEM_INSTALL=1 refuses even as root and prints the exact command', () => {
    const p = plan({ ...debian, isRoot: true, refuse: true, missing: ['krb5', 'python3'] });
    assert.equal(p.action, 'refuse');
    assert.match(p.message!, /AIP_NO_SYSTEM_INSTALL=1/);
    assert.match(p.message!, /apt-get update && apt-get install -y --no-install-recommends libkrb5-dev python3/);
  });

  it('one line with what to install on macOS and on other Linux', () => {
    const mac = plan({ ...debian, platform: 'darwin', hasApt: false, isRoot: true, missing: ['chromium', 'cxx'] });
    assert.equal(mac.action, 'refuse');
    assert.match(mac.message!, /brew install --cask chromium/);
    assert.match(mac.message!, /xcode-select --install/);
    const other = plan({ ...debian, hasApt: false, isRoot: true, missing: ['krb5'] });
    assert.equal(other.action, 'refuse');
    assert.match(other.message!, /Kerberos development headers/);
    assert.doesNotMatch(other.message!, /\n/);
  });
});
