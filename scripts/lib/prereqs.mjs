// Checks for what the real-VS-Code harness needs, each failing with one message that says what to install.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { NODE24_BIN, NODE24_DIR, NODE24_HEADERS } from './paths.mjs';

export class PrereqError extends Error {}

/** The executable `cmd` on PATH, or undefined. */
export function onPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, cmd);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv))
      throw new PrereqError(`CHROME_PATH=${fromEnv} does not exist: point it at a Chromium or Chrome binary.`);
    return fromEnv;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = onPath(name);
    if (found) return found;
  }
  throw new PrereqError(
    'chromium not found: apt-get install chromium, or set CHROME_PATH to a Chromium/Chrome binary.',
  );
}

/** Node 24 from the `node` dev dependency; code-server refuses any other major. */
export function findNode24() {
  if (!fs.existsSync(NODE24_BIN)) {
    throw new PrereqError(
      `Node 24 not found at ${NODE24_BIN}: run npm install (the 'node' dev dependency provides it).`,
    );
  }
  const version = execFileSync(NODE24_BIN, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.'))
    throw new PrereqError(`${NODE24_BIN} is ${version}, code-server needs Node 24: run npm install.`);
  return NODE24_BIN;
}

/** Node 24's own headers, so native modules build for the ABI that will load them. */
export function ensureNode24Headers() {
  const include = path.join(NODE24_HEADERS, 'include', 'node', 'node.h');
  if (fs.existsSync(include)) return NODE24_HEADERS;
  // npm prunes the platform package that node@24's preinstall adds; re-running that script brings it back.
  execFileSync('npm', ['rebuild', 'node'], { cwd: path.resolve(NODE24_DIR, '..', '..'), stdio: 'ignore' });
  if (!fs.existsSync(include))
    throw new PrereqError(`Node 24 headers missing under ${NODE24_HEADERS}: run npm rebuild node.`);
  return NODE24_HEADERS;
}

/** Only needed when code-server must be built (first run). */
export function checkBuildTools() {
  const missing = [];
  for (const tool of ['make', 'g++', 'python3']) if (!onPath(tool)) missing.push(tool);
  if (missing.length)
    throw new PrereqError(
      `${missing.join(', ')} not found: apt-get install build-essential python3 (needed once to build code-server's native modules).`,
    );
  const krb =
    ['/usr/include/gssapi/gssapi.h', '/usr/include/krb5.h'].some((f) => fs.existsSync(f)) || onPath('krb5-config');
  if (!krb)
    throw new PrereqError(
      'Kerberos headers not found: apt-get install libkrb5-dev (needed once to build code-server).',
    );
}
