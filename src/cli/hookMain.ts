/**
 * Second entry point (bundled to dist/hookMain.js beside dist/cli.js, loaded by hookLoader.js) for the two commands hooks run on every commit
 * and every agent step: `git-hook` and `hook`. The launcher picks it for them, so a hook does not parse the code of
 * blame, report and the rest: node's start plus this file is most of a hook's cost.
 */
import { HOOK_ENTRY_COMMANDS } from '../git/hooks/hookScripts';
import type { CliCommand, CliIo } from './command';
import { runAsProcess } from './processIo';
import { runCommand } from './runCommand';

async function load(name: string): Promise<CliCommand | undefined> {
  if (name === 'git-hook') return (await import('./commands/gitHook.js')).gitHookCommand;
  if (name === 'hook') return (await import('./commands/hook.js')).hookCommand;
  return undefined;
}

export async function hookMain(argv: readonly string[], io: CliIo): Promise<number> {
  const [name = '', ...rest] = argv;
  const command = await load(name);
  if (!command) {
    io.err(
      `ai-provenance: this entry runs only ${HOOK_ENTRY_COMMANDS.join(' and ')}; use the ai-provenance CLI for '${name}'\n`,
    );
    return 2;
  }
  return runCommand(name, command, rest, io);
}

/** Runs this entry as the process (hookLoader.js calls it after loading this file with the code cache). */
export function runHookEntry(): void {
  runAsProcess(hookMain, true);
}

if (require.main === module) runHookEntry();
