// `npm run package`: a VSIX with only dist/, media/, the manifest, README, licence and changelog (offline).
// The Marketplace needs absolute links, and this project has no published home yet, so the packaged README is the
// repository README with relative links and images turned into plain text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib/paths.mjs';

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

run(process.execPath, ['esbuild.config.mjs', '--production']);
const readme = fs
  .readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  .replace(/!\[([^\]]*)\]\((?!https?:)[^)]*\)/g, '_($1: screenshot in the repository)_')
  .replace(/\[([^\]]+)\]\((?!https?:|#)[^)]*\)/g, '$1');
fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
const packagedReadme = path.join(ROOT, 'dist', 'README.md');
fs.writeFileSync(packagedReadme, readme);
run(path.join(ROOT, 'node_modules', '.bin', 'vsce'), [
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--readme-path',
  path.relative(ROOT, packagedReadme),
  '-o',
  'ai-provenance.vsix',
]);
