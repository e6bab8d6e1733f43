/**
 * `ai-provenance doctor [--json] [--last N]`: one screen saying whether provenance is being recorded and shared here —
 * git hooks installed and current, agents' hooks, notes sharing, and what the log says was dropped recently and why.
 * Exit 0 when healthy, 1 when something needs the user's action (one line per problem with the command to run).
 * Facts are read in src/git/doctorFacts.ts, judged in src/core/doctor/diagnose.ts.
 */
import * as os from 'node:os';
import { DEFAULT_DROPPED_SHOWN, diagnose, formatDoctorReport } from '../../core/doctor/diagnose';
import { doctorFacts } from '../../git/doctorFacts';
import { parseArgs, stringFlag } from '../args';
import { repoAt } from '../repoRange';
import { UsageError, type CliCommand } from '../command';

const USAGE = [
  'usage: ai-provenance doctor [--json] [--last N]',
  '',
  "Checks this repository: git hooks installed and current (as `hooks status`), agents' hooks installed, trusted or",
  'disabled (as `agents status`, project scope), notes shared with a remote or not (as `notes status`), and the last N',
  `(default ${DEFAULT_DROPPED_SHOWN}) lines of .git/ai-provenance/log.txt that record dropped or unplaced attribution.`,
  'Exits 1 when something needs your action, printing one line per problem with the command that fixes it.',
].join('\n');

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { valued: ['last'], boolean: ['json'] });
    if (parsed.positionals.length > 0)
      throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
    const lastFlag = stringFlag(parsed, 'last');
    const last = lastFlag === undefined ? DEFAULT_DROPPED_SHOWN : Number(lastFlag);
    if (!Number.isInteger(last) || last < 0)
      throw new UsageError(`--last must be a whole number, not ${JSON.stringify(lastFlag)}`);
    const repo = await repoAt(io.cwd);
    const home = io.env.HOME || io.env.USERPROFILE || os.homedir();
    const report = diagnose(
      await doctorFacts(repo, { home, ...(io.env.CODEX_HOME ? { codexHome: io.env.CODEX_HOME } : {}) }),
      last,
    );
    io.out(parsed.flags.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatDoctorReport(report));
    return report.healthy ? 0 : 1;
  },
};
