/**
 * Test scaffolding in the product is reachable only in a test run: when the test harnesses set AI_PROVENANCE_TEST=1
 * (scripts/run-integration.mjs and scripts/test-electron.mjs for VS Code, test/git's hook environment for the CLI).
 * Then the extension registers its read-only inspection commands (src/extension/inspectionCommands.ts), and the fault
 * points below do what AI_PROVENANCE_FAULT asks (`throw:<point>` or `hang:<point>`). Every fault point is here.
 */

const TEST_FLAG_ENV = 'AI_PROVENANCE_TEST';
const FAULT_ENV = 'AI_PROVENANCE_FAULT';

type Env = Readonly<Record<string, string | undefined>>;

export function isTestRun(env: Env): boolean {
  return env[TEST_FLAG_ENV] === '1';
}

/** A crash, or a hang that only the caller's time limit ends, when a test run asks for it at `point`. */
async function faultPoint(point: string, env: Env): Promise<void> {
  if (!isTestRun(env)) return;
  const fault = env[FAULT_ENV];
  if (fault === `throw:${point}`) throw new Error(`injected fault at ${point}`);
  if (fault === `hang:${point}`) await new Promise((resolve) => setTimeout(resolve, 60 * 60_000));
}

/** In a git hook, once its repository is opened and before its work (points named after the hook). */
export function gitHookFault(hook: string, env: Env): Promise<void> {
  return faultPoint(hook, env);
}
