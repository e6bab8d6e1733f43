// `npm run demo`: build the extension, make the demo repository through the product's real paths
// (scripts/demo/story.mjs), start code-server on 127.0.0.1 with the extension and the demo-only "Demo AI" inline
// completion provider loaded, and print the URL and a five-step tour. Ctrl+C stops everything it started.
// Options (env): DEMO_PORT=8080 to pick the port; DEMO_WORKSPACE=/abs/path to open your own repository instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CODE_SERVER_READY, ROOT } from './lib/paths.mjs';
import { codeServerBuildNeeds, ensureSystemDeps } from './lib/systemDeps.mjs';
import { PrereqError } from './lib/prereqs.mjs';
import { ensureCodeServer, startCodeServer } from './lib/codeServer.mjs';
import { workbenchUrl } from './lib/browser.mjs';
import { buildDemoWorkspace, DEMO_AI_EXTENSION, TOUR } from './demo/workspace.mjs';
import { installExitHandlers, killAll } from './lib/processes.mjs';

async function main() {
  installExitHandlers();
  ensureSystemDeps(['git', ...codeServerBuildNeeds(fs.existsSync(CODE_SERVER_READY))]);
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const runDir = path.join(ROOT, '.demo');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const workspace = process.env.DEMO_WORKSPACE
    ? path.resolve(process.env.DEMO_WORKSPACE)
    : await buildDemoWorkspace(runDir);
  await ensureCodeServer();
  const port = process.env.DEMO_PORT;
  const server = await startCodeServer({
    runDir,
    installed: [DEMO_AI_EXTENSION],
    extraArgs: port ? ['--bind-addr', `127.0.0.1:${port}`] : [],
  });
  const url = workbenchUrl({ port: server.port, workspace, extensionPath: ROOT });
  console.log('\nAI Provenance demo is running.');
  console.log(`  workspace: ${workspace}`);
  console.log(`  open:      ${url}\n`);
  console.log(TOUR.map((step, i) => `  ${i + 1}. ${step}`).join('\n'));
  console.log('\nPress Ctrl+C to stop.\n');
  await new Promise((resolve) => server.child.once('exit', resolve));
  console.log('code-server stopped.');
}

main().catch((err) => {
  killAll();
  console.error(err instanceof PrereqError ? `demo: ${err.message}` : `demo: ${err?.stack ?? err}`);
  process.exit(1);
});
