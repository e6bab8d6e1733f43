/** The shape of one `ai-provenance` subcommand. Each lives in its own file under commands/. */

export interface CliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Standard input as text (read lazily: most commands never need it). */
  readonly stdin: () => Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  /** `hook`, `blame`, `agents` ... */
  readonly name: string;
  /** Full usage text for `ai-provenance <name> --help`. */
  readonly usage: string;
  /** Returns the exit code. Throw `UsageError` for bad arguments. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Bad command-line input: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
