/** Entry point of the `ai-provenance` CLI (bundled to dist/cli.js). Dispatches to commands/. */
import { UsageError, type CliIo } from './command';
import { COMMANDS } from './commands';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: ai-provenance <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `ai-provenance <command> --help` for a command\'s options.',
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
  const command = await entry.load();
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

function processIo(): CliIo {
  let stdinText: Promise<string> | undefined;
  return {
    cwd: process.cwd(),
    env: process.env,
    stdin: () =>
      (stdinText ??= new Promise((resolve) => {
        if (process.stdin.isTTY) return resolve('');
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
      })),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  };
}

if (require.main === module) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ai-provenance: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
