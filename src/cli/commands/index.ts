/** Every subcommand, in the order `--help` lists them. Add one import and one entry per new command file. */
import type { CliCommand } from '../command';
import { versionCommand } from './version';
import { hookCommand } from './hook';
import { agentsCommand } from './agents';
import { sessionCommand } from './session';
import { hooksCommand } from './hooks';
import { gitHookCommand } from './gitHook';
import { notesCommand } from './notes';
import { blameCommand } from './blame';
import { statsCommand } from './stats';
import { reportCommand } from './report';
import { checkCommand } from './check';
import { signoffCommand } from './signoff';

export const COMMANDS: readonly CliCommand[] = [
  versionCommand,
  hookCommand,
  agentsCommand,
  sessionCommand,
  hooksCommand,
  gitHookCommand,
  notesCommand,
  blameCommand,
  statsCommand,
  reportCommand,
  checkCommand,
  signoffCommand,
];
