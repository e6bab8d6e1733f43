// Fixtures live next to the test sources; compiled tests run from an out* folder of any depth, so walk up to find them.
import * as fs from 'node:fs';
import * as path from 'node:path';

function fixturesDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'test', 'unit', 'agents', 'fixtures');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('test/unit/agents/fixtures not found above ' + __dirname);
    dir = parent;
  }
}

export function fixtureText(relative: string): string {
  return fs.readFileSync(path.join(fixturesDir(), relative), 'utf8');
}

export function fixture(relative: string): unknown {
  return JSON.parse(fixtureText(relative));
}
