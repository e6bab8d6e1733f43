// Creates a small real git repository with a little history: the fixture workspace for integration tests and the demo.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

export function git(cwd, ...args) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_DATE: '2026-01-02T10:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-02T10:00:00Z',
    },
  });
}

export const FILES = {
  'README.md': '# Sample project\n\nA tiny service used to try AI Provenance.\n',
  'src/math.ts': [
    'export function add(a: number, b: number): number {',
    '  return a + b;',
    '}',
    '',
    'export function mean(values: number[]): number {',
    '  if (values.length === 0) {',
    '    return 0;',
    '  }',
    '  return values.reduce((s, v) => s + v, 0) / values.length;',
    '}',
    '',
  ].join('\n'),
  'src/greet.ts': 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n',
  'test/math.test.ts':
    "import { add } from '../src/math';\n\nit('adds', () => {\n  if (add(1, 2) !== 3) throw new Error('bad');\n});\n",
  'package.json': JSON.stringify({ name: 'sample', version: '1.0.0', private: true }, null, 2) + '\n',
};

export function createSampleRepo(dir) {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Sample Dev');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('README.md', FILES['README.md']);
  write('package.json', FILES['package.json']);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Initial commit');
  write('src/math.ts', FILES['src/math.ts']);
  write('test/math.test.ts', FILES['test/math.test.ts']);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Add math helpers');
  git(dir, 'checkout', '-q', '-b', 'feature/greeting');
  write('src/greet.ts', FILES['src/greet.ts']);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Add greeting', '-m', 'Assisted-by: Claude:claude-sonnet-4');
  return dir;
}
