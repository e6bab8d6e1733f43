/** `ai-provenance version`: the CLI version, for bug reports and hook diagnostics. */
import type { CliCommand } from '../command';

declare const AIP_VERSION: string | undefined;

export const CLI_VERSION = typeof AIP_VERSION === 'string' ? AIP_VERSION : '0.0.0-dev';

export const versionCommand: CliCommand = {
  name: 'version',
  usage: 'ai-provenance version',
  async run(_args, io) {
    io.out(`ai-provenance ${CLI_VERSION}\n`);
    return 0;
  },
};
