/** Runs one loaded command the way every entry point does: `--help`, usage errors (exit 2), failures (exit 1). */
import { UsageError, type CliCommand, type CliIo } from './command';

export async function runCommand(
  name: string,
  command: CliCommand,
  rest: readonly string[],
  io: CliIo,
): Promise<number> {
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`ai-provenance ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.err(`ai-provenance ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
