/** Every subcommand, in the order `--help` lists them. Add one import and one entry per new command file. */
import type { CliCommand } from '../command';
import { versionCommand } from './version';

export const COMMANDS: readonly CliCommand[] = [
  versionCommand,
];
