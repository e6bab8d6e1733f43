// Drives the VS Code workbench page in headless Chromium through playwright-core (never a downloaded browser).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './prereqs.mjs';

export async function launchBrowser({ runDir, headless = true }) {
  const executablePath = findChromium();
  const userDataDir = path.join(runDir, 'chromium-profile');
  fs.mkdirSync(userDataDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
    timeout: 60_000,
    // Copy and paste tests go through the real clipboard of the page.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** The workbench URL that loads our extension for development and runs the tests at `testsPath`. */
export function workbenchUrl({ port, workspace, extensionPath, testsPath, env }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['skipWelcome', 'true'],
  ];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  if (env) payload.push(['extensionEnvironment', JSON.stringify(env)]);
  // A `.code-workspace` file opens as a multi-root workspace; anything else as a folder.
  const open = workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return `http://127.0.0.1:${port}/?${open}=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
