// Installs the system packages the demo and the tests need (chromium, Kerberos headers, a C++ toolchain) when they are
// missing, so that `npm install && npm run demo` and `npm install && npm test` work on a fresh Debian/Ubuntu machine.
// It installs only as root or with a password-less `sudo -n`; AIP_NO_SYSTEM_INSTALL=1 refuses and prints the command.
// Elsewhere it stops with one line that says exactly what to install. `.ci/run` relies on this too.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PrereqError, findChromium, onPath } from './prereqs.mjs';

/** What each need is, how to tell it is there, the Debian package that brings it, and why we need it. */
const NEEDS = {
  git: { debian: 'git', why: 'the tests run real git repositories', present: () => onPath('git') },
  chromium: {
    debian: 'chromium',
    why: 'the headless browser that drives the real VS Code in the integration tests',
    present: () => {
      try {
        findChromium();
        return true;
      } catch {
        return false;
      }
    },
  },
  krb5: {
    debian: 'libkrb5-dev',
    why: "Kerberos headers, needed once to build code-server's native modules",
    present: () =>
      ['/usr/include/gssapi/gssapi.h', '/usr/include/krb5.h'].some((f) => fs.existsSync(f)) || !!onPath('krb5-config'),
  },
  cxx: {
    debian: 'build-essential',
    why: "a C/C++ toolchain, needed once to build code-server's native modules",
    present: () => !!onPath('g++') && !!onPath('make'),
  },
  python3: {
    debian: 'python3',
    why: "node-gyp's build scripts, needed once to build code-server",
    present: () => !!onPath('python3'),
  },
};

const OTHER_PLATFORMS = {
  darwin: {
    chromium: 'brew install --cask chromium (or set CHROME_PATH to Chrome)',
    cxx: 'xcode-select --install',
    python3: 'xcode-select --install',
    git: 'xcode-select --install',
    krb5: '',
  },
};

/**
 * The decision, kept free of I/O so that it is unit-tested: given what is missing and what this machine allows,
 * either nothing, an install command to run, or a refusal with the one line to show.
 */
export function planSystemInstall({ missing, platform, hasApt, isRoot, sudoOk, refuse }) {
  if (missing.length === 0) return { action: 'none' };
  const pkgs = [...new Set(missing.map((n) => NEEDS[n].debian))];
  const aptLine = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  if (platform === 'linux' && hasApt) {
    const lines = missing.map((n) => `${NEEDS[n].debian}: ${NEEDS[n].why}`);
    if (refuse) {
      return {
        action: 'refuse',
        message: `missing ${pkgs.join(', ')}; not installing them (AIP_NO_SYSTEM_INSTALL=1). Run: sudo sh -c '${aptLine}'`,
        lines,
      };
    }
    if (isRoot) return { action: 'install', sudo: false, pkgs, lines };
    if (sudoOk) return { action: 'install', sudo: true, pkgs, lines };
    return {
      action: 'refuse',
      message: `missing ${pkgs.join(', ')} and no root or password-less sudo to install them. Run: sudo sh -c '${aptLine}'`,
      lines,
    };
  }
  const own = OTHER_PLATFORMS[platform];
  if (own) {
    const cmds = [...new Set(missing.map((n) => own[n]).filter(Boolean))];
    return {
      action: 'refuse',
      message: `missing ${missing.join(', ')}: ${cmds.length ? cmds.join(' && ') : 'install them'}`,
      lines: [],
    };
  }
  const what = missing.map((n) =>
    n === 'krb5' ? 'Kerberos development headers (krb5-devel / krb5-dev)' : n === 'cxx' ? 'make and g++' : n,
  );
  return {
    action: 'refuse',
    message: `missing ${what.join(', ')}: install them with your system's package manager (or set CHROME_PATH for the browser).`,
    lines: [],
  };
}

/**
 * Makes sure `needs` (keys of NEEDS) are on this machine, installing them where allowed. Throws PrereqError with one
 * line when it cannot. `log` gets one line per package installed, saying why.
 */
export function ensureSystemDeps(needs, log = console.log) {
  const missing = needs.filter((n) => !NEEDS[n].present());
  const plan = planSystemInstall({
    missing,
    platform: process.platform,
    hasApt: process.platform === 'linux' && !!onPath('apt-get') && fs.existsSync('/etc/debian_version'),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    sudoOk:
      missing.length > 0 && !!onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    refuse: process.env.AIP_NO_SYSTEM_INSTALL === '1',
  });
  if (plan.action === 'none') return;
  if (plan.action === 'refuse') throw new PrereqError(plan.message);
  for (const line of plan.lines) log(`setup: installing ${line}`);
  const prefix = plan.sudo ? ['sudo', '-n'] : [];
  const logFile = path.join(os.tmpdir(), `aip-system-install-${process.pid}.log`);
  const out = fs.openSync(logFile, 'w');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, ...args];
    return spawnSync(cmd, rest, { stdio: ['ignore', out, out], env }).status;
  };
  const ok =
    run(['apt-get', 'update', '-q']) === 0 &&
    run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...plan.pkgs]) === 0;
  fs.closeSync(out);
  if (!ok) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-10).join('\n');
    throw new PrereqError(`installing ${plan.pkgs.join(' ')} failed (log: ${logFile}):\n${tail}`);
  }
  const still = needs.filter((n) => !NEEDS[n].present());
  if (still.length)
    throw new PrereqError(`installed ${plan.pkgs.join(' ')}, yet ${still.join(', ')} is still missing.`);
  fs.rmSync(logFile, { force: true });
  log(`setup: installed ${plan.pkgs.join(' ')}`);
}

/** What building code-server needs, only while it is not built yet. */
export function codeServerBuildNeeds(codeServerReady) {
  return codeServerReady ? [] : ['krb5', 'cxx', 'python3'];
}
