// `npm run test:electron`: the same integration suite in desktop VS Code through @vscode/test-electron.
// Uses VSCODE_EXECUTABLE_PATH when set; otherwise @vscode/test-electron downloads VS Code (needs network access).
// @vscode/test-electron 3 needs Node 22+, so this re-runs itself under the Node 24 of the `node` dev dependency.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, CACHE, NODE24_BIN } from './lib/paths.mjs';
import { createSampleRepo } from './lib/sampleRepo.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  if (!fs.existsSync(NODE24_BIN)) {
    console.error('test:electron: needs Node 22+; run npm install so the node dev dependency provides Node 24.');
    process.exit(1);
  }
  const res = spawnSync(NODE24_BIN, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(res.status ?? 1);
}

const { runTests } = await import('@vscode/test-electron');
for (const step of [['esbuild.config.mjs'], [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']]) {
  const res = spawnSync(process.execPath, step, { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) process.exit(1);
}
const runDir = path.join(CACHE, 'runs', 'electron');
fs.rmSync(runDir, { recursive: true, force: true });
const workspace = createSampleRepo(path.join(runDir, 'workspace'));
try {
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--user-data-dir',
      path.join(runDir, 'user-data'),
    ],
    extensionTestsEnv: { AI_PROVENANCE_TEST: '1', AIP_RUN_DIR: runDir },
  });
} catch (err) {
  console.error(`test:electron: ${err?.message ?? err}`);
  process.exit(1);
}
