/** Runs the CLI in-process against a temp repository and captures its output. */
import { main } from '../../../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(cwd: string, args: readonly string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, {
    cwd,
    env: process.env,
    stdin: async () => '',
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}
