/**
 * The command line of the git process that runs a hook (its pid comes from the hook script as $PPID). Read from
 * /proc where there is one, else from `ps`; undefined when neither works. Used only to tell `--amend` apart.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

export async function gitCommandLine(pidText: string | undefined): Promise<string[] | undefined> {
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 1) return undefined;
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const argv = raw.split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    if (argv.length > 0) return argv;
  } catch {
    // no /proc (macOS, BSD): ask ps
  }
  if (process.platform === 'win32') return undefined;
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'args=', '-p', String(pid)], { timeout: 2000, encoding: 'utf8' }, (error, stdout) => {
      const text = error ? '' : stdout.trim();
      resolve(text === '' ? undefined : text.split(/\s+/));
    });
  });
}
