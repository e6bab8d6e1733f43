// `npm run publish:marketplace` / `npm run publish:openvsx`: uploads the VSIX that `npm run package` built, to the
// Visual Studio Marketplace (vsce, token in VSCE_PAT) or to Open VSX (the `ovsx` CLI, token in OVSX_PAT), where
// VSCodium, Cursor, Windsurf and other VS Code forks install extensions from. A person runs this; CI never does.
// Usage: node scripts/publish.mjs marketplace|openvsx
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib/paths.mjs';

// Pinned: the registry's CLI is fetched when someone publishes, not installed with the project.
const OVSX = 'ovsx@1.4.0';
const target = process.argv[2];
const vsix = path.join(ROOT, 'ai-provenance.vsix');

function stop(message) {
  console.error(`publish: ${message}`);
  process.exit(2);
}

if (target !== 'marketplace' && target !== 'openvsx') stop('say where: marketplace or openvsx');
if (process.env.CI) stop('not from CI: publishing is a release step a person takes');
const token = target === 'marketplace' ? 'VSCE_PAT' : 'OVSX_PAT';
if (!process.env[token]) stop(`${token} is not set (the publisher's access token for ${target})`);
if (!fs.existsSync(vsix)) stop('no ai-provenance.vsix: run `npm run package` first');

const [cmd, args] =
  target === 'marketplace'
    ? [path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['publish', '--packagePath', vsix]]
    : ['npx', ['--yes', OVSX, 'publish', '--packagePath', vsix]];
const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
process.exit(res.status ?? 1);
