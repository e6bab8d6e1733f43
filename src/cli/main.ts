/** Entry point of the `ai-provenance` CLI (bundled to dist/cli.js). Dispatches to commands/. */
import type { CliIo } from './command';
import { COMMANDS } from './commands';
import { runAsProcess } from './processIo';
import { runCommand } from './runCommand';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: ai-provenance <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `ai-provenance <command> --help` for a command's options.",
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  if (name === '--version') return main(['version'], io);
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`ai-provenance: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  return runCommand(name, await entry.load(), rest, io);
}

if (require.main === module) runAsProcess(main);
